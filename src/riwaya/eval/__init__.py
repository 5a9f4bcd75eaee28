"""``riwaya eval ...``: each module here scores one stage on real data and defines ``command``."""
