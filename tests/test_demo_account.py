"""The demo corpus's sourced account, as the account computes it: the flood toll an update
sequence 6 -> 8 -> 9 -> 11 with its times, the hospital against civil defence on the injured at
the same hour as the one conflict, injured and missing separate facts, "اثنين من المصابين" a part,
and the port strike's figures agreeing across outlets."""
from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

DEMO = Path(__file__).resolve().parent.parent / "demo" / "corpus"


@pytest.fixture(scope="module")
def demo_accounts():
    from riwaya import job
    from riwaya.account.stage import account_for
    from riwaya.store import MemoryStore
    from riwaya.story.embed import NullEmbedder

    store = MemoryStore()
    job.ingest_paths(store, [str(DEMO)])
    job.analyse(store)
    job.cluster(store, NullEmbedder())
    return [account_for(store, s.id) for s in store.stories()]


def _when(as_of: str) -> datetime:
    return datetime.fromisoformat(as_of.replace("Z", "+00:00"))


def _flood(accs) -> dict:
    return next(a for a in accs if a["language"] == "ar" and any(f["what"] == "killed" for f in a["facts"]))


def test_the_toll_is_an_update_sequence_with_times(demo_accounts):
    acc = _flood(demo_accounts)
    (killed,) = [f for f in acc["facts"] if f["what"] == "killed"]
    assert killed["status"] == "update", killed["evidence"]
    seq = killed["sequence"]
    assert [s["value"] for s in seq] == [6, 8, 9, 11]
    times = [_when(s["as_of"]) for s in seq]
    assert all("T" in s["as_of"] and t.tzinfo for s, t in zip(seq, times))  # times, not days
    assert times == sorted(times) and times[-1] - times[0] > timedelta(hours=24)
    assert len({m["outlet"] for s in seq for m in s["mentions"]}) >= 4
    assert not [c for c in acc["conflicts"] if c["what"] == "killed"]
    # the summary states the rise, citing the first report and the last
    def cites(line, ms):
        return any(c["article"] == m["article"] and c["start"] <= m["start"] < c["end"]
                   for c in line["sources"] for m in ms)
    assert any(cites(ln, seq[0]["mentions"]) and cites(ln, seq[-1]["mentions"]) for ln in acc["summary"])


def test_the_same_hour_disagreement_is_the_conflict(demo_accounts):
    acc = _flood(demo_accounts)
    assert [c["what"] for a in demo_accounts for c in a["conflicts"]] == ["injured"]
    (c,) = acc["conflicts"]
    assert len(c["sides"]) == 2
    outlets = [{m["outlet"] for m in s["mentions"]} for s in c["sides"]]
    assert not outlets[0] & outlets[1]
    facts = {f["id"]: f for f in acc["facts"]}
    as_of = [_when(m["as_of"]) for m in facts[c["fact"]]["mentions"]
             if any(m["start"] == x["start"] and m["article"] == x["article"] for s in c["sides"] for x in s["mentions"])]
    assert max(as_of) - min(as_of) <= timedelta(hours=1)
    # the summary states it as a conflict, both sides cited
    first = acc["summary"][0]
    assert {m["article"] for s in c["sides"] for m in s["mentions"]} <= {x["article"] for x in first["sources"]}


def test_injured_and_missing_are_separate_facts_and_a_part_is_no_count(demo_accounts):
    acc = _flood(demo_accounts)
    by = {}
    for f in acc["facts"]:
        by.setdefault(f["what"], []).append(f)
    assert {"killed", "injured", "missing"} <= set(by)
    (missing,) = by["missing"]
    assert missing["status"] == "update" and [s["value"] for s in missing["sequence"]] == [5, 4, 2]
    injured = [m for f in by["injured"] for m in f["mentions"]]
    assert injured and all(m["value"] != 2 for m in injured)  # "حالة اثنين من المصابين حرجة"
    assert any(m["value"] == 2 for f in by.get("injured:part", []) for m in f["mentions"])


def test_english_figures_are_read(demo_accounts):
    """The English reports give facts too: "At least eight people" killed, "five people swept away"
    missing, "two more bodies" an increment (a part), "about 90 millimetres" of rain."""
    en = [f for a in demo_accounts for f in a["facts"]]  # wherever the English reports are clustered
    got = {(f["what"], m["text"]) for f in en for m in f["mentions"]}
    assert ("killed", "At least eight people") in got and ("missing", "five people") in got
    assert ("killed:part", "two") in got and ("rain", "about 90 millimetres") in got
    assert not [m for f in en if f["what"] == "killed" for m in f["mentions"] if m["value"] == 2]


def test_port_strike_figures_agree_across_outlets(demo_accounts):
    port = next(a for a in demo_accounts if any("سفين" in f["what"] for f in a["facts"]))
    agreeing = [f for f in port["facts"] if f["status"] == "agree"]
    assert len(agreeing) >= 3 and not port["conflicts"]
    assert all(len({m["outlet"] for m in f["mentions"]}) >= 2 for f in agreeing)
