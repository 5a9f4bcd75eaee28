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
"""


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


def write_reports(out: Path, stories: list[Story], articles: dict[str, Article]) -> None:
    rows = []
    for s in stories:
        outlets = sorted({articles[a].outlet or UNKNOWN_OUTLET for a in s.articles if a in articles})
        dates = sorted(e.date for e in s.events if e.date)
        rows.append(f'<tr><td><a href="{story_file(s, "html")}">{_u(s.title)}</a></td>'
                    f"<td>{len(s.events)}</td><td>{len(s.articles)}</td><td>{'، '.join(map(_u, outlets))}</td>"
                    f"<td class=\"date\">{_e(dates[0] if dates else '')}</td></tr>")
        (out / story_file(s, "html")).write_text(_story_html(s, articles), encoding="utf-8")
        (out / story_file(s, "md")).write_text(_story_md(s, articles), encoding="utf-8")
    body = ("<h1>القصص</h1>\n<table><thead><tr><th>القصة</th><th>أحداث</th><th>مقالات</th><th>المصادر</th>"
            "<th>التاريخ</th></tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody></table>")
    (out / "index.html").write_text(_page("riwaya", body), encoding="utf-8")


def _story_html(s: Story, articles: dict[str, Article]) -> str:
    parts = [f"<h1>{_u(s.title)}</h1>", '<p class="meta"><a href="index.html">→ كل القصص</a></p>']
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
                f'<article class="article" dir="{_dir(a)}" lang="{_e(a.language or "ar")}">'
                f"<h3>{_u(a.title)}</h3><p class=\"meta\">{_u(a.outlet or UNKNOWN_OUTLET)} · "
                f"{_e(a.published.value or 'تاريخ النشر غير معروف')} ({_e(a.published.evidence)})</p><details><summary>النص</summary>{paras}</details>"
                f'<p class="meta" dir="ltr">{_u(src)}</p></article>')
        parts.append("</section>")
    return _page(s.title, "\n".join(parts))


def _story_md(s: Story, articles: dict[str, Article]) -> str:
    lines = ['<div dir="rtl">', "", f"# {_m(s.title)}", ""]
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
