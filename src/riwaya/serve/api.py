"""The JSON API. Lists page by a keyset cursor (``next``) and say their ``total``; ``format=csv``
exports every row of a list at once (no paging). Writes need the token (``app.Server``)."""
from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import re
from typing import Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, StreamingResponse

from riwaya.serve.app import ApiError, Server
from riwaya.serve.catalog import Catalog, StoryMeta

router = APIRouter(prefix="/api")

DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
ID = r"^[\w.:@-]{1,200}$"
FromQ = Query(None, alias="from", pattern=DATE, description="stories/articles on or after (YYYY, YYYY-MM, YYYY-MM-DD)")
ToQ = Query(None, pattern=DATE, description="on or before (YYYY, YYYY-MM, YYYY-MM-DD)")
FormatQ = Query("json", description="json (paged) or csv (every row)")
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def server(request: Request) -> Server:
    return request.app.state.server


def catalog(request: Request) -> Catalog:
    return server(request).catalog.fresh()


# -- cursors ------------------------------------------------------------------------------------------
def _cursor(value) -> str:
    return base64.urlsafe_b64encode(json.dumps(value, ensure_ascii=False).encode()).decode().rstrip("=")


def _uncursor(text: str | None):
    if not text:
        return None
    try:
        return json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode())
    except (ValueError, UnicodeDecodeError):
        raise ApiError(400, "bad_cursor", "the cursor is not one this server gave") from None


def _in_range(first: str | None, last: str | None, since: str | None, until: str | None) -> bool:
    if since and (last is None or last[:len(since)] < since):
        return False
    if until and (first is None or first[:len(until)] > until):
        return False
    return True


# -- exports ------------------------------------------------------------------------------------------
def _cell(v) -> str:
    """A CSV cell a spreadsheet will not run as a formula."""
    s = "" if v is None else str(v)
    return "'" + s if s[:1] in ("=", "+", "-", "@", "\t", "\r") else s


def _csv(name: str, header: list[str], rows) -> StreamingResponse:
    def gen():
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(header)
        for r in rows:
            w.writerow([_cell(v) for v in r])
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
        yield buf.getvalue()

    return StreamingResponse(gen(), media_type="text/csv; charset=utf-8",
                             headers={"content-disposition": f'attachment; filename="{name}.csv"'})


# -- stories ------------------------------------------------------------------------------------------
def story_key(s: StoryMeta) -> list:
    return [s.last or "", len(s.articles), s.id]


def filter_stories(request: Request, cat: Catalog, since, until, outlet, lang, q, entity=None) -> list[StoryMeta]:
    if not (since or until or outlet or lang or q or entity):
        return cat.stories
    keep = None
    if q:
        keep = cat.index.stories_of(run_search(request, q, None, None, None, None, 0, 0).ranked.matched)
    if entity:
        with_entity = cat.index.stories_of(cat.index.rows_of_entity(entity))
        keep = with_entity if keep is None else keep & with_entity
    out = []
    for s in cat.stories:
        if keep is not None and s.id not in keep:
            continue
        if outlet and outlet not in dict(s.outlets):
            continue
        if lang and lang not in s.languages:
            continue
        if not _in_range(s.first, s.last, since, until):
            continue
        out.append(s)
    return out


EntityQ = Query(None, pattern=ID, description="a canonical entity's id (stories or articles that mention it)")


@router.get("/stories", summary="Stories, latest first, filtered; keyset pages")
def list_stories(request: Request, since: str | None = FromQ, to: str | None = ToQ,
                 outlet: str | None = Query(None, max_length=200), lang: str | None = Query(None, max_length=20),
                 q: str | None = Query(None, max_length=500, description="stories with an article matching this search"),
                 entity: str | None = EntityQ,
                 limit: int = Query(50, ge=1, le=500), cursor: str | None = Query(None, max_length=2000),
                 format: Literal["json", "csv"] = FormatQ):
    cat = catalog(request)
    rows = filter_stories(request, cat, since, to, outlet, lang, q, entity)
    if format == "csv":
        return _csv("stories", ["id", "title", "articles", "events", "outlets", "first", "last"],
                    ([s.id, s.title, len(s.articles), len(s.events), "|".join(o for o, _ in s.outlets), s.first, s.last]
                     for s in rows))
    total = len(rows)
    after = _uncursor(cursor)
    if after is not None:
        if not (isinstance(after, list) and len(after) == 3):
            raise ApiError(400, "bad_cursor", "the cursor is not one this server gave")
        rows = [s for s in rows if story_key(s) < after]
    page = rows[:limit]
    nxt = _cursor(story_key(page[-1])) if len(rows) > limit else None
    return {"total": total, "next": nxt, "stories": [s.to_json() for s in page]}


