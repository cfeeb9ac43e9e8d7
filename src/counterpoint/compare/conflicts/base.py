"""One side of a pair as the checks see it, and what a check reports."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property

from counterpoint.analyze.attribution.speaker_words import DOCUMENT_NOUNS
from counterpoint.analyze.quantities import find_quantities
from counterpoint.analyze.timex import TimeMention, resolve_times
from counterpoint.compare.conflicts.text import (
    content,
    dispute_cue,
    inside_quote,
    named_in,
    tokens,
    unquoted,
)
from counterpoint.records import AnalyzedArticle, Claim, Evidence, EvidenceKind, Quantity

OUTLET = "outlet"
PARTY_LABELS = {"PERSON", "ORG", "NORP"}
_DENIAL_WORD = re.compile(r"\b(?:denied|denies|deny)\b", re.I)


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
    # entity key -> the name as the article writes it, for reason lines
    names: dict[str, str] = field(default_factory=dict)
    negations: list[str] = field(default_factory=list)
    negative: bool = False
    denial: bool = False
    attributed: bool = False
    speaker_is_person: bool = False
    # the speaker is a person or an organisation (a party with its own claims), not a
    # document or an unnamed source
    speaker_is_party: bool = False
    sentence: str = ""
    # the claim's words are in the sentence it points at (an attribution carried on to
    # the next quotation points back at the sentence of its verb)
    in_sentence: bool = True
    # the speaker is named in the claim's own sentence, not resolved from a pronoun or
    # from a neighbouring sentence
    named_here: bool = False

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
        denial = any(
            not inside_quote(text, m.start()) for m in _DENIAL_WORD.finditer(text)
        )  # a denial word inside a quotation is the speaker's wording, not a denial
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
        parties = {e.key for e in analysis.entities if e.label in PARTY_LABELS}
        sentence = _own_sentence(claim, analysis)
        attribution = next((a for a in analysis.attributions if a.id == claim.attribution_id), None)
        denial = attribution is not None and attribution.kind == "denial"
        if denial and attribution is not None and attribution.cue is not None:
            # "... 'I deny nothing,' he said": a denial word inside a quotation is the
            # speaker's wording, not the speaker denying what another source states
            cue_sentence = analysis.sentences[attribution.sentence_index]
            at = attribution.cue.start - cue_sentence.start
            denial = not inside_quote(cue_sentence.text, at)
        return cls(
            text=claim.text,
            outlet=analysis.article.outlet,
            asserted_by=claim.asserted_by,
            asserter=claim.asserter,
            published=analysis.article.published,
            quantities=find_quantities(sentence),  # the whole sentence, read afresh
            entities=list(claim.entities),
            names={e.key: e.name for e in analysis.entities if e.key in claim.entities},
            people=people & set(claim.entities),
            negations=list(claim.negations),
            negative=claim.polarity == "negative",
            denial=denial,
            attributed=claim.attribution_id is not None,
            speaker_is_person=claim.asserted_by in persons,
            speaker_is_party=claim.asserted_by in parties and not _document(claim.asserter),
            sentence=sentence,
            in_sentence=unquoted(claim.text) in unquoted(sentence),
            named_here=named_in(claim.asserter, sentence),
        )


def _own_sentence(claim: Claim, analysis: AnalyzedArticle) -> str:
    """The sentence the claim's words are in. A quotation that runs on after its
    attribution points at the sentence of the verb ("..., he added, saying that ...");
    its figures, dates and negations are read where it is written."""
    pointed = analysis.sentences[claim.sentence_index]
    if unquoted(claim.text) in unquoted(pointed.text):
        return pointed.text
    for sentence in analysis.sentences:
        if sentence.start <= claim.span.start < sentence.end:
            return sentence.text
    return pointed.text


def _document(asserter: str) -> bool:
    """'the document', 'Additional records': a paper speaks for whoever issued it."""
    words = asserter.lower().split()
    return bool(words) and words[-1].strip(".,;:") in DOCUMENT_NOUNS


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
