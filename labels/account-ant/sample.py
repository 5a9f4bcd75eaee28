"""Draw the items labelled in labels/account-ant (reproducible; writes no article text into the repo).

Usage, from the worktree root:

    PYTHONPATH=src python labels/account-ant/sample.py ../shared/corpora/ant-2018.tar.gz > labels/account-ant/items.jsonl
    PYTHONPATH=src python labels/account-ant/sample.py ../shared/corpora/ant-2018.tar.gz --show > /tmp/view.txt

Frame: the gold stories of labels/ant-2018-heldout (10 and 22 March, 4 and 18 April 2018), made by hand
and independent of riwaya's story engine; a story is kept when its articles come from at least two
outlets. Articles: one copy per distinct text, cleaned one at a time (``riwaya.text.clean.clean``, no
corpus furniture model) and analysed by the per-article stages the account reads (language, sentences,
dates, published, quantities).

Items (one per figure mention, independent of the account's measure grouping):
- ``q``: every item of the quantities layer that is not inside a date expression;
- ``d``: every date expression at day, week or month grain that ends after the article's publication day
  (a due date or a planned day is one of these), whatever its cue words.
Each item: ``id`` (story/docno/start), ``story``, ``docno``, ``outlet``, ``start``, ``end`` (offsets into
the cleaned text), ``sha1`` (8 hex of the span text), ``value``, ``low``, ``high``, ``qualifier``, ``unit``,
``counts`` (what riwaya reads), ``published``.

``--show`` prints every item with its sentence (for the labeller; keep that output outside the repository).
"""
from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

from riwaya.eval.account import articles, sha8

HERE = Path(__file__).resolve().parent
FRAME = HERE.parent / "ant-2018-heldout" / "labels.jsonl"
EXTRA = HERE / "extra-stories.jsonl"


def frame() -> dict[str, list[str]]:
    """Story -> DOCNOs (the held-out gold stories and the extra days' stories of extra-stories.jsonl), for
    stories told by at least two outlets."""
    by: dict[str, list[str]] = defaultdict(list)
    for line in FRAME.read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            by[r["story"]].append(r["docno"])
    if EXTRA.exists():
        for line in EXTRA.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                by[r["story"]].extend(r["docnos"])
    return {s: sorted(d) for s, d in by.items() if len({x.split("-")[0] for x in d}) >= 2}


def _num(x):
    return int(x) if isinstance(x, float) and x.is_integer() else x


def items_of(story: str, docno: str, a) -> list[dict]:
    dates = list(a.layer("dates"))
    pub = a.published.value
    out = []
    for q in a.layer("quantities"):
        if any(d.start < q.end and q.start < d.end for d in dates):
            continue
        out.append({"id": f"{story}/{docno}/{q.start}", "kind": "q", "story": story, "docno": docno,
                    "outlet": docno.split("-")[0], "start": q.start, "end": q.end, "sha1": sha8(a.text[q.start:q.end]),
                    "value": _num(q.value), "low": _num(q.low), "high": _num(q.high), "qualifier": q.qualifier,
                    "unit": q.unit, "counts": q.counts, "published": pub})
    for d in dates:
        day = (d.until or d.value or "")[:10]
        if d.grain not in ("day", "week", "month") or not pub or len(day) < 10 or day <= pub[:10]:
            continue
        out.append({"id": f"{story}/{docno}/{d.start}", "kind": "d", "story": story, "docno": docno,
                    "outlet": docno.split("-")[0], "start": d.start, "end": d.end, "sha1": sha8(a.text[d.start:d.end]),
                    "value": d.value, "low": None, "high": d.until, "qualifier": d.grain, "unit": "date",
                    "counts": None, "published": pub})
    return sorted(out, key=lambda x: x["start"])


def draw(archive: str) -> tuple[list[dict], dict[str, object]]:
    fr = frame()
    arts = articles(archive, {d for ds in fr.values() for d in ds})
    items = []
    for story in sorted(fr):
        kept = [d for d in fr[story] if d in arts]
        if len({d.split("-")[0] for d in kept}) < 2:
            continue
        for d in kept:
            items.extend(items_of(story, d, arts[d]))
    return items, arts


def show(items: list[dict], arts: dict, span=None) -> None:
    """Every item with its sentence (``span(article, offset)``: the account's sentence finder unless
    given), the figure in [[...]]."""
    if span is None:
        from riwaya.account.sentences import sentence_of as span

    story = None
    for it in items:
        if it["story"] != story:
            story = it["story"]
            print(f"\n######## {story}")
        a = arts[it["docno"]]
        s0, s1 = span(a, it["start"])
        sent = a.text[s0:s1].replace("\n", " ")
        rel = it["start"] - s0
        sent = sent[:rel] + "[[" + sent[rel:rel + it["end"] - it["start"]] + "]]" + sent[rel + it["end"] - it["start"]:]
        print(f"{it['id']} | {it['published']} | v={it['value']} lo={it['low']} hi={it['high']} "
              f"{it['qualifier']} u={it['unit']} c={it['counts']}\n    {sent[:400]}")


def main(argv: list[str]) -> None:
    items, arts = draw(argv[0])
    if "--show" in argv:
        show(items, arts)
        return
    for it in items:
        print(json.dumps(it, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
