"""CLI command modules, discovered by ``riwaya.cli``: each module defines ``command`` (a click
command or group) that becomes ``riwaya <name>``. ``riwaya.eval`` and ``riwaya.bench`` modules
likewise become ``riwaya eval <name>`` and ``riwaya bench <name>``."""
from __future__ import annotations

import importlib
import pkgutil


def discover(package: str) -> list:
    pkg = importlib.import_module(package)
    out = []
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        mod = importlib.import_module(f"{package}.{info.name}")
        cmd = getattr(mod, "command", None)
        if cmd is not None:
            out.append(cmd)
    return out
