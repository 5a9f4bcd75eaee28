"""The date vocabulary, folded to the matching form and indexed by token sequence.

Every phrase from the ``dates_*.json`` data files is folded with ``normalise.match`` and split
with the same tokenizer the parser uses, so the data can be written in ordinary spelling. A phrase
maps to a dict of *tags* (category -> value): "الثانية" is both a day ordinal (2) and an hour (2).
Compound numbers (13, 21, "ثمانية عشر") are built here from units, teens and tens.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from riwaya.data import load_json
from riwaya.text.normalise import match

#: tag categories that can start an expression
START_CATS = frozenset({"month", "hmonth", "wd", "wdb", "rel", "now", "period", "plural", "holiday", "hourw", "hord",
                        "part", "ago", "after", "within", "ord", "last", "night", "now", "w:يوم", "w:اليوم", "w:عام",
                        "w:سنه", "w:العام", "w:شهر", "w:الشهر", "w:الاسبوع", "w:بتاريخ"})
#: tag categories whose words open a parsing window (durations open at their unit word)
TRIGGER_CATS = (START_CATS - {"wdb", "ago", "after", "within"}) | {"unit", "mod"}
#: digits that open a window: a 4-digit year, or a numeric date or time ("13/1", "3:18")
DIGIT_TRIGGER = re.compile(r"\d(?:\d\d\d(?!\d)|\s?[:/.\-]\s?\d)")
TOKEN = re.compile(r"\d+|[^\W\d_]+|[^\w\s]")
CLITICS = "وفبلك"


def fold_tokens(phrase: str) -> tuple[str, ...]:
    return tuple(TOKEN.findall(match(phrase)))


@dataclass(frozen=True)
class Lexicon:
    phrases: dict  # tuple[str, ...] -> {category: value}
    firsts: frozenset  # first tokens of multi-token phrases
    known: frozenset  # every token of every phrase
    maxlen: int
    future_words: frozenset
    future_prefixes: tuple
    not_future: frozenset
    past_words: frozenset
    report_words: frozenset  # past reporting verbs: a past cue for a bare weekday only
    subjunctive_leads: frozenset  # token tuples that open a planned clause ("على أن يلتقيا")
    today_not_before: frozenset
    today_not_after: frozenset
    ambiguous_months: frozenset
    hijri_ambiguous: frozenset
    hijri_holidays: dict  # name tokens -> (month, day, length)
    fixed_holidays: dict
    ambiguous_holidays: frozenset
    weekday_not_after: frozenset
    night_words: frozenset  # a night named by two weekdays after these: "ليل الأربعاء الخميس"
    month_context: frozenset
    named_date_lead: frozenset
    holiday_context: frozenset
    starts: frozenset  # tokens an expression can start with
    trigger: re.Pattern  # cheap pre-filter over the folded text: words where expressions may start


def _ordinals(w: dict) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    units = {int(k): v for k, v in w["ordinal_units"].items()}
    for n, forms in units.items():
        out.setdefault(n, []).extend(forms)
    ones = w["ordinal_compound_one"]
    for n in range(1, 10):
        base = ones if n == 1 else units[n]
        for b in base:
            for t in w["teen"]:
                out.setdefault(10 + n, []).append(f"{b} {t}")
    for tens, tforms in ((int(k), v) for k, v in w["ordinal_tens"].items()):
        out.setdefault(tens, []).extend(tforms)
        for n in range(1, 10):
            if tens + n > 31:
                break
            base = ones if n == 1 else units[n]
            for b in base:
                for t in tforms:
                    out.setdefault(tens + n, []).append(f"{b} و {t}")
    return out


def _cardinals(w: dict) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    units = {int(k): v for k, v in w["cardinal_units"].items()}
    for n, forms in units.items():
        out.setdefault(n, []).extend(forms)
    for n, forms in w["cardinal_teens"].items():
        out.setdefault(int(n), []).extend(forms)
    for n in range(3, 10):
        for b in units[n]:
            for t in w["teen"]:
                out.setdefault(10 + n, []).append(f"{b} {t}")
    for tens, tforms in ((int(k), v) for k, v in w["cardinal_tens"].items()):
        out.setdefault(tens, []).extend(tforms)
        for n in range(1, 10):
            for b in units[n] + (["احدى", "واحد"] if n == 1 else []):
                for t in tforms:
                    out.setdefault(tens + n, []).append(f"{b} و {t}")
    return out


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    months = load_json("dates_months.json")
    words = load_json("dates_words.json")
    times = load_json("dates_times.json")
    hol = load_json("dates_holidays.json")
    tense = load_json("dates_tense.json")
    phrases: dict[tuple, dict] = {}

    def add(phrase: str, cat: str, value) -> None:
        toks = fold_tokens(phrase)
        if toks:
            phrases.setdefault(toks, {}).setdefault(cat, value)

    for n, names in months["gregorian"].items():
        for name in names:
            if "/" not in name:
                add(name, "month", int(n))
    for n, names in months["hijri"].items():
        for name in names:
            add(name, "hmonth", int(n))
    for s in months["hijri_year_suffix"]:
        add(s, "ysuffix", "h")
    for s in months["gregorian_year_suffix"]:
        add(s, "ysuffix", "g")
    for n, forms in _ordinals(words).items():
        for f in forms:
            add(f, "ord", n)
    for n, forms in _cardinals(words).items():
        for f in forms:
            add(f, "card", n)
    for n, forms in words["weekdays"].items():
        for f in forms:
            add(f, "wd", int(n))
    for n, forms in words["weekdays_bare"].items():
        for f in forms:
            add(f, "wdb", int(n))
    for phrase, k in words["relative_days"].items():
        add(phrase, "rel", k)
    for phrase in words["now"]:
        add(phrase, "now", True)
    for phrase, g in words["periods"].items():
        add(phrase, "period", g)
    for phrase, g in words["period_plurals"].items():
        add(phrase, "plural", g)
    for kind, forms in words["modifiers"].items():
        for f in forms:
            add(f, "mod", kind)
    duals = {fold_tokens(d) for d in words["dual_units"]}
    for grain, forms in words["units"].items():
        for f in forms:
            add(f, "unit", (grain, 2 if fold_tokens(f) in duals else None))
    intervals = {fold_tokens(p) for p in words["part_intervals"]}
    for kind, forms in words["parts"].items():
        for f in forms:
            add(f, "part", (kind, fold_tokens(f) in intervals))
    for f in words["ago"]:
        add(f, "ago", True)
    for f in words["after"]:
        add(f, "after", True)
    for f in words["within"]:
        add(f, "within", True)
    for f in words["range_to"]:
        add(f, "to", True)
    for f in words["last_words"]:
        add(f, "last", True)
    for n, forms in times["hour_ordinals"].items():
        for f in forms:
            add(f, "hord", int(n))
    for f in times["hour_word"]:
        add(f, "hourw", True)
    for f in times["minute_word"]:
        add(f, "minw", True)
    for f, m in times["fractions"].items():
        add(f, "frac", m)
    for f in times["minus"]:
        add(f, "minus", True)
    for kind, forms in times["day_parts"].items():
        for f in forms:
            add(f, "dpart", kind)
    for f in times["nights"]:
        add(f, "night", True)
    for z, off in times["zones"].items():
        add(z, "zone", off)
    for f in times["zone_lead"]:
        add(f, "zonelead", True)
    hijri_h = {}
    for name, spec in hol["hijri"].items():
        add(name, "holiday", ("h", fold_tokens(name)))
        hijri_h[fold_tokens(name)] = tuple(spec)
    fixed = {}
    for name, spec in hol["fixed"].items():
        add(name, "holiday", ("g", fold_tokens(name)))
        fixed[fold_tokens(name)] = tuple(spec)
    for name in hol["easter"]:
        add(name, "holiday", ("easter", fold_tokens(name)))
    for w in ("من", "في", "ب", "ل", "عام", "سنة", "العام", "شهر", "يوم", "اليوم", "الموافق", "هذا", "هذه",
              "الذي", "بحلول", "بتاريخ", "تاريخ", "قبل", "بعد", "منذ", "الأسبوع", "الشهر", "الساعة", "و"):
        add(w, "w:" + match(w), True)
    firsts = frozenset(k[0] for k in phrases if len(k) > 1)
    known = frozenset(t for k in phrases for t in k)
    starts = frozenset(k[0] for k, tags in phrases.items() if START_CATS.intersection(tags))
    # the words a window opens at: starts of expressions, less very common function words (an
    # expression that starts with one, "منذ 3 أيام", "في هذه اللحظة", holds a rarer word too)
    common = {"من", "في", "ب", "ل", "و", "هذا", "هذه", "حتي", "بعد", "قبل", "منذ", "خلال"}
    trig = {k[0] for k, tags in phrases.items() if TRIGGER_CATS.intersection(tags)} - common
    trig |= {k[-1] for k, tags in phrases.items() if len(k) > 1 and k[0] in common and START_CATS.intersection(tags)}
    trigger_words = sorted(trig - common)
    trigger = re.compile(r"\b[وفبلك]{0,2}(?:" + _trie(trigger_words) + r")(?![^\W\d_])")
    fw = {match(w) for w in tense["future_words"]}
    return Lexicon(
        phrases=phrases, firsts=firsts, known=known, maxlen=max(len(k) for k in phrases),
        future_words=frozenset(fw), future_prefixes=tuple(match(p) for p in tense["future_prefixes"]),
        not_future=frozenset(match(w) for w in tense["not_future"]),
        past_words=frozenset(match(w) for w in tense["past_words"]),
        report_words=frozenset(match(w) for w in tense["report_words"]),
        subjunctive_leads=frozenset(tuple(match(w).split()) for w in tense["subjunctive_leads"]),
        today_not_before=frozenset(match(w) for w in words["today_exclusions_before"]),
        today_not_after=frozenset(match(w) for w in words["today_exclusions_after"]),
        ambiguous_months=frozenset(fold_tokens(m) for m in months["ambiguous"]),
        hijri_ambiguous=frozenset(fold_tokens(m) for m in months["hijri_ambiguous"]),
        hijri_holidays=hijri_h, fixed_holidays=fixed,
        ambiguous_holidays=frozenset(fold_tokens(h) for h in hol["ambiguous"]),
        weekday_not_after=frozenset(match(w) for w in words["weekday_not_after"]),
        night_words=frozenset(match(w) for w in words["night_words"]),
        month_context=frozenset(match(w) for w in words["month_context"]),
        named_date_lead=frozenset(match(w) for w in words["named_date_lead"]),
        holiday_context=frozenset(match(w) for w in hol["bare_context"]),
        starts=starts | {"حتي", "من", "هذا", "هذه", "يوم"},
        trigger=trigger,
    )


def _trie(words) -> str:
    """One regex alternation for many words, shared prefixes factored (fast to scan)."""
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        end = "" in node
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return ("(?:" + body + ")?") if end else body

    return emit(root)


def tokenize(folded: str, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
    """Tokens of ``folded[start:end]`` with their spans; a clitic (و ف ب ل ك) is split off a known word."""
    lex = lexicon()
    known = lex.known
    out: list[tuple[str, int, int]] = []
    for m in TOKEN.finditer(folded, start, len(folded) if end is None else end):
        t = m.group()
        if t in known or len(t) < 3 or t[0] not in CLITICS:
            out.append((t, *m.span()))
            continue
        s, e = m.span()
        k = 0
        while k < 2 and t not in known and len(t) > 2 and t[0] in CLITICS and (t[1:] in known or
                                                                             (t[1] in CLITICS and t[2:] in known)):
            out.append((t[0], s, s + 1))
            t, s = t[1:], s + 1
            k += 1
        out.append((t, s, e))
    return out
