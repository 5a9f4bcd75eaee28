"""A story's title as a reader sees it: the headline of its most central report, in the story's
main language.

The story engine names an event by its first article and a story by its largest event, so a
reaction, a teaser or a report in another language can give the story its name. Here the title is
chosen among the headlines of the story's main language (the language most of its articles are
in) that are not copies of another article: the one whose words the other headlines share most
(word sets on the matching form, a headline scored by the summed overlap with the others), the
earliest on a tie. The choice is made when outputs are written; the stored events keep their names.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

from riwaya.model import Article, Story
from riwaya.story.dedup import copy_of
from riwaya.text.tokens import tokens


def _words(title: str) -> set[str]:
    return {t for t in tokens(title) if len(t) > 2}


def centrality(story: Story, articles: dict, copies: set[str] | None = None) -> dict[str, float]:
    """How central each report of the story is, 0 to 1: a headline of the main language that copies
    no other article scores the summed overlap of its words with the other such headlines, over the
    best's (the central report has 1; a story of one report, 1); every other report 0. ``articles``:
    by id, anything with ``title`` and ``language`` (an Article, or the server's light records);
    ``copies``: the ids that copy another article (read from Articles when None)."""
    members = [articles[a] for a in story.articles if a in articles and articles[a].title]
    if not members:
        return {}
    if copies is None:
        copies = {a.id for a in members if isinstance(a, Article) and copy_of(a)}
    main = Counter(a.language or "und" for a in members).most_common(1)[0][0]
    pool = [a for a in members if (a.language or "und") == main and a.id not in copies] or members
    words = [_words(a.title) for a in pool]
    shared = [sum(len(words[i] & w) / (len(words[i] | w) or 1) for j, w in enumerate(words) if j != i)
              for i in range(len(pool))]
    top = max(shared)
    out = {a.id: 0.0 for a in members}
    for a, s in zip(pool, shared):
        out[a.id] = s / top if top > 0 else 1.0
    best = max(range(len(pool)), key=lambda i: (shared[i], -i))  # the earliest on a tie
    out[pool[best].id] = 1.0
    return out


def central_title(story: Story, articles: dict, copies: set[str] | None = None) -> str:
    """The headline of the story's most central report (``centrality``), the earliest on a tie."""
    c = centrality(story, articles, copies)
    if not c:
        return story.title
    top = max(c.values())
    pool = [a for a in story.articles if c.get(a) == top]
    return articles[pool[0]].title


def with_reader_titles(stories: list[Story], articles: dict[str, Article]) -> list[Story]:
    return [replace(s, title=central_title(s, articles)) for s in stories]
