"""The web app: server-rendered pages (Jinja2, autoescaped, no script), Arabic first with an
English toggle (``?lang=en``, kept in a cookie)."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader
from markupsafe import Markup

from riwaya.report.pages import by_referent, times_ar
from riwaya.serve import api
from riwaya.serve.app import ApiError
from riwaya.serve.text import bidi, evidence_kind, paragraphs, snippet

router = APIRouter(include_in_schema=False)
LANGS = ("ar", "en")


@lru_cache(maxsize=1)
def _ui() -> dict:
    return json.loads(resources.files("riwaya.serve").joinpath("ui.json").read_text(encoding="utf-8"))


def _safe_url(u: str | None) -> str | None:
    """An outside link only when it is http(s); anything else (javascript:, data:) is shown as text."""
    if not u:
        return None
    try:
        return u if urlsplit(u.strip()).scheme.lower() in ("http", "https") else None
    except ValueError:
        return None


def _measure(item: dict, language: str | None) -> str:
    """A fact, conflict or omission as readers name its measure ("killed" -> "عدد القتلى"; an
    unlisted count: its noun as a mention writes it) in the page's language."""
    from riwaya.account.lexicon import label

    example = (item.get("mentions") or (item.get("sides") or [{}])[0].get("mentions") or [item.get("example") or item])
    return label(item.get("what", ""), language, (example[0] or {}).get("text"))


@lru_cache(maxsize=100_000)
def _article_row(aid: str, title: str, outlet: str, published: str) -> Markup:
    when = Markup(" · <bdi>%s</bdi>") % published[:16] if published else ""
    return Markup('<li><a href="/articles/%s">%s</a> <span class="meta">%s%s</span></li>\n') % (
        aid, bidi(title or aid), bidi(outlet), when)


def article_rows(ids, arts: dict, unknown: str) -> Markup:
    """A story page's list of reports, one <li> each (built here, not in the template: a story of
    hundreds of reports lists them all, and each row is kept once made)."""
    return Markup("").join(_article_row(a["id"], a.get("title") or "", a.get("outlet") or unknown, a.get("published") or "")
                           for a in (arts[i] for i in ids if i in arts))


@lru_cache(maxsize=1)
def env() -> Environment:
    e = Environment(loader=PackageLoader("riwaya.serve", "templates"), autoescape=True, trim_blocks=True,
                    lstrip_blocks=True)
    e.filters["bidi"] = bidi
    e.filters["snippet"] = snippet
    e.filters["measure"] = _measure
    e.globals["safe_url"] = _safe_url
    e.globals["by_referent"] = by_referent
    e.globals["times_ar"] = times_ar
    e.globals["article_rows"] = article_rows
    e.globals["evidence_kind"] = evidence_kind
    return e


def lang_of(request: Request) -> str:
    q = request.query_params.get("lang")
    if q in LANGS:
        return q
    c = request.cookies.get("lang")
    return c if c in LANGS else "ar"


def render(request: Request, name: str, status: int = 200, **ctx) -> HTMLResponse:
    lang = lang_of(request)
    t = _ui()[lang]
    params = dict(request.query_params)
    params["lang"] = t["other_code"]
    ctx.update(t=t, lang=lang, toggle=request.url.path + "?" + urlencode(params), path=request.url.path)
    r = HTMLResponse(env().get_template(name).render(**ctx), status_code=status)
    if request.query_params.get("lang") in LANGS:
        r.set_cookie("lang", lang, max_age=365 * 86400, samesite="lax", httponly=True)
    return r


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return render(request, "error.html", status=status, status_code=status, message=message)


