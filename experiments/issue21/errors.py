import os, sys
sys.argv = sys.argv[:1]
exec(open("/tmp/h-story/scratch/cv.py").read().split("out = {}")[0])
from collections import defaultdict
D = load("dev", "../shared/corpora/ant-stories-dev/labels.jsonl")
H = load("ho", "labels/ant-2018-heldout/labels.jsonl")
vd = vecs_of(D[1], D[2]); vh = vecs_of(H[1], H[2])
m = training.fit_decision(vd, D[0].gold)
pred = training.stream(vh, m)
lab = H[0]; gold = lab.gold
art = {a.id: a for a in H[1]}; V = {v.tok.id: v for v in vh}
ev = defaultdict(list)
for a, e in pred.items(): ev[e].append(a)
print("=== predicted events mixing gold stories")
for e, mem in ev.items():
    gs = {gold[a] for a in mem}
    if len(gs) > 1:
        print("--- event", e, len(mem), "articles,", len(gs), "gold")
        for a in sorted(mem, key=lambda a: gold[a]):
            x = V[a].tok.ev
            print(f"  [{gold[a][-12:]}] {art[a].published.value[:16]} {(art[a].title or '')[:70]} | act={sorted(x.actors)[:5]} spk={sorted(x.speakers)[:4]} fig={sorted(x.figures)[:3]} pl={sorted(x.places)[:3]}")
print("=== gold stories split")
gs = defaultdict(list)
for a in pred: gs[gold[a]].append(a)
for g, mem in gs.items():
    es = {pred[a] for a in mem}
    if len(es) > 1:
        print("--- gold", g, len(mem), "articles,", len(es), "events")
        for a in sorted(mem, key=lambda a: pred[a]):
            x = V[a].tok.ev
            print(f"  [{pred[a]}] {art[a].published.value[:16]} {(art[a].title or '')[:70]} | act={sorted(x.actors)[:5]} spk={sorted(x.speakers)[:4]} fig={sorted(x.figures)[:3]} pl={sorted(x.places)[:3]}")
