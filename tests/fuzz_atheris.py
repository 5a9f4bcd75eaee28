"""Coverage-guided fuzzing of the readers with atheris (``make fuzz``; not part of the test suite).

Each input's first byte picks a file name (and so a reader), the rest is the file's bytes;
``riwaya.ingest.read`` must yield only Documents and InputErrors. Usage:
``python tests/fuzz_atheris.py -runs=20000`` (any libFuzzer flag)."""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from riwaya.errors import InputError
    from riwaya.ingest import read
    from riwaya.model import Document

NAMES = ("a.txt", "a.xml", "a.html", "a.jsonl", "a.rss", "a.warc", "a.warc.gz", "a.zip", "a.tar", "a.tar.gz",
         "a.txt.gz", "a.atom")
DIR = Path(tempfile.mkdtemp(prefix="riwaya-fuzz-"))


def one(data: bytes) -> None:
    if not data:
        return
    path = DIR / NAMES[data[0] % len(NAMES)]
    path.write_bytes(data[1:])
    for item in read([str(path)]):
        if not isinstance(item, (Document, InputError)):
            raise AssertionError(type(item))
        if isinstance(item, InputError):
            assert "\n" not in item.line()
    path.unlink()


if __name__ == "__main__":
    atheris.Setup(sys.argv, one)
    atheris.Fuzz()
