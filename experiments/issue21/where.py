import os, sys
src = open("/tmp/h-story/scratch/cv.py").read()
head, rest = src.split("out = {}")
exec(head)
from riwaya.story import events
idx[:] = list(range(16, len(FEATURES)))
from riwaya.story import joiner
D = load("dev", "../shared/corpora/ant-stories-dev/labels.jsonl")
lab = D[0]; gold = lab.gold
vd = vecs_of(D[1], D[2])
_, models = training.cross_validate(vd, gold, lab.fold)
oe = events.OnlineEvents(lambda v: models[lab.fold[v.tok.id]])
from collections import Counter
c = Counter()
first = {}  # event -> gold of first member
for v in sorted(vd, key=training._t):
    size_before = {e.id: len(e.members) for e in oe.events.values()}
    d = oe.add(v)
    g = gold[v.tok.id]
    if d.opened:
        first[d.event] = g
        # missed: gold event already open?
        has = any(first.get(e.id) == g for e in oe.events.values() if e.id != d.event)
        c["opened_missed" if has else "opened_ok"] += 1
    else:
        kind = "size1" if size_before[d.event] < 2 else "sizeN"
        c[f"joined_{kind}_{'ok' if first[d.event] == g else 'wrong'}"] += 1
print(c)
art = {a.id: a for a in D[1]}
V = {v.tok.id: v for v in vd}
def show(i):
    x = V[i].tok.ev
    return f"{(art[i].title or '')[:60]} | act={sorted(x.actors)[:4]} per={len(x.persons)} pl={sorted(x.places)[:3]} fig={sorted(x.figures)[:3]}"
oe2 = events.OnlineEvents(lambda v: models[lab.fold[v.tok.id]])
firstm = {}
for v in sorted(vd, key=training._t):
    sz = {e.id: len(e.members) for e in oe2.events.values()}
    d = oe2.add(v)
    if d.opened:
        firstm[d.event] = v.tok.id
    elif gold[firstm[d.event]] != gold[v.tok.id]:
        print(f"WRONG size{sz[d.event]} s={d.score:.2f} [{gold[v.tok.id][:30]}] {show(v.tok.id)}")
        print(f"      into [{gold[firstm[d.event]][:30]}] {show(firstm[d.event])}")
