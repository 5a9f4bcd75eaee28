"""Who speaks when the text does not say it at the cue: a bare "وأضاف", a participle, marks alone.

The quotes finder (``extract.quotes``) marks such quotes ``needs_speaker``; here they get, in the
order their cues are read: a participle, the subject of its sentence when that sentence opens with
a speech verb or no one has spoken yet; else the last person or institution named (a noun phrase
opened by one of ``speaker_heads``: الرئيس، الوزارة، المتحدث ...) between the quote before and this
cue, outside quoted words and agreeing with the verb's gender (وأضافت takes الوزارة, not الوزير);
else the speaker of the last quote whose verb agrees in gender. Each choice is written into the
quote's ``evidence``.
"""
from __future__ import annotations

from itertools import islice

from riwaya.extract.quote_lexicon import norm
from riwaya.model import Phrase, Quote

# ``finder`` below is an ``extract.quotes._Finder`` (its tokens, lexicon, phrase and name readers)
SPEAKER_WORDS = 9  # words at most in a speaker's noun phrase
LOOK_BACK = 2000  # characters searched back for the one a bare "وأضاف" refers to


def feminine_name(word: str) -> bool:
    """المتحدثة، الوزارة، الحكومة: a noun phrase whose first word (matching form) ends in ta marbuta."""
    return word.endswith("ه")


def named_before(finder, lo: int, hi: int, feminine: bool | None) -> Phrase | None:
    """The last person or institution named (الرئيس الكازاخستاني، الوزارة) in text[lo:hi], outside
    quoted words, agreeing with the verb that refers to it."""
    t, lex = finder.t, finder.lex
    k = t.index(hi) - 1
    lo = max(lo, hi - LOOK_BACK)
    while k >= 0 and t.start[k] >= lo:
        w = t.word[k]
        if lex.lookup(w, lex.speaker_heads) and not finder.is_covered(t.start[k]):
            if feminine is None or feminine_name(w) == feminine:
                return finder.phrase(k, finder.name_end(k + 1, len(t.start), SPEAKER_WORDS - 1, commas=True))
        k -= 1
    return None


def resolve_speakers(finder) -> list[Quote]:
    """The finder's quotes as ``Quote`` values, each with a speaker where one can be found."""
    out = []
    history: list[tuple[int, Phrase, bool | None]] = []  # (end of the quote, speaker, feminine)
    for f in sorted(finder.found, key=lambda f: (f.order, f.start)):
        speaker, ev = f.speaker, f.evidence
        if f.needs_speaker and speaker is None:
            prev = next((h for h in islice(reversed(history), 20)
                         if f.feminine is None or h[2] is None or h[2] == f.feminine), None)
            participle = f.evidence.startswith("participle")
            named = None if participle and prev else named_before(finder, prev[0] if prev else 0, f.order, f.feminine)
            if participle and f.subject is not None and (prev is None or f.subject_speaks):
                speaker, ev = f.subject, ev + "; speaker the subject of its sentence"
            elif named is not None:
                speaker, ev = named, ev + "; speaker named before"
            elif prev is not None:
                speaker, ev = prev[1], ev + "; speaker from the quote before"
        if speaker is not None:
            fem = f.feminine if f.feminine is not None else feminine_name(norm(speaker.text.split()[0]))
            history.append((max(f.end, f.order), speaker, fem))
        via = tuple(sorted({(v.start, v.end): v for v in f.via if v is not None}.values(), key=lambda v: v.start))
        out.append(Quote(f.start, f.end, finder.text[f.start:f.end], speaker, f.cue, via, f.direct, ev))
    return sorted(out, key=lambda q: q.start)
