"""What the named-entity tagger knows about single words: cue lists, learned clusters, clitics.

The cue lists are data files (``data/ner_person_names.txt``, ``ner_titles.txt``, ``ner_org_cues.txt``,
``ner_loc_cues.txt``); the word clusters are learned from unlabelled news by ``riwaya train ner``
(``extract.ner_clusters``), and so is the *memory*: the label a first tagger gave each word core
most often over that news (a name written plainly in many articles is known where it stands alone).
A word's *core* is the word with its attached conjunction, preposition
and article taken off (``والكرملين`` -> ``الكرملين``, ``وبوتين`` -> ``بوتين``) when the shorter form is
a more frequent word of the news the clusters were learned from; ``وليد`` and ``فرنسا`` stay whole
because ``ليد`` and ``رنسا`` are not words.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from riwaya.data import load_lines
from riwaya.text.normalise import match

# clitic chains, longest first: conjunction, then preposition, then the article ("لل" = ل + ال)
_PROCLITICS = tuple(sorted({c + p + a for c in ("", "و", "ف") for p in ("", "ب", "ل", "ك") for a in ("", "ال")}
                           | {c + "لل" for c in ("", "و", "ف")}, key=len, reverse=True))
PREFER = 4.0  # a peeled form replaces the word when it is this many times higher in frequency rank


def _strip_al(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


@dataclass(frozen=True)
class Lexicon:
    clusters: dict  # matching-form word -> cluster ids (one per granularity), in frequency order
    rank: dict  # matching-form word -> frequency rank (0 = most frequent)
    names: frozenset
    titles: frozenset
    orgs: frozenset
    locs: frozenset
    memory: dict = field(default_factory=dict)  # core -> "LABEL:share" the tagger gave it over a corpus

    def with_memory(self, memory: dict) -> "Lexicon":
        return replace(self, memory=memory)

    @classmethod
    def build(cls, clusters: dict) -> "Lexicon":
        def cues(name):
            return frozenset(_strip_al(match(w)) for w in load_lines(name))

        return cls(clusters, {w: i for i, w in enumerate(clusters)},
                   frozenset(match(w) for w in load_lines("ner_person_names.txt")),
                   cues("ner_titles.txt"), cues("ner_org_cues.txt"), cues("ner_loc_cues.txt"))

    def core(self, word: str) -> tuple[str, str]:
        """(the clitics taken off, the core) of a matching-form word."""
        best, best_rank, best_pre = word, self.rank.get(word), ""
        limit = None if best_rank is None else best_rank / PREFER
        for pre in _PROCLITICS:
            if not pre or not word.startswith(pre) or len(word) - len(pre) < 2:
                continue
            rest = word[len(pre):]
            if pre.endswith("لل"):
                rest = "ال" + rest
                pre = pre[:-1]
            r = self.rank.get(rest)
            if r is not None and (limit is None or r < limit) and (best_pre == "" or r < best_rank):
                best, best_rank, best_pre = rest, r, pre
        return best_pre, best



def memory_from(counts: dict[str, Counter], min_count: int = 3, min_share: float = 0.1) -> dict[str, str]:
    """What a tagger said of each word core over a large unlabelled corpus, from its label counts per
    core: the most frequent entity label and its share in quarters (``{"بوتين": "PER:4"}``), for
    cores seen at least ``min_count`` times and labelled so at least ``min_share`` of the time."""
    out = {}
    for core, c in counts.items():
        total = sum(c.values())
        ents = [(n, lab) for lab, n in c.items() if lab != "O"]
        if total < min_count or not ents:
            continue
        n, lab = max(ents)
        if n / total >= min_share:
            out[core] = f"{lab}:{round(4 * n / total)}"
    return out


def save_memory(memory: dict[str, str], path) -> None:
    path.write_text("".join(f"{w}\t{v}\n" for w, v in sorted(memory.items())), encoding="utf-8")


def load_memory(text: str) -> dict[str, str]:
    return dict(line.split("\t", 1) for line in text.splitlines() if "\t" in line)
