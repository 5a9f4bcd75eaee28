"""Framing: the words each outlet uses for the same referent, with their spans, never a label.

Three kinds of evidence, each item pointing at the words in its article:

- ``term``: a contested term (data/framing_terms.json via ``account.framing_lexicon``): the same
  referent named in different ways (احتجاجات / أعمال شغب / هجوم إرهابي; قتلى / شهداء). A referent is
  shown when the story's outlets name it differently (two outlets whose sets of senses differ), or
  when one outlet puts its name in scare quotes that another writes plain.
- ``scare_quotes``: a short stretch in quotation marks (``extract.quote_marks``; fewer words than
  ``long_quote_words`` of data/quotes.json) that the quotes layer does not hold as speech and that no
  speech word introduces (قال، بحسب، وصف ...: then the marks are someone's words): the outlet keeps
  its distance from the term (``قوات “حفظ السلام”``). Marks inside someone's reported words are
  read as that speaker's own words, not as the outlet's distance. Words such as ما يسمى / المزعوم
  beside the marks make it so whatever comes before. A marked term outside the lexicon is kept only
  with such words beside it, and when another outlet of the story writes the same words plain (the
  two are shown side by side): on ANT, short marks without them were mostly names, titles of works
  and fragments of someone's words.
- ``learned``: terms the corpus shows an outlet uses for an entity where others do not
  (``account.framing_corpus``), when the story's outlets differ in them.

``voice`` says whose words the term is in: ``own`` (the outlet's), ``quoted`` (inside a direct
quote of the quotes layer, with its ``speaker``, or inside marks of ``long_quote_words`` words or more) or ``reported`` (inside reported speech, which the
outlet words itself). At most ``PER_BUCKET`` items are listed per outlet, referent, sense, kind and
voice; ``uses`` counts them all.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from riwaya.account.sentences import sentence_of
from riwaya.account.framing_lexicon import FramingLexicon, lexicon
from riwaya.extract.quote_lexicon import lexicon as quote_lexicon
from riwaya.extract.quote_marks import Marked, all_pairs
from riwaya.text.normalise import match, match_with_offsets, source_span

PER_BUCKET = 3
BEFORE = 4  # words before an opening mark looked at for a speech word (وصف X Y بـ"...")
_WORD = re.compile(r"[^\W\d_]+|\d+")
DISTANCING = "marks beside"
_PRONOUNS = ("هما", "هم", "هن", "ها", "ه")
_LETTER = re.compile(r"[^\W\d_]")
_TRIM = " \t\n.،,؛;:!?؟…-–—()"


@dataclass(frozen=True)
class Use:
    """One framing term in one article."""

    article: str
    outlet: str  # the article's outlet, or its id when it has none (it then counts as an outlet alone)
    kind: str  # term | scare_quotes | learned
    referent: str  # the lexicon group, "marked:<words>" for a scare-quoted term outside it, "entity:<id>"
    sense: str
    term: str  # the form as the lexicon writes it (or the marked words)
    start: int
    end: int
    text: str
    voice: str  # own | quoted | reported
    speaker: str | None
    sentence: tuple[int, int]
    evidence: str

    def to_json(self, label: tuple[str, str] | None, sense_label: tuple[str, str] | None, uses: int) -> dict:
        outlet = None if self.outlet == self.article else self.outlet  # an article with no outlet stands alone
        d = {"outlet": outlet, "kind": self.kind, "term": self.term, "article": self.article,
             "start": self.start, "end": self.end, "text": self.text, "referent": self.referent,
             "sense": self.sense, "voice": self.voice, "uses": uses, "evidence": self.evidence,
             "sentence": {"start": self.sentence[0], "end": self.sentence[1]}}
        if label:
            d["referent_label"] = {"ar": label[0], "en": label[1]}
        if sense_label:
            d["sense_label"] = {"ar": sense_label[0], "en": sense_label[1]}
        if self.speaker:
            d["speaker"] = self.speaker
        return d


def _words(text: str) -> list[str]:
    return _WORD.findall(match(text))


def _inner(text: str, m: Marked) -> tuple[int, int]:
    s, e = m.start, m.end
    while s < e and text[s] in _TRIM:
        s += 1
    while e > s and text[e - 1] in _TRIM:
        e -= 1
    return s, e


class _Marks:
    """An article's short closed quotation marks and what the words around them say of them."""

    def __init__(self, article, lex: FramingLexicon):
        self.text = article.text
        self.lex = lex
        self.qlex = quote_lexicon()
        self.quotes = [q for q in article.layer("quotes") if hasattr(q, "start")]
        self.short: list[tuple[int, int, Marked]] = []
        self.long: list[tuple[int, int]] = []  # marks long enough to be speech whoever says it
        for m in all_pairs(self.text, article.paragraphs):
            if not m.closed:
                continue
            s, e = _inner(self.text, m)
            n = len(_words(self.text[s:e]))
            if 0 < n < self.qlex.long_quote_words:
                self.short.append((s, e, m))
            elif n:
                self.long.append((s, e))

    def around(self, s: int, e: int) -> tuple[int, int, Marked] | None:
        """The short marks whose words are ``[s, e)`` itself (no other word inside them: a name such
        as حزب "إسرائيل بيتنا" is no scare quote on إسرائيل)."""
        for ms, me, m in self.short:
            if ms <= s and e <= me and not _LETTER.search(self.text, ms, s) and not _LETTER.search(self.text, e, me):
                return ms, me, m
        return None

    def _speech_word(self, w: str) -> bool:
        q = self.qlex
        for form in (w, w[1:] if len(w) > 2 and w[0] in "وفبل" else ""):
            if form and (self._describes(form) or q.verb(form) or q.lookup(form, q.participles)
                         or q.lookup(form, q.nominal) or q.lookup(form, q.say_nouns)):
                return True
        return False

    def _describes(self, w: str) -> bool:
        """A describing verb, with or without an object pronoun (وصفتهم، تعتبرها)."""
        return w in self.lex.describe or any(
            w.endswith(p) and len(w) - len(p) >= 3 and w[:-len(p)] in self.lex.describe for p in _PRONOUNS)

    def reading(self, ms: int, me: int, m: Marked) -> tuple[str, str]:
        """``("scare", why)`` or ``("quote", why)`` for the marks ``m`` (words ``[ms, me)``)."""
        before = _words(self.text[max(0, m.open - 80):m.open])[-BEFORE:]
        while before and len(before[-1]) == 1:  # an attached بـ / لـ written apart
            before = before[:-1]
        after = _words(self.text[m.end + 1:m.end + 40])[:3]
        for seq in self.lex.distancing:
            if before[-len(seq):] == list(seq) or after[:len(seq)] == list(seq):
                return "scare", f"{DISTANCING} {' '.join(seq)!r}"
        for q in self.quotes:
            if q.start <= ms and me <= q.end and q.direct and (q.end - q.start) <= (me - ms) + 2:
                return "quote", "the quotes layer holds the marks as speech"
        for w in before:
            if self._speech_word(w):
                return "quote", f"marks after the speech word {w!r}"
        for q in self.quotes:
            if q.start <= ms and me <= q.end and not q.direct and q.speaker is not None:
                return "quote", "marks inside reported words: the speaker's own"
        return "scare", "short marks that no speech word introduces"

    def voice(self, s: int, e: int) -> tuple[str, str | None]:
        """Whose words: the quotes layer's speaker, else "quoted" inside marks long enough to be speech."""
        voice, speaker = _voice(self.quotes, s, e)
        if voice == "own" and any(ls <= s and e <= le for ls, le in self.long):
            return "quoted", None
        return voice, speaker


