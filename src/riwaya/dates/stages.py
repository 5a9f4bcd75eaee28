"""Per-article date stages.

``dates`` finds and resolves date mentions in the news reading, against the metadata publication
date when there is one; without it only self-contained dates resolve (explicit year, or a weekday
that pins the year not after the scrape/run date). ``published`` infers the publication date from
the text and the page's head date lines when metadata has none (``dates.published.judge``; a date
line the text contradicts is relabelled "scrape date" in ``removed``) and, when it finds a date,
resolves the article's dates again against it.
"""
from __future__ import annotations

from riwaya.dates.find import find_dates
from riwaya.dates.published import judge, upper_bound
from riwaya.model import Article
from riwaya.pipeline import stage


@stage("dates", requires=["text", "sentences"], assigns=["dates"], version="4")
def dates(article: Article) -> Article:
    ref = article.published.value
    bound = None if ref else upper_bound(article.text, article.removed)[0]
    return article.with_layer("dates", find_dates(article.text, ref, "news", bound=bound))


@stage("published", requires=["dates", "published:metadata"], assigns=["published", "removed"], version="5")
def published(article: Article) -> Article:
    if article.published.value:
        return article
    pub, removed = judge(article.text, article.removed)
    if removed != article.removed:
        article = article.evolve(removed=removed)
    if pub.value is None:
        return article if article.published.evidence != "none" else article.evolve(published=pub)
    article = article.evolve(published=pub)
    return article.with_layer("dates", find_dates(article.text, pub.value, "news"))
