"""Draw the candidate date expressions labelled in labels/dates-ant (reproducible; writes no article text
into the repo). Usage, from the worktree root:

    PYTHONPATH=src python labels/dates-ant/sample.py ../shared/corpora/ant-2018.tar.gz > /tmp/candidates.jsonl

Candidates are found by the regular expressions below, written for this sample and independent of riwaya's
date grammar, over the text as ``riwaya.text.clean.clean`` leaves it; they are drawn per day and per kind
with a fixed seed. Each line carries the sentence around the expression for the labeller (kept outside the
repository).
"""
from __future__ import annotations

import hashlib
import json
import random
import re
import sys
from collections import defaultdict

from riwaya.ingest import read
from riwaya.model import Document
from riwaya.text.clean import clean

DAYS = ("20180225", "20180607", "20180816", "20181010")
P = r"(?<![\w])[وفبل]?"
MOD = r"(?:الماضي|الماضية|المقبل|المقبلة|القادم|القادمة|الجاري|الحالي|الحالية|المنصرم|المنصرمة|الفائت|الفائتة)"
MONTHS = (r"(?:يناير|فبراير|مارس|أبريل|ابريل|إبريل|مايو|يونيو|يونيه|يوليو|يوليه|أغسطس|اغسطس|سبتمبر|أكتوبر|اكتوبر|"
          r"نوفمبر|ديسمبر|كانون الثاني|شباط|آذار|اذار|نيسان|أيار|ايار|حزيران|تموز|آب|أيلول|ايلول|تشرين الأول|"
          r"تشرين الثاني|كانون الأول)")
HMONTHS = (r"(?:محرم|صفر|ربيع الأول|ربيع الثاني|ربيع الآخر|جمادى الأولى|جمادى الآخرة|جمادى الثانية|رجب|شعبان|"
           r"رمضان|شوال|ذو القعدة|ذي القعدة|ذو الحجة|ذي الحجة)")
WD = r"(?:الأحد|الاحد|الاثنين|الإثنين|الثلاثاء|الأربعاء|الاربعاء|الخميس|الجمعة|السبت)"
KINDS = {
    "weekday": P + r"(?:يوم\s+)?" + WD + r"(?:\s+" + MOD + r")?(?:\s*[،,]?\s*\d{1,2}\s+(?:من\s+)?" + MONTHS + r")?(?![\w])",
    "relday": P + r"(?:أول\s+)?(?:أمس|الأمس|البارحة|اليوم|غدا|غداً|غدًا|الليلة)(?![\w])",
    "period": P + r"(?:الأسبوع|الاسبوع|الشهر|العام|السنة)\s+" + MOD + r"(?![\w])",
    "daymonth": P + r"\d{1,2}\s+(?:من\s+)?(?:شهر\s+)?" + MONTHS + r"(?:\s+" + MOD + r")?(?!\s*\d)(?![\w])",
    "monthmod": P + r"(?:شهر\s+)?" + MONTHS + r"\s+" + MOD + r"(?![\w])",
    "part": P + r"(?:أوائل|اوائل|منتصف|أواخر|اواخر|مطلع|بداية|بدايه|نهاية|أواسط|اواسط)\s+(?:شهر\s+)?(?:" + MONTHS
            + r"|الشهر\s+" + MOD + r"|الشهر|العام\s+" + MOD + r"|العام|الأسبوع\s+" + MOD + r")(?!\s*\d)(?![\w])",
    "holiday": P + r"(?:عيد الفطر|عيد الأضحى|عيد الاضحى|شهر رمضان|رمضان|المولد النبوي|عاشوراء|رأس السنة|عيد الميلاد)"
               r"(?:\s+(?:المبارك|الشريف|المجيد))?(?:\s+" + MOD + r")?(?![\w])",
    "hijri": P + r"\d{1,2}\s+(?:من\s+)?(?:شهر\s+)?" + HMONTHS + r"(?![\w])",
}
CAPS = {"weekday": 22, "relday": 12, "period": 8, "daymonth": 16, "monthmod": 6, "part": 10, "holiday": 10,
        "hijri": 6}
ORDER = ("hijri", "holiday", "part", "monthmod", "daymonth", "weekday", "period", "relday")


def sha8(s: str) -> str:
    return hashlib.sha1(s.encode("utf-8")).hexdigest()[:8]


def candidates(text: str):
    taken: list[tuple[int, int]] = []
    for kind in ORDER:
        for m in re.finditer(KINDS[kind], text):
            s, e = m.span()
            if any(s < b and a < e for a, b in taken):
                continue
            taken.append((s, e))
            yield kind, s, e


def main(path: str) -> None:
    rng = random.Random(18)
    pools: dict[tuple[str, str], list[dict]] = defaultdict(list)
    seen: set[str] = set()
    for doc in read([path]):
        if not isinstance(doc, Document):
            continue
        docno = doc.source.external_id or ""
        day = docno.rsplit("-", 1)[-1]
        if day not in DAYS:
            continue
        art = clean(doc)
        if art.id in seen:  # one text filed under two DOCNOs: labelled once
            continue
        seen.add(art.id)
        text = art.text
        for kind, s, e in candidates(text):
            if re.search(r"\d{4}", text[e:e + 12]):
                continue  # a written year fixes the date: not what this sample is for
            a = max(0, text.rfind("\n", 0, s) + 1, s - 260)
            b = min(len(text), e + 160)
            nl = text.find("\n", e)
            if nl != -1:
                b = min(b, nl)
            pools[(day, kind)].append({
                "docno": docno, "start": s, "length": e - s, "sha1": sha8(text[s:e]), "kind": kind,
                "published": doc.published, "expr": text[s:e],
                "context": text[a:s] + "【" + text[s:e] + "】" + text[e:b]})
    out = []
    for day in DAYS:
        for kind in ORDER:
            pool = pools[(day, kind)]
            rng.shuffle(pool)
            out.extend(pool[:CAPS[kind]])
    for i, row in enumerate(out):
        row["n"] = i
        print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])
