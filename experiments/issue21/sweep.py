import os, sys
src = open("/tmp/h-story/scratch/cv.py").read()
head, rest = src.split("out = {}")
exec(head)
exec("def pair_ap" + rest.split("def pair_ap")[1].split("if os.environ")[0])
D = load("dev", "../shared/corpora/ant-stories-dev/labels.jsonl")
H = load("ho", "labels/ant-2018-heldout/labels.jsonl")
vd = vecs_of(D[1], D[2]); vh = vecs_of(H[1], H[2])
NEW = [f for f in FEATURES[16:]]
CLUSTER = os.environ.get("CLUSTER")
for keep in sys.argv[1:]:
    ks = set(keep.split(",")) if keep != "none" else set()
    idx[:] = [FEATURES.index(n) for n in NEW if n not in ks]
    line = f"{keep:40s} AP dev {pair_ap(vd, D[0].gold, D[0].fold):.4f} ho {pair_ap(vh, H[0].gold, H[0].fold):.4f}"
    if CLUSTER:
        pred, _ = training.cross_validate(vd, D[0].gold, D[0].fold)
        a = score(D[0], pred)
        m = training.fit_decision(vd, D[0].gold)
        b = score(H[0], training.stream(vh, m))
        line += f"  dev_cv {a[0]:.3f}/{a[1]:.3f} ho_shipped {b[0]:.3f}/{b[1]:.3f}"
    print(line, flush=True)
