"""Who said what: direct and reported speech, with speaker, cue and the media relaying it.

Rules, read off one sentence at a time (cues in ``data/quotes.json``, see ``extract.quote_lexicon``):

- **Speech verb** (قال، أضاف، أكد، أعلن ... in any person, tense or voice, with و/ف attached): the
  speaker is the noun phrase after it (``وزير الدفاع الروسي، سيرغي شويغو``; a time word may come
  first: ``ذكرت الاثنين وكالة الأناضول``), up to a word that ends a name (a preposition, a time word,
  a relative pronoun, a complementizer). The words said follow a complementizer (أن، إن، بأن with
  any pronoun: أنه، إنها), a colon, or an opening quotation mark after the speaker (``أشار إلى أن``,
  ``قال في بيان له اليوم إن``; past eight words only after a comma, and marks only after a comma, a
  colon, إلى/على, or an adverbial when they hold a long quotation). Impersonal formulas (يُذكر أن)
  are no speech. A verb with no speaker after it (``وأضاف أن``) takes a short subject before it
  (``وكان X أعلن``, ``إلا أن منظمة العفو تقول إن``), else the last person or institution named since
  the quote before (``توجه الرئيس الكازاخستاني ... وقال``), else the speaker of the quote before,
  agreeing in gender (``وأضافت`` skips a man). A participle (``مضيفا أن``) takes the speaker before,
  or the subject of its sentence when that sentence opens with a speech verb or no one spoke before.
  ``X، نقلا عن Y، أن``: Y speaks and X relays.
- **Relaying verb** (``نقلت وكالة X عن Y قوله إن``): Y speaks, X is ``via``.
- **Nominal cue** (بحسب، وفقا لـ، نقلا عن، حسبما ...): in a sentence that already has a quote, the
  source it names is a ``via`` of that quote (``بحسب ما نقلته وكالة سبوتنيك``); alone, it attributes
  the clause before it (``..., بحسب مصادر طبية``) or after it (``وبحسب المنظمة، ...``) to that source.
- **Media** between a speaker and the words are ``via`` (``لوكالة رويترز``، ``على موقعها الرسمي``).
- **Quotation marks** (``quote_marks``): words in marks that a cue introduces are direct speech;
  so are marks followed by a cue (``"..."، قال X``) or opened after a colon. Marks inside reported
  words stay part of them, and cues inside marks are part of the words quoted. Other marks are
  scare quotes or titles (قوات "حفظ السلام") unless they hold at least ``long_quote_words`` words
  and no title noun (فيلم، منظمة، عملية ...) stands before them; then they are speech, by the
  speaker before.

Reported words run from the complementizer to the end of the sentence (or of the marks opened in
it; after a colon, to the paragraph's end), less a trailing relaying clause or the next cue.
``direct`` is True when they are all inside marks (then the span is the words inside the marks) or
follow a colon. Every quote keeps the rule it came from, and how its speaker was found, in
``evidence``; ``entity`` of speakers and media is None until a linking stage fills it. Checks of
"inside marks" and "already read" use character maps, so the stage is linear in the text. Speakers
that the cue does not name are resolved in ``extract.quote_speakers``.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from riwaya.extract.quote_lexicon import QuoteLexicon, lexicon
from riwaya.extract.quote_marks import Marked
from riwaya.extract.quote_reading import COMMA, TOKEN, VIA_WORDS, TextReader, containing, trim
from riwaya.extract.quote_speakers import SPEAKER_WORDS, resolve_speakers
from riwaya.model import Article, Phrase, Quote
from riwaya.pipeline import stage

_END = frozenset(".!?؟;؛")
_CAN = frozenset({"كان", "كانت", "كانوا"})
TRIGGER_WINDOW = 30  # words from a speaker's end to its complementizer, colon or quotation mark
SHORT_GAP = 8  # past this many words, the complementizer must follow a comma (قال X في ...، إن)


@dataclass
class _Found:
    start: int
    end: int
    cue: Phrase | None
    speaker: Phrase | None
    direct: bool
    evidence: str
    order: int  # where the attribution is read (for resolving "وأضاف" to the one before)
    needs_speaker: bool = False
    via: list[Phrase] = field(default_factory=list)
    feminine: bool | None = None  # of the cue verb, to find who a bare "وأضافت" refers to
    subject: Phrase | None = None  # a participle's: the subject of its sentence's first verb
    subject_speaks: bool = False  # ... and that verb is a speech verb (وعلقت عايدة رياض ... قائلة)


class _Finder(TextReader):
    """The quote rules over one article (``TextReader`` reads its names, marks and media)."""

    def __init__(self, article: Article, lex: QuoteLexicon):
        super().__init__(article, lex)
        self.found: list[_Found] = []



    def trigger(self, j: int, stop: int) -> tuple[str, int] | None:
        """The complementizer, colon or opening mark that introduces the words said."""
        t, lex = self.t, self.lex
        k, end = j, min(stop, j + TRIGGER_WINDOW)
        while k < end:
            raw, w = t.raw(k), t.word[k]
            near = k - j <= SHORT_GAP or t.raw(k - 1) in COMMA
            m = self.open_at.get(t.start[k])
            if m is not None:
                # words in marks are the words said when nothing but adverbials precede them
                # (شويغو خلال اجتماعه، "..."; دعت إلى "..."), not inside an object (بدء انسحاب قوات "...")
                if k == j or t.raw(k - 1) in COMMA or t.raw(k - 1) == ":" or lex.lookup(t.word[k - 1], lex.bridges):
                    return "mark", k
                # a long quotation after an adverbial or a medium: قال X لشبكة "سكاي" البريطانية "..."
                if m.closed and j < len(t.word) and self.stops_name(j) and self.word_count(m) >= lex.long_quote_words:
                    return "mark", k
                if not m.closed:
                    return None
                k = max(k + 1, t.index(m.end + 1))  # a name in marks on the way: لشبكة "سكاي" البريطانية
                continue
            if raw == ":":
                # far from the speaker only after an adverbial or a medium (في تصريحات لشبكة "..." ...:)
                return ("colon", k) if near or self.adverbial_after(j) else None
            if lex.is_complementizer(w):
                return ("that", k) if near else None
            if raw in _END or lex.verb(w) or lex.lookup(w, lex.participles):
                return None
            k += 1
        return None

    def words_from(self, k: int, stop_pos: int, kind: str) -> tuple[int, int, bool] | None:
        """The span of the words said from trigger token ``k``, with whether they are direct."""
        t = self.t
        if kind == "mark":
            m = self.open_at[t.start[k]]
            return m.start, m.end, True
        if k + 1 >= len(t.start):
            return None
        s = t.start[k + 1]
        end = stop_pos
        if kind == "colon" and s not in self.open_at:
            end = max(end, self.paragraph_end(s))  # وأضاف: ... (speech without marks runs to the paragraph's end)
        end = self.through_marks(s, end)
        end = self.cut_at_next_cue(s, end)
        s, end = trim(self.text, s, end)
        if end - s < 2:
            return None
        m = self.open_at.get(s)
        if m is not None and m.closed and m.end == end - 1:
            return m.start, m.end, True
        return s, end, kind == "colon"


    def cut_at_next_cue(self, s: int, end: int) -> int:
        """Reported words end before the next cue of their sentence (not inside marks)."""
        t, lex = self.t, self.lex
        k = t.index(s)
        while k < len(t.start) and t.start[k] < end:
            p = t.start[k]
            if not self.quoted[p]:
                w = t.word[k]
                if lex.lookup(w, lex.participles) or lex.lookup(w, lex.nominal) or (
                        lex.verb(w) and t.start[k] > s and (t.raw(k - 1) in COMMA or self.says_soon(k))):
                    back = k
                    while back > 0 and t.start[back - 1] >= s and t.raw(back - 1) in COMMA:
                        back -= 1
                    if t.start[back] > s:
                        return t.start[back]
            k += 1
        return end

    def says_soon(self, k: int) -> bool:
        """A verb with its complementizer or colon within a few words (كما أشار أن، وأكد الوزير أن)."""
        t = self.t
        for n in range(k + 1, min(len(t.start), k + 5)):
            if t.raw(n) == ":" or self.lex.is_complementizer(t.word[n]):
                return True
            if not t.is_word(n):
                return False
        return False


    def add(self, f: _Found) -> None:
        self.found.append(f)
        self.cover(f.start, f.end)

    # --- rules --------------------------------------------------------------------------------
    def sentence(self, s0: int, s1: int) -> None:
        t, lex = self.t, self.lex
        a, b = t.index(s0), t.index(s1)
        first_here = len(self.found)
        nominal = []
        for i in range(a, b):
            if self.is_covered(t.start[i]) or self.in_marks(t.start[i]):
                continue
            w = t.word[i]
            if lex.verb(w):
                self.verb_cue(i, a, b, s1, participle=False)
            elif lex.lookup(w, lex.participles):
                self.verb_cue(i, a, b, s1, participle=True)
            elif lex.lookup(w, lex.relay_from_verbs) and not (i > a and t.word[i - 1] in ("ما", "لما")):
                self.relay_cue(i, b, s1)
            elif lex.lookup(w, lex.nominal):
                nominal.append(i)
        here = self.found[first_here:]  # this sentence's quotes, in the order of their cues
        for i in nominal:
            if not self.is_covered(self.t.start[i]):
                self.nominal_cue(i, a, b, s0, s1, here)

    def verb_cue(self, i: int, a: int, b: int, s1: int, participle: bool) -> None:
        t = self.t
        if self.lex.lookup(t.word[i], self.lex.formulas) and i + 1 < b and \
                (self.lex.is_complementizer(t.word[i + 1]) or self.lex.lookup(t.word[i + 1], self.lex.bridges)):
            return  # يُذكر أن، يُشار إلى أن: no one speaks
        n = i + 1
        while not participle and n < b and (self.lex.lookup(t.word[n], self.lex.times) or t.raw(n) in COMMA):
            n += 1  # ذكرت الاثنين وكالة الأناضول أن: a time word before the speaker
        if n >= b or self.lex.is_complementizer(t.word[n]) or not t.is_word(n) or self.stops_name(n):
            n = i + 1
        j = i + 1 if participle else self.name_end(n, b, SPEAKER_WORDS, commas=True)
        trig = self.trigger(j, b)
        if trig is None:
            return
        kind, k = trig
        said = self.words_from(k, s1, kind)
        if said is None:
            return
        cue = Phrase(t.start[i], t.end[i], t.raw(i))
        speaker = None if participle else self.phrase(n, j)
        relayed = self.relayed_from(j, k)
        if relayed is not None:  # وأوضح التقرير، نقلا عن المفوض، أن: the commissioner speaks, the report relays
            if speaker is not None:
                relayed[1].append(speaker)
            speaker = relayed[0]
        needs = speaker is None
        how = "participle" if participle else "verb"
        if speaker is None and not participle:
            speaker = self.subject_before(i, a)
            if speaker is not None:
                needs, how = False, "verb, subject before it"
        f = _Found(said[0], said[1], cue, speaker, said[2], f"{how} {t.word[i]} + {kind}", t.start[i], needs,
                   feminine=self.lex.feminine(t.word[i]), subject=self.sentence_subject(a, i) if participle else None,
                   subject_speaks=participle and bool(self.lex.verb(t.word[a])))
        f.via.extend(self.media_between(j, k))
        if relayed is not None:
            f.via.extend(relayed[1])
        self.add(f)

    def relayed_from(self, j: int, k: int) -> tuple[Phrase | None, list[Phrase]] | None:
        """``نقلا عن X`` between a speaker and the words said: X, to speak instead."""
        t = self.t
        n = j
        while n < k and t.raw(n) in COMMA:
            n += 1
        if n + 1 < k and self.lex.lookup(t.word[n], frozenset({"نقلا"})) and t.word[n + 1] == "عن":
            e = self.name_end(n + 2, k, SPEAKER_WORDS, commas=False)
            self.cover(t.start[n], t.end[e - 1] if e > n + 2 else t.end[n + 1])
            return self.phrase(n + 2, e), []
        return None

    def relay_cue(self, i: int, b: int, s1: int) -> None:
        """نقلت وكالة X عن Y (قوله) إن ...: Y speaks, X relays."""
        t = self.t
        j = self.name_end(i + 1, b, VIA_WORDS, commas=False)
        if j == i + 1:
            return
        medium_end = j
        while j < min(b, medium_end + 8) and t.word[j] != "عن" and not self.lex.is_complementizer(t.word[j]) \
                and t.raw(j) not in _END and t.raw(j) != ":":
            j += 1  # ونقل موقع المرصد السعودي، الذي أورد الخبر، عن ...
        if j >= b or t.word[j] != "عن":
            return
        k0 = self.name_end(j + 1, b, SPEAKER_WORDS, commas=True)
        trig = self.trigger(k0, b)
        if trig is None:
            return
        said = self.words_from(trig[1], s1, trig[0])
        if said is None:
            return
        speaker, medium = self.phrase(j + 1, k0), self.phrase(i + 1, medium_end)
        f = _Found(said[0], said[1], Phrase(t.start[i], t.end[j], self.text[t.start[i]:t.end[j]]), speaker,
                   said[2], f"relay {t.word[i]} ... عن + {trig[0]}", t.start[i], speaker is None)
        if medium is not None:
            f.via.append(medium)
        self.add(f)

    def sentence_subject(self, a: int, i: int) -> Phrase | None:
        """``رفض الجناح الجزائري ...، مشيرا إلى أن``: the noun phrase after the verb that opens the
        sentence (a first word without the article, a preposition or a digit is read as a verb)."""
        t, lex = self.t, self.lex
        if a + 1 >= i or not t.is_word(a) or t.word[a].startswith(("ال", "وال")) or t.raw(a)[0].isdigit() \
                or lex.lookup(t.word[a], lex.speaker_stops) or lex.is_complementizer(t.word[a]):
            return None
        return self.phrase(a + 1, self.name_end(a + 1, i, SPEAKER_WORDS - 2, commas=True))

    def subject_before(self, i: int, a: int) -> Phrase | None:
        """``وكان الرئيس X أعلن أن`` or ``الوزير أكد أن``: a short subject before the verb."""
        t, lex = self.t, self.lex
        k = i - 1
        while k >= a and i - k <= 6 and (t.is_word(k) or t.raw(k) == "#") and not self.stops_name(k) \
                and not lex.lookup(t.word[k], _CAN):
            k -= 1
        if k == i - 1:
            return None
        # the subject starts the sentence, or follows كان or a connector (إلا أن منظمة العفو تقول إن)
        if k >= a and not (lex.lookup(t.word[k], _CAN) or lex.lookup(t.word[k], lex.connectors)):
            return None
        if k < a and i - a > 4:
            return None
        return self.phrase(k + 1, i)


    def nominal_cue(self, i: int, a: int, b: int, s0: int, s1: int, here: list[_Found]) -> None:
        t, lex = self.t, self.lex
        j, relay = i + 1, False
        if t.word[i] in ("نقلا",) and (j >= b or t.word[j] != "عن"):
            return
        while j < b and (lex.lookup(t.word[j], lex.nominal_links) or t.raw(j) in ("لـ",)) and j - i < 3:
            j += 1
        if j < b and (lex.lookup(t.word[j], lex.relay_verbs) or self.verb_with_pronoun(t.word[j])):
            relay, j = True, j + 1
        attached = j < b and len(t.word[j]) > 2 and t.word[j][0] == "ل" and t.word[j - 1] not in ("ما", "لما") \
            and lex.lookup(t.word[i], frozenset({"وفقا", "طبقا", "تبعا"})) is not None
        e = self.name_end(j, b, VIA_WORDS, commas=False)
        source = self.phrase(j, e, skip_prefix=attached)
        if source is None and not relay:
            return
        cue = self.span_phrase(t.start[i], t.end[max(i, j - 1)])
        if here:  # the sentence already quotes someone: this names who relays it
            if source is not None:
                nearest(here, t.start[i]).via.append(source)
            return
        before = [k for k in range(a, i) if t.is_word(k)]
        if len(before) >= 3:
            s, end = trim(self.text, s0, t.start[i])
        else:
            k = e
            while k < b and (t.raw(k) in COMMA or lex.is_complementizer(t.word[k])):
                k += 1
            if k >= b:
                return
            s, end = t.start[k], s1
            end = self.through_marks(s, end)
            end = self.cut_at_next_cue(s, end)
            s, end = trim(self.text, s, end)
        if end - s < 2:
            return
        direct = False
        m = self.open_at.get(s)
        if m is not None and m.closed and m.end == end - 1:
            s, end, direct = m.start, m.end, True
        how = "relaying" if relay else "source"
        f = _Found(s, end, cue, source, direct, f"nominal {t.word[i]} ({how})", t.start[i], source is None)
        self.add(f)
        here.append(f)

    def marked(self, sentences) -> None:
        """Quotation marks no cue has claimed: attributed after them, after a colon, or long."""
        t, lex = self.t, self.lex
        for m in self.marks:
            if self.is_covered(m.start) or m.end - m.start < 2:
                continue
            s, e = trim(self.text, m.start, m.end)
            if e - s < 2:
                continue
            f = self.postposed(m, s, e, sentences) if m.closed else None
            if f is None:
                k = t.index(m.open) - 1
                prev = t.raw(k) if k >= 0 else ""
                nwords = sum(1 for x in TOKEN.findall(self.text[s:e]) if x[0].isalnum())
                if prev == ":":
                    f = _Found(s, e, None, None, True, "marks after a colon", m.open, True)
                elif nwords >= lex.long_quote_words and not (k >= 0 and lex.lookup(t.word[k], lex.title_nouns)):
                    f = _Found(s, e, None, None, True, f"marks, {nwords} words", m.open, True)
            if f is not None:
                self.add(f)

    def postposed(self, m: Marked, s: int, e: int, sentences) -> _Found | None:
        """``"..."، قال X`` / ``"..."، حسب بيان X``: the cue right after the closing mark."""
        t, lex = self.t, self.lex
        sent = containing(sentences, m.open)
        if sent is None or any(c.isalnum() for c in self.text[sent[0]:m.open]):
            return None  # only a quotation that opens its sentence
        k = t.index(m.end + 1)
        while k < len(t.start) and t.raw(k) in COMMA:
            k += 1
        if k >= len(t.start) or t.start[k] - m.end > 4:
            return None
        stop = len(t.start)
        if k < len(t.start) and (after := containing(sentences, t.start[k])) is not None:
            stop = t.index(after[1])
        w = t.word[k]
        if lex.verb(w):
            j = self.name_end(k + 1, stop, SPEAKER_WORDS, commas=True)
            speaker = self.phrase(k + 1, j)
            return _Found(s, e, Phrase(t.start[k], t.end[k], t.raw(k)), speaker, True,
                          f"marks, then verb {w}", t.start[k], speaker is None)
        if lex.lookup(w, lex.nominal):
            j = k + 1
            while j < stop and lex.lookup(t.word[j], lex.nominal_links) and j - k < 3:
                j += 1
            relay = j < stop and lex.lookup(t.word[j], lex.relay_verbs) is not None
            j += 1 if relay else 0
            src = self.phrase(j, self.name_end(j, stop, VIA_WORDS, commas=False))
            cue = self.span_phrase(t.start[k], t.end[max(k, min(j, stop) - 1)])
            if relay:
                f = _Found(s, e, cue, None, True, f"marks, then relaying {w}", t.start[k], True)
                if src is not None:
                    f.via.append(src)
                return f
            return _Found(s, e, cue, src, True, f"marks, then {w}", t.start[k], src is None)
        return None


def nearest(found: list[_Found], pos: int) -> _Found:
    """Of quotes sorted by where their cue is read, the one read nearest ``pos``."""
    i = bisect_left(found, pos, key=lambda f: f.order)
    near = [found[x] for x in (i - 1, i) if 0 <= x < len(found)]
    return min(near, key=lambda f: abs(f.order - pos))


def find_quotes(article: Article, lex: QuoteLexicon | None = None) -> tuple[Quote, ...]:
    """Every quote of ``article`` (its ``sentences`` layer, else its paragraphs, else its text)."""
    if not article.text:
        return ()
    finder = _Finder(article, lex or lexicon())
    spans = sorted((s.start, s.end) for s in article.layer("sentences")) or \
        sorted((p.start, p.end) for p in article.paragraphs) or [(0, len(article.text))]
    for s0, s1 in spans:
        finder.sentence(s0, s1)
    finder.marked(spans)
    # overlapping finds (a cue read twice): keep the first of each overlap
    kept: list[_Found] = []
    for f in sorted(finder.found, key=lambda f: (f.start, -(f.end - f.start))):
        if kept and f.start < kept[-1].end:
            continue
        kept.append(f)
    finder.found = kept
    return tuple(resolve_speakers(finder))


@stage("quotes", requires=["text", "sentences"], assigns=["quotes"], version="1")
def quotes(article: Article) -> Article:
    """The ``quotes`` layer: every quote of the article (``find_quotes``)."""
    return article.with_layer("quotes", find_quotes(article))
