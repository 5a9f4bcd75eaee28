import os, sys
src = open("/tmp/h-story/scratch/cv.py").read()
head, rest = src.split("out = {}")
exec(head)
from riwaya.story import joiner
import numpy as np
idx[:] = list(range(16, len(FEATURES)))
D = load("dev", "../shared/corpora/ant-stories-dev/labels.jsonl")
vd = vecs_of(D[1], D[2])
m = training.fit_models(vd, D[0].gold)
X, y = training.event_examples(vd, D[0].gold, m)
X = np.array(X); y = np.array(y)
print("examples", len(y), "pos", y.sum())
for j, n in enumerate(joiner.EVENT_FEATURES[10:], 10):
    nz = X[:, j] != 0
    print(n, "nonzero", nz.sum(), "pos among nonzero", y[nz].sum(), "neg", (1 - y[nz]).sum(), "mean|pos", X[y == 1, j].mean().round(3), "mean|neg", X[y == 0, j].mean().round(3))
# hard negatives: candidates with high p but wrong
ev = m.event
