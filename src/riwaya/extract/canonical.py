"""Canonical entities: which named mentions, across articles and outlets, name one entity.

``Matcher.link(mentions)`` takes one article's mentions (any ``Mention`` layer: the NER ``entities``,
the gazetteer ``places``) and gives each an entity id, opening entities as it meets new names. It is
pure and deterministic: the same articles in the same order give the same ids, whether taken in one
run or many (its whole state is ``rows()``, and ``Matcher(rows)`` goes on from it exactly).

Within an article, mentions are grouped first: one key, one gazetteer id, one alias line, one
phonetic key, and a short name (توكاييف) with the one full name in the article that ends with it
(قاسم جومارت توكاييف). Each group then joins the corpus, trying in order:

1. *anchors*: an entity that already has one of the group's keys, gazetteer ids or alias lines (a
   name seen before keeps its entity: ids never move);
2. *clitic variants*: والكرملين / الكرملين, either way round;
3. *Latin names* (Putin / بوتين, from ``data/entity_latin.tsv``, or by the phonetic key);
4. *the phonetic key* (ترامب / ترمب, ألما آتا / ألماتي);
5. *full and short names* of people: a surname joins the one entity whose full names end with it,
   never when two full names in the corpus share it;
6. *similar spellings* (rapidfuzz ratio of the phonetic keys and of the keys together, same number of
   words, same first sound: غوتيريش / غوتيريس, كازاخستان / قازاقستان).

The first step that finds candidates decides: one candidate is joined, two or more are left apart
(a new entity opens). Nothing ever joins across labels (PER / LOC), across two gazetteer ids (a
country and its capital), or where a given name differs (محمد / محمود: ``data/entity_names_exact.txt``).
Every link keeps the step that made it as its evidence.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from riwaya.extract.entity_forms import (Form, alias_of, arabic_of_latin, bare_key, clitic_variants, form,
                                         exact_names, from_key, listed_keys, words_agree)
from riwaya.extract.places import gazetteer
from riwaya.model import Mention

MIN_PHON = 3  # a phonetic key shorter than this joins only with a close spelling too
FUZZ_PHON = 75  # fuzzy step: least ratio of the phonetic keys
FUZZ_SUM = 160  # fuzzy step: least sum of the two ratios (phonetic keys, keys)
MIN_KEY = 5  # fuzzy step: least letters in the key


@dataclass
class Entity:
    """One canonical entity: its forms as ``written -> [key, count, n]`` (``n``: the order the form
    was first seen in, over the whole corpus)."""

    id: str
    label: str
    ref: str | None = None
    forms: dict[str, list] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return sum(c for _, c, _ in self.forms.values())

    @property
    def full(self) -> bool:
        return any(" " in k for k, _, _ in self.forms.values())

    def name(self) -> str:
        """The most frequent full form (several words, for a person), ties to the first seen."""
        rows = [(w, c, n, k) for w, (k, c, n) in self.forms.items()]
        full = [r for r in rows if " " in r[3]] if self.label == "PER" else []
        return min(full or rows, key=lambda r: (-r[1], r[2]))[0]

    def to_json(self) -> dict:
        return {"id": self.id, "label": self.label, "ref": self.ref, "name": self.name(), "count": self.count,
                "forms": [{"form": w, "key": k, "count": c, "n": n} for w, (k, c, n) in self.forms.items()]}

    @classmethod
    def from_json(cls, d: dict) -> "Entity":
        return cls(id=d["id"], label=d["label"], ref=d.get("ref"),
                   forms={f["form"]: [f["key"], f["count"], f["n"]] for f in d["forms"]})


@dataclass(frozen=True, slots=True)
class Link:
    """One mention's entity and the step that linked it."""

    entity: str
    evidence: str


@dataclass
class _Item:
    i: int
    label: str
    form: Form
    ref: str | None


