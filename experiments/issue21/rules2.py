import os, sys, itertools
src = open("/tmp/h-story/scratch/cv.py").read()
head, rest = src.split("out = {}")
exec(head)
from riwaya.story import joiner, events
from riwaya.story.evidence import places_apart
idx[:] = list(range(16, len(FEATURES)))
def fig_conflict(x, y):
    ux = {}; 
    for f in x.figures: v, _, u = f.partition(" "); ux.setdefault(u, set()).add(v)
    uy = {}
    for f in y.figures: v, _, u = f.partition(" "); uy.setdefault(u, set()).add(v)
    common = set(ux) & set(uy)
    return bool(common) and not (x.figures & y.figures)
def unmatched(a, b):
    x, y = a.tok.ev, b.tok.ev
    return min(max((a.weight[k] for k in x.actors - y.persons), default=0), max((b.weight[k] for k in y.actors - x.persons), default=0))
for name, gold_path in (("dev", "../shared/corpora/ant-stories-dev/labels.jsonl"), ("ho", "labels/ant-2018-heldout/labels.jsonl")):
    L = load(name, gold_path); lab = L[0]; vs = vecs_of(L[1], L[2])
    from collections import Counter
    c = Counter()
    for f in sorted(set(lab.fold.values())):
        tr = [v for v in vs if lab.fold[v.tok.id] != f]; te = [v for v in vs if lab.fold[v.tok.id] == f]
        X, y = training.pairs(tr, lab.gold); m = joiner.fit(X, y)
        for a, b in itertools.combinations(te, 2):
            if not events.related(a, b): continue
            p = m.prob(features.pair_features(a, b))
            if not (0.05 <= p < 0.5): continue
            same = lab.gold[a.tok.id] == lab.gold[b.tok.id]
            x, yv = a.tok.ev, b.tok.ev
            sh = max((a.weight[k] for k in (x.actors & yv.persons) | (yv.actors & x.persons)), default=0)
            rules = {"fig_shared": bool(x.figures & yv.figures), "actor_shared>0.6": sh > 0.6, "actor_shared>0.75": sh > 0.75,
                     "speaker_shared": bool({k for k in x.speakers & yv.speakers if a.weight[k] > 0.6}),
                     "place_shared_fine": bool(x.places & yv.places),"places_apart": places_apart(x, yv),
                     "places_apart_small": places_apart(x, yv) and len(x.places) <= 2 and len(yv.places) <= 2,
                     "unmatched>0.6": unmatched(a, b) > 0.6,
                     "unmatched>0.75": unmatched(a, b) > 0.75,
                     "fig_conflict": fig_conflict(x, yv),
                     "other_day&apart": places_apart(x, yv) and a.tok.day != b.tok.day}
            c[("all", same)] += 1
            for r, hit in rules.items():
                if hit: c[(r, same)] += 1
    print(name, "pairs 0.05<=P<0.5: same", c[("all", True)], "diff", c[("all", False)])
    for r in ["fig_shared", "actor_shared>0.6", "actor_shared>0.75", "speaker_shared", "place_shared_fine", "places_apart", "places_apart_small", "unmatched>0.6", "unmatched>0.75", "fig_conflict", "other_day&apart"]:
        print(f"  {r:20s} hits same {c[(r, True)]:4d} diff {c[(r, False)]:4d}")
