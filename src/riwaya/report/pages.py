"""HTML and Markdown reports: an index of stories and one page per story, right-to-left.

Every string that came from the input (titles, outlets, authors, paths) is escaped as HTML, loses
any bidi embedding, override or isolate control it carried, and is shown isolated: in ``<bdi>`` in
HTML, between FSI and PDI (U+2068, U+2069) in Markdown, so a Latin or neutral run cannot reorder
the right-to-left text around it. In Markdown it is also kept on one line with its Markdown
punctuation escaped (a title cannot open a heading, a link or a code span).
"""
from __future__ import annotations

import html
import re
from pathlib import Path

from riwaya.escape import strip_bidi_controls
from riwaya.model import Article, Story

_CSS = """
body{font-family:"Noto Naskh Arabic","Amiri","Segoe UI",Tahoma,sans-serif;max-width:60rem;margin:2rem auto;
padding:0 1rem;line-height:1.7;color:#1b1b1b;background:#fdfdfb}
h1,h2,h3{line-height:1.3} a{color:#0b5394} .meta{color:#555;font-size:.9em}
.event{border-inline-start:4px solid #c9a227;padding-inline-start:1rem;margin:1.5rem 0}
.article{margin:1rem 0;padding:.5rem 1rem;background:#f4f1ea;border-radius:6px}
details summary{cursor:pointer;color:#555}
table{border-collapse:collapse} td,th{padding:.25rem .6rem;border-bottom:1px solid #ddd;text-align:start}
td.date{white-space:nowrap;direction:ltr;unicode-bidi:isolate} .unknown{color:#888}
.account{background:#fff;border:1px solid #e3dccb;border-radius:8px;padding:.5rem 1.2rem;margin:1rem 0}
.conflict{border-inline-start:4px solid #b3261e;padding-inline-start:.8rem} sup a{text-decoration:none}
td.outlet{white-space:nowrap} .status-conflict{color:#b3261e;font-weight:bold} .status-update{color:#8a5a00} .planned{color:#555;font-style:italic}
"""

STATUS = {"conflict": "تعارض", "update": "تحديث", "agree": "اتفاق", "single": "مصدر واحد"}


UNKNOWN_OUTLET = "مصدر غير معروف"


def _e(s: str | None) -> str:
    """Input text escaped for HTML, without bidi controls."""
    return html.escape(strip_bidi_controls(s or ""))


def _u(s: str | None) -> str:
    """Input text for HTML content: escaped and bidi-isolated."""
    return f"<bdi>{_e(s)}</bdi>" if s else ""


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~#])")
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x85]+")


def _m(s: str | None) -> str:
    """Input text for Markdown: one line, HTML and Markdown punctuation escaped, bidi-isolated."""
    text = _MD_SPECIAL.sub(r"\\\1", _e(_LINE_BREAKS.sub(" ", s or "")))
    return f"\u2068{text}\u2069" if text else ""


def _dir(a: Article) -> str:
    return "ltr" if a.language in ("en", "fr") else "rtl"