def story_json(server_: Server, cat: Catalog, sid: str) -> dict:
    s = cat.story.get(sid)
    if s is None:
        raise ApiError(404, "not_found", "no story with this id", {"id": sid})
    account = cat.account(sid)
    days: dict[str, int] = {}
    for i in s.articles:
        d = (cat.articles[i].published or "")[:10]
        if d:
            days[d] = days.get(d, 0) + 1
    return {**s.to_json(),
            "account": account,  # facts, conflicts, summary, timeline, quotes, framing: when they exist
            "coverage": [{"day": d, "articles": n} for d, n in sorted(days.items())],
            "events": [{"id": e.id, "title": e.title, "date": e.date, "articles": list(e.articles)} for e in s.events],
            "articles": [cat.articles[i].to_json() for i in s.articles]}


@router.get("/stories/{story_id}", summary="A story: its events, articles, coverage and account")
def get_story(request: Request, story_id: str = Path(..., pattern=ID)):
    srv = server(request)
    with srv.lock:
        return story_json(srv, catalog(request), story_id)


# -- articles -----------------------------------------------------------------------------------------
def article_json(srv: Server, cat: Catalog, aid: str) -> dict:
    from riwaya.job import reader_view
    from riwaya.report.files import article_record
    from riwaya.store.codec import layer_to_json

    with srv.lock:
        a = srv.store.get(aid)
    if a is None:
        raise ApiError(404, "not_found", "no article with this id", {"id": aid})
    a = reader_view(a)
    rec = article_record(a)
    rec["layers"] = {name: layer_to_json(name, items) for name, items in sorted(a.layers.items())}
    rec["paragraphs"] = [{"start": p.start, "end": p.end, "kind": p.kind} for p in a.paragraphs]
    meta = cat.articles.get(a.id)
    sid = meta.story if meta else None
    rec["story"] = {"id": sid, "title": cat.story[sid].title} if sid in cat.story else None
    return rec


@router.get("/articles/{article_id}", summary="An article: text, metadata with evidence, every layer, sources")
def get_article(request: Request, article_id: str = Path(..., pattern=ID)):
    return article_json(server(request), catalog(request), article_id)


@router.get("/articles", summary="Articles in arrival order, filtered; keyset pages")
def list_articles(request: Request, since: str | None = FromQ, to: str | None = ToQ,
                  outlet: str | None = Query(None, max_length=200), lang: str | None = Query(None, max_length=20),
                  limit: int = Query(100, ge=1, le=1000), cursor: str | None = Query(None, max_length=2000),
                  format: Literal["json", "csv"] = FormatQ):
    cat = catalog(request)
    rows = [m for m in cat.articles.values() if (not outlet or m.outlet == outlet) and (not lang or m.language == lang)
            and _in_range(m.published, m.published, since, to)]
    if format == "csv":
        return _csv("articles", ["id", "title", "outlet", "published", "language", "story"],
                    ([m.id, m.title, m.outlet, m.published, m.language, m.story] for m in rows))
    total = len(rows)
    after = _uncursor(cursor)
    if after is not None:
        if not isinstance(after, int):
            raise ApiError(400, "bad_cursor", "the cursor is not one this server gave")
        rows = [m for m in rows if m.seq > after]
    page = rows[:limit]
    return {"total": total, "next": _cursor(page[-1].seq) if len(rows) > limit else None,
            "articles": [m.to_json() for m in page]}


# -- search -------------------------------------------------------------------------------------------
def run_search(request: Request, q: str, outlet, since, until, entity, limit: int, offset: int):
    """The search with the catalog's index (ranking, filters, facets), cached by its arguments and
    the store's change mark."""
    from riwaya.search import search
    from riwaya.search.index import Filters

    srv, cat = server(request), catalog(request)
    key = (q, outlet, since, until, entity, limit, offset, cat.mark)
    hit = srv.cache.get(key)
    if hit is not None:
        return hit
    f = Filters(outlet, since, until, entity)
    with srv.lock:
        res = search(srv.store, q, limit=limit, offset=offset, index=cat.index, filters=f, facets=limit > 0)
    srv.cache.put(key, res)
    return res


