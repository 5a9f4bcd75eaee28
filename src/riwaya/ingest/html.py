"""HTML pages: trafilatura for the main text and metadata, htmldate for the page date."""
from __future__ import annotations

from riwaya.errors import EmptyInput, MalformedInput
from riwaya.model import Document, Source


def extract(page: str) -> dict | None:
    """Main text and metadata of a page, or None when no article text is found."""
    import trafilatura

    doc = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_recall=True)
    if doc is None:
        return None
    return doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)


def page_date(page: str) -> str | None:
    from htmldate import find_date

    try:
        return find_date(page, extensive_search=False, original_date=True)
    except (ValueError, TypeError):
        return None


def read(source: Source, page: str, url: str | None = None) -> Document:
    if "<" not in page:
        raise MalformedInput(source.path, "no HTML markup", source.member)
    try:
        meta = extract(page)
    except (ValueError, TypeError, AttributeError) as err:  # lxml refuses some pages
        raise MalformedInput(source.path, f"HTML could not be parsed ({err})", source.member) from err
    if not meta or not (meta.get("text") or "").strip():
        raise EmptyInput(source.path, "no article text found in the HTML page", source.member)
    published = meta.get("date") or page_date(page)
    body = meta["text"]
    title = meta.get("title") or None
    return Document(
        source=source, body=body.replace("\r\n", "\n"), format="html", title=title,
        url=url or meta.get("url") or None, outlet=meta.get("sitename") or None,
        published=published, published_evidence="metadata:html" if published else None,
        author=meta.get("author") or None, abstract=meta.get("description") or None,
        language=meta.get("language") or None,
    )
