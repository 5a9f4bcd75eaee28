"""Agreement between two labelling passes of the fresh account-ant set (no article text needed).

Usage, from the worktree root:

    PYTHONPATH=src python labels/account-ant/fresh/agreement.py PASS1 PASS2 [--list]

``labels/account-ant/agreement.py`` run over this directory's ``items.jsonl`` (same candidate pairs, same
figures: percent agreement and Cohen's kappa over all pairs and over the pairs either pass puts in one
measure, conflict and update F1 of one pass against the other, the confusion table); ``--list`` prints
every pair the passes label differently. ``--counts FILE`` prints one file's counts instead (items,
measures, conflict and update pairs, measures holding a conflict).
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("account_ant_agreement", HERE.parent / "agreement.py")
base = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(base)
base.ITEMS = HERE / "items.jsonl"


def counts(path: Path) -> None:
    items = base.load_jsonl(base.ITEMS)
    measure, pairs = base.gold_labels(base.load_jsonl(path))
    story = {it["id"]: it["story"] for it in items}
    named = {i: m for i, m in measure.items() if m}
    per = {}
    for i, m in named.items():
        per.setdefault((story[i], m), set()).add(i)
    shared = {k for k, v in per.items() if len(v) > 1}
    conflict = [p for p, r in pairs.items() if r == "conflict"]
    update = [p for p, r in pairs.items() if r == "update"]
    with_conflict = {(story[next(iter(p))], measure[next(iter(p))]) for p in conflict}
    print(f"{path}: {len(measure)} of {len(items)} items labelled, {len(named)} in {len(per)} measures "
          f"({len(shared)} with two items or more); conflict pairs {len(conflict)}, update pairs {len(update)}; "
          f"measures with a conflict {len(with_conflict)}; stories {len({it['story'] for it in items})}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--counts"]:
        for p in sys.argv[2:]:
            counts(Path(p))
    else:
        base.main(sys.argv[1:])