@router.get("/search", summary="Search articles (query syntax: /api/search/syntax)")
def search_articles(request: Request, q: str = Query(..., min_length=1, max_length=500),
                    outlet: str | None = Query(None, max_length=200), since: str | None = FromQ,
                    to: str | None = ToQ, entity: str | None = EntityQ, limit: int = Query(20, ge=1, le=100),
                    cursor: str | None = Query(None, max_length=200), format: Literal["json", "csv"] = FormatQ):
    cat = catalog(request)
    if format == "csv":
        res = run_search(request, q, outlet, since, to, entity, 0, 0)
        return _csv("search", ["id", "title", "outlet", "published", "story", "copy_of"],
                    ([i, cat.articles[i].title, cat.articles[i].outlet, cat.articles[i].published, cat.articles[i].story,
                      cat.index.records[cat.index.pos[i]].copy_of or ""]
                     for i in _with_copies(cat, res.ids, res.ranked.matched)))
    # answered as JSON at once: FastAPI's encoder would walk every nested value of a plain dict again
    return JSONResponse(search_data(request, q, outlet, since, to, entity, limit, cursor))


def search_data(request: Request, q: str, outlet, since, to, entity, limit: int, cursor) -> dict:
    """A page of a search as the API answers it (the web app's search page shows the same)."""
    from riwaya.search.query import SYNTAX

    offset = _uncursor(cursor) or 0
    if not isinstance(offset, int) or offset < 0:
        raise ApiError(400, "bad_cursor", "the cursor is not one this server gave")
    res = run_search(request, q, outlet, since, to, entity, limit, offset)
    nxt = _cursor(offset + limit) if offset + limit < res.total else None
    return {"query": q, "total": res.total, "articles": res.articles, "next": nxt,
            "hits": [h.to_json() for h in res.hits], "expanded": res.expanded(), "via": res.via(),
            "facets": res.facets, "syntax": SYNTAX}


def _with_copies(cat: Catalog, ids, rows) -> list[str]:
    """Every matching article for an export: each hit, then the copies folded into it."""
    listed = set(ids)
    folded: dict[str, list[str]] = {}
    for k in rows.tolist():
        r = cat.index.records[k]
        if r.id not in listed and r.copy_of:
            folded.setdefault(r.copy_of, []).append(r.id)
    return [x for i in ids for x in (i, *folded.get(i, ()))]


@router.get("/search/syntax", summary="The query syntax")
def search_syntax():
    from riwaya.search.query import SYNTAX

    return {"syntax": SYNTAX}


# -- entities -----------------------------------------------------------------------------------------
@router.get("/entities/{entity_id}", summary="A canonical entity: forms, counts, stories")
def get_entity(request: Request, entity_id: str = Path(..., pattern=ID),
               limit: int = Query(50, ge=1, le=500, description="most stories listed")):
    return entity_json(catalog(request), entity_id, limit)