class Matcher:
    """The canonical entities of a corpus and the indexes that match a new name against them."""

    def __init__(self, entities: Iterable[dict] = ()):
        self.entities: dict[str, Entity] = {}
        self.exact: dict[tuple, str] = {}
        self.refs: dict[tuple, str] = {}
        self.aliases: dict[tuple, str] = {}
        self.variants: dict[tuple, set[str]] = {}
        self.phon: dict[tuple, set[str]] = {}
        self.bare: dict[tuple, set[str]] = {}
        self.surname: dict[tuple, set[str]] = {}
        self.buckets: dict[tuple, list[tuple[str, str, str]]] = {}
        self.keys: set[str] = set()
        self.next_id = 1
        self.next_n = 0
        loaded = [Entity.from_json(d) for d in entities]
        for e in loaded:
            self.entities[e.id] = e
            self.next_id = max(self.next_id, int(e.id[1:]) + 1)
        forms = sorted((n, e.id, w, k) for e in loaded for w, (k, _, n) in e.forms.items())
        for n, eid, w, k in forms:
            self._index(self.entities[eid], from_key(w, k))
            self.next_n = n + 1

    # -- the state ------------------------------------------------------------------------------
    def rows(self, ids: Iterable[str] | None = None) -> dict[str, dict]:
        """Each entity (or each of ``ids``) as its model-state row."""
        pick = self.entities if ids is None else {i: self.entities[i] for i in ids}
        return {i: e.to_json() for i, e in pick.items()}

    def _known(self, key: str) -> bool:
        """A name seen before, in the gazetteer, or in the alias and Latin lists."""
        if key in self.keys:
            return True
        words = tuple(key.split(" "))
        return words in gazetteer().names or bare_key(words) in listed_keys()

    def _index(self, e: Entity, f: Form) -> None:
        lab = e.label
        self.keys.add(f.key)
        self.exact.setdefault((lab, f.key), e.id)
        if e.ref:
            self.refs.setdefault((lab, e.ref), e.id)
        al = alias_of(lab, f)
        if al:
            self.aliases.setdefault((lab, al), e.id)
        for v in self._variants(f):
            self.variants.setdefault((lab, v), set()).add(e.id)
        self.phon.setdefault((lab, f.phon), set()).add(e.id)
        self.bare.setdefault((lab, f.bare), set()).add(e.id)
        if len(f.words) > 1:
            self.surname.setdefault((lab, f.phons[-1]), set()).add(e.id)
        self.buckets.setdefault((lab, len(f.words), f.phon[:1]), []).append((f.phon, f.key, e.id))

    @staticmethod
    def _variants(f: Form) -> set[str]:
        out = {" ".join((v, *f.words[1:])) for v, _ in clitic_variants(f.words[0])}
        out.add(bare_key(f.words))
        out.discard(f.key)
        return out

    # -- one article --------------------------------------------------------------------------
    def link(self, mentions: Sequence[Mention]) -> list[Link | None]:
        """Each mention's entity (None for a mention with no letters), in the mentions' order."""
        items = []
        for i, m in enumerate(mentions):
            f = form(m.text or "", self._known)
            if f is None or not f.phon:
                continue
            items.append(_Item(i, m.label or "MISC", f, m.entity or self._place(m.label, f)))
        out: list[Link | None] = [None] * len(mentions)
        for group in self._groups(items):
            for it, link in self._assign(group):
                out[it.i] = link
        return out

    @staticmethod
    def _place(label: str, f: Form) -> str | None:
        if label != "LOC":
            return None
        names = gazetteer().names
        return names.get(f.words) or names.get(tuple(bare_key(f.words).split(" ")))

    def _groups(self, items: list[_Item]) -> list[list[_Item]]:
        parent = list(range(len(items)))
        refs: list[set] = [{it.ref} - {None} for it in items]

        def find(x):
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        def union(a, b):
            ra, rb = find(a), find(b)
            if ra == rb or len(refs[ra] | refs[rb]) > 1:
                return
            parent[max(ra, rb)] = min(ra, rb)
            refs[min(ra, rb)] |= refs[max(ra, rb)]

        first: dict[tuple, int] = {}
        for j, it in enumerate(items):
            f, lab = it.form, it.label
            keys = [("k", f.key), ("a", alias_of(lab, f)), ("r", it.ref)]
            if len(f.phon) >= MIN_PHON and not f.latin:
                keys.append(("p", f.phon))
            for k in keys:
                if k[1] is None:
                    continue
                k = (lab, *k)
                if k in first:
                    if k[1] != "p" or words_agree(items[first[k]].form.words, f.words):
                        union(first[k], j)
                else:
                    first[k] = j
        # a person's short name with the one full name of the article that ends with it
        per = [j for j, it in enumerate(items) if it.label == "PER"]
        for j in per:
            short = items[j].form
            fulls = {items[k].form.key for k in per if _shortens(short, items[k].form)}
            if len(fulls) == 1:
                full = next(k for k in per if items[k].form.key in fulls)
                union(j, full)
        by: dict[int, list[_Item]] = {}
        for j, it in enumerate(items):
            by.setdefault(find(j), []).append(it)
        return [by[r] for r in sorted(by)]

    def _assign(self, group: list[_Item]) -> list[tuple[_Item, Link]]:
        lab = group[0].label
        ref = next((it.ref for it in group if it.ref), None)
        head = sorted(group, key=lambda it: (-len(it.form.words), it.i))
        anchored: dict[int, tuple[str, str]] = {}
        for it in group:
            a = self._anchor(lab, it)
            if a:
                anchored[it.i] = a
        main = next((anchored[it.i] for it in head if it.i in anchored), None)
        if main is None:
            main = self._soft(lab, ref, head)
        if main is None:
            eid = f"e{self.next_id}"
            self.next_id += 1
            self.entities[eid] = Entity(eid, lab, ref)
            main = (eid, "new")
        out = []
        for it in group:
            eid, how = anchored.get(it.i, main)
            e = self.entities[eid]
            if it.ref and e.ref and it.ref != e.ref:  # never two gazetteer ids in one entity
                eid = f"e{self.next_id}"
                self.next_id += 1
                e = self.entities[eid] = Entity(eid, lab, it.ref)
                how = "new"
            self._add(e, it)
            out.append((it, Link(eid, how)))
        return out

    def _add(self, e: Entity, it: _Item) -> None:
        if e.ref is None and it.ref:
            e.ref = it.ref
            self.refs.setdefault((e.label, it.ref), e.id)
        row = e.forms.get(it.form.written)
        if row is not None:
            row[1] += 1
            return
        e.forms[it.form.written] = [it.form.key, 1, self.next_n]
        self.next_n += 1
        self._index(e, it.form)

    def _anchor(self, lab: str, it: _Item) -> tuple[str, str] | None:
        if it.ref and (lab, it.ref) in self.refs:
            return self.refs[(lab, it.ref)], "gazetteer"
        eid = self.exact.get((lab, it.form.key))
        if eid and self._fits(eid, it.ref):
            return eid, "form"
        al = alias_of(lab, it.form)
        if al and (lab, al) in self.aliases and self._fits(self.aliases[(lab, al)], it.ref):
            return self.aliases[(lab, al)], "alias"
        return None

    def _fits(self, eid: str, ref: str | None) -> bool:
        e = self.entities[eid]
        return not (ref and e.ref and ref != e.ref)

    def _soft(self, lab: str, ref: str | None, head: list[_Item]) -> tuple[str, str] | None:
        for it in head:
            for step, find in (("clitic", self._by_variant), ("latin", self._by_latin), ("phonetic", self._by_phon),
                               ("name", self._by_name), ("fuzzy", self._by_fuzzy)):
                found = {e for e in find(lab, it.form) if self._fits(e, ref)}
                if len(found) == 1:
                    return found.pop(), step
                if found:
                    return None  # two entities fit: leave it apart
        return None

    def _by_variant(self, lab: str, f: Form) -> set[str]:
        out = set(self.variants.get((lab, f.key), ()))
        for v in self._variants(f):
            if (lab, v) in self.exact:
                out.add(self.exact[(lab, v)])
            out |= self.variants.get((lab, v), set())
        return out

    def _by_latin(self, lab: str, f: Form) -> set[str]:
        if not f.latin:
            return set()
        ar = arabic_of_latin(lab, f)
        if ar:
            hit = self.exact.get((lab, ar)) or next(iter(sorted(self.variants.get((lab, ar), ()))), None)
            if hit:
                return {hit}
            return set(self.phon.get((lab, from_key(ar, ar).phon), ()))
        if len(f.phon) < MIN_PHON + 1:
            return set()
        return set(self.phon.get((lab, f.phon), ())) | set(self.bare.get((lab, f.phon), ()))

    def _by_phon(self, lab: str, f: Form) -> set[str]:
        if f.latin:
            return set()
        out = set()
        for eid in self.phon.get((lab, f.phon), ()):
            for w, (k, _, _) in self.entities[eid].forms.items():
                g = from_key(w, k)
                if g.phon == f.phon and _same_spelling(f, g) and (
                        _phon_len(f) >= MIN_PHON or fuzz.ratio(f.key, g.key) >= 80):
                    out.add(eid)
                    break
        return out

    def _by_name(self, lab: str, f: Form) -> set[str]:
        if lab != "PER":
            return set()
        if len(f.words) == 1:
            return {e for e in self.surname.get((lab, f.phons[0]), ())
                    if any(_shortens(f, from_key(w, k)) for w, (k, _, _) in self.entities[e].forms.items())}
        out = set()
        last = self.exact.get((lab, f.words[-1]))
        if last and not self.entities[last].full:
            out.add(last)
        for e in self.surname.get((lab, f.phons[-1]), ()):
            if any(_shortens(f, from_key(w, k)) for w, (k, _, _) in self.entities[e].forms.items()):
                out.add(e)
        return out

    def _by_fuzzy(self, lab: str, f: Form) -> set[str]:
        if f.latin or len(f.key) < MIN_KEY or _phon_len(f) < MIN_PHON:
            return set()
        bucket = self.buckets.get((lab, len(f.words), f.phon[:1]), [])
        if not bucket:
            return set()
        out = set()
        for _, score, j in process.extract(f.phon, [b[0] for b in bucket], scorer=fuzz.ratio,
                                           score_cutoff=FUZZ_PHON, limit=20):
            phon, key, eid = bucket[j]
            if score + fuzz.ratio(f.key, key) >= FUZZ_SUM and words_agree(f.words, tuple(key.split(" "))):
                out.add(eid)
        return out


