"""``riwaya eval cleaning``: does cleaning keep the article? Scored against the outlets' own leads.

ANT gives each article's ABSTRACT, the outlet's lead. A sentence of TEXT that is also in the
ABSTRACT is body text by the outlet's own word, so cleaning must keep it: the figure is the count
of such sentences missing from the cleaned text (it must be 0). The outlet furniture model is
learned from the whole archive first, as ``riwaya ingest`` would, so the check includes the
corpus evidence. Also printed: what was removed, by reason and outlet, on the slice.
"""
from __future__ import annotations

import json
import re
import time
from collections import Counter, defaultdict

import click

from riwaya.eval import ANT_ARCHIVE as DEFAULT  # noqa: E402
SLICE = r"201803(0[1-9]|1[0-4])\.txt$"  # 1-14 March 2018
MIN_WORDS = 4


def in_slice(doc, pattern: str = SLICE) -> bool:
    name = doc.source.member or doc.source.path
    return bool(re.search(pattern, name))


def abstract_check(docs, furniture=None) -> dict:
    """Sentences of TEXT found in ABSTRACT (by content key, at least MIN_WORDS words) that cleaning lost."""
    from riwaya.ids import content_key
    from riwaya.text.clean import clean
    from riwaya.text.sentences import split

    checked = lost = articles = 0
    examples: list[dict] = []
    reasons: dict[str, Counter] = defaultdict(Counter)
    for doc in docs:
        art = clean(doc, furniture)
        articles += 1
        for r in art.removed:
            reasons[doc.outlet or "?"][r.reason] += 1
        if not doc.abstract:
            continue
        ak, tk = content_key(doc.abstract), content_key(art.text)
        for line in doc.body.split("\n"):
            for s, e in split(line, 0, len(line)):
                k = content_key(line[s:e])
                if len(k.split()) < MIN_WORDS or k not in ak:
                    continue
                checked += 1
                if k not in tk:
                    lost += 1
                    if len(examples) < 20:
                        why = [r.reason for r in art.removed if k in content_key(r.text)]
                        examples.append({"docno": doc.source.external_id, "sentence": line[s:e][:120],
                                         "reason": why[0] if why else "?"})
    return {"articles": articles, "abstract_sentences_checked": checked, "abstract_sentences_removed": lost,
            "examples": examples, "removed_by_outlet": {o: dict(c.most_common()) for o, c in sorted(reasons.items())}}


def learn(docs):
    from riwaya.text.corpus import OutletFurniture

    m = OutletFurniture()
    for d in docs:
        m.observe(d.outlet, d.body.split("\n"))
    return m


@click.command(name="cleaning")
@click.argument("archive", required=False, default=DEFAULT, type=click.Path(exists=True))
@click.option("--slice", "pattern", default=SLICE, show_default=True,
              help="Regular expression on member names choosing the articles checked (default 1-14 March 2018).")
@click.option("--no-corpus", is_flag=True, help="Clean without the learned outlet furniture model.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def command(archive: str, pattern: str, no_corpus: bool, as_json: bool) -> None:
    """Check cleaning on ANT: no sentence of TEXT that is also in the outlet's ABSTRACT may be removed."""
    from riwaya.ingest import read

    t = time.perf_counter()
    docs = [d for d in read([archive]) if not isinstance(d, Exception)]
    model = None if no_corpus else learn(docs)
    part = [d for d in docs if in_slice(d, pattern)]
    res = abstract_check(part, model)
    res.update({"archive": archive, "slice": pattern, "corpus_model": not no_corpus,
                "seconds": round(time.perf_counter() - t, 1)})
    if as_json:
        click.echo(json.dumps(res, ensure_ascii=False, indent=1))
    else:
        click.echo(f"cleaning on {archive} slice {pattern}: {res['articles']} articles "
                   f"(outlet furniture learned from {len(docs)} articles)" if model else
                   f"cleaning on {archive} slice {pattern}: {res['articles']} articles (no corpus model)")
        click.echo(f"  abstract sentences checked: {res['abstract_sentences_checked']}, "
                   f"removed by cleaning: {res['abstract_sentences_removed']} (must be 0)")
        for ex in res["examples"]:
            click.echo(f"    LOST {ex['docno']} [{ex['reason']}] {ex['sentence']}")
        for outlet, c in res["removed_by_outlet"].items():
            click.echo(f"  {outlet}: " + ", ".join(f"{k} {v}" for k, v in c.items()))
    if res["abstract_sentences_removed"]:
        raise SystemExit(1)
