"""Explicit checks that show why two statements conflict, in words a reader can verify.

A learned judge says *that* two statements disagree; these checks say *where*: a
number that differs, a negation on one side only, "no X except Y" against a count
of X, opposite words, late vs early stage, different dates. They work on raw text
for the rules-only and checked judges (`rule_score` turns the evidence plus word
overlap into a RelationScore). The desk's disputes use the stricter typed checks in
compare/conflicts, which reuse this module's lexicon, stems and stage/exception cues.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache

from counterpoint.analyze.quantities import find_quantities
from counterpoint.compare import policy
from counterpoint.lexicon import EXCEPTION_MARKERS, STOPWORDS, negation_regex
from counterpoint.package_files import read_json
from counterpoint.records import Evidence, Quantity, RelationScore

_WORD = re.compile(r"[a-z][a-z\-]*(?:'(?!s\b)[a-z]+)?|\d[\d,\.]*")
# a negation word or a denial verb (the verbs are compare's own: a denial is a conflict cue)
_NEGATION = re.compile(negation_regex("denied", "denies", "deny", "rejected"), re.I)
_EXCEPTION = re.compile(
    r"\bno\s+(?P<thing>(?:[\w\-]+\s+){0,3}[\w\-]+)\b[^.;]{0,60}?\b"
    rf"(?:{EXCEPTION_MARKERS}|but)\s+(?:the\s+)?(?P<except>[^,.;:]{{3,80}})",
    re.I,
)


@dataclass(frozen=True)
class Lexicon:
    pairs: dict[str, set[str]]
    late: tuple[re.Pattern[str], ...]
    early: tuple[re.Pattern[str], ...]
    same_thing: dict[str, str]
    rank_words: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = read_json("counterpoint.compare", "opposites.json")
    pairs: dict[str, set[str]] = {}
    for left, right in data["pairs"]:
        pairs.setdefault(left, set()).add(right)
        pairs.setdefault(right, set()).add(left)
    same: dict[str, str] = {}
    for group in data["same_thing"]:
        for word in group:
            same[word.lower()] = group[0].lower()
    return Lexicon(
        pairs=pairs,
        late=tuple(re.compile(p, re.I) for p in data["stages"]["late"]),
        early=tuple(re.compile(p, re.I) for p in data["stages"]["early"]),
        same_thing=same,
        rank_words=frozenset(data["rank_words"]),
    )


def thing(unit: str | None) -> str | None:
    """The counted thing, with synonyms folded ("troops" and "forces" are one)."""
    if unit is None:
        return None
    unit = unit.lower()
    lex = lexicon()
    if unit in lex.same_thing:
        return lex.same_thing[unit]
    singular = unit[:-1] if unit.endswith("s") else unit
    if singular in lex.same_thing:
        return lex.same_thing[singular]
    for word, folded in lex.same_thing.items():  # compounds: "dockworkers" counts workers
        if len(word) > 3 and unit.endswith(word):
            return folded
    return singular


_SUFFIXES = ("ings", "ing", "ions", "ion", "ed", "es", "s", "e")


def stem(word: str) -> str:
    """A crude stem so "included" meets "include" and "discussions" meets "discussion";
    a word ending in "ss", "us" or "is" is no plural ("assess", "focus", "crisis")."""
    for suffix in _SUFFIXES:
        if suffix in ("s", "es") and word.endswith(("ss", "us", "is")):
            continue
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


@dataclass
class Statement:
    """What the checks need to know about one side of a pair."""

    text: str
    negations: list[str] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    when: date | None = None
    when_text: str | None = None

    @cached_property
    def words(self) -> set[str]:
        return {
            stem(w)
            for w in _WORD.findall(self.text.lower())
            if w not in STOPWORDS and not _NEGATION.fullmatch(w)
        }

    @cached_property
    def raw_words(self) -> set[str]:
        return set(_WORD.findall(self.text.lower()))

    @property
    def negative(self) -> bool:
        return bool(self.negations)

    @property
    def negated_heads(self) -> set[str]:
        """Stems of the words each negation governs ("did not include" -> "includ")."""
        heads: set[str] = set()
        for negation in self.negations:
            words = [w for w in _WORD.findall(negation.lower()) if not _NEGATION.fullmatch(w)]
            heads.update(stem(w) for w in words if w not in STOPWORDS)
        return heads

    @classmethod
    def from_text(cls, text: str) -> Statement:
        negations = []
        for match in _NEGATION.finditer(text):
            following = [
                w
                for w in _WORD.findall(text[match.end() : match.end() + 60].lower())
                if w not in STOPWORDS
            ][:1]
            negations.append(" ".join([match.group(0), *following]))
        return cls(text=text, negations=negations, quantities=find_quantities(text))


def word_overlap(a: Statement, b: Statement) -> float:
    """Share of the smaller side's content words the other side also has."""
    wa, wb = a.words, b.words
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


