"""Search a reader can trust, the same in ``riwaya search``, the API and the web app.

- ``query``: the query syntax, parsed into units (words, phrases, prefixes) under AND/OR/NOT.
- ``forms``: the forms a word stands for: with the conjunctions, prepositions and article Arabic
  joins to it (أرمينيا finds لأرمينيا, وأرمينيا; غوطة finds الغوطة), transliteration variants
  (قازاقستان finds كازاخستان), and the gazetteer's other spellings of a place (الحديدة, Hodeidah).
- ``expand``: a parsed query made concrete over the words a store holds (its vocabulary), so each
  backend only matches known words (``Store.find``) and says nothing about Arabic.
- ``snippet``: the passage a hit was found in, cut from the original text, with the matched words'
  offsets.
- ``run``: ``search(store, text)``: hits with outlet, date and story.

The syntax is documented in ``query.SYNTAX`` (and served with the API).
"""
from __future__ import annotations

from riwaya.search.run import Hit, SearchResult, search

__all__ = ["Hit", "SearchResult", "search"]
