"""The typed records that flow between pipeline stages.

Every stage takes records defined here and returns records defined here, so a stage
never needs to import another stage to know what it receives. The order is:

    RawItem -> Article -> AnalyzedArticle -> Story -> Comparison -> Brief -> Report

All records are pydantic models: they validate, serialise to JSON for the store,
the JSON export and the web API, and carry a JSON schema for documentation.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    # re-exported (see the end of this module)
    from counterpoint.engine.ingestion import IngestReport as IngestReport
    from counterpoint.present.report import Report as Report
    from counterpoint.read import ReadOptions as ReadOptions


class Record(BaseModel):
    """Base for all records: forbid unknown fields so typos surface early."""

    model_config = ConfigDict(extra="forbid")


# --------------------------------------------------------------------------- read


class RawItem(Record):
    """One input document as read from disk, a URL, a feed, a WARC or a JSONL line.

    `hints` carries metadata the container already knows (a feed's title, a JSONL
    line's date or source); extraction prefers it over what it guesses.
    """

    origin: str = Field(description="Where it came from: a path, URL, or path#record")
    data: bytes
    media_type: Literal["html", "text"]
    url: str | None = None
    hints: dict[str, str] = Field(default_factory=dict)


ANALYSIS_FAILED = "analysis failed"  # the prefix of a crash's reason (retried, not remembered)


class ReadProblem(Record):
    """An input that could not be used, with the reason shown to the user."""

    origin: str
    reason: str

    @classmethod
    def failed(cls, origin: str, exc: Exception) -> ReadProblem:
        """The one line an input becomes when its extraction or analysis raised.

        One error policy for every caller (compare, check, the web desk, ingest): a bad
        article costs only itself; an extraction refusal says why, anything else is
        'analysis failed' with the error (ingest retries those on the next run).
        """
        from counterpoint.extract.errors import ExtractionError  # loaded by then anyway

        if isinstance(exc, ExtractionError):
            return cls(origin=origin, reason=exc.reason)
        return cls(origin=origin, reason=f"{ANALYSIS_FAILED}: {type(exc).__name__}: {exc}")


# --------------------------------------------------------------------------- extract


class Article(Record):
    """Clean article text and its metadata: the extract stage's result."""

    id: str = Field(description="Stable content hash of outlet + title + text")
    origin: str
    url: str | None = None
    outlet: str
    title: str | None = None
    published: date | None = None
    authors: list[str] = Field(default_factory=list)
    language: str | None = None
    text: str
    removed: list[str] = Field(
        default_factory=list, description="Boilerplate lines removed from the input"
    )
    analysed_chars_of: int | None = Field(
        default=None,
        description="The text's length before it was cut to the analysis budget "
        "(None: the whole text is here)",
    )


# --------------------------------------------------------------------------- analyze


class Span(Record):
    """A character range in an article's `text`."""

    start: int
    end: int
    text: str


class Sentence(Record):
    index: int
    start: int
    end: int
    text: str


class EntityLabel(StrEnum):
    PERSON = "PERSON"
    ORG = "ORG"
    GPE = "GPE"
    NORP = "NORP"
    LOC = "LOC"
    EVENT = "EVENT"
    OTHER = "OTHER"


class Entity(Record):
    """A person, organisation or place, with every way an article names it.

    `key` is a normalised identity shared across articles (so "ISIL" in one
    outlet and "Daesh" in another get the same key); `id` is unique per article.
    """

    id: str
    key: str
    name: str
    label: EntityLabel
    aliases: list[str] = Field(default_factory=list)
    mentions: list[Span] = Field(default_factory=list)


# Who speaks when the source is the narrator's "I" ("I will say it again: ..."): the
# article's author, not the last person quoted; such statements are no speaker's quotes.
AUTHOR_SPEAKER = "the author"

AttributionKind = Literal[
    "direct", "indirect", "mixed", "according_to", "statement", "denial", "declined"
]


class Attribution(Record):
    """A quote or reported speech: who (source), the verb (cue), and what (content).

    `speaker_entity` is the resolved entity id (never a pronoun); `speaker` is the
    display name after resolution, e.g. "Iraqi Foreign Ministry" for "She".
    """

    id: str
    kind: AttributionKind
    source: Span | None = None
    cue: Span | None = None
    content: Span
    speaker: str
    speaker_entity: str | None = None
    sentence_index: int


class Quantity(Record):
    """A number found in a claim, normalised so two outlets' figures compare."""

    text: str
    value: float
    unit: str | None = None
    approximate: bool = False


class Claim(Record):
    """An atomic assertion and who asserts it.

    `asserted_by` is a speaker entity key, or "outlet" when the outlet states it in
    its own voice. `polarity` is negative for negated or denied assertions.
    """

    id: str
    article_id: str
    sentence_index: int
    text: str
    span: Span
    asserted_by: str
    asserter: str
    attribution_id: str | None = None
    polarity: Literal["positive", "negative"] = "positive"
    negations: list[str] = Field(default_factory=list)
    exceptions: list[str] = Field(
        default_factory=list, description="Exception phrases: 'no X except Y' -> 'Y'"
    )
    quantities: list[Quantity] = Field(default_factory=list)
    time: date | None = None
    time_text: str | None = None
    entities: list[str] = Field(default_factory=list, description="Entity keys")


class AnalyzedArticle(Record):
    """An article with everything the analyze stage found in it."""

    article: Article
    sentences: list[Sentence]
    entities: list[Entity]
    attributions: list[Attribution]
    claims: list[Claim]


# --------------------------------------------------------------------------- group


class Story(Record):
    """Articles about one event. `copies` maps a syndicated copy to its original."""

    id: str
    title: str
    article_ids: list[str]
    copies: dict[str, str] = Field(default_factory=dict)
    first_published: date | None = None
    last_published: date | None = None


# --------------------------------------------------------------------------- compare


class Relation(StrEnum):
    AGREE = "agree"
    CONTRADICT = "contradict"
    RELATED = "related"  # same topic, different information
    UNRELATED = "unrelated"


EvidenceKind = Literal[
    "number",
    "negation",
    "antonym",
    "stage",
    "exception",
    "date",
    "entity",
    "denial",
    "model",
    "overlap",
    "quote",
]


class Evidence(Record):
    """Why two claims were judged to agree or conflict, in words a reader checks."""

    kind: EvidenceKind
    detail: str
    a: str | None = None
    b: str | None = None


class RelationScore(Record):
    """Probabilities over the three relations, from a model or rules."""

    agree: float
    contradict: float
    neutral: float

    @property
    def label(self) -> Relation:
        best = max(
            (self.agree, Relation.AGREE),
            (self.contradict, Relation.CONTRADICT),
            (self.neutral, Relation.RELATED),
            key=lambda pair: pair[0],
        )
        return best[1]


class ClaimLink(Record):
    """Two aligned claims from different sources and how they relate."""

    a: str = Field(description="Claim id")
    b: str = Field(description="Claim id")
    relation: Relation
    confidence: float
    similarity: float
    evidence: list[Evidence] = Field(default_factory=list)


class StatementRef(Record):
    """Points at one attribution in one article."""

    article_id: str
    attribution_id: str


class Speaker(Record):
    """One speaker across a story's articles, with everything each outlet quotes."""

    key: str
    name: str
    label: EntityLabel
    aliases: list[str] = Field(default_factory=list)
    statements: list[StatementRef] = Field(default_factory=list)


class Misquote(Record):
    """Two outlets quoting the same speaker's same remark with different words."""

    speaker_key: str
    a: StatementRef
    b: StatementRef
    similarity: float
    kind: Literal["reworded", "truncated"] = Field(
        default="reworded",
        description="reworded: words differ inside the remark; truncated: one outlet ends it "
        "as a whole sentence where the other shows it going on",
    )
    only_in_a: list[str] = Field(default_factory=list, description="Words only outlet A has")
    only_in_b: list[str] = Field(default_factory=list, description="Words only outlet B has")


class Comparison(Record):
    """The compare stage's result for one story."""

    story_id: str
    links: list[ClaimLink]
    speakers: list[Speaker] = Field(default_factory=list)
    misquotes: list[Misquote] = Field(default_factory=list)
    # groups of claim ids that say the same thing, across sources
    consensus: list[list[str]] = Field(default_factory=list)
    # claim ids no other source aligns with
    unique: list[str] = Field(default_factory=list)


# --------------------------------------------------------------------------- summarize


class BriefSentence(Record):
    text: str
    kind: Literal["consensus", "dispute", "unique", "context"]
    sources: list[str] = Field(description="Outlet names cited")
    claim_ids: list[str] = Field(default_factory=list)


class Brief(Record):
    """A neutral summary in which every sentence cites its sources."""

    sentences: list[BriefSentence]

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)


class ClaimCheck(BaseModel):
    """How one article stands to a claim (the article judge's verdict; `Desk.check_claim`)."""

    origin: str
    outlet: str
    title: str
    stance: str  # agree / disagree / discuss / unrelated
    related: float
    agree: float
    contradict: float
    neutral: float
    evidence: str  # the article sentences the judge read
    reason: str = ""  # what a typed check found (a differing date, figure, polarity ...)


# ---------------------------------------------------------------- the API's other results
# Defined with their stage and re-exported here, so every type the Desk API returns can be
# imported from one module: Report (present), IngestReport (engine), ReadOptions (read).
_API_TYPES = {
    "IngestReport": "counterpoint.engine.ingestion",
    "ReadOptions": "counterpoint.read",
    "Report": "counterpoint.present.report",
}


def __getattr__(name: str) -> Any:
    if name in _API_TYPES:
        from importlib import import_module

        return getattr(import_module(_API_TYPES[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
