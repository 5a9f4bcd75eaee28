"""What a figure counts: its measure key, from its counted noun (عسكري -> troops), a unit, or
for a generic noun or none the predicate of its clause (اعتقال ... 12 ألف شخص -> arrested); a part
(بينهم 16, ومن بين القتلى ثمانية أطفال), an increment, a count since a start and a planned figure
(ستنقل أربع طائرات) are measures of their own. Each key comes with the evidence that chose it."""
from __future__ import annotations

from riwaya.account.lexicon import ends_with, hits, lexicon, longest, words
from riwaya.account.sentences import CLAUSE_END, sentence_of
from riwaya.model import Article, Quantity

BEFORE_WORDS = 6  # how far back a clause's predicate and tense cues are looked for
AFTER_WORDS = 4  # and forward (English puts the verb after the figure: "eight people were killed")
HURT_WORDS = 8  # victims are the hurt when an injured word follows within this many words, in the clause
AFTER_CLAUSE = 8  # a future verb after the figure and its noun, within its clause, makes it planned
SINCE_WORDS = 10  # "منذ بدء ..." this far after a figure, in its clause, makes it a count since a start


def _future(before: list[str], after: list[str]) -> bool:
    lex = lexicon()
    near = before[-BEFORE_WORDS:]
    for i in range(len(near)):
        if ends_with(near[: i + 1], lex.future_cues):
            return True
    for w in near[-3:]:
        f = w[1:] if w[:1] in "وف" and len(w) > 4 else w
        if 4 <= len(f) <= 8 and f[:2] in lex.future_prefix and f not in lex.not_future:
            return True
    for w in after[:AFTER_CLAUSE]:
        f = w[1:] if w[:1] in "وف" and len(w) > 4 else w
        if 4 <= len(f) <= 8 and f[:2] in lex.future_prefix and f not in lex.not_future:
            return True
    return any(w in ("will", "would") for w in after[:2])


def _predicate_class(before: list[str], after: list[str]) -> str | None:
    """The class of the nearest predicate: a verb right after the figure (its subject: "إن 58 شخصا
    قتلوا", "قد جرحوا"; not one joined by و, a new clause), else before the figure (nearest first),
    then after it."""
    lex = lexicon()
    lead = after[1:3] if after[:1] and after[0] in ("قد", "لقد") else after[:2]
    for w in lead[:1]:  # the figure as the subject of its verb: "ثمة 2700 شخص قد جرحوا" (not "... وأصيب 15")
        if w[:1] != "و":
            for c in lex.classes:
                if c.predicates and hits(w, c.predicates):
                    return c.name
    for w in reversed(before[-BEFORE_WORDS:]):
        for c in lex.classes:
            if c.predicates and hits(w, c.predicates):
                return c.name
    for w in after[:AFTER_WORDS]:
        for c in lex.classes:
            if (c.predicates and hits(w, c.predicates)) or (c.nouns and not c.generic and hits(w, c.nouns)):
                return c.name
    return None


def _hurt_victims(q: Quantity, after: list[str]) -> bool:
    """A count of victims (ضحايا: the dead or the hurt) whose clause goes on to say they were hurt:
    "لدينا 4 ضحايا نقلوا جميعا إلى المستشفى مصابين بجروح"."""
    lex = lexicon()
    ws = words(q.counts or "")
    if not ws or not hits(ws[0], lex.either_nouns):
        return False
    hurt = lex.by_name("injured")
    dead = lex.by_name("killed")
    for w in after[:HURT_WORDS]:
        if dead and hits(w, dead.predicates):
            return False
        if hurt and (hits(w, hurt.nouns) or hits(w, hurt.predicates)):
            return True
    return False


def _toll_head(clause: list[str]) -> str | None:
    """The class a toll head names earlier in the figure's clause: a head word (عدد، أعداد، حصيلة،
    number, toll) followed by a class noun ("ارتفاع أعداد القتلى ... لتتجاوز الـ150"), nearest first."""
    lex = lexicon()
    for i in range(len(clause) - 2, -1, -1):
        if clause[i] in lex.toll_heads:
            for c in lex.classes:
                if c.nouns and not c.generic and c.comparable and hits(clause[i + 1], c.nouns):
                    return c.name
    return None


def _noun_class(counts: str | None) -> tuple[str | None, bool]:
    """(class, generic) of a counted noun."""
    if not counts:
        return None, False
    ws = words(counts)
    if not ws:
        return None, False
    best = max(((longest(ws[0], c.nouns), c) for c in lexicon().classes if c.nouns), key=lambda x: x[0],
               default=(0, None))
    return (best[1].name, best[1].generic) if best[0] else (None, False)


def _unit_kinds() -> dict[str, str]:
    from riwaya.extract.quantity_lexicon import lexicon as qlex

    return {u.id: u.kind for u in qlex().units.values()}


def _unit_class(q: Quantity) -> str | None:
    if not q.unit:
        return None
    kind = _unit_kinds().get(q.unit)
    for c in lexicon().classes:
        if q.unit in c.units or (kind and kind in c.unit_kinds):
            return c.name
    return None


