"""``AccountStage``: the sourced account of every story, as a corpus stage (``riwaya.run.corpus``).

Incremental: each story's account is kept as model state ``account`` under the story id with the
signature of its membership (its sorted article ids); a run re-does only the stories whose
membership changed (a new article re-does its story alone), all in the stage's one transaction.
``account_for(store, story_id)`` reads one back.
"""
from __future__ import annotations

import hashlib
import json

from riwaya.account.build import account
from riwaya.account.facts import story_reads
from riwaya.account.framing_corpus import learn, update

NAME = "account"
STATE_VERSION = 1


def signature(article_ids) -> str:
    return hashlib.blake2b("\n".join(sorted(article_ids)).encode(), digest_size=12).hexdigest()


def story_account(store, story, articles: dict | None = None, learned=None) -> dict:
    from riwaya.job import reader_view

    ids = list(story.articles)
    arts = articles if articles is not None else {a.id: a for a in store.articles(ids)}
    reads = story_reads([(arts[i], reader_view(arts[i])) for i in ids if i in arts])
    return account(reads, learned)


class AccountStage:
    name = NAME
    version = "6"  # 6: a figure's explicit cause, at-least after about, readiness and transfers, two-day spans, victims hurt, "من بين" parts (h-conf3); 5: several figures of one article compared on its headline, a figure's own day and place, "more than" exclusive (h-conf2); 4: framing, exclusives and omissions (h-frame); 3: facet-coverage summary and timed updates (h-demo); 2: pair-by-pair verdicts, vague plurals as lower bounds, earlier events apart (h-conf)
    analysed_only = True

    def run(self, store, new, fresh: bool) -> dict:
        kept = {} if fresh else store.states(NAME)
        learned = learn(update(store, new, fresh))  # framing words the corpus shows, from the new articles
        redone = 0
        stories = store.stories()
        for s in stories:
            sig = signature(s.articles)
            old = kept.get(s.id)
            if old is not None and json.loads(old[1]).get("signature") == sig:
                continue
            acc = story_account(store, s, learned=learned)
            acc["signature"] = sig
            store.put_state(NAME, s.id, STATE_VERSION, json.dumps(acc, ensure_ascii=False))
            redone += 1
        return {"new": len(new), "stories": len(stories), "redone": redone}


def account_for(store, story_id: str) -> dict | None:
    got = store.get_state(NAME, story_id)
    if got is None:
        return None
    acc = json.loads(got[1])
    acc.pop("signature", None)
    return acc


def accounts(store) -> dict[str, dict]:
    """Every kept account, by story id (for write_stories)."""
    out = {}
    for sid, (_, data) in store.states(NAME).items():
        acc = json.loads(data)
        acc.pop("signature", None)
        out[sid] = acc
    return out
