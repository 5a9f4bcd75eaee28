"""Bytes to text: BOMs, UTF-8, windows-1256 (common on Arabic sites), then a guess; binary refused."""
from __future__ import annotations

import codecs
import re

from riwaya.errors import BinaryInput

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_-]+)""", re.I)


def _plausible(text: str) -> bool:
    if not text:
        return False
    bad = len(_CONTROL.findall(text[:20000]))
    return bad / min(len(text), 20000) < 0.01 and "\ufffd" not in text[:20000]


def decode(data: bytes, where: str, member: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding)`` or raise ``BinaryInput`` naming the input."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc), enc
            except UnicodeDecodeError as err:
                raise BinaryInput(where, f"byte order mark says {enc} but the bytes are not ({err.reason})", member)
    head = data[:4096]
    if b"\x00" in head:
        # UTF-16 without BOM shows NULs in every other byte of ASCII text.
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _plausible(text):
                return text, enc
        raise BinaryInput(where, "binary data (NUL bytes), not text", member)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(head)
    candidates = []
    if declared:
        candidates.append(declared.group(1).decode("ascii", "ignore").lower())
    candidates += ["cp1256", "cp1252"]
    for enc in candidates:
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        if _plausible(text):
            return text, enc
    raise BinaryInput(where, "bytes are not text in UTF-8, UTF-16 or windows-1256", member)
