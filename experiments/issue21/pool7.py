import os, sys
src = open("/tmp/h-story/scratch/sweep2.py").read()
src = src.split("for keep in sys.argv[1:]:")[0]
exec(src)
gold = {**D[0].gold, **H[0].gold}; fold = {**D[0].fold, **H[0].fold}
ids_d = {v.tok.id for v in vd}
for keep in sys.argv[1:]:
    ks = set(keep.split(",")) if keep != "none" else set()
    eidx[:] = [joiner.EVENT_FEATURES.index(n) for n in NEWE if n not in ks]
    pred, _ = training.cross_validate(vd + vh, gold, fold)
    a = score(D[0], {k: v for k, v in pred.items() if k in ids_d})
    b = score(H[0], {k: v for k, v in pred.items() if k not in ids_d})
    print(f"7-day CV P={sorted(keep_p)} E={keep}: dev {a[0]:.3f}/{a[1]:.3f} ho {b[0]:.3f}/{b[1]:.3f}", flush=True)
