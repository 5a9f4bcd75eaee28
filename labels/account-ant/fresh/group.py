"""Candidate story groups for the fresh account-ant set (reproducible; no article text written).

Usage, from the worktree root:

    PYTHONPATH=src python labels/account-ant/fresh/group.py ../shared/corpora/ant-2018.tar.gz > /tmp/fresh-groups.txt

``labels/account-ant/group.py`` (TF-IDF over title and lead, news sections only, articles of one day linked
at cosine ``LINK`` or more across outlets, groups as connected components) run on this set's days:
26 March, 11, 14 and 30 April, 13 and 14 May 2018 (a comma-separated list of YYYYMMDD as a second
argument replaces them). The printed groups were read by the labeller, completed from the days' titles,
and the stories kept written to ``stories.jsonl``; see README.md.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

DAYS = ("20180326", "20180411", "20180414", "20180430", "20180513", "20180514")

_spec = importlib.util.spec_from_file_location("account_ant_group", Path(__file__).resolve().parent.parent / "group.py")
base = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(base)

if __name__ == "__main__":
    base.DAYS = tuple(sys.argv[2].split(",")) if len(sys.argv) > 2 else DAYS
    base.main(sys.argv[1])