def _page(title: str, body: str) -> str:
    return (f'<!doctype html>\n<html lang="ar" dir="rtl">\n<head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_e(title)}</title><style>{_CSS}</style></head>\n<body>\n{body}\n</body>\n</html>\n")


def story_file(s: Story, ext: str) -> str:
    return f"story-{s.id}.{ext}"


def write_reports(out: Path, stories: list[Story], articles: dict[str, Article],
                  accounts: dict[str, dict] | None = None) -> None:
    """The index and the story pages; a story with a sourced account (``riwaya.account``) leads with it."""
    accounts = accounts or {}
    rows = []
    for s in stories:
        outlets = sorted({articles[a].outlet or UNKNOWN_OUTLET for a in s.articles if a in articles})
        dates = sorted(e.date for e in s.events if e.date)
        rows.append(f'<tr><td><a href="{story_file(s, "html")}">{_u(s.title)}</a></td>'
                    f"<td>{len(s.events)}</td><td>{len(s.articles)}</td><td>{'، '.join(map(_u, outlets))}</td>"
                    f"<td class=\"date\">{_e(dates[0] if dates else '')}</td></tr>")
        acc = accounts.get(s.id)
        (out / story_file(s, "html")).write_text(_story_html(s, articles, acc), encoding="utf-8")
        (out / story_file(s, "md")).write_text(_story_md(s, articles, acc), encoding="utf-8")
    body = ("<h1>القصص</h1>\n<table><thead><tr><th>القصة</th><th>أحداث</th><th>مقالات</th><th>المصادر</th>"
            "<th>التاريخ</th></tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody></table>")
    (out / "index.html").write_text(_page("riwaya", body), encoding="utf-8")


def _cites(sources: list[dict], articles: dict[str, Article]) -> str:
    """Citation marks: each opens its source article, the cited words in the link's title."""
    out = []
    for i, c in enumerate(sources, 1):
        a = articles.get(c["article"])
        said = a.text[c["start"]:c["end"]] if a else ""
        who = (a.outlet if a else None) or UNKNOWN_OUTLET
        out.append(f'<sup><a href="#a-{_e(c["article"])}" title="{_e(who)}: {_e(said)}">[{i}]</a></sup>')
    return "".join(out)


def _account_html(acc: dict, articles: dict[str, Article]) -> str:
    parts = ['<section class="account">']
    if acc.get("summary"):
        parts.append("<h2>الخلاصة</h2>")
        parts += [f"<p>{_u(x['text'])}{_cites(x['sources'], articles)}</p>" for x in acc["summary"]]
    for c in acc.get("conflicts", []):
        sides = "؛ ".join(f"{_u(m['text'])} ({_u(m['outlet'] or UNKNOWN_OUTLET)})"
                          for sd in c["sides"] for m in sd["mentions"][:3])
        parts.append(f'<div class="conflict"><h3>تعارض: {_u(c.get("label") or c["what"])}</h3><p>{sides}</p>'
                     f'<details><summary>لماذا</summary><p dir="ltr">{_e(c.get("evidence"))}</p></details></div>')
    facts = [f for f in acc.get("facts", []) if f["status"] != "single"]
    if facts:
        parts.append("<h3>الأرقام بين المصادر</h3><table><tbody>")
        for f in sorted(facts, key=lambda f: ["conflict", "update", "agree"].index(f["status"])):
            ms = "، ".join(f"{_u(m['text'])} ({_u(m['outlet'] or UNKNOWN_OUTLET)})" for m in f["mentions"][:6])
            parts.append(f'<tr><td>{_u(f.get("label") or f["what"])}</td>'
                         f'<td class="status-{f["status"]}">{STATUS[f["status"]]}</td><td>{ms}</td></tr>')
        parts.append("</tbody></table>")
    if acc.get("timeline"):
        parts.append("<h3>التسلسل الزمني</h3><ul>")
        for t in acc["timeline"]:
            cls = ' class="planned"' if t.get("status") == "planned" else ""
            mark = " (مقرر)" if t.get("status") == "planned" else ""
            parts.append(f'<li{cls}><bdi dir="ltr">{_e(t["date"])}</bdi>{mark}: {_u(t["text"])}'
                         f"{_cites(t['sources'], articles)}</li>")
        parts.append("</ul>")
    parts += _framing_html(acc.get("framing", []), articles)
    parts += _exclusives_html(acc, articles)
    parts.append("</section>")
    return "\n".join(parts)


VOICE = {"quoted": "في اقتباس", "reported": "في كلام منقول"}
KIND = {"scare_quotes": "بين علامتي تنصيص", "learned": "من استعمال المصدر"}


def times_ar(n: int) -> str:
    """How many times, in Arabic: مرتان، 3 مرات، 11 مرة."""
    if n == 2:
        return "مرتان"
    return f"{n} مرات" if 3 <= n <= 10 else f"{n} مرة"


def by_referent(items: list[dict]) -> list[tuple[str, dict[str, list[dict]]]]:
    """Framing items grouped by referent, then outlet (the first item of each kind of use)."""
    refs: dict[str, dict[str, list[dict]]] = {}
    for it in items:
        cell = refs.setdefault(it["referent"], {}).setdefault(it["outlet"] or it["article"], [])
        if not any((x["sense"], x["kind"], x["voice"]) == (it["sense"], it["kind"], it["voice"]) for x in cell):
            cell.append(it)
    return list(refs.items())


def referent_label(ref: str, items: dict[str, list[dict]]) -> str:
    first = next(iter(items.values()))[0]
    if first.get("referent_label"):
        return first["referent_label"]["ar"]
    return "«" + ref.split(":", 1)[-1] + "»"


def use_note(it: dict) -> str:
    """How a use stands (scare quotes, someone's words), in Arabic: "" for the outlet's own plain word."""
    notes = [KIND[it["kind"]]] if it["kind"] in KIND else []
    if it["voice"] in VOICE:
        notes.append(VOICE[it["voice"]] + (f" عن {it['speaker']}" if it.get("speaker") else ""))
    return "، ".join(notes)


def _framing_html(items: list[dict], articles: dict[str, Article]) -> list[str]:
    if not items:
        return []
    parts = ["<h3>التأطير: الكلمات التي يختارها كل مصدر</h3>"]
    for ref, cells in by_referent(items):
        parts.append(f"<h4>{_e(referent_label(ref, cells))}</h4><table class=\"framing\"><tbody>")
        for uses in cells.values():
            words = []
            for it in uses:
                a = articles.get(it["article"])
                sent = a.text[it["sentence"]["start"]:it["sentence"]["end"]] if a and it.get("sentence") else ""
                shown = f"«{_u(it['text'])}»" if it["kind"] == "scare_quotes" else _u(it["text"])
                note = use_note(it)
                count = f" ({times_ar(it['uses'])})" if it.get("uses", 1) > 1 else ""
                words.append(f'<a href="#a-{_e(it["article"])}" title="{_e(sent)}">{shown}</a>{count}'
                             + (f' <span class="meta">({_u(note)})</span>' if note else ""))
            parts.append(f"<tr><td class=\"outlet\">{_u(uses[0]['outlet'] or UNKNOWN_OUTLET)}</td>"
                         f"<td>{'، '.join(words)}</td></tr>")
        parts.append("</tbody></table>")
    return parts


def _omitted(o: dict) -> str:
    """What an omission is of, as a reader names it: the measure's label (an unlisted count has
    none: its example says it) or the speaker."""
    if o["kind"] == "quote":
        return o.get("speaker") or ""
    lab = o.get("label") or ""
    return "" if lab.startswith("count:") else lab


def _exclusives_html(acc: dict, articles: dict[str, Article]) -> list[str]:
    parts = []
    if acc.get("exclusives"):
        parts.append(f"<details><summary>ما انفرد به مصدر واحد ({len(acc['exclusives'])})</summary><ul>")
        for x in acc["exclusives"]:
            who = f" ({_u(x['speaker'])})" if x.get("speaker") else ""
            parts.append(f'<li>{_u(x.get("outlet") or UNKNOWN_OUTLET)}{who}: '
                         f'<a href="#a-{_e(x["article"])}">{_u(x["text"])}</a></li>')
        parts.append("</ul></details>")
    if acc.get("omissions"):
        parts.append("<h3>ما أغفله مصدر وذكرته أغلب المصادر</h3><ul>")
        for o in acc["omissions"]:
            what = _omitted(o)
            ex = o["example"]
            kind = "الرقم" if o["kind"] == "figure" else "تصريحات"
            carried = "، ".join(_u(c or UNKNOWN_OUTLET) for c in o["carried_by"])
            parts.append(f'<li>{_u(o["outlet"] or UNKNOWN_OUTLET)}: {kind} {_u(what)} — ذكره {carried}، '
                         f'مثل <a href="#a-{_e(ex["article"])}">{_u(ex["text"])}</a></li>')
        parts.append("</ul>")
    return parts


def _story_html(s: Story, articles: dict[str, Article], acc: dict | None = None) -> str:
    parts = [f"<h1>{_u(s.title)}</h1>", '<p class="meta"><a href="index.html">→ كل القصص</a></p>']
    if acc:
        parts.append(_account_html(acc, articles))
    for ev in s.events:
        parts.append(f'<section class="event" id="{ev.id}"><h2>{_u(ev.title)}</h2>'
                     f'<p class="meta">{_e(ev.date or "تاريخ غير معروف")} · {len(ev.articles)} مقال</p>')
        for aid in ev.articles:
            a = articles.get(aid)
            if a is None:
                continue
            paras = "".join(f"<p>{_e(a.text[p.start:p.end])}</p>" for p in a.paragraphs)
            src = ", ".join(s.path + (f"!{s.member}" if s.member else "") for s in a.sources)
            parts.append(
                f'<article class="article" id="a-{_e(a.id)}" dir="{_dir(a)}" lang="{_e(a.language or "ar")}">'
                f"<h3>{_u(a.title)}</h3><p class=\"meta\">{_u(a.outlet or UNKNOWN_OUTLET)} · "
                f"{_e(a.published.value or 'تاريخ النشر غير معروف')} ({_e(a.published.evidence)})</p><details><summary>النص</summary>{paras}</details>"
                f'<p class="meta" dir="ltr">{_u(src)}</p></article>')
        parts.append("</section>")
    return _page(s.title, "\n".join(parts))


def _story_md(s: Story, articles: dict[str, Article], acc: dict | None = None) -> str:
    lines = ['<div dir="rtl">', "", f"# {_m(s.title)}", ""]
    if acc:
        for x in acc.get("summary", []):
            refs = " ".join(f"`{c['article']}:{c['start']}-{c['end']}`" for c in x["sources"])
            lines.append(f"- {_m(x['text'])} {refs}")
        for c in acc.get("conflicts", []):
            sides = "؛ ".join(f"{_m(m['text'])} ({_m(m['outlet']) or UNKNOWN_OUTLET})"
                              for sd in c["sides"] for m in sd["mentions"][:3])
            lines.append(f"- **تعارض: {_m(c.get('label') or c['what'])}**: {sides}")
        for t in acc.get("timeline", []):
            mark = " (مقرر)" if t.get("status") == "planned" else ""
            lines.append(f"- {_m(t['date'])}{mark}: {_m(t['text'])}")
        for ref, cells in by_referent(acc.get("framing", [])):
            lines.append(f"- **التأطير: {_m(referent_label(ref, cells))}**")
            for uses in cells.values():
                words = "، ".join(_m(("«" + it["text"] + "»") if it["kind"] == "scare_quotes" else it["text"])
                                 + (f" ({_m(use_note(it))})" if use_note(it) else "")
                                 + f" `{it['article']}:{it['start']}-{it['end']}`" for it in uses)
                lines.append(f"  - {_m(uses[0]['outlet']) or UNKNOWN_OUTLET}: {words}")
        for x in acc.get("exclusives", []):
            lines.append(f"- انفرد {_m(x.get('outlet') or UNKNOWN_OUTLET)}: {_m(x['text'])} "
                         f"`{x['article']}:{x['start']}-{x['end']}`")
        for o in acc.get("omissions", []):
            carried = "، ".join(_m(c) or UNKNOWN_OUTLET for c in o["carried_by"])
            lines.append(f"- أغفل {_m(o['outlet']) or UNKNOWN_OUTLET}: {_m(_omitted(o))} "
                         f"«{_m(o['example']['text'])}» (ذكره {carried})")
        lines.append("")
    for ev in s.events:
        lines += [f"## {_m(ev.title)}", "", f"- التاريخ: {_m(ev.date) or 'غير معروف'}", ""]
        for aid in ev.articles:
            a = articles.get(aid)
            if a is None:
                continue
            lines.append(f"- **{_m(a.title)}** ({_m(a.outlet) or UNKNOWN_OUTLET}، "
                         f"{_m(a.published.value) or 'تاريخ النشر غير معروف'}) `{a.id}`")
        lines.append("")
    lines.append("</div>")
    return "\n".join(lines) + "\n"