def _bars(counts: list[tuple[str, int]], width: int = 600, height: int = 60) -> dict:
    """An SVG bar strip of counts by day (no script, no inline style)."""
    if not counts:
        return {"bars": [], "width": width, "height": height}
    top = max(n for _, n in counts) or 1
    w = max(2, width // max(1, len(counts)))
    return {"width": w * len(counts), "height": height,
            "bars": [{"x": i * w, "w": max(1, w - 1), "h": max(1, round(n * (height - 2) / top)), "label": d, "n": n}
                     for i, (d, n) in enumerate(counts)]}


@router.api_route("/", methods=["GET", "HEAD"], response_class=HTMLResponse)
def home(request: Request, cursor: str | None = Query(None, max_length=2000)):
    data = api.list_stories(request, None, None, None, None, None, None, 30, cursor, "json")
    cat = api.catalog(request)
    strip = _bars(cat.days[-120:])
    return render(request, "index.html", stories=data["stories"], total=data["total"], next=data["next"],
                  strip=strip, n_articles=len(cat.articles))


@router.api_route("/stories/{story_id}", methods=["GET", "HEAD"], response_class=HTMLResponse)
def story_page(request: Request, story_id: str = Path(..., pattern=api.ID)):
    """A story page, rendered once per store change and language (kept in the server's cache with
    the search answers: the page of a story of hundreds of reports takes 5-10 ms to render)."""
    srv = api.server(request)
    cat = api.catalog(request)
    # only a plain request is kept (its toggle link carries no other parameter)
    key = ("story-page", story_id, lang_of(request), cat.mark) if set(request.query_params) <= {"lang"} else None
    body = srv.cache.get(key) if key else None
    if body is None:
        with srv.lock:
            s = api.story_json(srv, cat, story_id)
        acc = s.get("account") or {}
        groups, more = _quotes_by_speaker(acc.get("quotes") or [])
        facts, more_facts = _facts_for_page(acc.get("facts") or [])
        dated, more_dated = _timeline_for_page(acc.get("timeline") or [])
        r = render(request, "story.html", s=s, arts={a["id"]: a for a in s["articles"]}, quote_groups=groups,
                   more_quotes=more, facts=facts, more_facts=more_facts, dated=dated, more_dated=more_dated,
                   timeline=_bars([(c["day"], c["articles"]) for c in s["coverage"]]))
        if key:
            srv.cache.put(key, r.body)
        return r
    r = HTMLResponse(body)
    if request.query_params.get("lang") in LANGS:
        r.set_cookie("lang", lang_of(request), max_age=365 * 86400, samesite="lax", httponly=True)
    return r


SPEAKERS, QUOTES_EACH = 12, 3
FACTS, MENTIONS_EACH, DATED = 30, 6, 40
_STATUS_ORDER = {"conflict": 0, "update": 1, "agree": 2, "single": 3}


def _facts_for_page(facts: list) -> tuple[list, int]:
    """The facts a page shows: conflicts, updates, then the figures the most outlets agree on, then
    single reports, ``FACTS`` at most, each with ``MENTIONS_EACH`` mentions (a story of hundreds of
    reports has hundreds of figures: the rest are in the story's JSON). Returns ``(fact, mentions
    shown, mentions in all)`` triples and how many facts are not shown."""
    def outlets(f):
        return len({m.get("outlet") for m in f.get("mentions") or ()})
    ranked = sorted(facts, key=lambda f: (_STATUS_ORDER.get(f.get("status"), 4), -outlets(f)))
    shown = [(f, (f.get("mentions") or [])[:MENTIONS_EACH], len(f.get("mentions") or ())) for f in ranked[:FACTS]]
    return shown, len(facts) - len(shown)


def _timeline_for_page(items: list) -> tuple[list, int]:
    """The timeline's ``DATED`` best-sourced items, in date order, and how many are left to the JSON."""
    if len(items) <= DATED:
        return items, 0
    keep = sorted(range(len(items)), key=lambda i: (-len(items[i].get("sources") or ()), i))[:DATED]
    return [items[i] for i in sorted(keep)], len(items) - DATED


def _quotes_by_speaker(quotes: list) -> tuple[list, int]:
    """The account's quotes by speaker, the speakers quoted most first, each with the quotes the
    most outlets carried first; a page shows ``SPEAKERS`` speakers and ``QUOTES_EACH`` quotes each
    (a story of hundreds of reports has over a thousand quotes: the rest are in the story's JSON).
    Returns the groups ``(speaker, quotes, how many in all)`` and how many quotes are not shown."""
    by: dict[str, list] = {}
    for q in quotes:
        by.setdefault(((q.get("speaker") or {}).get("text") or ""), []).append(q)
    ranked = sorted(by.items(), key=lambda kv: (-len(kv[1]), kv[0] == "", kv[0]))
    groups = [(sp, sorted(qs, key=lambda q: -len(q.get("versions") or ()))[:QUOTES_EACH], len(qs))
              for sp, qs in ranked[:SPEAKERS]]
    return groups, len(quotes) - sum(len(g[1]) for g in groups)


@router.api_route("/articles/{article_id}", methods=["GET", "HEAD"], response_class=HTMLResponse)
def article_page(request: Request, article_id: str = Path(..., pattern=api.ID),
                 at: str | None = Query(None, pattern=r"^\d{1,9}-\d{1,9}$")):
    from riwaya.job import reader_view

    srv, cat = api.server(request), api.catalog(request)
    with srv.lock:
        a = srv.store.get(article_id)
    if a is None:
        raise ApiError(404, "not_found", "no article with this id", {"id": article_id})
    a = reader_view(a)
    meta = cat.articles.get(a.id)
    story = cat.story.get(meta.story) if meta and meta.story else None
    counts = {name: len(a.layer(name)) for name in ("dates", "places", "quantities", "entities", "mentions", "quotes")
              if a.layer(name)}
    span = tuple(map(int, at.split("-"))) if at else None  # a story page's link to one sentence
    linked: dict[str, int] = {}
    for ln in a.layer("entity_links"):
        if ln.get("entity"):
            linked[ln["entity"]] = linked.get(ln["entity"], 0) + 1
    ents = [(e, (cat.entities.get(e) or {}).get("name") or e, n)
            for e, n in sorted(linked.items(), key=lambda kv: (-kv[1], kv[0]))]
    return render(request, "article.html", a=a, paras=paragraphs(a, span), story=story, counts=counts, ents=ents)


@router.api_route("/search", methods=["GET", "HEAD"], response_class=HTMLResponse)
def search_page(request: Request, q: str = Query("", max_length=500), outlet: str | None = Query(None, max_length=200),
                since: str | None = api.FromQ, to: str | None = api.ToQ, entity: str | None = api.EntityQ,
                cursor: str | None = Query(None, max_length=200)):
    from riwaya.search.query import SYNTAX
    from riwaya.search.snippet import Snippet

    if not q.strip():
        return render(request, "search.html", q="", res=None, syntax=SYNTAX)
    data = api.search_data(request, q, outlet, since, to, entity, 20, cursor)
    now = {"q": q, **{k: v for k, v in (("outlet", outlet), ("from", since), ("to", to), ("entity", entity)) if v}}

    def link(**change) -> str:
        return "/search?" + urlencode({k: v for k, v in {**now, **change}.items() if v})

    f = data["facets"]
    facet_links = {
        "outlet": [(x["value"], x["count"], link(outlet=x["value"])) for x in f["outlet"]],
        "month": [(x["value"], x["count"], link(**{"from": x["value"], "to": x["value"]})) for x in f["month"]],
        "entity": [(x["name"], x["count"], link(entity=x["value"])) for x in f["entity"]],
    }
    chosen = [(label, value, link(**{key: None, **({"to": None} if key == "from" else {})}))
              for key, label, value in (("outlet", "outlet", outlet), ("from", "month", since),
                                        ("entity", "entity", api.catalog(request).index.entity_names.get(entity, entity)))
              if value]
    nxt = link(cursor=data["next"]) if data["next"] else None
    hits = [{**h, "snip": Snippet(h["snippet"]["text"], tuple(map(tuple, h["snippet"]["marks"])), h["snippet"]["start"])}
            for h in data["hits"]]
    return render(request, "search.html", q=q, res=data, hits=hits, facets=facet_links, chosen=chosen, next=nxt,
                  syntax=SYNTAX, outlet=outlet, export="/api/search?" + urlencode({**now, "format": "csv"}))


@router.api_route("/entities/{entity_id}", methods=["GET", "HEAD"], response_class=HTMLResponse)
def entity_page(request: Request, entity_id: str = Path(..., pattern=api.ID)):
    e = api.entity_json(api.catalog(request), entity_id)
    return render(request, "entity.html", e=e)


@router.api_route("/docs", methods=["GET", "HEAD"], response_class=HTMLResponse)
def docs_page(request: Request):
    spec = request.app.openapi()
    ops = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                       "description": p.get("description") or p.get("schema", {}).get("description", "")}
                      for p in op.get("parameters", [])]
            ops.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""), "params": params,
                        "form": method == "get" and "{" not in path})
    return render(request, "docs.html", ops=ops, info=spec.get("info", {}))
