"""Stable ids: an article is the hash of its normalised text, so a re-post is the same article."""
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


def article_id(text: str, title: str | None = None) -> str:
    """An exact re-post (same text, any spacing) gets the same id; edited copies are near-duplicates.

    A short text (under ``SHORT_TEXT`` characters) is keyed with its title too: two opinion pieces
    whose extracted text is only the outlet's disclaimer are two articles, not one.
    """
    key = " ".join(text.split())
    if len(key) < SHORT_TEXT and title:
        key = " ".join(title.split()) + "\x1f" + key
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def short_id(prefix: str, *parts: str) -> str:
    return prefix + hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]
