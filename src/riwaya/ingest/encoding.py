"""Bytes to text: BOMs, UTF-8, windows-1256 (common on Arabic sites), a declared charset,
windows-1252 for Western European text, then a guess; binary data is refused with the reason
(never decoded into mojibake).

A file that is UTF-8 in part (lines in UTF-8 beside lines in windows-1256 or Latin-1, or a few
damaged bytes) is decoded line by line: each line that is not UTF-8 is read in the legacy
encoding it is plausible in, or with its bad bytes replaced by U+FFFD, and ``Decoded.warnings``
says which lines and how (one sentence per kind, naming the first line and the count)."""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from riwaya.errors import BinaryInput

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffd]")
_DECLARED = re.compile(rb"""(?:<meta[^>]+charset|<\?xml[^>]+encoding)\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
_ARABIC = re.compile(r"[\u0600-\u06ff]")
# A Latin letter glued to an Arabic one: what a Latin-1/UTF-8 page read as windows-1256 looks like.
_MIXED = re.compile(r"[A-Za-z][\u0600-\u06ff]|[\u0600-\u06ff][A-Za-z]")
# What windows-1252 text in English or French holds beyond ASCII: accented Latin letters, ligatures
# and typographic punctuation. Text in another single-byte encoding read as windows-1252 shows
# other characters (box drawing, currency signs, C1 controls) or almost only accented letters.
_WESTERN = re.compile(r"[\u00a0-\u00ff\u0152\u0153\u0178\u2013\u2014\u2018-\u201e\u2022\u2026\u20ac\u2122]")
_LATIN = re.compile(r"[^\W\d_]")
_SAMPLE = 20000


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # "utf-8", "cp1256", ... or "mixed" (decoded line by line)
    warnings: tuple[str, ...] = ()


def _plausible(text: str) -> bool:
    """Text, not binary: fewer than 1% control characters and replacement characters (U+FFFD)."""
    if not text:
        return False
    sample = text[:_SAMPLE]
    bad = len(_CONTROL.findall(sample))
    return bad / len(sample) < 0.01


def _plausible_1256(text: str) -> bool:
    """windows-1256 maps every byte, so it 'decodes' anything: accept it only for Arabic-looking text."""
    sample = text[:_SAMPLE]
    arabic = len(_ARABIC.findall(sample))
    return _plausible(sample) and arabic > 0 and len(_MIXED.findall(sample)) * 20 < arabic


def _plausible_1252(text: str) -> bool:
    """Western European text: every non-ASCII character is one such text uses, and most letters are
    plain ASCII (Russian or Greek read as windows-1252 is almost all accented letters)."""
    sample = text[:_SAMPLE]
    high = [ch for ch in sample if ord(ch) > 0x7F]
    if not _plausible(sample) or not high or len(_WESTERN.findall(sample)) != len(high):
        return False
    letters = len(_LATIN.findall(sample))
    return letters > 0 and len(high) * 3 < letters


def _legacy(data: bytes) -> tuple[str, str] | None:
    """``data`` as windows-1256 Arabic or windows-1252 Western text, if it is plausibly either."""
    text = data.decode("cp1256")  # every byte maps
    if _plausible_1256(text):
        return text, "cp1256"
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return (text, "cp1252") if _plausible_1252(text) else None


def _mostly_utf8(data: bytes) -> bool:
    """More valid UTF-8 multi-byte characters than invalid sequences: UTF-8 with damage."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 0x7F) - bad
    return good > bad


def _has_utf8_lines(lines: list[bytes]) -> bool:
    """Some line is valid UTF-8 beyond ASCII: the file is UTF-8, in part at least."""
    return any(not line.isascii() and _is_utf8(line) for line in lines)


_HOW = {"cp1256": "decoded as windows-1256", "cp1252": "decoded as windows-1252 (Latin-1)",
        "replace": "not valid UTF-8: bad bytes replaced by U+FFFD"}


def _by_line(lines: list[bytes]) -> Decoded:
    out: list[str] = []
    counts: dict[str, list[int]] = {}  # how -> [count, first line]
    for n, line in enumerate(lines, 1):
        try:
            out.append(line.decode("utf-8"))
            continue
        except UnicodeDecodeError:
            pass
        got = None if _mostly_utf8(line) else _legacy(line)
        text, how = got if got else (line.decode("utf-8", "replace"), "replace")
        out.append(text)
        seen = counts.setdefault(how, [0, n])
        seen[0] += 1
    warnings = tuple(f"{count} line(s) {_HOW[how]}, the first line {first}"
                     for how, (count, first) in counts.items())
    return Decoded("\n".join(out), "mixed", warnings)


def decode_text(data: bytes, where: str, member: str | None = None) -> Decoded:
    """The text of ``data``, or ``BinaryInput`` naming the input."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            if enc == "utf-8":
                data = data[len(bom):]
                break
            try:
                return Decoded(data[len(bom):].decode(enc), enc)
            except UnicodeDecodeError as err:
                raise BinaryInput(where, f"byte order mark says {enc} but the bytes are not ({err.reason} "
                                         f"at byte {err.start + len(bom)})", member) from None
    head = data[:4096]
    if b"\x00" in head:
        # UTF-16 without BOM shows NULs in every other byte of ASCII text.
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _plausible(text) and not _CONTROL.search(text[:200]):
                return Decoded(text, enc)
        raise BinaryInput(where, "binary data (NUL bytes), not text", member)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if not _plausible(text):
            raise BinaryInput(where, "control characters: binary data, not text", member)
        return Decoded(text, "utf-8")
    lines = data.split(b"\n")
    if _has_utf8_lines(lines) or _mostly_utf8(data):
        got = _by_line(lines)
        sample = got.text[:_SAMPLE]
        if _plausible(sample.replace("\ufffd", "")) and sample.count("\ufffd") * 10 < len(sample):
            return got  # replaced bytes are said in the warnings; a tenth of the text is too many
        raise BinaryInput(where, "bytes are mostly not text: UTF-8 in part, the rest neither UTF-8, "
                          "windows-1256 nor windows-1252", member)
    declared = _DECLARED.search(head)
    if declared:
        enc = declared.group(1).decode("ascii", "ignore").lower()
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            pass
        else:
            if _plausible(text) and codecs.lookup(enc).name not in ("utf-8", "cp1256"):
                return Decoded(text, enc)
    legacy = _legacy(data)
    if legacy:
        return Decoded(*legacy)
    return _guess(data, where, member)


def decode_records(data: bytes, where: str, member: str | None = None) -> Decoded:
    """Text of one record per line (JSON Lines): as ``decode_text``, but when that refuses the file,
    lines are decoded one by one if most of them are UTF-8 (a NUL or a stray control byte then
    fails its own line, not the file)."""
    try:
        return decode_text(data, where, member)
    except BinaryInput:
        lines = data.split(b"\n")
        full = [ln for ln in lines if ln.strip()]
        utf8 = sum(1 for ln in full if _is_utf8(ln))
        if not full or utf8 * 2 < len(full):
            raise
    return _by_line(lines)


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode(data: bytes, where: str, member: str | None = None) -> tuple[str, str]:
    """``(text, encoding)`` of ``data`` (see ``decode_text``), or ``BinaryInput``."""
    got = decode_text(data, where, member)
    return got.text, got.encoding


def _guess(data: bytes, where: str, member: str | None) -> Decoded:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is not None:
        try:
            text = data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            text = ""
        if _plausible(text):
            return Decoded(text, best.encoding)
    raise BinaryInput(where, "bytes are not text in UTF-8, UTF-16, windows-1256 or windows-1252", member)
