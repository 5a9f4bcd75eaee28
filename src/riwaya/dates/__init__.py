"""Dates: expressions found in text, resolved against a reference date; publication dates.

``find_dates(text, reference, convention="news")`` returns ``DateMention`` values (spans into
``text``); ``infer_published(text, removed)`` reads a publication date from an article's own words.
Modules: ``lexicon`` (data files), ``parser``/``expressions``/``clock`` (grammar), ``resolve``/
``relative``/``values``/``hijri`` (values), ``find`` (the entry point), ``published``, ``stages``.
"""
from riwaya.dates.find import find_dates
from riwaya.dates.published import infer as infer_published

__all__ = ["find_dates", "infer_published"]
