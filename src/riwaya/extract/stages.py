"""Per-article extraction stages.

``places``: the places an article's text names, found with the gazetteer (``extract.places``), as a
standoff layer of ``Mention`` spans (label LOC, ``entity`` the gazetteer id, evidence the rule). The
entity-extraction stages to come add people and organisations beside them.
"""
from __future__ import annotations

from riwaya.extract.places import find_places
from riwaya.model import Article
from riwaya.pipeline import stage


@stage("places", requires=["text"], assigns=["places"])
def places(article: Article) -> Article:
    return article.with_layer("places", find_places(article.text))
