"""Text for the pages: every string escaped, bidi controls dropped, Latin words and numbers
isolated (``<bdi>``) so they keep their order inside right-to-left text, and an article's layers
shown as marks over its text."""
from __future__ import annotations

import re
from functools import lru_cache
from html import escape as _html_escape

from markupsafe import Markup

from riwaya.escape import strip_bidi_controls

# a run of Latin letters or digits (with the punctuation that holds such a run together)
_LTR = re.compile(r"[A-Za-z0-9\u00c0-\u024f][A-Za-z0-9\u00c0-\u024f.,:/+%'’\-_ ]*[A-Za-z0-9\u00c0-\u024f%]|[A-Za-z0-9]")
def _escape(s: str) -> str:
    return _html_escape(s, quote=True)


# the layers the article page marks, and how a mark describes its item
LAYERS = ("dates", "places", "quantities", "entities", "mentions", "quotes")


@lru_cache(maxsize=50000)
def _run(text: str) -> Markup:
    # plain str work and one Markup at the end: a story page shows thousands of such runs
    out = []
    at = 0
    for m in _LTR.finditer(text):
        out.append(_escape(text[at:m.start()]))
        out.append("<bdi>" + _escape(m.group()) + "</bdi>")
        at = m.end()
    out.append(_escape(text[at:]))
    return Markup("".join(out))


def bidi(value) -> Markup:
    """``value`` as safe HTML: escaped, bidi controls dropped, Latin and number runs in <bdi>."""
    if value is None:
        return Markup("")
    return _run(strip_bidi_controls(str(value)))


def _get(item, name, default=None):
    return item.get(name, default) if hasattr(item, "get") else getattr(item, name, default)


def _describe(layer: str, item) -> str:
    parts = [layer]
    for k in ("value", "label", "unit", "counts", "speaker", "cue"):
        v = _get(item, k)
        if isinstance(v, dict) or hasattr(v, "text"):  # a speaker phrase: its words, not its record
            v = _get(v, "text")
        if v not in (None, "") and not isinstance(v, (list, tuple, dict)):
            parts.append(f"{k}: {v}")
    return " · ".join(str(p) for p in parts)


OUTER = ("quotes",)  # long spans; the other layers are marked inside them


def _first_fit(spans: list) -> list:
    spans.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    out, end = [], -1
    for sp in spans:
        if sp[0] >= end:
            out.append(sp)
            end = sp[1]
    return out


def marks(article, at: tuple[int, int] | None = None) -> list[tuple[int, int, str, str, list]]:
    """(start, end, layer, description, inner) over the text, earliest and longest first: quotes
    (and ``at``, a span a link points at: a story page's cited sentence, marked before any layer)
    hold the shorter layers' marks that fall inside them (``inner``); nothing crosses a boundary."""
    outer, inner = [], []
    for layer in LAYERS:
        for it in article.layer(layer):
            s, e = _get(it, "start"), _get(it, "end")
            if isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(article.text):
                (outer if layer in OUTER else inner).append((s, e, layer, _describe(layer, it)))
    if at is not None and 0 <= at[0] < at[1] <= len(article.text):
        outer = [sp for sp in outer if sp[1] <= at[0] or sp[0] >= at[1]] + [(at[0], at[1], "at", "")]
    outer = _first_fit(outer)
    out = [(s, e, layer, desc, [i for i in inner if s <= i[0] and i[1] <= e]) for s, e, layer, desc in outer]
    crossing = [i for i in inner if any(o[0] < i[1] and i[0] < o[1] for o in outer)]
    out += [(s, e, layer, desc, []) for s, e, layer, desc in inner if (s, e, layer, desc) not in crossing]
    out = _first_fit(out)
    return [(s, e, layer, desc, _first_fit(list(kids))) for s, e, layer, desc, kids in out]


def _open(layer: str, desc: str) -> Markup:
    if layer == "at":
        return Markup('<mark class="l-at" id="at">')
    return Markup('<mark class="l-%s" title="%s">') % (layer, strip_bidi_controls(desc))


def _marked(text: str, start: int, end: int, ms) -> list:
    html, at = [], start
    for s, e, layer, desc, *kids in ms:
        if s < start or e > end:
            continue
        html.append(bidi(text[at:s]))
        body = _marked(text, s, e, kids[0]) if kids and kids[0] else [bidi(text[s:e])]
        html.append(_open(layer, desc) + Markup("").join(body) + Markup("</mark>"))
        at = e
    html.append(bidi(text[at:end]))
    return html


def paragraphs(article, at: tuple[int, int] | None = None) -> list[Markup]:
    """The article's paragraphs as HTML with its layers marked (and ``at``, with the id "at")."""
    text = article.text
    bounds = [(p.start, p.end) for p in article.paragraphs] or [(0, len(text))]
    ms = marks(article, at)
    return [Markup("").join(_marked(text, ps, pe, ms)) for ps, pe in bounds]


def snippet(s) -> Markup:
    """A search snippet with its matched words in <mark>."""
    html, at = [], 0
    for a, b in s.marks:
        html.append(bidi(s.text[at:a]))
        html.append(Markup("<mark>") + bidi(s.text[a:b]) + Markup("</mark>"))
        at = b
    html.append(bidi(s.text[at:]))
    return Markup("").join(html)


EVIDENCE_KINDS = (("html", "html"), ("metadata", "metadata"), ("event", "event"), ("story", "story"),
                  ("date line", "date_line"), ("dateline", "dateline"), ("text", "text"), ("none", "none"))


def evidence_kind(evidence: str) -> str:
    """The kind of a publication date's evidence ("html:meta:...", "date line;text agrees: ...",
    "event:e1"), a key of the interface's reader phrases (``evidence_<kind>`` in ui.json)."""
    ev = (evidence or "").strip()
    for prefix, kind in EVIDENCE_KINDS:
        if ev.startswith(prefix):
            return kind
    return "other"
