import os, sys
src = open("/tmp/h-story/scratch/cv.py").read()
head, rest = src.split("out = {}")
exec(head)
from riwaya.story import events, joiner
NEWP = list(FEATURES[16:])
keep_p = set(filter(None, os.environ.get("PKEEP", "").split(",")))
idx[:] = [FEATURES.index(n) for n in NEWP if n not in keep_p]
NEWE = list(joiner.EVENT_FEATURES[10:])
eidx = []
_ef = events.event_features
def ef(*a, **k):
    x = _ef(*a, **k)
    if x is not None:
        for i in eidx:
            x[i] = 0.0
    return x
events.event_features = ef; training.event_features = ef
D = load("dev", "../shared/corpora/ant-stories-dev/labels.jsonl")
H = load("ho", "labels/ant-2018-heldout/labels.jsonl")
vd = vecs_of(D[1], D[2]); vh = vecs_of(H[1], H[2])
for keep in sys.argv[1:]:
    ks = set(keep.split(",")) if keep != "none" else set()
    eidx[:] = [joiner.EVENT_FEATURES.index(n) for n in NEWE if n not in ks]
    pred, _ = training.cross_validate(vd, D[0].gold, D[0].fold)
    a = score(D[0], pred)
    m = training.fit_decision(vd, D[0].gold)
    b = score(H[0], training.stream(vh, m))
    line = f"P={sorted(keep_p)} E={keep:40s} dev_cv {a[0]:.3f}/{a[1]:.3f} ho_shipped {b[0]:.3f}/{b[1]:.3f}"
    if os.environ.get("HOCV"):
        pred, _ = training.cross_validate(vh, H[0].gold, H[0].fold)
        c = score(H[0], pred); line += f" ho_cv {c[0]:.3f}/{c[1]:.3f}"
    if os.environ.get("COEF"):
        line += " " + str({n: round(c, 2) for n, c in zip(joiner.EVENT_FEATURES, m.event.coef)})
    print(line, flush=True)
