"""Compare one story's sources: align claims, judge each pair, group consensus.

The flow is: unify entity keys across articles -> embed claims -> pick candidate
pairs (k nearest per claim from other sources) -> collect explicit evidence ->
ask the RelationJudge -> combine -> links; then consensus groups (claims linked
by agreement across sources), unique claims (no counterpart anywhere) and the
story's speakers with misquote flags.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

from counterpoint.compare.align import nearest_pairs
from counterpoint.compare.checks import (
    Statement,
    counted_exception,
    find_evidence,
    rule_score,
    stage_of,
    thing,
    usable_evidence,
    word_overlap,
)
from counterpoint.compare.identities import unify
from counterpoint.compare.relation import RelationJudge
from counterpoint.compare.speakers import build_speakers
from counterpoint.records import (
    AnalyzedArticle,
    Claim,
    ClaimLink,
    Comparison,
    Evidence,
    Relation,
    RelationScore,
    Story,
)

# A pair is judged when it is this similar ...
JUDGE_SIMILARITY = 0.45
# ... or this similar with shared entities or numbers on both sides ...
JUDGE_WITH_SIGNALS = 0.3
# ... or this similar with explicit conflict evidence.
JUDGE_WITH_EVIDENCE = 0.15
# Agreement needs the two claims to say much the same thing.
AGREE_SIMILARITY = 0.62
# Without explicit evidence, a contradiction must be the judge's clear call.
MODEL_ONLY_CONTRADICT = 0.9
# Claims this close, with no sign of conflict, corroborate each other.
CORROBORATE_SIMILARITY = 0.65
# A claim with no counterpart this similar in any other source is unique to its source.
UNIQUE_BELOW = 0.5


def combine(
    model: RelationScore, similarity: float, evidence: list[Evidence]
) -> tuple[Relation, float]:
    """Final relation and confidence from the judge's scores and the explicit checks.

    Strong explicit evidence (numbers, exceptions, negation on shared content) can
    raise a contradiction the model missed; agreement additionally needs high
    similarity, so topical overlap alone is reported as 'related'.
    """
    rules = rule_score(similarity, evidence)
    contradict = model.contradict
    if evidence:
        contradict = max(contradict, rules.contradict)
    if contradict >= (0.5 if evidence else MODEL_ONLY_CONTRADICT):
        return Relation.CONTRADICT, round(contradict, 3)
    agree = model.agree
    if agree >= 0.5 and similarity >= AGREE_SIMILARITY:
        return Relation.AGREE, round(agree, 3)
    if similarity >= CORROBORATE_SIMILARITY and not evidence and model.contradict < 0.3:
        # close restatements the judge only calls "related" still corroborate each other
        return Relation.AGREE, round(max(agree, similarity), 3)
    return Relation.RELATED, round(max(model.neutral, 1 - contradict), 3)


def _independent_sources(story: Story, analyses: list[AnalyzedArticle]) -> dict[str, str]:
    """Article id -> the id of the source it counts as (copies count as their original)."""
    return {a.article.id: story.copies.get(a.article.id, a.article.id) for a in analyses}


def compare_story(
    story: Story, analyses: list[AnalyzedArticle], judge: RelationJudge | None = None
) -> Comparison:
    """Align and judge every source's claims in one story."""
    from counterpoint.models import embed

    if judge is None:
        from counterpoint.compare.judges import get_judge

        judge = get_judge()
    analyses = unify(analyses)
    source_of = _independent_sources(story, analyses)
    originals = [a for a in analyses if a.article.id not in story.copies]
    claims: list[Claim] = [c for a in originals for c in a.claims]
    vectors = embed(canonical_texts(originals))
    groups = [source_of[c.article_id] for c in claims]
    similar = nearest_pairs(vectors, groups)
    for i, j in _evidence_candidates(claims, groups):
        similar.setdefault((i, j), float(vectors[i] @ vectors[j]))

    statements = [Statement.from_claim(c) for c in claims]
    chosen: list[tuple[int, int, float, list[Evidence]]] = []
    best_match: dict[int, float] = defaultdict(float)
    for (i, j), sim in similar.items():
        best_match[i] = max(best_match[i], sim)
        best_match[j] = max(best_match[j], sim)
        if sim < JUDGE_WITH_EVIDENCE:
            continue
        a, b = claims[i], claims[j]
        sa, sb = statements[i], statements[j]
        evidence = usable_evidence(sim, find_evidence(sa, sb))
        shared = set(a.entities) & set(b.entities)
        signals = bool(shared) or bool(a.quantities and b.quantities) or word_overlap(sa, sb) >= 0.4
        strong = any(e.kind in ("stage", "exception") for e in evidence)
        if (
            sim >= JUDGE_SIMILARITY
            or (sim >= JUDGE_WITH_SIGNALS and signals)
            or (evidence and (signals or sim >= JUDGE_WITH_SIGNALS or strong))
        ):
            chosen.append((i, j, sim, evidence))

    scores = judge.score([(claims[i].text, claims[j].text) for i, j, _, _ in chosen])
    links: list[ClaimLink] = []
    for (i, j, sim, evidence), score in zip(chosen, scores, strict=True):
        relation, confidence = combine(score, sim, evidence)
        if relation is Relation.CONTRADICT and not evidence:
            evidence = [Evidence(kind="model", detail=f"{judge.name} judge: contradiction")]
        links.append(
            ClaimLink(
                a=claims[i].id,
                b=claims[j].id,
                relation=relation,
                confidence=confidence,
                similarity=round(sim, 3),
                evidence=evidence,
            )
        )

    claim_by_id = {c.id: c for c in claims}
    consensus = _consensus_groups(links, claim_by_id, source_of)
    in_consensus = {cid for group in consensus for cid in group}
    unique = [
        c.id
        for index, c in enumerate(claims)
        if best_match.get(index, 0.0) < UNIQUE_BELOW and c.id not in in_consensus and _notable(c)
    ]
    speakers, misquotes = build_speakers(analyses, copies=story.copies)
    links.sort(key=lambda link: (link.relation is not Relation.CONTRADICT, -link.confidence))
    return Comparison(
        story_id=story.id,
        links=links,
        consensus=consensus,
        unique=unique,
        speakers=speakers,
        misquotes=misquotes,
    )


