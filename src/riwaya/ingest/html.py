"""HTML pages become Documents: main text (``html_extract``), page date (``html_date``), metadata.

The body keeps paragraphs as blank-line separated blocks. Title, author, outlet (site name, else the
host name), URL, description and language come from the page's metadata; every inferred value keeps
its evidence in ``Document.published_evidence`` or ``Document.extra`` (``extraction``,
``outlet_evidence``, ``title_evidence``, ``language_evidence`` and ``removed``: the lines dropped as furniture, each with
its reason).
"""
from __future__ import annotations

import dataclasses
import re
from functools import lru_cache

from riwaya.errors import EmptyInput, MalformedInput
from riwaya.model import Document, Removed, Source

_LIBRARY_ERRORS = (ValueError, TypeError, AttributeError, AssertionError, RecursionError, LookupError)


def _tree(page: str):
    """The page's element tree. Parsed first without libxml2's nesting limit (256 levels: old
    Arabic sites leave hundreds of ``<font>`` unclosed, and past the limit the parser silently drops
    the rest of the page), then as trafilatura would (it also repairs a few broken openings)."""
    from lxml.etree import LxmlError
    from trafilatura.utils import load_html

    try:
        tree = _deep_parse(page)
        if tree is not None and len(tree):
            return tree
        return load_html(page)
    except (*_LIBRARY_ERRORS, LxmlError):
        return None


@lru_cache(maxsize=1)
def _parser():
    import lxml.html

    # the options trafilatura uses, and no depth limit
    return lxml.html.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8",
                                remove_comments=True, remove_pis=True, huge_tree=True)


def _deep_parse(page: str):
    import lxml.html

    return lxml.html.fromstring(page.encode("utf-8", "surrogatepass"), parser=_parser())


def _with_copy_fields(source: Source, **values) -> Source:
    """Fill what this copy said (title, url, published) into its Source where the model has room."""
    fields = {f.name for f in dataclasses.fields(source)}
    changes = {k: v for k, v in values.items() if k in fields and v and getattr(source, k) is None}
    return dataclasses.replace(source, **changes) if changes else source


_DOMAIN = re.compile(r"^(www\.)?[\w-]+(\.[\w-]+)+$")


def _outlet(ex, url: str | None) -> tuple[str | None, str]:
    """The site's name (og:site_name, publisher), else its host name; trafilatura fills a missing
    site name with the host, which is said here as such."""
    if ex.sitename and not _DOMAIN.match(ex.sitename):
        return ex.sitename, "html:sitename"
    host = ex.sitename or ex.hostname
    if not host and url:
        from urllib.parse import urlsplit

        host = urlsplit(url).hostname
    if host:
        return host.lower().removeprefix("www."), "html:hostname"
    return None, "none"


_LANG_META = ("content-language", "og:locale", "language", "dc.language")


def _language(tree, ex_language: str | None) -> tuple[str | None, str]:
    """The page's declared language (``<html lang>``, then language meta tags) as a lower-case code."""
    if ex_language:
        return ex_language.split("-")[0].split("_")[0].lower(), "html:metadata"
    declared = tree.get("lang") or tree.get("xml:lang")
    if declared and declared.strip():
        return declared.strip().split("-")[0].split("_")[0].lower(), "html:lang"
    for meta in tree.iterfind(".//meta"):
        key = (meta.get("http-equiv") or meta.get("property") or meta.get("name") or "").lower()
        value = (meta.get("content") or "").strip()
        if key in _LANG_META and value:
            return value.split(",")[0].split("-")[0].split("_")[0].strip().lower(), f"html:meta:{key}"
    return None, "none"


def read(source: Source, page: str, url: str | None = None) -> Document:
    """One HTML page as a Document; ``MalformedInput`` or ``EmptyInput`` when it has no article."""
    from lxml.etree import LxmlError

    from riwaya.ingest.html_date import page_date
    from riwaya.ingest.html_extract import extract

    if "<" not in page:
        raise MalformedInput(source.path, "no HTML markup", source.member)
    tree = _tree(page)
    if tree is None:
        raise MalformedInput(source.path, "HTML could not be parsed", source.member)
    try:
        ex = extract(tree, url)
        if ex is None or not ex.text.strip():
            raise EmptyInput(source.path, "no article text found in the HTML page", source.member)
        page_url = url or ex.url
        when = page_date(tree, page_url, htmldate_value=ex.date)
    except (*_LIBRARY_ERRORS, LxmlError) as err:  # lxml/trafilatura refuse some pages (too deep, broken markup)
        raise MalformedInput(source.path, f"HTML could not be processed ({type(err).__name__}: {err})",
                             source.member) from err
    outlet, outlet_evidence = _outlet(ex, page_url)
    language, language_evidence = _language(tree, ex.language)
    extra = {
        "extraction": ex.method,
        "title_evidence": "html:metadata" if ex.title else "none",
        "outlet_evidence": outlet_evidence,
        "language_evidence": language_evidence,
        "removed": tuple(Removed(t, r) for t, r in ex.removed),
    }
    if ex.categories:
        extra["categories"] = ex.categories
    if ex.tags:
        extra["tags"] = ex.tags
    return Document(
        source=_with_copy_fields(source, title=ex.title, url=page_url, published=when.value),
        body=ex.text, format="html", title=ex.title, url=page_url, outlet=outlet,
        category=ex.categories[0] if ex.categories else None,
        published=when.value, published_evidence=when.evidence, author=ex.author,
        abstract=ex.description, language=language, extra=extra,
    )
