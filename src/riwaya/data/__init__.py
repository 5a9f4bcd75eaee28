"""Language knowledge as data files, each with a loader here and a test."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


def path(name: str):
    return resources.files(__name__).joinpath(name)


@lru_cache(maxsize=None)
def load_json(name: str):
    return json.loads(path(name).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def load_lines(name: str) -> tuple[str, ...]:
    """A text list: one entry per line, '#' comments and blank lines skipped."""
    out = []
    for line in path(name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return tuple(out)


def codepoints(spec: list[str]) -> list[int]:
    """Expand ['U+0640', 'U+064B-U+065F', 'x'] into code points."""
    out: list[int] = []
    for item in spec:
        if item.startswith("U+"):
            lo, _, hi = item.partition("-")
            a = int(lo[2:], 16)
            b = int(hi[2:], 16) if hi else a
            out.extend(range(a, b + 1))
        else:
            out.extend(ord(c) for c in item)
    return out
