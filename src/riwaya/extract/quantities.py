"""Quantities in a text: a number (``extract.numbers``) with the qualifier that bounds it, its unit
and what it counts ("أكثر من 2000 عسكري", "نحو 250 قطعة", "ما لا يقل عن 12 ألف شخص", "عشرات
القتلى", "بين 10 و20 دولارا", "1.5 مليار دولار", "30 في المئة").

Around each number, in the matching form (``text.normalise``): a qualifier before it (أكثر من,
نحو, ما لا يقل عن; the first word may carry و/ب/ل: "ونحو", "بحوالي") or after its noun (على
الأقل); a range (بين X و Y, من X إلى Y, X-Y before a unit); a unit (longest form first: جنيه
مصري before جنيه; a currency sign may stand before the number: $10); else the counted noun (the
list's forms, or after "من": "العشرات من المدنيين", or the next word that is no function word).

Numbers that name or rank rather than count are left to others: those inside a date mention (the
``dates`` layer; a duration such as "في غضون خمسة أيام" is a quantity of days and is kept), after a
label word (المادة 5, رقم 3, القرار 2254, عام 2018), a four-digit bare number that no unit or
counted noun follows (a year), a model name (إيل-76, F-16), digits glued to letters, parts of a
date, time or version written with / : or dots, and codes with a leading zero. One-word numbers that
are often not numbers (ست, أحد, نصف) count only before a unit or counted noun or after a qualifier.

Each item's ``evidence`` names the rules that made it. ``phrase=True`` reads a text known to be one
quantity (an evaluation phrase): weak words, bare fractions and a unit alone (كغ = 1 kg) count.
"""
from __future__ import annotations

import unicodedata

from riwaya.extract.numbers import Reading, Token, read_number, tokenize
from riwaya.extract.quantity_lexicon import Lexicon, Unit, lexicon
from riwaya.model import Article, Quantity
from riwaya.pipeline import stage
from riwaya.text.normalise import match_with_offsets, source_span

_BOUNDS = {"more_than": "low", "at_least": "low", "less_than": "high", "at_most": "high"}
_TANWEEN = "\u064b"


def _word_key(lex: Lexicon, text: str, table) -> str | None:
    for w, _ in lex.strip(text):
        if w in table:
            return w
    return None


