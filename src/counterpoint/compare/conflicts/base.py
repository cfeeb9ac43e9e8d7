"""One side of a pair as the checks see it, and what a check reports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from counterpoint.analyze.quantities import find_quantities
from counterpoint.analyze.timex import TimeMention, resolve_times
from counterpoint.compare.conflicts.text import content, dispute_cue, tokens
from counterpoint.records import AnalyzedArticle, Claim, Evidence, EvidenceKind, Quantity

OUTLET = "outlet"


@dataclass
class Side:
    """A claim with what the checks need: its words, figures, dates, names, polarity."""

    text: str
    outlet: str = ""
    asserted_by: str = OUTLET
    asserter: str = ""
    published: dt.date | None = None
    quantities: list[Quantity] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)
    people: set[str] = field(default_factory=set)
    negations: list[str] = field(default_factory=list)
    negative: bool = False
    denial: bool = False
    attributed: bool = False
    speaker_is_person: bool = False
    sentence: str = ""

    @cached_property
    def words(self) -> list[str]:
        return tokens(self.text)

    @cached_property
    def stems(self) -> set[str]:
        return set(content(self.words))

    @property
    def whole(self) -> str:
        """The whole sentence: figures and dates are read in full sentences, because a
        claim may be a fragment cut off from its date ("on Friday apologized ...")."""
        return self.sentence or self.text

    @cached_property
    def whole_stems(self) -> set[str]:
        return set(content(tokens(self.whole)))

    @cached_property
    def cue(self) -> str | None:
        """The words by which the sentence reports one party disputing another, if any."""
        return dispute_cue(self.whole)

    @cached_property
    def times(self) -> list[TimeMention]:
        return resolve_times(self.whole, self.published)

    @property
    def who(self) -> str:
        """Who says it, for a reason line: 'Fox News' or 'Fox News (Issa)'."""
        words = self.asserter.replace(",", " ").split()
        named = 0 < len(words) <= 4 and all(w[0].isupper() for w in words)
        if self.asserted_by == OUTLET or not named or self.asserter == self.outlet:
            return self.outlet or "one side"
        return f"{self.outlet} ({self.asserter})" if self.outlet else self.asserter

    @classmethod
    def from_text(cls, text: str, *, outlet: str = "", published: dt.date | None = None) -> Side:
        """A side from raw text (a user's claim, a test): negation read from the words."""
        words = tokens(text)
        negations = [
            f"{w} {following}".strip()
            for w, following in zip(words, [*words[1:], ""], strict=True)
            if w in {"not", "never", "no", "none"} or w.endswith("n't")
        ]
        denial = any(w in {"denied", "denies", "deny"} for w in words)
        return cls(
            text=text,
            outlet=outlet,
            published=published,
            quantities=find_quantities(text),
            negations=negations,
            negative=bool(negations) != denial,
            denial=denial,
            sentence=text,
        )

    @classmethod
    def from_claim(cls, claim: Claim, analysis: AnalyzedArticle) -> Side:
        persons = {e.key for e in analysis.entities if e.label == "PERSON"}
        people = set(persons)
        sentence = analysis.sentences[claim.sentence_index].text
        attribution = next((a for a in analysis.attributions if a.id == claim.attribution_id), None)
        return cls(
            text=claim.text,
            outlet=analysis.article.outlet,
            asserted_by=claim.asserted_by,
            asserter=claim.asserter,
            published=analysis.article.published,
            quantities=find_quantities(sentence),  # the whole sentence, read afresh
            entities=list(claim.entities),
            people=people & set(claim.entities),
            negations=list(claim.negations),
            negative=claim.polarity == "negative",
            denial=attribution is not None and attribution.kind == "denial",
            attributed=claim.attribution_id is not None,
            speaker_is_person=claim.asserted_by in persons,
            sentence=sentence,
        )


@dataclass
class Conflict:
    """A typed difference between two claims about the same thing.

    `reason` names the difference; `anchor` (0..1) is how surely the check's
    precondition holds (the two sides are about the same quantity/event).
    """

    kind: EvidenceKind
    reason: str
    a: str
    b: str
    anchor: float

    def evidence(self) -> Evidence:
        return Evidence(kind=self.kind, detail=self.reason, a=self.a, b=self.b)
