"""Stages declare what they need; a mis-wired pipeline fails when built, not mid-corpus."""
from __future__ import annotations

import pytest

from riwaya.errors import PipelineError
from riwaya.pipeline import Pipeline, Stage, registered


def test_default_pipeline_is_well_wired():
    p = Pipeline.default()
    names = [s.name for s in p.stages]
    assert "sentences" in names and "dates" in names


def test_missing_requirement_fails_at_construction():
    reg = registered()
    with pytest.raises(PipelineError, match="requires"):
        Pipeline([reg["dates"]])  # dates needs sentences


def test_stage_returns_new_article():
    from riwaya.model import Document, Source
    from riwaya.text.clean import clean

    a = clean(Document(Source("x.txt"), "عنوان قصير للخبر\n\nأعلنت الوزارة أمس أن القوات غادرت. وقال المتحدث إن العملية انتهت.", "text"))
    out = Pipeline.default()(a)
    assert out is not a and a.layers.get("sentences") is None
    assert len(out.layer("sentences")) == 2


def test_stage_is_a_frozen_declaration():
    s = Stage("x", ("text",), ("y",), lambda a: a)
    with pytest.raises(Exception):
        s.name = "z"  # type: ignore[misc]
