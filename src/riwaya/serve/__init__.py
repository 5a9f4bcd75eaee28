"""``riwaya serve``: a JSON API and a right-to-left web app over a store.

- ``app``: the ASGI app (FastAPI): error shape, security headers, body limit, the token for writes.
- ``catalog``: a light, in-memory view of the store's stories and articles (titles, outlets, dates)
  that lists, filters and facets read; rebuilt when the store changes.
- ``api``: ``/api/...`` (JSON, CSV export). ``pages``: the server-rendered pages (Jinja2, no script).
- ``text``: bidi isolation and layer highlighting for the pages.

The server calls the same jobs as the CLI (``riwaya.job``) and the same search (``riwaya.search``).
"""