def _phon_len(f: Form) -> int:
    """The phonetic key's length without the article's letters (الأيام and الأمم share ALM, but
    only one letter of it is the word's own)."""
    return len(f.phon) - 2 if f.key.startswith("ال") and f.phon.startswith("AL") else len(f.phon)


def _shortens(short: Form, full: Form) -> bool:
    """``short`` is a shorter name of ``full``: fewer words, the same last word (by phonetic key), and
    each of its words found in order in ``full`` (توكاييف, جومارت توكاييف of قاسم جومارت توكاييف)."""
    if len(short.words) >= len(full.words) or short.phons[-1] != full.phons[-1]:
        return False
    if not words_agree((short.words[-1],), (full.words[-1],)):
        return False
    it = iter(full.phons[:-1])
    return all(p in it for p in short.phons[:-1])


def _same_spelling(f: Form, g: Form) -> bool:
    """Two names with one phonetic key may be one name: word for word where the given names agree,
    or, split into words differently (ألما آتا / ألماتي), close as one run of letters."""
    if len(f.words) == len(g.words):
        return words_agree(f.words, g.words)
    names = exact_names()
    if any(bare_key((w,)) in names for w in f.words + g.words):
        return False
    return fuzz.ratio(f.key.replace(" ", ""), g.key.replace(" ", "")) >= 70
