import os, sys, time, pickle
import numpy as np
from riwaya.story import devdata, features, training
from riwaya.story.embed import E5Embedder
from riwaya.story.features import DocFreq, tokens, vectors, FEATURES
from riwaya.story.scores import bcubed, pairwise
from riwaya.pipeline import Pipeline

DROP = set(filter(None, os.environ.get("DROP", "").split(",")))
idx = [FEATURES.index(n) for n in DROP]
orig = features._pair
def patched(a, b, body, lead, title):
    r = orig(a, b, body, lead, title)
    for i in idx:
        r[i] = 0.0
    return r
features._pair = patched

def load(name, gold):
    lab = devdata.load(gold, ["../shared/corpora/ant-2018.tar.gz"])
    embs = devdata.embed(lab, E5Embedder(), "/tmp/h-story/EMB.db")
    p = Pipeline.default()
    arts = [p(a) for a in lab.articles]
    return lab, arts, embs

def vecs_of(arts, embs):
    df = DocFreq.prior()
    toks = [tokens(a) for a in arts]
    for t in toks:
        df.add(t)
    return [vectors(t, df, embs[t.id]) for t in toks]

def score(lab, pred):
    p, g = lab.by_docno(pred), lab.gold_docnos
    return bcubed(p, g)[2], pairwise(p, g)[2]

out = {}
D = load("dev", "../shared/corpora/ant-stories-dev/labels.jsonl")
H = load("ho", "labels/ant-2018-heldout/labels.jsonl")
vd = vecs_of(D[1], D[2]); vh = vecs_of(H[1], H[2])
pred, _ = training.cross_validate(vd, D[0].gold, D[0].fold)
out["dev_cv"] = score(D[0], pred)
m = training.fit_decision(vd, D[0].gold)
out["ho_shipped"] = score(H[0], training.stream(vh, m))
pred, _ = training.cross_validate(vh, H[0].gold, H[0].fold)
out["ho_cv"] = score(H[0], pred)
print(os.environ.get("TAG", ""), "DROP=", sorted(DROP), " ".join(f"{k} {v[0]:.3f}/{v[1]:.3f}" for k, v in out.items()))
if os.environ.get("COEF"):
    print({n: round(c, 2) for n, c in zip(FEATURES, m.coef)})

def pair_ap(vecs, gold, fold):
    from sklearn.metrics import average_precision_score
    from riwaya.story import joiner
    P, Y = [], []
    for f in sorted(set(fold[v.tok.id] for v in vecs)):
        tr = [v for v in vecs if fold[v.tok.id] != f]; te = [v for v in vecs if fold[v.tok.id] == f]
        X, y = training.pairs(tr, gold); mdl = joiner.fit(X, y)
        Xt, yt = training.pairs(te, gold); P += mdl.probs(Xt); Y += yt
    return average_precision_score(Y, P)
if os.environ.get("AP"):
    print("pairAP dev", round(pair_ap(vd, D[0].gold, D[0].fold), 4), "ho", round(pair_ap(vh, H[0].gold, H[0].fold), 4))
