"""Bytes to text: BOMs, UTF-8, windows-1256 (common on Arabic sites), a declared charset, then a
guess; binary data and damaged UTF-8 are refused with the reason (never decoded into mojibake)."""
from __future__ import annotations

import codecs
import re

from riwaya.errors import BinaryInput

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_DECLARED = re.compile(rb"""(?:<meta[^>]+charset|<\?xml[^>]+encoding)\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
_ARABIC = re.compile(r"[\u0600-\u06ff]")
# A Latin letter glued to an Arabic one: what a Latin-1/UTF-8 page read as windows-1256 looks like.
_MIXED = re.compile(r"[A-Za-z][\u0600-\u06ff]|[\u0600-\u06ff][A-Za-z]")
_SAMPLE = 20000


def _plausible(text: str) -> bool:
    if not text:
        return False
    sample = text[:_SAMPLE]
    bad = len(_CONTROL.findall(sample))
    return bad / len(sample) < 0.01 and "\ufffd" not in sample


def _plausible_1256(text: str) -> bool:
    """windows-1256 maps every byte, so it 'decodes' anything: accept it only for Arabic-looking text."""
    sample = text[:_SAMPLE]
    arabic = len(_ARABIC.findall(sample))
    return _plausible(sample) and arabic > 0 and len(_MIXED.findall(sample)) * 20 < arabic


def _damaged_utf8(data: bytes, err: UnicodeDecodeError) -> str | None:
    """The reason when ``data`` is UTF-8 with a few bad bytes (not another encoding), else None."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 0x7F) - bad
    if good > bad:
        return (f"undecodable bytes: UTF-8 text with {bad} invalid byte sequence(s), the first at byte "
                f"{err.start} ({err.reason})")
    return None


def decode(data: bytes, where: str, member: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding)`` or raise ``BinaryInput`` naming the input."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc), enc
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
                return text, enc
        raise BinaryInput(where, "binary data (NUL bytes), not text", member)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        damaged = _damaged_utf8(data, err)
        if damaged:
            raise BinaryInput(where, damaged, member) from None
    else:
        if not _plausible(text):
            raise BinaryInput(where, "control characters: binary data, not text", member)
        return text, "utf-8"
    declared = _DECLARED.search(head)
    if declared:
        enc = declared.group(1).decode("ascii", "ignore").lower()
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            pass
        else:
            if _plausible(text) and codecs.lookup(enc).name not in ("utf-8", "cp1256"):
                return text, enc
    text = data.decode("cp1256")  # every byte maps
    if _plausible_1256(text):
        return text, "cp1256"
    return _guess(data, where, member)


def _guess(data: bytes, where: str, member: str | None) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is not None:
        try:
            text = data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            text = ""
        if _plausible(text):
            return text, best.encoding
    raise BinaryInput(where, "bytes are not text in UTF-8, UTF-16 or windows-1256", member)