MAX_EVIDENCE_PARTNERS = 25


def _evidence_candidates(claims: list[Claim], groups: list[str]) -> set[tuple[int, int]]:
    """Pairs that explicit checks would flag even when wording differs a lot.

    Embedding neighbours miss "we were close to a deal" vs "talks are just
    beginning", or "no forces except advisers" vs "2,500 troops". Claims carrying
    such cues are few, so pairing them directly (capped per claim) stays cheap.
    """
    late, early, counts = [], [], []
    exceptions: dict[int, set[str]] = {}
    for index, claim in enumerate(claims):
        stage = stage_of(claim.text)
        if stage == "late":
            late.append(index)
        elif stage == "early":
            early.append(index)
        if counted := counted_exception(claim.text):
            exceptions[index] = counted
        if any(q.unit for q in claim.quantities):
            counts.append(index)
    pairs: set[tuple[int, int]] = set()

    def join(left: list[int], right: list[int], keep: Callable[[int, int], bool]) -> None:
        for i in left:
            partners = [j for j in right if groups[i] != groups[j] and keep(i, j)]
            for j in partners[:MAX_EVIDENCE_PARTNERS]:
                pairs.add((min(i, j), max(i, j)))

    join(late, early, lambda i, j: True)
    join(
        list(exceptions),
        counts,
        lambda i, j: bool(exceptions[i] & {thing(q.unit) for q in claims[j].quantities}),
    )
    return pairs


def canonical_texts(analyses: list[AnalyzedArticle]) -> list[str]:
    """Claim texts with every entity named the same way across the story.

    "the threat posed by DAESH" and "the threat of ISIS" embed far apart until both
    say ISIS; the story's unified keys know they are one group.
    """
    names: dict[str, str] = {}
    for analysis in analyses:
        for entity in analysis.entities:
            if len(entity.name) > len(names.get(entity.key, "")):
                names[entity.key] = entity.name
    texts: list[str] = []
    for analysis in analyses:
        for claim in analysis.claims:
            text = claim.text
            for entity in analysis.entities:
                canonical = names.get(entity.key, entity.name)
                for mention in entity.mentions:
                    overlaps = mention.start < claim.span.end and mention.end > claim.span.start
                    if overlaps and mention.text != canonical:
                        pattern = re.compile(rf"\b{re.escape(mention.text)}\b")
                        text = pattern.sub(_literal(canonical), text)
            texts.append(text)
    return texts


def _literal(name: str) -> Callable[[re.Match[str]], str]:
    """A re.sub replacement that inserts `name` as it is (a "\\" in a name is no escape)."""
    return lambda _match: name


def _notable(claim: Claim) -> bool:
    """Worth listing as unique: says something concrete (a name or a number)."""
    return bool(claim.entities or claim.quantities) and len(claim.text.split()) >= 6


def _consensus_groups(
    links: list[ClaimLink], claims: dict[str, Claim], source_of: dict[str, str]
) -> list[list[str]]:
    """Claims joined by agreement, kept when they span two or more sources.

    Agreements are merged strongest first, and two groups never merge when any of
    their claims contradict each other (so "A = B" and "B = C" cannot chain A and C
    when A and C conflict). A group that any claim in the story contradicts is
    disputed, not consensus: it is reported with the disputes instead.
    """
    members: dict[str, set[str]] = {}
    group_of: dict[str, str] = {}
    conflicts: dict[str, set[str]] = defaultdict(set)
    for link in links:
        if link.relation is Relation.CONTRADICT:
            conflicts[link.a].add(link.b)
            conflicts[link.b].add(link.a)

    def group(claim_id: str) -> str:
        if claim_id not in group_of:
            group_of[claim_id] = claim_id
            members[claim_id] = {claim_id}
        return group_of[claim_id]

    agreements = [link for link in links if link.relation is Relation.AGREE]
    for link in sorted(agreements, key=lambda k: (-k.confidence, k.a, k.b)):
        left, right = group(link.a), group(link.b)
        if left == right:
            continue
        if any(conflicts[m] & members[right] for m in members[left]):
            continue
        for m in members[right]:
            group_of[m] = left
        members[left] |= members.pop(right)
    result = []
    for group_members in members.values():
        sources = {source_of[claims[m].article_id] for m in group_members}
        disputed = any(conflicts[m] for m in group_members)
        if len(sources) >= 2 and not disputed:
            result.append(sorted(group_members))
    result.sort(key=lambda g: (-len({source_of[claims[m].article_id] for m in g}), g))
    return result