class _Finder:
    def __init__(self, text: str, blocked: list[tuple[int, int]], phrase: bool):
        self.lex = lexicon()
        self.text = text
        self.folded, self.offsets = match_with_offsets(text)
        self.toks: list[Token] = tokenize(self.folded)
        self.blocked = blocked
        self.phrase = phrase
        self.label_end = -1  # the token past the last number a label named

    # -- helpers ------------------------------------------------------------------------------
    def glued(self, a: int, b: int) -> bool:
        """Tokens ``a`` and ``b`` (= a + 1) touch, no space between."""
        return 0 <= a and b < len(self.toks) and self.toks[a][3] == self.toks[b][2]

    def src(self, a: int, b: int) -> tuple[int, int]:
        """Source span of folded ``[a, b)``."""
        return source_span(self.offsets, a, b)

    def words(self, a: int, b: int) -> tuple[str, ...] | None:
        if a < 0 or any(t[0] not in "ws" for t in self.toks[a:b]):
            return None
        return tuple(t[1] for t in self.toks[a:b])

    def is_anchor(self, t: Token) -> bool:
        kind, text = t[0], t[1]
        if kind == "n":
            return True
        if kind == "s":
            return text in "-$€£"
        if kind != "w":
            return False
        atoms = self.lex.atoms
        return (text in atoms or text in self.lex.dual_units or (len(text) > 3 and text[0] in "وفبلك" and (
            text[1:] in atoms or text[2:] in atoms)) or (self.phrase and (text,) in self.lex.units))

    # -- around the number --------------------------------------------------------------------
    def qualifier_before(self, end: int) -> tuple[str, int, int] | None:
        """(qualifier, first token, letters of a clitic on it) of the phrase ending before ``end``."""
        lex = self.lex
        for n in range(min(lex.qualifier_len, end), 0, -1):
            ws = self.words(end - n, end)
            if not ws:
                continue
            for first, cut in lex.strip(ws[0]):
                q = lex.qualifiers.get((first, *ws[1:]))
                if q:
                    return q, end - n, cut
        return None

    def unit_at(self, j: int) -> tuple[Unit, int] | None:
        lex = self.lex
        for n in range(min(lex.unit_len, len(self.toks) - j), 0, -1):
            ws = self.words(j, j + n)
            if ws and ws in lex.units:
                if ws[-1].isascii() and ws[-1].isalpha() and self.glued(j + n - 1, j + n) \
                        and self.toks[j + n][0] in "wn":
                    continue  # "c" of "cm"... (a comma or full stop after "hours," ends the word)
                return lex.units[ws], j + n
        return None

    def counted_at(self, j: int, unit: Unit | None, r: Reading) -> tuple[str, int, str] | None:
        """(what is counted, token past it, rule) for the words at ``j``. A noun not in the list
        counts only without the article after a definite figure (12 محافظة, not الـ25 المقبلة);
        "واحد من" is "one of", no count."""
        toks, lex = self.toks, self.lex
        if j >= len(toks) or toks[j][0] != "w":
            return None
        w = toks[j][1]
        if unit is None and w in lex.counted:
            return lex.counted[w], j + 1, "lexicon"
        if w == "من" and j + 1 < len(toks) and toks[j + 1][0] == "w" and not r.weak:
            w2 = toks[j + 1][1]
            if w2 in lex.counted:
                return lex.counted[w2], j + 2, "partitive"
            if self.plain_noun(w2):
                return self.surface(j + 1), j + 2, "partitive"
            return None
        if unit is None and self.plain_noun(w) and (r.value is None or not w.startswith("ال")):
            return self.surface(j), j + 1, "next-word"
        return None

    def plain_noun(self, w: str) -> bool:
        lex = self.lex
        return (len(w) > 1 and (not w.isascii() or w.isalpha()) and w not in lex.stopwords and w not in lex.not_counted
                and _word_key(lex, w, lex.atoms) is None
                and (w,) not in lex.qualifiers and (w,) not in lex.qualifiers_after)

    def surface(self, j: int) -> str:
        """The word at ``j`` as written, without the article (المدنيين -> مدنيين)."""
        start, end = self.toks[j][2], self.toks[j][3]
        if self.toks[j][1].startswith("ال") and end - start > 4:
            start += 2
        a, b = self.src(start, end)
        return self.text[a:b]

    def tanween_after(self, j: int) -> bool:
        if j >= len(self.toks) or self.toks[j][0] != "w":
            return False
        a, b = self.src(self.toks[j][2], self.toks[j][3])
        return _TANWEEN in self.text[a:b + 1]

    def bad_context(self, r: Reading) -> str | None:
        """Why the number at ``r`` names or ranks rather than counts, or None."""
        toks, lex = self.toks, self.lex
        i = r.start
        first = toks[i]
        if i > 0 and self.glued(i - 1, i) and first[0] == "n":
            prev = toks[i - 1]
            if prev[0] == "w" and prev[1] not in lex.clitics and prev[1] != "ال":
                return "glued to letters"
            if prev[0] == "s" and prev[1] in "/:.,":
                return "part of a date, time or code"
            if prev[0] == "s" and prev[1] in "-–" and i > 1 and self.glued(i - 2, i - 1) and toks[i - 2][0] == "w":
                return "model name"
            if prev[1] in "+#":
                return "code"
        if i > 1 and toks[i - 1][1] in "-–" and self.numberish(i - 2):
            return "score or code (2-1, 737-800)"
        if r.end + 1 < len(toks) and toks[r.end][1] in "-–" and self.numberish(r.end + 1) \
                and not self.range_after(r, r.end):
            return "score or code (2-1, 737-800)"
        if r.end < len(toks) and toks[r.end][1] in lex.time_after:
            return "clock time"
        if r.end - r.start == 1 and toks[i][0] == "w" and toks[i][1][r.skip:] in lex.never_alone:
            return "one of"
        if r.end < len(toks) and self.glued(r.end - 1, r.end) and toks[r.end - 1][0] == "n":
            nxt = toks[r.end]
            if nxt[0] == "s" and nxt[1] in "/:" or nxt[0] == "x":
                return "part of a date, time or code"
            if nxt[0] == "w" and not self.unit_at(r.end) and not nxt[1].startswith("ال"):
                return "glued to letters"
        if first[0] == "n" and first[1].startswith("0") and len(first[1]) > 1 and first[1][1].isdigit() \
                and "." not in first[1]:
            return "code with a leading zero"
        k = i - 1
        if k >= 0 and toks[k][1] == "ال" and self.glued(k, i):
            k -= 1
        if k >= 0 and toks[k][0] == "w":
            prev = toks[k][1]
            if (prev in lex.labels or _word_key(lex, prev, lex.labels)) and not (
                    self.unit_at(r.end) or self.counted_lexicon(r.end)):  # العام 92 دولة: a count
                self.label_end = r.end
                return "label"
            if (prev == "و" and k == self.label_end) or (r.skip and k + 1 == self.label_end):
                self.label_end = r.end
                return "label list (المادتين 47 و107)"
            if toks[i][0] == "w" and lex.atom(toks[i][1][r.skip:], "teen_word") and prev in lex.ordinal_teens:
                return "ordinal"
            if prev.startswith("ال") and prev[2:] in lex.atoms and prev not in lex.with_article:
                return "after a definite number (الستة عشر)"
        a, b = self.src(toks[i][2] + r.skip, toks[r.end - 1][3])
        for s, e in self.blocked:
            if s < b and a < e:
                return "inside a date"
        return None

    # -- one quantity -------------------------------------------------------------------------
    def at(self, i: int) -> tuple[Quantity | None, int]:
        toks, lex = self.toks, self.lex
        rules = []
        pre_unit, num_i = None, i
        if toks[i][0] == "s" and toks[i][1] in "$€£" and i + 1 < len(toks) and toks[i + 1][0] == "n":
            pre_unit, num_i = lex.units[(toks[i][1],)], i + 1
        r = read_number(toks, num_i, lex) if num_i < len(toks) else None
        if r is None:
            r = self.bare_unit(num_i)
            if r is None:
                return None, i + 1
        why = self.bad_context(r) if r.how != "unit" else None
        if why:
            return None, max(r.end, i + 1)
        rules.append(f"number:{r.how}")
        value, low, high = r.value, r.low, r.high
        start_tok, start_skip, j = (i, 0, r.end) if pre_unit else (r.start, r.skip, r.end)
        qualifier = "exact" if value is not None else "range"

        # a range: بين 10 و20، من 10 إلى 20، 10-20 دولار
        rng = self.range_after(r, j)
        if rng:
            r2, j, opener = rng
            lo2 = r2.value if r2.value is not None else r2.low
            scale = self.shared_scale(r, r2)
            low, high, value, qualifier = (r.value or 0) * scale, r2.value, None, "range"
            if opener is not None:
                start_tok, start_skip = opener
            rules.append("range")
            if lo2 is None or high is None or low >= high:
                return None, j
        else:
            q = self.qualifier_before(self.before_article(r.start) if not pre_unit else i)
            if q and value is not None:
                qualifier, start_tok, start_skip = q[0], q[1], q[2]
                rules.append(f"qualifier:{q[0]}")
        unit = pre_unit
        if unit is None:
            u = self.unit_at(j) if r.how != "unit" else (lex.units[(toks[r.start][1],)], r.end)
            if u:
                unit, j = u
        if unit is not None:
            rules.append(f"unit:{unit.id}")
            if value is not None:
                value, j = self.subunit(unit, value, j)
        counted = self.counted_at(j, unit, r) if unit is None or unit.kind in ("mass", "volume") else None
        counts = None
        if counted:
            counts, j, how = counted
            rules.append(f"counts:{how}")
        if value is not None and unit is not None and unit.kind in ("time", "volume", "mass", "length") \
                and "fraction" not in r.how:
            value, j = self.half_after(value, j)
        if qualifier == "exact":
            qa = self.qualifier_after(j)
            if qa:
                qualifier, j = qa
                rules.append(f"qualifier-after:{qualifier}")

        # what makes a number a count rather than a name, a year or a non-number word
        strong = unit is not None or (counted and counted[2] in ("lexicon", "partitive")) or qualifier != "exact"
        if r.plain and len(toks[r.start][1]) == 4 and 1000 <= (r.value or 0) <= 2100 and not self.phrase:
            if not (unit is not None or (counted and counted[2] == "lexicon") or self.tanween_after(r.end)):
                return None, j
        if (r.weak or r.how == "fraction") and not (self.phrase or strong):
            return None, max(r.end, i + 1)
        if not (strong or counts or self.phrase) and (r.how == "digits" or self.enclosed(r)):
            return None, max(r.end, i + 1)  # a bare figure: too often a name, a minute, a model

        if value is not None:
            if qualifier == "exact":
                low = high = value
            elif qualifier == "about":
                low = high = None
            else:
                low, high = (value, None) if _BOUNDS[qualifier] == "low" else (None, value)
        a = toks[start_tok][2] + start_skip
        b = toks[j - 1][3]
        s, e = self.src(a, b)
        while e < len(self.text) and unicodedata.category(self.text[e]) == "Mn":
            e += 1  # a mark on the last letter (تقريباً)
        return Quantity(start=s, end=e, text=self.text[s:e], value=value, low=low, high=high,
                        qualifier=qualifier, unit=unit.id if unit else None, counts=counts,
                        evidence="; ".join(rules)), j

    def bare_unit(self, i: int) -> Reading | None:
        """A dual unit word (يومين = 2 days) or, in phrase mode, a unit alone (كغ = 1 kg)."""
        t = self.toks[i]
        if t[0] == "w" and t[1] in self.lex.dual_units and (t[1],) in self.lex.units:
            return Reading(2.0, 2.0, 2.0, i, 0, i + 1, "unit", False, False)
        if self.phrase and (t[1],) in self.lex.units and i == 0:
            return Reading(1.0, 1.0, 1.0, i, 0, i + 1, "unit", False, False)
        return None

    def before_article(self, i: int) -> int:
        """Where a qualifier would end: before "الـ" glued to the number (قرابة الـ2000)."""
        if i > 0 and self.toks[i - 1][1] == "ال" and self.glued(i - 1, i):
            return i - 1
        return i

    def range_after(self, r: Reading, j: int):
        """(second number, token past it, (opener token, clitic letters) or None) of a range."""
        toks, lex = self.toks, self.lex
        if r.value is None or j >= len(toks):
            return None
        opener = None
        for n in (2, 1):
            ws = self.words(r.start - n, r.start)
            if ws:
                for first, cut in lex.strip(ws[0]):
                    if (first, *ws[1:]) in lex.range_open:
                        opener = (r.start - n, cut, first)
                        break
            if opener:
                break
        t = toks[j]
        if t[0] == "s" and t[1] in "-–" and self.glued(j - 1, j) and self.glued(j, j + 1):
            k = j + 1  # 10-20: needs a unit or counted noun after it
            if opener is None:
                r2 = read_number(toks, k, lex) if k < len(toks) else None
                if r2 is None or r2.value is None or r.weak or r2.weak or not r.value or \
                        not (self.unit_at(r2.end) or self.counted_lexicon(r2.end)):
                    return None
                return r2, r2.end, None
        elif opener is None:
            return None
        elif t[0] == "w" and t[1] in lex.range_join:
            if opener[2] == "من" and t[1] == "و":
                return None
            k = j + 1
        elif t[0] == "w" and t[1][0] in "ول" and len(t[1]) > 1:
            if opener[2] == "من" and t[1][0] == "و":
                return None
            k = j  # وعشرين، لعشرين: the reader takes the clitic off
        elif t[0] == "s" and t[1] in "-–":
            k = j + 1
        else:
            return None
        if k >= len(toks):
            return None
        r2 = read_number(toks, k, lex)
        if r2 is None or r2.value is None or (k == j and r2.skip != 1):
            return None
        return r2, r2.end, (opener[0], opener[1]) if opener else None

    def numberish(self, j: int) -> bool:
        """The token at ``j`` is a number in digits or a number word (صفر in 5-صفر)."""
        t = self.toks[j]
        return t[0] == "n" or (t[0] == "w" and t[1] in self.lex.atoms)

    def enclosed(self, r: Reading) -> bool:
        """A number alone in brackets or quotes ("(74)", "«5»"), or numbering a list ("4. ...")."""
        toks = self.toks
        before = toks[r.start - 1][1] if r.start > 0 else "\n"
        after = toks[r.end][1] if r.end < len(toks) else ""
        if before and after and before in "(\"'[" and after in ")\"']":
            return True
        line_start = r.start == 0 or "\n" in self.folded[toks[r.start - 1][3]:toks[r.start][2]]
        return line_start and bool(after) and after in ".)-"

    def counted_lexicon(self, j: int) -> bool:
        return j < len(self.toks) and self.toks[j][1] in self.lex.counted

    @staticmethod
    def shared_scale(r: Reading, r2: Reading) -> float:
        """The scale the second end of a range gives the first (بين 10 و20 ألفا: 10 000)."""
        if r.scale == 1 and r2.scale > 1 and r.value is not None and r2.value is not None \
                and r.value * r2.scale <= r2.value:
            return r2.scale
        return 1.0

    def subunit(self, unit: Unit, value: float, j: int) -> tuple[float, int]:
        """20 دولار و43 سنت = 20.43 dollars."""
        sub = self.lex.subunits.get(unit.id)
        toks = self.toks
        if not sub or j >= len(toks):
            return value, j
        k = j + 1 if toks[j][1] == "و" else j
        if k < len(toks) and toks[k][0] == "n" and toks[k][1].isdigit():
            u = self.unit_at(k + 1)
            if u and u[0].id == sub and int(toks[k][1]) < 100:
                return value + int(toks[k][1]) / 100, u[1]
        return value, j

    def half_after(self, value: float, j: int) -> tuple[float, int]:
        """ساعة ونصف، ثلاثة أيام ونصف: a half (or quarter) after the unit."""
        toks = self.toks
        if j < len(toks) and toks[j][0] == "w":
            w = toks[j][1]
            k = j
            if w == "و" and j + 1 < len(toks):
                k, w = j + 1, toks[j + 1][1]
            elif w.startswith("و"):
                w = w[1:]
            else:
                return value, j
            a = self.lex.atom(w, "fraction")
            if a:
                return value + a.value, k + 1
        return value, j

    def qualifier_after(self, j: int) -> tuple[str, int] | None:
        lex = self.lex
        for n in range(min(lex.qualifier_len, len(self.toks) - j), 0, -1):
            ws = self.words(j, j + n)
            if ws and ws in lex.qualifiers_after:
                return lex.qualifiers_after[ws], j + n
        return None

    def find(self) -> tuple[Quantity, ...]:
        out = []
        i, n = 0, len(self.toks)
        while i < n:
            if not self.is_anchor(self.toks[i]):
                i += 1
                continue
            q, nxt = self.at(i)
            if q is not None and q.start < q.end:
                out.append(q)
            i = max(nxt, i + 1)
        return tuple(out)


def find_quantities(text: str, dates: tuple = (), phrase: bool = False) -> tuple[Quantity, ...]:
    """Every quantity in ``text``; numbers inside ``dates`` mentions (``DateMention`` spans) are the
    date layer's, except a duration's count."""
    blocked = [(d.start, d.end) for d in dates if not str(getattr(d, "evidence", "")).startswith("duration")]
    return _Finder(text, blocked, phrase).find()


def read_quantity(phrase: str) -> Quantity | None:
    """The one quantity a short phrase states (the longest found), read in phrase mode."""
    found = find_quantities(phrase, phrase=True)
    return max(found, key=lambda q: q.end - q.start, default=None)


@stage("quantities", requires=["text", "dates"], assigns=["quantities"], version="2")
def quantities(article: Article) -> Article:
    return article.with_layer("quantities", find_quantities(article.text, article.layer("dates")))