def _numbers(a: Statement, b: Statement) -> list[Evidence]:
    found: list[Evidence] = []
    for qa in a.quantities:
        for qb in b.quantities:
            if thing(qa.unit) != thing(qb.unit) or qa.unit is None:
                continue
            tolerance = 0.15 if (qa.approximate or qb.approximate) else 0.0
            larger = max(abs(qa.value), abs(qb.value)) or 1.0
            if abs(qa.value - qb.value) / larger > tolerance:
                found.append(
                    Evidence(kind="number", detail=f"{qa.text} vs {qb.text}", a=qa.text, b=qb.text)
                )
    return found


EXCEPTION_NEEDS_OVERLAP = policy.EXCEPTION_OVERLAP


def _exception(a: Statement, b: Statement) -> list[Evidence]:
    """'no forces in Iraq except advisers' against '2,500 troops in Iraq'.

    The count must be about the same situation: besides the counted thing, the two
    sides share some content words (place, time, action).
    """
    found: list[Evidence] = []
    for match in _EXCEPTION.finditer(a.text):
        counted = {thing(word) for word in match.group("thing").split()}
        exempt = match.group("except").strip()
        counted_b = {thing(q.unit) for q in b.quantities if q.unit}
        context_a = {stem(w) for w in a.raw_words - STOPWORDS if thing(w) not in counted_b}
        context_b = {stem(w) for w in b.raw_words - STOPWORDS if thing(w) not in counted_b}
        shared = len(context_a & context_b) / max(1, min(len(context_a), len(context_b)))
        if shared < EXCEPTION_NEEDS_OVERLAP:
            continue
        for quantity in b.quantities:
            if quantity.value > 0 and quantity.unit and thing(quantity.unit) in counted:
                if quantity.unit and quantity.unit.lower() in exempt.lower():
                    continue
                found.append(
                    Evidence(
                        kind="exception",
                        detail=f"'{match.group(0).strip()}' vs '{quantity.text}'",
                        a=match.group(0).strip(),
                        b=quantity.text,
                    )
                )
    return found


DENIALS = {"denied", "denies", "deny", "rejected"}


def _negation(a: Statement, b: Statement, overlap: float) -> list[Evidence]:
    """One side negates what the other asserts: the negated word appears on both sides.

    A denial negates its whole content, so shared content is enough there.
    """
    if a.negative == b.negative or overlap < 0.3:
        return []
    negated, plain = (a, b) if a.negative else (b, a)
    denial = any(n.split()[0].lower() in DENIALS for n in negated.negations)
    if not denial and not (negated.negated_heads & plain.words):
        return []
    detail = f"'{', '.join(negated.negations)}' on one side only"
    return [
        Evidence(
            kind="negation",
            detail=detail,
            a=", ".join(a.negations) or None,
            b=", ".join(b.negations) or None,
        )
    ]


def _antonyms(a: Statement, b: Statement) -> list[Evidence]:
    lex = lexicon()
    found: list[Evidence] = []
    wa, wb = a.raw_words, b.raw_words
    for word in wa:
        for opposite in lex.pairs.get(word, ()):
            if opposite in wb and opposite not in wa and word not in wb:
                found.append(
                    Evidence(kind="antonym", detail=f"{word} vs {opposite}", a=word, b=opposite)
                )
    for side_a, side_b in ((lex.late, lex.early), (lex.early, lex.late)):
        hit_a = next((m for p in side_a if (m := p.search(a.text))), None)
        hit_b = next((m for p in side_b if (m := p.search(b.text))), None)
        if hit_a and hit_b:
            stage = "late" if side_a is lex.late else "early"
            found.append(
                Evidence(
                    kind="stage",
                    detail=f"{stage} stage '{hit_a.group(0)}' vs '{hit_b.group(0)}'",
                    a=hit_a.group(0),
                    b=hit_b.group(0),
                )
            )
    return found


