"""Killing an ingest midway loses nothing already committed, and re-running completes it."""
from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from riwaya.job import BATCH
from riwaya.store import SqliteStore

pytestmark = pytest.mark.slow  # a quality gate or a long run: `make test` runs it as its own step

N_FILES = 6 * BATCH + 321  # several committed batches, and a partial one at the end (enough left
# after the first commit that the interrupt lands midway on a loaded machine too)


_OUTLETS = ("sahl", "wadi", "ufuq")


def _corpus(d: Path) -> None:
    """Plain text, and TREC/ANT files from three outlets whose pages repeat a furniture line (so a
    cleaning step that learns per outlet is exercised across batches too)."""
    d.mkdir()
    for i in range(N_FILES):
        sub = d / f"day{i % 7}"
        sub.mkdir(exist_ok=True)
        body = f"أعلنت البلدية اليوم أن المشروع رقم {i} سيكتمل خلال {i % 30 + 1} يوما."
        if i % 2:
            (sub / f"a{i:05d}.txt").write_text(f"خبر قصير رقم {i}\n\n{body}\n", encoding="utf-8")
            continue
        outlet = _OUTLETS[i % 3]
        (sub / f"a{i:05d}.xml").write_text(
            f"<DOC>\n<DOCNO>{outlet}-{i}</DOCNO>\n<SRC>{outlet}</SRC>\n<TITLE>خبر رقم {i}</TITLE>\n"
            f"<TIME>Thu, 14 Mar 2024 10:{i % 60:02d}:00 +0300</TIME>\n<TEXT>\n{body}\n"
            f"تابعوا {outlet} على تلغرام لآخر الأخبار\n</TEXT>\n</DOC>\n", encoding="utf-8")


def _default_signals() -> None:
    """In the child before exec: SIGINT handled the default way and not blocked, whatever the test
    process inherited or set. Without this, inside the full suite (never alone), the child twice
    ran to completion after SIGINT, as a process that inherits SIGINT ignored does."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _ingest(corpus: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "riwaya.cli", "ingest", str(corpus), "--db", str(db)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=_default_signals)


def _count(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return con.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            con.close()
    except sqlite3.OperationalError:  # not created yet
        return 0


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_killed_ingest_keeps_committed_batches_and_rerun_completes(tmp_path, sig):
    corpus = tmp_path / "corpus"
    _corpus(corpus)
    db = tmp_path / "killed.db"
    proc = _ingest(corpus, db)
    deadline = time.monotonic() + 120
    while _count(db) < BATCH and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, "ingest finished before it could be interrupted"
    proc.send_signal(sig)
    proc.communicate(timeout=60)
    assert proc.returncode != 0

    # the store opens, and holds whole committed batches of inputs as read
    st = SqliteStore(str(db))
    kept = st.pending()
    assert len(kept) >= BATCH and len(kept) % BATCH == 0 and len(kept) < N_FILES
    for aid, docs in st.documents([p.id for p in kept]).items():
        src = Path(docs[0].source.path)
        assert src.is_file() and docs[0].body.split()[0] in src.read_text(encoding="utf-8")
        assert all(d.source.external_id for d in docs) == src.name.endswith(".xml")
    st.close()

    # re-running completes it, with the count of an uninterrupted ingest
    again = _ingest(corpus, db)
    out, err = again.communicate(timeout=300)
    assert again.returncode == 0, err.decode()
    clean_db = tmp_path / "clean.db"
    whole = _ingest(corpus, clean_db)
    whole.communicate(timeout=300)
    assert whole.returncode == 0
    assert _count(db) == _count(clean_db) == N_FILES
    st, ref = SqliteStore(str(db)), SqliteStore(str(clean_db))
    assert sorted(a.id for a in st.articles()) == sorted(a.id for a in ref.articles())
    st.close()
    ref.close()