def entity_json(cat: Catalog, eid: str, limit: int = 50) -> dict:
    """The entity's state row from the ``entities`` stage (name, label, gazetteer id, forms with
    their mention counts), and what the ``entity_links`` layer says: the articles and stories that
    mention it (the stories with most such articles first), by outlet."""
    if not cat.entities:
        raise ApiError(404, "no_entities", "this store has no canonical entities yet (entity linking has not run)")
    row = cat.entities.get(eid)
    if row is None:
        raise ApiError(404, "not_found", "no entity with this id", {"id": eid})
    rows = cat.index.rows_of_entity(eid).tolist()
    recs = [cat.index.records[k] for k in rows]
    by_story: dict[str, int] = {}
    outlets: dict[str, int] = {}
    for r in recs:
        if r.story in cat.story:
            by_story[r.story] = by_story.get(r.story, 0) + 1
        outlets[r.outlet or ""] = outlets.get(r.outlet or "", 0) + 1
    top = sorted(by_story.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    forms = sorted(row.get("forms", ()), key=lambda f: (-f.get("count", 0), f.get("n", 0)))
    return {"id": eid, "name": row.get("name"), "label": row.get("label"), "ref": row.get("ref"),
            "mentions": row.get("count"), "articles": len(recs), "stories_total": len(by_story),
            "forms": [{"form": f["form"], "count": f.get("count", 0)} for f in forms],
            "outlets": [{"outlet": o, "articles": n} for o, n in sorted(outlets.items(), key=lambda kv: -kv[1])],
            "stories": [{**cat.story[sid].to_json(), "mentioning": n} for sid, n in top]}


# -- writes -------------------------------------------------------------------------------------------
_ITEM_FIELDS = {"title", "text", "html", "url", "outlet", "published", "id", "author"}

ARTICLE_IN = {"type": "object", "additionalProperties": False, "properties": {
    k: {"type": "string"} for k in sorted(_ITEM_FIELDS)}, "description": "an article: text or html, and what is known"}
POST_DOC = {
    "requestBody": {"required": True, "content": {
        "application/json": {"schema": {"oneOf": [ARTICLE_IN, {"type": "array", "items": ARTICLE_IN,
                                                                  "maxItems": 1000}]}},
        "multipart/form-data": {"schema": {"type": "object", "properties": {
            "files": {"type": "array", "items": {"type": "string", "format": "binary"}}}}}}},
    "security": [{"bearer": []}],
}


def _items(body: bytes) -> list[tuple[str, bytes]]:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as err:
        raise ApiError(400, "bad_json", f"the body is not JSON ({err})") from None
    items = data if isinstance(data, list) else [data]
    if not items or len(items) > 1000:
        raise ApiError(422, "invalid", "send one article object or a list of 1 to 1000")
    for n, it in enumerate(items):
        if not isinstance(it, dict):
            raise ApiError(422, "invalid", "each article is a JSON object", {"item": n})
        unknown = sorted(set(it) - _ITEM_FIELDS)
        if unknown:
            raise ApiError(422, "invalid", f"unknown fields: {', '.join(unknown)}", {"item": n, "fields": sorted(_ITEM_FIELDS)})
        for k, v in it.items():
            if v is not None and not isinstance(v, str) and not (k == "text" and isinstance(v, list)
                                                                 and all(isinstance(x, str) for x in v)):
                raise ApiError(422, "invalid", f"field {k} must be a string", {"item": n, "field": k})
        if not (it.get("text") or it.get("html")):
            raise ApiError(422, "invalid", "each article needs a text or an html", {"item": n})
    lines = "\n".join(json.dumps(it, ensure_ascii=False) for it in items).encode()
    return [("articles.jsonl", lines)]


async def _uploads(request: Request) -> list[tuple[str, bytes]]:
    out = []
    async with request.form(max_files=100, max_fields=100) as form:
        for _, v in form.multi_items():
            if hasattr(v, "read"):
                out.append((v.filename or "upload", await v.read()))
    if not out:
        raise ApiError(422, "invalid", "attach one or more files (multipart field 'files')")
    return out


def ingest(srv: Server, files: list[tuple[str, bytes]]) -> dict:
    """Keep the bodies as files under the server's uploads folder (named by a hash of the bytes and
    the file name's safe characters), then the CLI's chain: read, ingest, analyse, cluster."""
    from riwaya import job
    from riwaya.ids import document_id
    from riwaya.ingest import read
    from riwaya.model import Document

    paths = []
    for name, data in files:
        safe = _SAFE_NAME.sub("_", name.replace("\\", "/").rsplit("/", 1)[-1]).strip("._")[-80:] or "upload"
        p = srv.uploads / f"{hashlib.sha256(data).hexdigest()[:16]}-{safe}"
        p.write_bytes(data)
        paths.append(str(p))
    items = list(read(paths))
    ids = list(dict.fromkeys(document_id(d) for d in items if isinstance(d, Document)))
    with srv.lock:
        rep = job.ingest_documents(srv.store, items)
        job.analyse(srv.store)
        job.cluster(srv.store, srv.embedder)
        srv.catalog.invalidate()
        kept = [i for i in ids if srv.store.get(i) is not None]
    cat = srv.catalog.fresh()
    if not kept:
        raise ApiError(400, "bad_input", "no article could be read from the request", rep.to_json())
    arts = [cat.articles[i] for i in kept if i in cat.articles]
    return {"ids": kept, "stories": sorted({m.story for m in arts if m.story}),
            "articles": [m.to_json() for m in arts], "ingest": rep.to_json()}


@router.post("/articles", status_code=201, openapi_extra=POST_DOC,
             summary="Add articles (JSON or files); they go through the whole chain")
async def post_articles(request: Request):
    srv = server(request)
    if not srv.authorised(request):
        raise ApiError(401, "unauthorised", "send Authorization: Bearer <token> (RIWAYA_TOKEN)")
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/json":
        files = _items(await request.body())
    elif kind == "multipart/form-data":
        files = await _uploads(request)
    else:
        raise ApiError(415, "unsupported_media_type", "send application/json or multipart/form-data")
    return await run_in_threadpool(ingest, srv, files)
