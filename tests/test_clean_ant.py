"""ANT acceptance: on 1-14 March 2018, cleaning (with the outlet furniture learned from the whole
archive, as ingest learns it) removes no sentence of TEXT that the outlet's ABSTRACT also has."""
from __future__ import annotations

import pytest
from conftest import shared_path

pytestmark = pytest.mark.slow  # a quality gate or a long run: `make test` runs it as its own step


def test_no_abstract_sentence_removed_on_ant_slice():
    from riwaya.eval.cleaning import abstract_check, in_slice, learn
    from riwaya.ingest import read

    archive = shared_path("corpora", "ant-2018.tar.gz")
    docs = [d for d in read([str(archive)]) if not isinstance(d, Exception)]
    assert len(docs) == 31525
    model = learn(docs)
    part = [d for d in docs if in_slice(d)]
    res = abstract_check(part, model)
    assert res["articles"] > 1500
    assert res["abstract_sentences_checked"] > 1000  # the check has teeth
    assert res["abstract_sentences_removed"] == 0, res["examples"]
    assert sum(sum(c.values()) for c in res["removed_by_outlet"].values()) > 100  # and cleaning did clean
