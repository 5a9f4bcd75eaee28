"""``riwaya bench ner``: the named-entity tagger's speed on ANT articles (default: the 2,045 articles
of 1-14 March 2018), beside the sentence splitter it needs, in the same process.

Articles (every document, a copy filed under two categories included) are read from the
archive and cleaned first (not timed); then the ``sentences`` stage and
the ``entities`` stage run over every article, each timed in CPU seconds (``time.process_time``).
The first call loads the model (timed apart). Prints tokens per second of the tagger.
"""
from __future__ import annotations

import json
import re
import time

import click

from riwaya.eval import ANT_ARCHIVE

DAYS = re.compile(r"-201803(0[1-9]|1[0-4])\.txt$")


@click.command(name="ner")
@click.argument("archive", required=False, default=ANT_ARCHIVE, type=click.Path(exists=True))
@click.option("--all-days", is_flag=True, help="Every article of ARCHIVE, not only 1-14 March 2018.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def command(archive, all_days, as_json):
    """Time the entities stage over ANT articles."""
    from riwaya.extract import ner
    from riwaya.extract.ner_tokens import tokenise
    from riwaya.ingest import read
    from riwaya.pipeline import registered
    from riwaya.text.clean import clean

    arts = [clean(doc) for doc in read([archive])
            if not isinstance(doc, Exception) and (all_days or DAYS.search(doc.source.member or ""))]
    t0 = time.process_time()
    ner.tagger()
    load_s = time.process_time() - t0
    stages = registered()
    t0 = time.process_time()
    arts = [stages["sentences"](a) for a in arts]
    sent_s = time.process_time() - t0
    t0 = time.process_time()
    done = [stages["entities"](a) for a in arts]
    ent_s = time.process_time() - t0
    tokens = sum(len(tokenise(a.text, s.start, s.end)) for a in arts for s in a.layer("sentences"))
    out = {"articles": len(arts), "tokens": tokens, "load_s": round(load_s, 2), "sentences_s": round(sent_s, 2),
           "entities_s": round(ent_s, 2), "tokens_per_s": round(tokens / ent_s) if ent_s else None,
           "mentions": sum(len(a.layer("entities")) for a in done)}
    if as_json:
        click.echo(json.dumps(out, indent=1))
        return
    click.echo(f"{out['articles']} articles, {tokens} tokens in sentences, {out['mentions']} entity mentions")
    click.echo(f"model load      {load_s:7.2f} s CPU")
    click.echo(f"sentences stage {sent_s:7.2f} s CPU")
    click.echo(f"entities stage  {ent_s:7.2f} s CPU  ({out['tokens_per_s']} tokens/s)")
