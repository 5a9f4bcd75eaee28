"""``riwaya bench ...``: each module here times one path against a baseline run in the same
process, prints the ratio, and defines ``command``."""
