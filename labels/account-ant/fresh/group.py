"""Candidate story groups for the extra days of labels/account-ant (reproducible; no article text written).

Usage, from the worktree root:

    PYTHONPATH=src python labels/account-ant/group.py ../shared/corpora/ant-2018.tar.gz > /tmp/groups.txt

The held-out frame (labels/ant-2018-heldout) gave too few conflicting figures, so four more days with
casualty news are grouped here: 31 March, 8 April, 24 April and 15 May 2018, news sections only
(middleEast, internationalNews). Grouping is independent of riwaya's story engine: TF-IDF over the
title and first 600 characters of the cleaned text (word 1-2 grams, sublinear), articles of one day
linked when their cosine is at least ``LINK`` and they come from different outlets or are near copies,
groups as connected components. The printed groups (DOCNO, title) were then read by the labeller, who
kept the articles of one happening and wrote the result to ``extra-stories.jsonl``
(``{story, docnos}``); see README.md.
"""
from __future__ import annotations

import sys
from collections import defaultdict

DAYS = tuple(sys.argv[2].split(",")) if len(sys.argv) > 2 else ("20180326", "20180411", "20180414", "20180430", "20180513", "20180514")
SECTIONS = ("middleEast", "internationalNews")
LINK = 0.18


def docs(archive: str):
    from riwaya.ingest import read
    from riwaya.model import Document
    from riwaya.text.clean import clean

    seen = set()
    for doc in read([archive]):
        if not isinstance(doc, Document):
            continue
        d = doc.source.external_id or ""
        parts = d.split("-")
        if len(parts) < 4 or parts[-1] not in DAYS or parts[1] not in SECTIONS:
            continue
        a = clean(doc)
        if a.id in seen:
            continue
        seen.add(a.id)
        yield d, (a.title or ""), a.text


def main(archive: str) -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    by_day = defaultdict(list)
    for d, title, text in docs(archive):
        by_day[d.rsplit("-", 1)[-1]].append((d, title, text))
    for day in DAYS:
        rows = sorted(by_day[day])
        if len(rows) < 2:
            continue
        m = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1).fit_transform(
            [t + " " + x[:600] for _, t, x in rows])
        sim = (m @ m.T).toarray()
        parent = list(range(len(rows)))

        def find(i):
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for i in range(len(rows)):
            for j in range(i + 1, len(rows)):
                if sim[i, j] >= LINK:
                    parent[find(i)] = find(j)
        comps = defaultdict(list)
        for i in range(len(rows)):
            comps[find(i)].append(i)
        for c in sorted(comps.values(), key=lambda c: rows[c[0]][0]):
            if len({rows[i][0].split("-")[0] for i in c}) < 2:
                continue
            print(f"\n## {day} group of {len(c)}")
            for i in c:
                print(f"{rows[i][0]}\t{rows[i][1][:110]}")


if __name__ == "__main__":
    main(sys.argv[1])