def _voice(quotes, s: int, e: int) -> tuple[str, str | None]:
    for q in quotes:
        if q.start <= s and e <= q.end:
            speaker = q.speaker.text if q.speaker else None
            return ("quoted" if q.direct else "reported"), speaker
    return "own", None


def voice_of(article, s: int, e: int) -> tuple[str, str | None]:
    """Whose words ``[s, e)`` of ``article`` are: own, or quoted / reported with the speaker."""
    return _voice([q for q in article.layer("quotes") if hasattr(q, "start")], s, e)


def article_uses(article, outlet: str, lex: FramingLexicon | None = None
                 ) -> tuple[list[Use], list[Use], list[tuple[int, int]]]:
    """An article's contested terms, its scare-quoted terms outside the lexicon (candidates), and the
    words of its short quotation marks."""
    lex = lex or lexicon()
    text = article.text or ""
    marks = _Marks(article, lex)
    uses: list[Use] = []
    held: set[int] = set()
    for h in lex.find(text):
        voice, speaker = marks.voice(h.start, h.end)
        kind, why = "term", f"lexicon {h.group}/{h.sense}: {h.form}"
        got = marks.around(h.start, h.end)
        if got is not None:
            held.add(got[2].open)
            reading, how = marks.reading(*got)
            if reading == "scare":
                kind, why = "scare_quotes", f"{how}; {why}"
            elif voice == "own":
                voice = "quoted"
        uses.append(Use(article.id, outlet, kind, h.group, h.sense, h.form, h.start, h.end, text[h.start:h.end],
                        voice, speaker, sentence_of(article, h.start), why))
    others: list[Use] = []
    for ms, me, m in marks.short:
        if m.open in held:
            continue
        reading, how = marks.reading(ms, me, m)
        if reading != "scare" or not how.startswith(DISTANCING):
            continue  # outside the lexicon, only marks with words of distance beside them
        key = " ".join(_words(text[ms:me]))
        if not key or key.isdigit():
            continue
        voice, speaker = marks.voice(ms, me)
        others.append(Use(article.id, outlet, "scare_quotes", f"marked:{key}", "marked", text[ms:me], ms, me,
                          text[ms:me], voice, speaker, sentence_of(article, ms), how))
    return uses, others, [(s, e) for s, e, _ in marks.short]


