"""The story engine's parts on tiny inputs: stems, scores, the join model file, online events."""
from __future__ import annotations

import json
from dataclasses import replace

import pytest

from riwaya.model import Article, Published, Source
from riwaya.story import joiner
from riwaya.story.events import OnlineEvents
from riwaya.story.features import (
    FEATURES,
    DocFreq,
    pair_features,
    stem,
    stopwords,
    tokens,
    vectors,
    words,
)
from riwaya.story.scores import bcubed, pairwise, single_link


def art(i: str, title: str, text: str, when: str = "2018-03-01T10:00:00+00:00", outlet: str = "x") -> Article:
    return Article(id=i, text=text, sources=(Source(f"{i}.txt"),), title=title, outlet=outlet,
                   published=Published(when, "metadata", 1.0))


def test_stopwords_file_is_folded_and_nonempty():
    sw = stopwords()
    assert len(sw) > 100
    assert "الي" in sw and "في" in sw and "the" in sw  # "إلى" folded to its matching form


def test_stems_fold_prefixes_and_suffixes():
    assert stem("والمدينه") == stem("المدينه") == stem("مدينه")
    assert words("أعلنت الحكومة في مأرب")[-1] == "مارب"


def test_scores_by_hand():
    gold = {"a": 1, "b": 1, "c": 2}
    assert bcubed({"a": 1, "b": 1, "c": 2}, gold) == (1.0, 1.0, 1.0)
    p, r, _ = bcubed({"a": 1, "b": 2, "c": 3}, gold)
    assert p == 1.0 and r == pytest.approx(2 / 3)  # a and b each see half their story
    assert pairwise({"a": 1, "b": 1, "c": 1}, gold)[:2] == (pytest.approx(1 / 3), 1.0)
    assert single_link(4, [(0, 1), (1, 2)])[0] == single_link(4, [(0, 1), (1, 2)])[2] != single_link(4, [])[3]


@pytest.mark.parametrize("lexical", [False, True])
def test_shipped_models_load_and_match_features(lexical):
    m = joiner.load(lexical=lexical)
    assert m.features == FEATURES and len(m.coef) == len(FEATURES)
    assert 0.0 < m.threshold < 1.0
    assert m.meta["trained_by"].startswith("riwaya train events")


def test_model_json_round_trip(tmp_path):
    m = joiner.JoinModel(FEATURES, tuple(0.25 * i for i in range(len(FEATURES))), -1.0, 0.4, {"k": 1})
    m.save(tmp_path / "m.json")
    assert joiner.load(tmp_path / "m.json") == m
    bad = json.loads((tmp_path / "m.json").read_text())
    bad["features"] = bad["features"][:-1]
    (tmp_path / "m.json").write_text(json.dumps(bad))
    with pytest.raises(Exception, match="retrain"):
        joiner.load(tmp_path / "m.json")


def _vecs(arts):
    df = DocFreq.prior()
    toks = [tokens(a) for a in arts]
    for t in toks:
        df.add(t)
    return [vectors(t, df) for t in toks]


MARIB = "اعترضت الدفاعات الجوية صاروخا باليستيا أطلقته ميليشيا الحوثي باتجاه مدينة مأرب فجر اليوم"
TRUMP = "فرض الرئيس الأمريكي دونالد ترامب رسوما جمركية على واردات الصلب والألمنيوم بنسبة 25 في المئة"


def test_online_events_join_like_and_keep_ids():
    arts = [art("a1", "اعتراض صاروخ باليستي فوق مأرب", MARIB),
            art("a2", "ترامب يفرض رسوما على الصلب", TRUMP, "2018-03-01T11:00:00+00:00"),
            art("a3", "الدفاعات الجوية تعترض صاروخا حوثيا فوق مأرب", MARIB + " دون خسائر", "2018-03-01T12:00:00+00:00"),
            art("a4", "رسوم ترامب على الصلب والألمنيوم", TRUMP + " مما أثار مخاوف", "2018-03-01T13:00:00+00:00")]
    v = _vecs(arts)
    oe = OnlineEvents(joiner.load(lexical=True))
    first = oe.add(v[0])
    assert first.opened
    for x in v[1:]:
        oe.add(x)
    assert oe.of["a1"] == oe.of["a3"] == first.event  # the event keeps the id of its first article
    assert oe.of["a2"] == oe.of["a4"] != first.event


def test_pair_features_are_named_and_symmetric_enough():
    v = _vecs([art("a", "اعتراض صاروخ فوق مأرب", MARIB), art("b", "ترامب والصلب", TRUMP)])
    f = pair_features(v[0], v[1])
    assert len(f) == len(FEATURES)
    assert pair_features(v[1], v[0]) == pytest.approx(f)


