"""Two ingests into one store at once (a new store, and one that already holds articles) end with
exactly the articles, inputs and learned furniture of one sequential ingest of the same inputs."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from riwaya.store import open_store
from riwaya.text.learning import COUNTS

_OUTLETS = ("sahl", "wadi", "ufuq")


def _corpus(d: Path, start: int, n: int) -> Path:
    d.mkdir(parents=True)
    for i in range(start, start + n):
        outlet = _OUTLETS[i % 3]
        body = f"أعلنت البلدية اليوم أن المشروع رقم {i} سيكتمل خلال {i % 30 + 1} يوما بعد موافقة المجلس."
        (d / f"a{i:05d}.xml").write_text(
            f"<DOC>\n<DOCNO>{outlet}-{i}</DOCNO>\n<SRC>{outlet}</SRC>\n<TITLE>خبر رقم {i}</TITLE>\n"
            f"<TIME>Thu, 14 Mar 2024 10:{i % 60:02d}:00 +0300</TIME>\n<TEXT>\n{body}\n"
            f"تابعوا {outlet} لآخر الأخبار\n</TEXT>\n</DOC>\n", encoding="utf-8")
    return d


def _ingest(db: Path, *inputs: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "riwaya.cli", "ingest", "--no-analyse",
                             "--db", str(db), *map(str, inputs)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _state(db: Path | str) -> tuple:
    st = open_store(str(db))
    try:
        ids = sorted(p.id for p in st.pending())
        inputs = sorted((d.source.path.rsplit("/", 1)[-1], d.source.external_id, aid)
                        for aid, docs in st.documents(ids).items() for d in docs)
        counts = {k: json.loads(v)["articles"] for k, (_, v) in st.states(COUNTS).items()}
        return ids, inputs, counts
    finally:
        st.close()


def _run_all(*procs: subprocess.Popen) -> None:
    done = [(p, *p.communicate(timeout=300)) for p in procs]  # every pipe read and closed first
    for p, _, err in done:
        assert p.returncode == 0, err.decode()


@pytest.mark.parametrize("existing", [False, True])
def test_two_ingests_at_once_equal_one_sequential_ingest(tmp_path, existing):
    a = _corpus(tmp_path / "a", 0, 600)
    b = _corpus(tmp_path / "b", 300, 600)  # half of b is also in a (same texts, other files)
    first = _corpus(tmp_path / "first", 5000, 30)
    together, alone = tmp_path / "together.db", tmp_path / "alone.db"
    if existing:
        _run_all(_ingest(together, first), _ingest(alone, first))
    _run_all(_ingest(together, a), _ingest(together, b))
    _run_all(_ingest(alone, a))
    _run_all(_ingest(alone, b))
    ids, inputs, counts = _state(together)
    assert len(ids) == 900 + (30 if existing else 0)
    assert (ids, inputs, counts) == _state(alone)
