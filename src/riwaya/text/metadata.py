"""Metadata read from the page text alone: a derived title, the outlet, the author.

Each reader returns the value and its evidence (the rule and the words it came from), or None.
Outlet names are mapped through ``data/outlets.json`` (web domains, spellings in running text);
news agencies named beside an outlet in a dateline are relays, not the outlet.
"""
from __future__ import annotations

import re
from functools import lru_cache

from riwaya.data import load_json
from riwaya.text.normalise import match

TITLE_MAX_WORDS = 16
_DOMAIN = re.compile(r"(?:https?://)?(?:www\.)?((?:[a-z0-9-]+\.)+[a-z]{2,})", re.I)
# "(پاکستان پوائنٹ نیوز / سبوتنيك - 13 كانون الثاني 2022ء)", "(CNN)--", "أتلانتا، الولايات المتحدة (CNN) --"
_DATELINE = re.compile(r"^[^()\n]{0,60}?\(([^()\n]{2,80})\)\s*(?:[-—–]{1,3}|:)?")
_DONATE = re.compile(r"^\s*ادعم\s+(.{2,40}?)\s*[.!]?$")
_BYLINE_CUE = re.compile(r"^\s*(?:بقلم|كتب|كتبت|إعداد|اعداد|الكاتب|الكاتبة|المحرر|المحررة|تحرير)\s*:?\s*(.{2,40}?)\s*$"
                         r"|^\s*(?:[Bb]y|[Ww]ritten by|[Aa]uthor:|[Rr]eporting by)\s+(.{2,40}?)\s*$")
_CLAUSE = re.compile(r"[،,;؛:]")


@lru_cache(maxsize=1)
def _outlets() -> tuple[dict[str, str], dict[str, str], frozenset[str]]:
    d = load_json("outlets.json")
    names = {match(k): v for k, v in d["names"].items()}
    return d["domains"], names, frozenset(match(a) for a in d["agencies"])


@lru_cache(maxsize=1)
def _outlet_words() -> frozenset[str]:
    return frozenset(match(w).strip() for w in load_json("outlets.json").get("outlet_words", ()))


_ARTICLE = re.compile(r"^(?:the|al)\s+")


def outlet_core(text: str) -> str:
    """The distinctive part of an outlet's name in matching form: 'شبكة الميزان الإخبارية' ->
    'الميزان', 'The Coastline Post' -> 'coastline post' (outlet words and a leading article dropped,
    unless nothing else is left)."""
    key = _ARTICLE.sub("", match(text).strip())
    words = _outlet_words()
    core = [w for w in key.split() if w not in words]
    return " ".join(core) if core else key


def masthead_outlet(line: str, furniture_keys: list[str]) -> tuple[str, str] | None:
    """The outlet a short line above the headline names, when it is the page's masthead: it holds
    an outlet word ('شبكة', 'News', 'Post'), is a known outlet, or its name recurs in the page's
    furniture (a byline 'By Coastline Post staff', a caption credit '(الميزان)', '© ... الأفق')."""
    text = line.strip()
    if not text or len(text.split()) > 5 or any(ch.isdigit() for ch in text) or re.search(r"[.!?؟:،,;\"«»“”()]", text):
        return None
    key = match(text).strip()
    core = outlet_core(text)
    known = _outlets()[1]
    marked = any(w in _outlet_words() for w in _ARTICLE.sub("", key).split()) and core != key and len(core.split()) <= 2
    recurs = len(core) >= 3 and any(re.search(rf"(?<![^\W\d_]){re.escape(core)}(?![^\W\d_])", k) or
                                    re.search(rf"\b[لب]{re.escape(core)}\b", k) for k in furniture_keys)
    if not (marked or recurs or key in known or core in known):
        return None
    why = "outlet word" if marked else ("named again in the page" if recurs else "known outlet")
    return outlet_name(text), f"masthead ({why}): {text}"


_COPYRIGHT = re.compile(r"^\s*(?:©|\(c\)|copyright|جميع الحقوق محفوظة|حقوق النشر محفوظة|all rights reserved|[\s.,،:\-–\d])+", re.IGNORECASE)
_COPYRIGHT_TAIL = re.compile(r"(?:©|copyright|all rights reserved|جميع الحقوق محفوظة|[\s.,،:\-–\d])+$", re.IGNORECASE)


