"""Per-article date stages (placeholder until the resolver lands): no dates found, metadata kept."""
from __future__ import annotations

from riwaya.model import Article
from riwaya.pipeline import stage


@stage("dates", requires=["text", "sentences"], assigns=["dates"])
def find_dates(article: Article) -> Article:
    return article.with_layer("dates", ())


@stage("published", requires=["dates", "published:metadata"], assigns=["published"])
def infer_published(article: Article) -> Article:
    return article