def test_event_model_json_round_trip_and_check(tmp_path):
    ev = joiner.EventModel(tuple(0.25 * i for i in range(len(joiner.EVENT_FEATURES))), -2.0)
    m = joiner.JoinModel(FEATURES, tuple(0.0 for _ in FEATURES), -1.0, 0.3, {"k": 1}, ev)
    m.save(tmp_path / "m.json")
    assert joiner.load(tmp_path / "m.json") == m
    bad = json.loads((tmp_path / "m.json").read_text())
    bad["event"]["features"] = bad["event"]["features"][:-1]
    (tmp_path / "m.json").write_text(json.dumps(bad))
    with pytest.raises(Exception, match="retrain"):
        joiner.load(tmp_path / "m.json")


@pytest.mark.parametrize("lexical", [False, True])
def test_shipped_event_stage_matches_features(lexical):
    m = joiner.load(lexical=lexical)
    assert m.event is None or len(m.event.coef) == len(joiner.EVENT_FEATURES)


def _four():
    return [art("a1", "اعتراض صاروخ باليستي فوق مأرب", MARIB),
            art("a2", "ترامب يفرض رسوما على الصلب", TRUMP, "2018-03-01T11:00:00+00:00"),
            art("a3", "الدفاعات الجوية تعترض صاروخا حوثيا فوق مأرب", MARIB + " دون خسائر", "2018-03-01T12:00:00+00:00"),
            art("a4", "رسوم ترامب على الصلب والألمنيوم", TRUMP + " مما أثار مخاوف", "2018-03-01T13:00:00+00:00")]


def test_event_features_against_open_events():
    from riwaya.story.events import OpenEvent, event_features

    v = _vecs(_four())
    model = joiner.load(lexical=True)
    marib, trump = OpenEvent("m"), OpenEvent("t")
    marib.add(v[0])
    trump.add(v[1])
    x = event_features(v[2], marib, model)
    assert len(x) == len(joiner.EVENT_FEATURES)
    f = dict(zip(joiner.EVENT_FEATURES, x))
    assert 0.0 <= f["mean_p"] <= f["max_p"] <= 1.0 and f["has_emb"] == 0.0
    assert f["centroid_lead"] > 0.3  # the same report reworded: close to the event's TF-IDF centroid
    other = event_features(v[2], trump, model)
    assert other is None or dict(zip(joiner.EVENT_FEATURES, other))["centroid_lead"] < f["centroid_lead"]


def test_online_events_with_an_event_stage():
    # an event stage that leans on the mean pair P and the TF-IDF centroid
    coef = [0.0] * len(joiner.EVENT_FEATURES)
    coef[joiner.EVENT_FEATURES.index("mean_p")] = 6.0
    coef[joiner.EVENT_FEATURES.index("centroid_lead")] = 6.0
    model = replace(joiner.load(lexical=True), event=joiner.EventModel(tuple(coef), -4.0), threshold=0.5)
    v = _vecs(_four())
    oe = OnlineEvents(model)
    for x in v:
        oe.add(x)
    assert oe.of["a1"] == oe.of["a3"] != oe.of["a2"] == oe.of["a4"]


def test_event_examples_label_the_gold_event():
    from riwaya.story.training import event_examples

    arts = _four() + [art("a5", "صاروخ حوثي جديد فوق مأرب", MARIB + " للمرة الثانية", "2018-03-01T14:00:00+00:00")]
    v = _vecs(arts)
    gold = {"a1": "m", "a2": "t", "a3": "m", "a4": "t", "a5": "m"}
    X, y = event_examples(v, gold, joiner.load(lexical=True))
    # events of one article are left to the pair model: only a5 meets an event of two (Marib: its own)
    assert len(X) == len(y) and sum(y) == 1
    assert all(len(x) == len(joiner.EVENT_FEATURES) for x in X)


def test_a_flood_of_one_event_is_compared_with_its_nearest_members_only(monkeypatch):
    import numpy as np

    from riwaya.story import events

    arts = [art(f"f{i}", "ترامب يفرض رسوما على الصلب", TRUMP, f"2018-03-01T10:{i:02d}:00+00:00") for i in range(12)]
    v = _vecs(arts)
    monkeypatch.setattr(events, "MAX_COMPARED", 4)
    compared = []
    real = events.pair_features_many
    monkeypatch.setattr(events, "pair_features_many", lambda a, others: compared.append(len(others)) or real(a, others))
    oe = OnlineEvents(joiner.load(lexical=True))
    for x in v:
        oe.add(x)
    assert len(set(oe.of.values())) == 1  # one event, as without the limit
    assert max(compared) == 4
    # with embeddings, the nearest members by cosine, kept in their order
    rng = np.random.default_rng(0)
    embs = rng.normal(size=(12, 16)).astype(np.float32)
    embs /= np.linalg.norm(embs, axis=1, keepdims=True)
    w = [replace(x, emb=e) for x, e in zip(v, embs)]
    cos = embs[:-1] @ embs[-1]
    nearest = set(np.argsort(-cos)[:4].tolist())
    assert [m.tok.id for m in events._nearest(w[-1], w[:-1])] == [f"f{k}" for k in sorted(nearest)]
