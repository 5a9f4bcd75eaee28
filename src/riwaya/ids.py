"""Stable ids: an article is the hash of what was read (its normalised body), so a re-post is the same article
and an id never depends on cleaning or on what the corpus had learned."""
from __future__ import annotations

import hashlib
import re

from riwaya.text.normalise import match

_NON_WORD = re.compile(r"[\W_]+", re.U)

#: Below this many characters a text alone does not identify an article (a disclaimer, a
#: one-line teaser), so the title joins the key.
SHORT_TEXT = 100


def content_key(text: str) -> str:
    """The text as compared for near-identity: matching form, punctuation and spacing ignored."""
    return _NON_WORD.sub(" ", match(text)).strip()


def document_id(doc) -> str:
    """The id of the article a ``Document`` becomes: a hash of what was read, taken before any
    cleaning, so it never depends on what the corpus had learned when the document arrived (nor
    on the order or batches of an ingest). The same text (any spacing) is one article whatever its
    page furniture was learned to be; a short text is keyed with its title (or URL or external id)."""
    key = " ".join(doc.body.split())
    if len(key) < SHORT_TEXT:
        head = doc.title or doc.url or doc.source.external_id or ""
        if head:
            key = " ".join(head.split()) + "\x1f" + key
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def input_key(text: str) -> str:
    """The key of a value computed from ``text`` (a cached vector): a hash of the text itself."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


def short_id(prefix: str, *parts: str) -> str:
    return prefix + hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]