def _plain(article, outlet: str, key: str, marked_spans: list[tuple[int, int]]) -> list[Use]:
    """Where ``article`` writes the words ``key`` (matching form) outside quotation marks."""
    folded, offsets = match_with_offsets(article.text)
    pat = re.compile(r"(?<![^\W_])[وفبلك]?(?:ال)?" + r"\s+".join(map(re.escape, key.split())) + r"(?![^\W_])")
    out = []
    for m in pat.finditer(folded):
        s, e = source_span(offsets, m.start(), m.end())
        if any(ms <= s and e <= me for ms, me in marked_spans):
            continue
        out.append(Use(article.id, outlet, "term", f"marked:{key}", "plain", key, s, e, article.text[s:e], "own",
                       None, sentence_of(article, s), "the same words written without quotation marks"))
    return out


def _shown(uses: list[Use]) -> bool:
    """A referent is shown when two outlets name it differently, or one scare-quotes what another
    writes plain."""
    senses: dict[str, set[str]] = defaultdict(set)
    for u in uses:
        senses[u.outlet].add(u.sense)
    if len(senses) >= 2 and len({frozenset(v) for v in senses.values()}) >= 2:
        return True
    scare = {u.outlet for u in uses if u.kind == "scare_quotes"}
    plain = {u.outlet for u in uses if u.kind != "scare_quotes"}
    # an outlet that never marks it writes it plain, or one that only ever marks it meets one that writes it
    return bool(scare) and bool(plain - scare or (scare - plain and plain))


def _outlet(a) -> str:
    return a.outlet or a.id


def story_uses(reads, learned=None) -> list[Use]:
    """Every framing use of a story's articles that the story's outlets differ in."""
    arts = [r.article for r in reads if r.article.text]
    if len({_outlet(a) for a in arts}) < 2:
        return []
    lex = lexicon()
    by_ref: dict[str, list[Use]] = defaultdict(list)
    candidates: list[Use] = []
    marked_spans: dict[str, list[tuple[int, int]]] = {}
    for a in arts:
        uses, others, marked_spans[a.id] = article_uses(a, _outlet(a), lex)
        for u in uses:
            by_ref[u.referent].append(u)
        candidates += others
    for key in sorted({c.referent[len("marked:"):] for c in candidates}):
        scare = [c for c in candidates if c.referent == f"marked:{key}"]
        outlets = {c.outlet for c in scare}
        plain = [u for a in arts if _outlet(a) not in outlets for u in _plain(a, _outlet(a), key, marked_spans.get(a.id, []))]
        if plain:
            by_ref[f"marked:{key}"] = scare + plain
    if learned is not None:
        for u in learned(arts):
            by_ref[u.referent].append(u)
    out = []
    for ref in sorted(by_ref):
        uses = by_ref[ref]
        if ref.startswith("marked:") or _shown(uses):
            out += uses
    return out


def framing(reads, learned=None) -> list[dict]:
    """The story's framing items (schema: docs/schema/stories.schema.json, ``framing``)."""
    lex = lexicon()
    buckets: dict[tuple, list[Use]] = defaultdict(list)
    for u in story_uses(reads, learned):
        buckets[(u.referent, u.outlet, u.sense, u.kind, u.voice)].append(u)
    out = []
    for key in sorted(buckets):
        us = sorted(buckets[key], key=lambda u: (u.article, u.start))
        ref, sense = key[0], key[2]
        group = next((g for g in lex.groups if g.id == ref), None)
        label = group.label if group else None
        sense_label = next((s.label for s in group.senses if s.id == sense), None) if group else None
        out += [u.to_json(label, sense_label, len(us)) for u in us[:PER_BUCKET]]
    return out
