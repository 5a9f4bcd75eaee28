"""Seeds acceptance: spellings and short names of one entity are one id; what differs stays apart.

There is no NER here: mentions are the forms below found in the cleaned seed texts, at their real
offsets (a longer form wins where two overlap). A form that occurs only inside a longer one (بوتين
in فلاديمير بوتين) is also linked on its own, in a second pass over the same text, as a later
article would name it.
"""
from __future__ import annotations

import re

import pytest

from riwaya.extract.canonical import Matcher
from riwaya.model import Mention

pytestmark = pytest.mark.shared

FORMS = {
    "PER": ["قاسم جومارت توكاييف", "توكاييف", "سيرغي شويغو", "شويغو", "فلاديمير بوتين", "بوتين", "جين ساكي", "ساكي",
            "نور سلطان نزارباييف", "نزارباييف", "ستيفان دوجاريك", "أندريه سيرديوكوف", "سيرديوكوف",
            "نيكول باشينيان", "شوكت ميرضيايف"],
    "LOC": ["ألما آتا", "ألماتي", "كازاخستان", "قازاقستان", "روسيا"],
    "ORG": ["الكرملين", "منظمة معاهدة الأمن الجماعي", "وزارة الدفاع الروسية"],
}
ONE = [("توكاييف", "قاسم جومارت توكاييف"), ("ألما آتا", "ألماتي"), ("كازاخستان", "قازاقستان"),
       ("شويغو", "سيرغي شويغو"), ("بوتين", "فلاديمير بوتين"), ("ساكي", "جين ساكي")]
APART = [("كازاخستان", "ألماتي"), ("توكاييف", "نزارباييف"), ("بوتين", "روسيا")]


def _mentions(text: str, longest: bool) -> list[Mention]:
    spans = [(m.start(), m.end(), label) for label, names in FORMS.items() for n in names
             for m in re.finditer(re.escape(n), text)]
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    out, end = [], -1
    for s, e, label in spans:
        if not longest or s >= end:
            out.append(Mention(start=s, end=e, text=text[s:e], label=label))
            end = max(end, e)
    return out


def test_seed_spellings(seeds_dir):
    from riwaya.ingest import read
    from riwaya.text.clean import clean

    texts = [clean(d).text for p in sorted(seeds_dir.glob("*.txt")) for d in read([str(p)])]
    m = Matcher()
    of: dict[str, set[str]] = {}
    for passes in (True, False):
        for text in texts:
            ms = _mentions(text, longest=passes)
            for mt, ln in zip(ms, m.link(ms)):
                assert text[mt.start:mt.end] == mt.text
                of.setdefault(mt.text, set()).add(ln.entity)
    for a, b in ONE:
        assert of[a] == of[b] and len(of[a]) == 1, (a, b, of[a], of[b])
    for a, b in APART:
        assert not of[a] & of[b], (a, b)


def test_seeds_end_to_end_with_the_tagger(seeds_dir, tmp_path):
    """The whole chain on the seeds: the tagger's mentions (and the places it missed) linked by the
    corpus stage; each spelling pair is one entity, and what differs stays apart."""
    import json

    from riwaya.job import analyse, cluster, ingest_paths, write_outputs
    from riwaya.store import MemoryStore
    from riwaya.story.embed import NullEmbedder

    store = MemoryStore()
    ingest_paths(store, [str(seeds_dir)])
    analyse(store)
    cluster(store, NullEmbedder())
    write_outputs(store, tmp_path)
    ent: dict[str, set] = {}
    for line in (tmp_path / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        for m in json.loads(line)["entities"]:
            if m["entity"]:
                ent.setdefault(m["text"], set()).add(m["entity"])
    one = lambda a, b: a in ent and b in ent and ent[a] == ent[b] and len(ent[a]) == 1  # noqa: E731
    for a, b in [("توكاييف", "قاسم جومارت توكاييف"), ("ألما آتا", "ألماتي"), ("كازاخستان", "قازاقستان"),
                 ("شويغو", "سيرغي شويغو"), ("ساكي", "جين ساكي")]:
        assert one(a, b), (a, b, ent.get(a), ent.get(b))
    assert ent["كازاخستان"] != ent["ألماتي"]
    assert not (ent.get("نور سلطان نزارباييف", set()) & ent["توكاييف"])