def _dates(a: Statement, b: Statement, overlap: float) -> list[Evidence]:
    """Different dates for what is otherwise the same statement."""
    if a.when and b.when and a.when != b.when and overlap >= 0.6:
        return [
            Evidence(
                kind="date",
                detail=f"{a.when_text or a.when} vs {b.when_text or b.when}",
                a=str(a.when),
                b=str(b.when),
            )
        ]
    return []


def stage_of(text: str) -> str | None:
    """'late' or 'early' when the text says how far along something is."""
    lex = lexicon()
    if any(p.search(text) for p in lex.late):
        return "late"
    if any(p.search(text) for p in lex.early):
        return "early"
    return None


def counted_exception(text: str) -> set[str]:
    """Things a 'no X except Y' sentence says there are none of (folded)."""
    return {thing(w) or w for m in _EXCEPTION.finditer(text) for w in m.group("thing").split()}


def find_evidence(a: Statement, b: Statement) -> list[Evidence]:
    """Every explicit sign of conflict between two statements."""
    overlap = word_overlap(a, b)
    evidence = _numbers(a, b) + _exception(a, b) + _exception(b, a)
    evidence += _negation(a, b, overlap) + _antonyms(a, b) + _dates(a, b, overlap)
    return evidence


def text_evidence(a: str, b: str) -> list[Evidence]:
    """Evidence for two raw texts (benchmarks, API users without analysed claims)."""
    return find_evidence(Statement.from_text(a), Statement.from_text(b))


# evidence strength: how much each kind alone suggests a contradiction
STRENGTH = {
    "exception": 0.85, "number": 0.75, "negation": 0.7, "stage": 0.7, "antonym": 0.65, "date": 0.5,
}  # fmt: skip
# kinds that name what they are about, so they need less topical similarity to count
SELF_EXPLAINING = {"exception", "stage"}


def conflict_strength(evidence: list[Evidence]) -> float:
    """Probability-like strength of the strongest conflict signal (0 when none)."""
    strengths = [STRENGTH.get(e.kind, 0.0) for e in evidence]
    if not strengths:
        return 0.0
    best = max(strengths)
    return min(0.97, best + 0.05 * (len(strengths) - 1))


NUMBER_NEEDS_SIMILARITY = policy.RULES_NUMBER_OVERLAP
MEASURE_NEEDS_SIMILARITY = policy.RULES_MEASURE_OVERLAP
MEASURES = {"USD", "EUR", "GBP", "JPY", "money", "percent"}


def usable_evidence(similarity: float, evidence: list[Evidence]) -> list[Evidence]:
    """Drop evidence that is too weak for how (dis)similar the two statements are."""
    kept = []
    for item in evidence:
        if item.kind == "number":
            measure = any(q.unit in MEASURES for q in find_quantities(item.a or ""))
            needed = MEASURE_NEEDS_SIMILARITY if measure else NUMBER_NEEDS_SIMILARITY
            if similarity < needed:
                continue
        kept.append(item)
    return kept


def rule_score(similarity: float, evidence: list[Evidence]) -> RelationScore:
    """The rules-only judgement: conflict evidence on a shared topic, else similarity."""
    evidence = usable_evidence(similarity, evidence)
    topical = max(0.0, min(1.0, (similarity - 0.25) / 0.5))
    floor = 0.8 if any(e.kind in SELF_EXPLAINING for e in evidence) else 0.5
    contradict = conflict_strength(evidence) * (floor + (1 - floor) * topical)
    agree = (1 - contradict) * max(0.0, min(1.0, (similarity - 0.55) / 0.35))
    neutral = max(0.0, 1.0 - contradict - agree)
    total = agree + contradict + neutral
    return RelationScore(
        agree=agree / total, contradict=contradict / total, neutral=neutral / total
    )


class RulesJudge:
    """A RelationJudge from checks and bag-of-words similarity alone (no model)."""

    name = "rules"

    def score(self, pairs: Sequence[tuple[str, str]]) -> list[RelationScore]:
        scores = []
        for a, b in pairs:
            sa, sb = Statement.from_text(a), Statement.from_text(b)
            similarity = word_overlap(sa, sb)
            scores.append(rule_score(similarity, find_evidence(sa, sb)))
        return scores
