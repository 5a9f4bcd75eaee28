"""Stable ids: an article is the hash of its normalised text, so a re-post is the same article."""
from __future__ import annotations

import hashlib
import re

from riwaya.text.normalise import match

_NON_WORD = re.compile(r"[\W_]+", re.U)


_SPACE = re.compile(r"\s+")


def content_key(text: str) -> str:
    """The text as compared for near-identity: matching form, punctuation and spacing ignored."""
    return _NON_WORD.sub(" ", match(text)).strip()


def article_id(text: str) -> str:
    """An exact re-post (same text, any spacing) gets the same id; edited copies are near-duplicates."""
    return hashlib.sha1(_SPACE.sub(" ", text).strip().encode("utf-8")).hexdigest()[:16]


def short_id(prefix: str, *parts: str) -> str:
    return prefix + hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]