def outlet_from_copyright(line: str) -> tuple[str, str] | None:
    """'© جميع الحقوق محفوظة لصحيفة الأفق 2024' -> ('صحيفة الأفق', 'copyright: ...')."""
    rest = _COPYRIGHT_TAIL.sub("", _COPYRIGHT.sub("", line)).strip()
    rest = re.sub(r"^(?:ل(?=(?:صحيفة|جريدة|موقع|شبكة|قناة|وكالة|مجلة|مؤسسة|دار)\b)|لـ\s*|to\s+|by\s+)", "", rest).strip()
    if not rest or len(rest.split()) > 4 or any(ch.isdigit() for ch in rest):
        return None
    return outlet_name(rest), f"copyright: {line.strip()}"


_CORRESPONDENT = re.compile(r"^[^:|]{2,30}\s[-–—]\s(?:مراسل(?:ة|و|ي)?|مراسلنا|مكتب)\s+(.{2,30}?)\s*$")


def outlet_from_correspondent(line: str) -> tuple[str, str] | None:
    """'وادي السدرة - مراسل الأفق' -> ('الأفق', 'correspondent line: ...')."""
    m = _CORRESPONDENT.match(line.strip())
    if not m or len(m.group(1).split()) > 3:
        return None
    return outlet_name(m.group(1)), f"correspondent line: {line.strip()}"


def outlet_from_domain(text: str) -> str | None:
    m = _DOMAIN.search(text)
    if not m:
        return None
    host = m.group(1).lower()
    domains = _outlets()[0]
    parts = host.split(".")
    for i in range(len(parts) - 1):
        cand = ".".join(parts[i:])
        if cand in domains:
            return domains[cand]
    return host


def outlet_name(text: str) -> str:
    """A known outlet's name for a spelling, or the spelling itself (display form, trimmed)."""
    return _outlets()[1].get(match(text).strip(), text.strip())


def is_agency(text: str) -> bool:
    return match(text).strip() in _outlets()[2]


def outlet_from_source_line(line: str) -> tuple[str, str] | None:
    """'المصدرwww.france24.com' -> ('France 24', 'source line: ...')."""
    rest = re.sub(r"^\s*(?:المصدر|source)\s*:?\s*", "", line, flags=re.I)
    if rest == line:
        return None
    rest = re.split(r"\s+[-–—]\s+", rest.strip())[0]  # "الميزان - خاص": the outlet, then "exclusive"/"agencies"
    name = outlet_from_domain(rest) or (outlet_name(rest) if 0 < len(rest.split()) <= 4 else None)
    return (name, f"source line: {line.strip()}") if name else None


def outlet_from_donation(line: str) -> tuple[str, str] | None:
    """'ادعم عنب بلدي' -> ('عنب بلدي', 'donation prompt: ادعم عنب بلدي')."""
    m = _DONATE.match(line)
    if not m or len(m.group(1).split()) > 4:
        return None
    return outlet_name(m.group(1)), f"donation prompt: {line.strip()}"


def outlet_from_dateline(paragraph: str) -> tuple[str, str] | None:
    """The outlet named in a dateline that opens the first paragraph: '(NAME / AGENCY - DATE)'.

    The first name that is not a news agency is the outlet; a dateline naming only an agency
    gives that agency (the page relays it under its own name)."""
    m = _DATELINE.match(paragraph)
    if not m:
        return None
    inner = m.group(1)
    head = re.split(r"\s+[-—–]\s+", inner)[0]
    names = [n.strip() for n in re.split(r"\s*/\s*", head) if n.strip()]
    known = _outlets()[1]
    dated = len(re.split(r"\s+[-—–]\s+", inner)) > 1
    names = [n for n in names if len(n.split()) <= 5]
    if not names or not (dated or "/" in head or any(match(n).strip() in known for n in names)):
        return None
    pick = next((n for n in names if not is_agency(n)), names[0])
    return outlet_name(pick), f"dateline: ({inner})"


def author_from_byline(line: str) -> str | None:
    """'بقلم: فلان' or 'By X' -> the name; a bare name line is handled by the caller."""
    m = _BYLINE_CUE.match(line)
    if not m:
        return None
    return (m.group(1) or m.group(2)).strip()


def derive_title(lead: str) -> str:
    """A headline from the lead sentence: up to the first clause break after a few words, at most
    ``TITLE_MAX_WORDS`` words."""
    words = lead.split()
    cut = len(words)
    pos = 0
    for i, w in enumerate(words):
        pos += 1
        if i >= 5 and _CLAUSE.search(w[-1:]):
            cut = i + 1
            break
    cut = min(cut, TITLE_MAX_WORDS)
    title = " ".join(words[:cut]).rstrip("،,;؛:.")
    return title + ("…" if cut < len(words) and not title.endswith("…") else "")
