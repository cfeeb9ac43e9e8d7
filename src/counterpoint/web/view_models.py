"""Shape a Report and an AnalyzedArticle for the pages: groups, flags, highlights.

No HTML is built here: only plain data and `Segment` lists the templates escape.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from counterpoint.lexicon import APOSTROPHE_AND_QUOTE_MARKS
from counterpoint.present.report import ClaimView, Dispute, Report, SourceView, StatementView
from counterpoint.records import AnalyzedArticle, Attribution
from counterpoint.web.highlight import Paragraph, Segment, mark_article, mark_claim, mark_words


@dataclass
class DisputeSide:
    claim: ClaimView
    segments: list[Segment]


@dataclass
class DisputeView:
    a: DisputeSide
    b: DisputeSide
    dispute: Dispute
    kinds: list[str]


@dataclass
class StatementRow:
    statement: StatementView
    misquote_with: list[str] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    cut_short_with: list[str] = field(default_factory=list)  # outlets quoting it truncated


@dataclass
class SpeakerPanel:
    name: str
    label: str
    aliases: list[str]
    outlets: list[str]
    by_outlet: dict[str, list[StatementRow]]
    misquoted: bool


@dataclass
class TimelineDay:
    day: date | None
    sources: list[SourceView]


@dataclass
class StoryView:
    report: Report
    disputes: list[DisputeView]
    unique_by_outlet: dict[str, list[ClaimView]]
    speakers: list[SpeakerPanel]
    other_speakers: list[SpeakerPanel]
    timeline: list[TimelineDay]
    published: dict[str, date | None]


def evidence_words(values: list[str | None]) -> list[str]:
    """Words to mark from evidence strings; "not, never" lists are split into words."""
    words: list[str] = []
    for value in values:
        if value:
            words.append(value)
            words += [part.strip() for part in value.split(", ") if part.strip()]
    return list(dict.fromkeys(words))


def dispute_view(dispute: Dispute) -> DisputeView:
    """Two cards' text with the claim and the conflicting words marked."""
    words_a = evidence_words([e.a for e in dispute.evidence])
    words_b = evidence_words([e.b for e in dispute.evidence])
    return DisputeView(
        a=DisputeSide(dispute.a, mark_claim(dispute.a.sentence, dispute.a.text, words_a)),
        b=DisputeSide(dispute.b, mark_claim(dispute.b.sentence, dispute.b.text, words_b)),
        dispute=dispute,
        kinds=sorted({e.kind for e in dispute.evidence}),
    )


BARE_QUOTE_STRIP = " \t\n," + APOSTROPHE_AND_QUOTE_MARKS  # white space, commas, every mark


def bare_quote(text: str) -> str:
    """Quote content without its own quotation marks (the template adds them once)."""
    return text.strip(BARE_QUOTE_STRIP) or text


def speaker_panels(report: Report) -> list[SpeakerPanel]:
    """Each speaker's statements grouped by outlet, with misquotes flagged."""
    flags: dict[tuple[str, str], list[tuple[str, list[str]]]] = defaultdict(list)
    cuts: dict[tuple[str, str], list[str]] = defaultdict(list)
    for mq in report.misquotes:
        if mq.kind == "truncated":
            # the fuller quote is the flagged one: its words the other outlet left off
            for ref, other, words in ((mq.a, mq.b, mq.only_in_a), (mq.b, mq.a, mq.only_in_b)):
                if words:
                    cuts[(ref.article_id, ref.text)].append(other.outlet)
                    flags[(ref.article_id, ref.text)].append(("", words))
            continue
        flags[(mq.a.article_id, mq.a.text)].append((mq.b.outlet, mq.only_in_a))
        flags[(mq.b.article_id, mq.b.text)].append((mq.a.outlet, mq.only_in_b))
    panels: list[SpeakerPanel] = []
    for speaker in report.speakers:
        by_outlet: dict[str, list[StatementRow]] = defaultdict(list)
        misquoted = False
        for st in speaker.statements:
            found = flags.get((st.article_id, st.text), [])
            words = [w for _, ws in found for w in ws]
            misquoted = misquoted or bool(found)
            shown = bare_quote(st.text)
            by_outlet[st.outlet].append(
                StatementRow(
                    st,
                    sorted({o for o, _ in found if o}),
                    mark_words(shown, words),
                    sorted(set(cuts.get((st.article_id, st.text), []))),
                )
            )
        panels.append(
            SpeakerPanel(
                name=speaker.name,
                label=speaker.label,
                aliases=speaker.aliases,
                outlets=speaker.outlets,
                by_outlet=dict(by_outlet),
                misquoted=misquoted,
            )
        )
    return panels


def timeline(sources: list[SourceView]) -> list[TimelineDay]:
    """Sources by day of publication, undated ones last."""
    days: dict[date | None, list[SourceView]] = defaultdict(list)
    for source in sources:
        days[source.published].append(source)
    ordered = sorted(d for d in days if d is not None)
    result = [TimelineDay(d, days[d]) for d in ordered]
    if None in days:
        result.append(TimelineDay(None, days[None]))
    return result


def story_view(report: Report) -> StoryView:
    """Everything the story page shows, derived from the report alone."""
    panels = speaker_panels(report)
    unique: dict[str, list[ClaimView]] = defaultdict(list)
    for claim in report.unique:
        unique[claim.outlet].append(claim)
    return StoryView(
        report=report,
        disputes=[dispute_view(d) for d in report.disputes],
        unique_by_outlet=dict(unique),
        speakers=[p for p in panels if len(p.outlets) > 1 or p.misquoted],
        other_speakers=[p for p in panels if len(p.outlets) <= 1 and not p.misquoted],
        timeline=timeline(report.sources),
        published={s.article_id: s.published for s in report.sources},
    )


@dataclass
class QuoteGroup:
    speaker: str
    quotes: list[Attribution]


@dataclass
class ArticleView:
    analysis: AnalyzedArticle
    paragraphs: list[Paragraph]
    quote_groups: list[QuoteGroup]
    focused: bool


def article_view(analysis: AnalyzedArticle, claim_id: str | None = None) -> ArticleView:
    """The clean text with quotes marked, and the quotes listed by speaker."""
    focus = None
    claim = next((c for c in analysis.claims if c.id == claim_id), None) if claim_id else None
    if claim is not None and 0 <= claim.sentence_index < len(analysis.sentences):
        sentence = analysis.sentences[claim.sentence_index]
        focus = (sentence.start, sentence.end)
    groups: dict[str, list[Attribution]] = defaultdict(list)
    for att in sorted(analysis.attributions, key=lambda a: a.content.start):
        groups[att.speaker].append(att)
    return ArticleView(
        analysis=analysis,
        paragraphs=mark_article(analysis.article.text, analysis.attributions, focus),
        quote_groups=[
            QuoteGroup(s, q) for s, q in sorted(groups.items(), key=lambda kv: -len(kv[1]))
        ],
        focused=focus is not None,
    )
