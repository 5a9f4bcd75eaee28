"""Draw the items of the fresh account-ant test set (reproducible; writes no article text into the repo).

Usage, from the worktree root:

    PYTHONPATH=src python labels/account-ant/fresh/sample.py ../shared/corpora/ant-2018.tar.gz > labels/account-ant/fresh/items.jsonl
    PYTHONPATH=src python labels/account-ant/fresh/sample.py ../shared/corpora/ant-2018.tar.gz --show > /tmp/fresh-view.txt

The same rules as ``labels/account-ant/sample.py``; only the frame differs: the stories of
``stories.jsonl`` (grouped by hand from ``group.py``'s candidates, five ANT days not used before), a story
kept when its articles come from at least two outlets. Articles: one copy per distinct text, cleaned one
at a time (``riwaya.text.clean.clean``, no corpus furniture model) and analysed by the per-article stages
the account reads (language, sentences, dates, published, quantities).

Items (one per figure mention, independent of the account's measure grouping):
- ``q``: every item of the quantities layer that is not inside a date expression;
- ``d``: every date expression at day, week or month grain that ends after the article's publication day
  (a due date or a planned day is one of these), whatever its cue words.
Each item: ``id`` (story/docno/start), ``story``, ``docno``, ``outlet``, ``start``, ``end`` (offsets into
the cleaned text), ``sha1`` (8 hex of the span text), ``value``, ``low``, ``high``, ``qualifier``, ``unit``,
``counts`` (what riwaya reads), ``published``.

``--show`` prints every item with its sentence (from the article's sentences layer; no account code is
run), for the labeller; keep that output outside the repository.
"""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
STORIES = HERE / "stories.jsonl"

_spec = importlib.util.spec_from_file_location("account_ant_sample", HERE.parent / "sample.py")
base = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(base)


def frame() -> dict[str, list[str]]:
    """Story -> DOCNOs of stories.jsonl, for stories told by at least two outlets."""
    by: dict[str, list[str]] = {}
    for line in STORIES.read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            by.setdefault(r["story"], []).extend(r["docnos"])
    return {s: sorted(set(d)) for s, d in by.items() if len({x.split("-")[0] for x in d}) >= 2}


def draw(archive: str) -> tuple[list[dict], dict[str, object]]:
    """``../sample.py``'s draw over this frame."""
    base.frame = frame
    return base.draw(archive)


def sentence_span(a, pos: int) -> tuple[int, int]:
    for s in a.layer("sentences"):
        if s.start <= pos < s.end:
            return s.start, s.end
    return max(0, pos - 150), min(len(a.text), pos + 150)


def main(argv: list[str]) -> None:
    items, arts = draw(argv[0])
    if "--show" in argv:
        base.show(items, arts, sentence_span)  # sentences found here, not by the account's code
    else:
        sys.stdout.writelines(json.dumps(it, ensure_ascii=False) + "\n" for it in items)


if __name__ == "__main__":
    main(sys.argv[1:])
