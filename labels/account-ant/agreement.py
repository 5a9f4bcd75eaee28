"""Agreement between two labelling passes of labels/account-ant (no article text needed).

Usage, from the worktree root:

    PYTHONPATH=src python labels/account-ant/agreement.py PASS1 PASS2 [--list]

Per candidate pair (two items of one story from different articles, of one kind; see
``riwaya.eval.account``) each pass gives different / agree / update / conflict. Printed: percent
agreement and Cohen's kappa over all pairs and over the pairs either pass puts in one measure, the
confusion table, and agreement on conflict pairs (F1 of one pass against the other). ``--list`` prints
every pair the passes label differently, for adjudication.
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from riwaya.eval.account import ITEMS, RELATIONS, candidate_pairs, gold_labels, gold_relation, load_jsonl


def kappa(pairs: list[tuple[str, str]]) -> float:
    n = len(pairs)
    if not n:
        return 0.0
    po = sum(a == b for a, b in pairs) / n
    ca, cb = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    pe = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    return (po - pe) / (1 - pe) if pe < 1 else 1.0


def relations(path: Path, pairs) -> dict:
    measure, gp = gold_labels(load_jsonl(path))
    return {frozenset((a["id"], b["id"])): gold_relation(a, b, measure, gp) for a, b in pairs}


def main(argv: list[str]) -> None:
    items = load_jsonl(ITEMS)
    pairs = candidate_pairs(items)
    r1, r2 = relations(Path(argv[0]), pairs), relations(Path(argv[1]), pairs)
    keys = [frozenset((a["id"], b["id"])) for a, b in pairs]
    both = [(r1[k], r2[k]) for k in keys]
    same = [(x, y) for x, y in both if x != "different" or y != "different"]
    print(f"{len(keys)} pairs: agreement {sum(x == y for x, y in both) / len(both):.3f}, kappa {kappa(both):.3f}")
    print(f"{len(same)} pairs one pass puts in a measure: agreement {sum(x == y for x, y in same) / len(same):.3f}, "
          f"kappa {kappa(same):.3f}")
    c1, c2 = {k for k in keys if r1[k] == "conflict"}, {k for k in keys if r2[k] == "conflict"}
    u1, u2 = {k for k in keys if r1[k] == "update"}, {k for k in keys if r2[k] == "update"}
    for name, a, b in (("conflict", c1, c2), ("update", u1, u2)):
        f1 = 2 * len(a & b) / (len(a) + len(b)) if a or b else 1.0
        print(f"{name}: pass 1 {len(a)}, pass 2 {len(b)}, both {len(a & b)}, F1 {f1:.3f}")
    print("confusion (rows pass 1, columns pass 2):", " ".join(RELATIONS))
    for g in RELATIONS:
        print(f"  {g:<10}", " ".join(f"{sum(1 for x, y in both if x == g and y == p):>6}" for p in RELATIONS))
    if "--list" in argv:
        for k, (x, y) in zip(keys, both):
            if x != y:
                a, b = sorted(k)
                print(f"{x:>9} {y:>9}  {a}  {b}")


if __name__ == "__main__":
    main(sys.argv[1:])
