"""The story report: one versioned, self-contained record every presenter renders.

The terminal view, the Markdown / JSON / HTML exports and the web API all show
this same `Report`, so what a user sees in one place matches the others. The
JSON form is documented in docs/report-schema.md and by `counterpoint schema`;
bump SCHEMA_VERSION on any incompatible change.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime

from pydantic import Field

from counterpoint.analyze.attribution.labels import reader_label
from counterpoint.compare.checks import Statement, word_overlap
from counterpoint.records import (
    AnalyzedArticle,
    Attribution,
    Brief,
    BriefSentence,
    Claim,
    Comparison,
    Evidence,
    Quantity,
    ReadProblem,
    Record,
    Relation,
    Story,
)

SCHEMA_VERSION = "counterpoint.report/1"


class SourceView(Record):
    article_id: str
    outlet: str
    title: str | None
    published: date | None
    language: str | None
    url: str | None
    origin: str
    authors: list[str] = Field(default_factory=list)
    copy_of: str | None = Field(default=None, description="Outlet this article syndicates")
    claims: int = 0
    quotes: int = 0


class ClaimView(Record):
    """A claim as a reader sees it: who, where, and the sentence it came from."""

    claim_id: str
    article_id: str
    outlet: str
    asserter: str = Field(description="Speaker name, or the outlet when in its own voice")
    text: str
    sentence: str
    polarity: str
    quantities: list[Quantity] = Field(default_factory=list)
    time: date | None = None


class Dispute(Record):
    a: ClaimView
    b: ClaimView
    confidence: float
    similarity: float
    evidence: list[Evidence]


class ConsensusItem(Record):
    text: str = Field(description="The clearest wording among the sources")
    outlets: list[str]
    claims: list[ClaimView]
    all_sources: bool = Field(description="True when every independent source carries it")


class StatementView(Record):
    article_id: str
    outlet: str
    kind: str
    label: str = Field(
        default="said", description="How the speaker put it, in a reader's words ('denied')"
    )
    cue: str | None
    text: str
    sentence: str


class SpeakerView(Record):
    key: str
    name: str
    label: str
    aliases: list[str]
    outlets: list[str]
    statements: list[StatementView]


class MisquoteView(Record):
    speaker: str
    a: StatementView
    b: StatementView
    similarity: float
    kind: str = "reworded"  # or "truncated" (see records.Misquote)
    only_in_a: list[str]
    only_in_b: list[str]


class Report(Record):
    """Everything counterpoint says about one story."""

    schema_version: str = SCHEMA_VERSION
    generated_at: datetime
    story_id: str
    title: str
    first_published: date | None = None
    last_published: date | None = None
    sources: list[SourceView]
    summary: list[BriefSentence]
    consensus: list[ConsensusItem]
    disputes: list[Dispute]
    unique: list[ClaimView]
    speakers: list[SpeakerView]
    misquotes: list[MisquoteView] = Field(default_factory=list)
    problems: list[ReadProblem] = Field(default_factory=list)
    judge: str = Field(default="", description="Which relation judge labelled the pairs")
    brief_rewriting: str = Field(
        default="off",
        description="Whether the brief was sent to an endpoint for rewording: off or endpoint",
    )

    @property
    def summary_sections(self) -> list[tuple[str, list[BriefSentence]]]:
        """The brief as a lead paragraph (title ''), its disputes, then single-source lines."""
        from counterpoint.summarize.citations import brief_sections

        return brief_sections(self.summary)


def _restates(x: Claim, y: Claim) -> bool:
    """Same article, same sentence or nearly the same words: one claim said twice."""
    if x.article_id != y.article_id:
        return False
    if x.id == y.id or x.sentence_index == y.sentence_index:
        return True
    return word_overlap(Statement.from_text(x.text), Statement.from_text(y.text)) >= 0.6


def _same_dispute(pair: tuple[Claim, Claim], other: tuple[Claim, Claim]) -> bool:
    """A dispute already shown: both sides restate the sides of one we kept."""
    (a, b), (c, d) = pair, other
    return (_restates(a, c) and _restates(b, d)) or (_restates(a, d) and _restates(b, c))


def build_report(
    story: Story,
    analyses: list[AnalyzedArticle],
    comparison: Comparison,
    brief: Brief,
    *,
    problems: list[ReadProblem] | None = None,
    judge: str = "",
    brief_rewriting: str = "off",
    max_disputes: int = 12,
    max_unique: int = 12,
) -> Report:
    """Assemble the report from the stages' results (no analysis happens here)."""
    by_article = {a.article.id: a for a in analyses}
    claims = {c.id: c for a in analyses for c in a.claims}
    outlet_of = {a.article.id: a.article.outlet for a in analyses}
    independent = {a.article.id for a in analyses if a.article.id not in story.copies}

    def claim_view(claim: Claim) -> ClaimView:
        analysis = by_article[claim.article_id]
        sentence = analysis.sentences[claim.sentence_index].text
        return ClaimView(
            claim_id=claim.id,
            article_id=claim.article_id,
            outlet=outlet_of[claim.article_id],
            asserter=outlet_of[claim.article_id]
            if claim.asserted_by == "outlet"
            else claim.asserter,
            text=claim.text,
            sentence=sentence,
            polarity=claim.polarity,
            quantities=claim.quantities,
            time=claim.time,
        )

    sources = [
        SourceView(
            article_id=a.article.id,
            outlet=a.article.outlet,
            title=a.article.title,
            published=a.article.published,
            language=a.article.language,
            url=a.article.url,
            origin=a.article.origin,
            authors=a.article.authors,
            copy_of=outlet_of.get(story.copies[a.article.id])
            if a.article.id in story.copies
            else None,
            claims=len(a.claims),
            quotes=len(a.attributions),
        )
        for a in analyses
    ]

    disputes: list[Dispute] = []
    kept: list[tuple[Claim, Claim]] = []
    stage_pairs: set[frozenset[str]] = set()
    contradictions = [link for link in comparison.links if link.relation is Relation.CONTRADICT]
    for link in sorted(contradictions, key=lambda link: -link.confidence):
        a, b = claims[link.a], claims[link.b]
        if any(_same_dispute((a, b), other) for other in kept):
            continue
        if {e.kind for e in link.evidence} == {"stage"}:
            # "how far along" is one question per pair of sources: show its best pair once
            article_pair = frozenset((a.article_id, b.article_id))
            if article_pair in stage_pairs:
                continue
            stage_pairs.add(article_pair)
        kept.append((a, b))
        disputes.append(
            Dispute(
                a=claim_view(a),
                b=claim_view(b),
                confidence=link.confidence,
                similarity=link.similarity,
                evidence=link.evidence,
            )
        )
    disputes.sort(key=lambda d: -d.confidence)

    consensus: list[ConsensusItem] = []
    for group in comparison.consensus:
        views = [claim_view(claims[cid]) for cid in group if cid in claims]
        outlets = sorted({v.outlet for v in views})
        articles = {v.article_id for v in views} & independent
        clearest = min(
            views, key=lambda v: (len(v.text) > 220, -len(set(v.text.split())), len(v.text))
        )
        consensus.append(
            ConsensusItem(
                text=clearest.text,
                outlets=outlets,
                claims=views,
                all_sources=len(articles) >= len(independent),
            )
        )

    attributions: dict[tuple[str, str], Attribution] = {
        (a.article.id, att.id): att for a in analyses for att in a.attributions
    }

    def statement_view(article_id: str, attribution_id: str) -> StatementView | None:
        att = attributions.get((article_id, attribution_id))
        if att is None:
            return None
        sentence = by_article[article_id].sentences[att.sentence_index].text
        return StatementView(
            article_id=article_id,
            outlet=outlet_of[article_id],
            kind=att.kind,
            label=reader_label(att.kind),
            cue=att.cue.text if att.cue else None,
            text=att.content.text.strip(),
            sentence=sentence,
        )

    speakers: list[SpeakerView] = []
    for speaker in comparison.speakers:
        statements = [
            view
            for ref in speaker.statements
            if (view := statement_view(ref.article_id, ref.attribution_id)) is not None
        ]
        if not statements:
            continue
        speakers.append(
            SpeakerView(
                key=speaker.key,
                name=speaker.name,
                label=speaker.label.value,
                aliases=speaker.aliases,
                outlets=sorted({s.outlet for s in statements}),
                statements=statements,
            )
        )
    speakers.sort(key=lambda s: (-len(s.outlets), -len(s.statements), s.name))

    misquotes: list[MisquoteView] = []
    names = {s.key: s.name for s in comparison.speakers}
    for mq in comparison.misquotes:
        va = statement_view(mq.a.article_id, mq.a.attribution_id)
        vb = statement_view(mq.b.article_id, mq.b.attribution_id)
        if va and vb:
            misquotes.append(
                MisquoteView(
                    speaker=names.get(mq.speaker_key, mq.speaker_key),
                    a=va,
                    b=vb,
                    similarity=mq.similarity,
                    kind=mq.kind,
                    only_in_a=mq.only_in_a,
                    only_in_b=mq.only_in_b,
                )
            )

    unique_views = [claim_view(claims[cid]) for cid in comparison.unique if cid in claims]
    per_outlet: dict[str, int] = defaultdict(int)
    balanced: list[ClaimView] = []
    for unique_view in unique_views:  # spread the limited space across outlets
        if per_outlet[unique_view.outlet] < max(2, max_unique // max(1, len(independent))):
            balanced.append(unique_view)
            per_outlet[unique_view.outlet] += 1

    return Report(
        generated_at=datetime.now(UTC),
        story_id=story.id,
        title=story.title,
        first_published=story.first_published,
        last_published=story.last_published,
        sources=sources,
        summary=brief.sentences,
        consensus=consensus,
        disputes=disputes[:max_disputes],
        unique=balanced[:max_unique],
        speakers=speakers,
        misquotes=misquotes,
        problems=problems or [],
        judge=judge,
        brief_rewriting=brief_rewriting,
    )
