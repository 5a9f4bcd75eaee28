"""Measures that count different things, told apart by their figures: an article's figures beyond
its headline (``split_several``), figures of very different size (``split_magnitudes``), and the
figures of a class that is not comparable (money, percent, a noun outside the classes) grouped by
what fits together (``split_incomparable``, which runs the others first). The measures' scope (a
figure's own day, place or cause) is told apart before, when they are gathered (``facts``)."""
from __future__ import annotations

from dataclasses import replace

from riwaya.account.compare import interval, sides, stated
from riwaya.account.facts import FactMention, Measure
from riwaya.account.lexicon import lexicon

APART = 10.0  # figures this many times apart count different things (a day's toll, a war's)


def comparable(measure: Measure) -> bool:
    """Due dates of a named action and figures of a comparable class can conflict; a due date with
    no action (a railway by 2021, a tender within four months) cannot."""
    if measure.kind == "date":
        return measure.what != "due"
    return lexicon().comparable(measure.what)


def split_incomparable(measures: list[Measure]) -> list[Measure]:
    """Each article's figures beyond its headline apart (``split_several``), figures of very different
    size apart (``split_magnitudes``), then measures whose figures may count different things (a noun outside the classes, money,
    percent, days) split into one measure per group of figures that fit together; ids renumbered."""
    out = []
    for m in split_magnitudes(split_several(measures)):
        ms = [(x, iv) for x in m.mentions if (iv := interval(x)) is not None]
        if comparable(m) or len(sides(ms)) <= 1:
            out.append(m)
            continue
        for s in sides(ms):
            out.append(replace(m, mentions=tuple(x for x in m.mentions if x in s.mentions)))
    return [replace(m, id=f"f{i + 1}") for i, m in enumerate(out)]


def split_several(measures: list[Measure]) -> list[Measure]:
    """One article giving several figures of a measure that cannot all hold counts several things
    (the toll and a sub-count, this attack and last week's, one source's figure and another's): the
    figures that fit its *headline* (its first figure of the measure, the one its lead states) stay
    in the measure, each other figure becomes a measure of its own (told by that article alone), so
    the article is still compared on its headline; ids renumbered."""
    out = []
    for m in measures:
        if m.kind == "date":
            out.append(m)
            continue
        by: dict[str, list] = {}
        for x in m.mentions:
            if (iv := interval(x)) is not None:
                by.setdefault(x.article, []).append((x, stated(x) or iv))
        apart: list[FactMention] = []
        for xs in by.values():
            sd = sides(xs)
            if len(sd) <= 1:
                continue
            first = min(xs, key=lambda y: y[0].start)[0]
            head = next(s for s in sd if first in s.mentions)
            apart += [x for x, _ in xs if x not in head.mentions]
        if not apart:
            out.append(m)
            continue
        gone = {id(x) for x in apart}
        out.append(replace(m, mentions=tuple(x for x in m.mentions if id(x) not in gone)))
        out += [replace(m, mentions=(x,)) for x in sorted(apart, key=lambda y: (y.article, y.start))]
    return [replace(m, id=f"f{i + 1}") for i, m in enumerate(out)]


def split_magnitudes(measures: list[Measure]) -> list[Measure]:
    """Figures of one measure more than ``APART`` times apart count different things (a day's toll
    and a war's, 20 and "more than 340,000"), not one thing outlets disagree on: a measure's figures,
    in order of size, are cut where one is more than ``APART`` times the one before; ids renumbered."""
    out = []
    for m in measures:
        pts = sorted(((iv[0] if iv[0] > 0 else iv[1], x) for x in m.mentions
                      if m.kind == "quantity" and (iv := interval(x)) is not None), key=lambda p: p[0])
        cuts = [i for i in range(1, len(pts)) if pts[i][0] > APART * max(pts[i - 1][0], 1.0)]
        if not cuts:
            out.append(m)
            continue
        apart = [pts[a:b] for a, b in zip([0] + cuts, cuts + [len(pts)])]
        for group in apart:
            ids = {id(x) for _, x in group}
            out.append(replace(m, mentions=tuple(x for x in m.mentions if id(x) in ids)))
        rest = tuple(x for x in m.mentions if interval(x) is None)
        if rest:
            out.append(replace(m, mentions=rest))
    return [replace(m, id=f"f{i + 1}") for i, m in enumerate(out)]
