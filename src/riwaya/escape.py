"""Names and text from the outside world, made safe to store and to show.

- ``printable_name``: a file or archive member name as text that encodes as UTF-8. A name whose
  bytes are not UTF-8 arrives with lone surrogates (Python's ``surrogateescape``); each becomes
  ``\\xNN`` (the byte it stands for), so the name can be stored, printed and told apart.
- ``visible``: text for one line of a terminal: control characters (newline, ESC, ...), bidi
  controls and other invisible format characters are written as escapes (``\\n``, ``\\u202e``),
  so a name can neither start a new line nor reorder what follows it.
- ``strip_bidi_controls``: text for a report, without the bidi embeddings, overrides and isolates
  a user string could use to reorder the page around it.
"""
from __future__ import annotations

import re

# Lone surrogates: U+DC80..U+DCFF stand for one undecodable byte each (surrogateescape).
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# C0 and C1 controls, DEL, and the invisible format characters that change how a line reads:
# bidi embeddings/overrides/isolates and marks, line/paragraph separators, zero-width chars, BOM.
_INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")
_BIDI_CONTROLS = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _surrogate(m: re.Match) -> str:
    code = ord(m.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def printable_name(name: str) -> str:
    """``name`` with each lone surrogate written as an escape: always encodable as UTF-8."""
    return _SURROGATE.sub(_surrogate, name) if _SURROGATE.search(name) else name


def _escape(m: re.Match) -> str:
    ch = m.group()
    if ch in _SHORT:
        return _SHORT[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` for one line of output: lone surrogates, control characters and invisible
    format characters (bidi controls, zero-width characters) written as visible escapes."""
    return _INVISIBLE.sub(_escape, printable_name(text))


def strip_bidi_controls(text: str) -> str:
    """``text`` without bidi embeddings, overrides and isolates (U+202A..U+202E, U+2066..U+2069)."""
    return _BIDI_CONTROLS.sub("", text)


__all__ = ["printable_name", "strip_bidi_controls", "visible"]