def _partitive(q: Quantity, cls: str) -> bool:
    """"اثنين من المصابين" (two of the injured): an exact figure, then من and a definite noun of the
    figure's own (not generic) class, counts a part of a group already counted, not the group.
    ("العشرات من المدنيين" is a vague count of a generic noun: the whole.) So does an exact figure of
    a plural possessed by someone ("قتل مع 6 من مرافقيه")."""
    if q.value is None or "number:vague" in (q.evidence or ""):
        return False
    ws = words(q.text)
    if "من" not in ws[:-1]:
        return False
    i = ws.index("من")
    noun = ws[i + 1]
    raw = q.text.split()[-1] if q.text.split() else ""  # as written: ه is a pronoun, ة is not
    if (i > 0 and ws[i - 1] not in ("اكثر", "اقل", "ازيد") and noun == ws[-1] and len(raw) > 4
            and raw.endswith(("ه", "ها", "هم", "هن")) and not raw.startswith(("ال", "لل"))):
        return True  # "6 من مرافقيه", "8 من جنوده": some of someone's own (his companions), a part
    if not noun.startswith(("ال", "لل")):
        return False
    c = lexicon().by_name(cls)
    return c is not None and not c.generic and hits(noun, c.nouns)


def measure_key(article: Article, q: Quantity) -> tuple[str | None, str]:
    """The measure of a quantity and why, or (None, why not)."""
    text = article.text
    s0, s1 = sentence_of(article, q.start)
    before_text = text[max(s0, q.start - 200):q.start]
    before = words(before_text)
    clause = words(CLAUSE_END.split(before_text)[-1])
    if "and" in clause:  # English "killed and several others are missing": a new clause
        clause = clause[len(clause) - clause[::-1].index("and"):]
    after = words(CLAUSE_END.split(text[q.end:min(s1, q.end + 120)], maxsplit=1)[0])
    lex = lexicon()
    ev = []
    cls = _unit_class(q)
    if cls:
        ev.append(f"unit:{q.unit}")
    elif q.unit:  # a figure with a unit of no class measures that unit ("توفي عن 66 عاما": an age, not the dead)
        cls = "unit:" + q.unit
        ev.append(f"unit:{q.unit}")
    else:
        cls, generic = _noun_class(q.counts)
        if cls and not generic and _hurt_victims(q, after):
            cls = "injured"
            ev.append(f"noun:{q.counts};hurt")
        elif cls and not generic:
            ev.append(f"noun:{q.counts}")
        else:
            pred = _predicate_class(clause, after) or _toll_head(clause)
            if pred:
                cls = pred
                ev.append("predicate")
            elif cls:
                ev.append(f"noun:{q.counts}")
            elif q.counts and not q.unit:
                cls = "count:" + words(q.counts)[0] if words(q.counts) else None
                ev.append("counted-noun")
    if cls is None:
        return None, "no measure"
    key = cls
    if any(ends_with(before[: len(before) - k], lex.subset_cues) for k in range(0, 3) if len(before) > k):
        key += ":part"
        ev.append("subset")
    elif len(clause) > 1 and ends_with(clause[:-1], lex.subset_heads):
        key += ":part"
        ev.append("among")  # "ومن بين القتلى ثمانية أطفال": some of the dead
    elif _partitive(q, cls):
        key += ":part"
        ev.append("partitive")
    elif after[:1] and after[0] in lex.increment_cues and not q.unit:
        key += ":part"
        ev.append("increment")  # "two more bodies": added to a toll, not the toll
    elif any(hits(w, lex.transfer_cues) and w not in lex.not_transfer for w in clause[-2:]) and not q.unit:
        key += ":part"
        ev.append("transfer")  # "تم نقل 3 جرحى إلى مصر": those moved, not the toll
    if _future(before, after):
        key += ":planned"
        ev.append("future")
    elif any(hits(w, lex.readiness_cues) for w in clause[-3:]):
        key += ":planned"
        ev.append("readiness")  # "استعدادها لاستقبال نحو 300 جريح": a capacity, not a count
    elif _since_start(after):
        key += ":since"
        ev.append("since-start")  # "قتلوا منذ بدء مسيرات العودة": a count since a start, not the event's
    return key, ";".join(ev)

def _since_start(after: list[str]) -> bool:
    """The figure's clause says it counts from a start up to now: a since cue followed by a start
    word (منذ بدء، منذ اندلاع، since the start), or a period of recent weeks or months (خلال الأسابيع
    الأخيرة, over the past weeks), within ``SINCE_WORDS`` after the figure."""
    lex = lexicon()
    ws = after[:SINCE_WORDS]
    return any((hits(w, lex.since_cues) and any(hits(x, lex.start_words) for x in ws[i + 1:i + 3]))
               or (w in lex.period_cues and any(hits(x, lex.period_nouns) for x in ws[i + 1:i + 4])
                   and any(hits(x, lex.recent_words) for x in ws[i + 1:i + 4]))
               for i, w in enumerate(ws))
