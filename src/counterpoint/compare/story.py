"""Compare one story's sources: align claims, judge each pair, group consensus.

The flow is: unify entity keys across articles -> embed claims -> pick candidate
pairs (k nearest per claim from other sources, plus pairs the checks' cues call
for) -> typed conflict checks (compare/conflicts) -> the RelationJudge -> the pair
classifier (compare/decide) for conflicts, the judge plus `differences` for
agreement -> links; then consensus groups (claims linked by agreement across
sources), unique claims (no counterpart anywhere) and the story's speakers with
misquote flags. Every threshold lives in compare/policy.py.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

from counterpoint.compare import policy
from counterpoint.compare.align import nearest_pairs
from counterpoint.compare.checks import counted_exception, stage_of, thing
from counterpoint.compare.conflicts import Conflict, Side, differences, find_conflicts
from counterpoint.compare.conflicts.polarity import REPORTED
from counterpoint.compare.conflicts.text import name_stems
from counterpoint.compare.decide import probability, signals
from counterpoint.compare.identities import unify
from counterpoint.compare.relation import RelationJudge
from counterpoint.compare.speakers import build_speakers
from counterpoint.records import (
    AnalyzedArticle,
    Claim,
    ClaimLink,
    Comparison,
    Relation,
    RelationScore,
    Story,
)


def wording(a: Side, b: Side) -> float:
    """How far two claims use the same words, names aside: the share of the shorter
    one's content words the other has, or 0 when fewer than `policy.AGREE_SHARED`
    are shared (a topic word or a name alone is no restatement)."""
    left = a.stems - name_stems(a.text)
    right = b.stems - name_stems(b.text)
    shared = left & right
    if len(shared) < policy.AGREE_SHARED:
        return 0.0
    return len(shared) / min(len(left), len(right))


def agreement(model: RelationScore, cosine: float, alike: float = 1.0) -> tuple[Relation, float]:
    """Agree or merely related, for a pair no check found a difference in; `alike` is
    their `wording` share: a pair the judge does not call agreement needs some of the
    same words, not only a topic, to corroborate."""
    if model.agree >= 0.5 and cosine >= policy.AGREE_COSINE:
        return Relation.AGREE, round(model.agree, 3)
    if (
        cosine >= policy.CORROBORATE_COSINE
        and model.contradict < policy.CORROBORATE_MAX_CONTRADICT
        and alike >= policy.AGREE_WORDING
    ):
        # close restatements the judge only calls "related" still corroborate each other
        return Relation.AGREE, round(max(model.agree, cosine), 3)
    return Relation.RELATED, round(max(model.neutral, 1 - model.contradict), 3)


def _independent_sources(story: Story, analyses: list[AnalyzedArticle]) -> dict[str, str]:
    """Article id -> the id of the source it counts as (copies count as their original)."""
    return {a.article.id: story.copies.get(a.article.id, a.article.id) for a in analyses}


def compare_story(
    story: Story, analyses: list[AnalyzedArticle], judge: RelationJudge | None = None
) -> Comparison:
    """Align and judge every source's claims in one story.

    A pair becomes a dispute only when a typed check (figure, date, polarity,
    denial, exception, stage, name, quote) finds a difference about the same thing
    and the pair classifier gives it at least `policy.REPORT_PROBABILITY`; a pair
    in which any name, number, date or polarity differs is never an agreement.
    """
    from counterpoint.models import embed

    if judge is None:
        from counterpoint.compare.judges import get_judge

        judge = get_judge()
    analyses = unify(analyses)
    source_of = _independent_sources(story, analyses)
    originals = [a for a in analyses if a.article.id not in story.copies]
    claims: list[Claim] = [c for a in originals for c in a.claims]
    sides = [Side.from_claim(c, a) for a in originals for c in a.claims]
    vectors = embed(canonical_texts(originals))
    # figures and dates are checked in whole sentences, so sentence closeness counts too
    sentence_texts = sorted({s.whole for s in sides})
    row = {text: k for k, text in enumerate(sentence_texts)}
    sentence_vectors = embed(sentence_texts) if sentence_texts else vectors[:0]
    sentence_of = [row[s.whole] for s in sides]
    groups = [source_of[c.article_id] for c in claims]
    similar = nearest_pairs(vectors, groups)
    for i, j in _cue_candidates(claims, sides, groups):
        similar.setdefault((i, j), float(vectors[i] @ vectors[j]))

    best_match: dict[int, float] = defaultdict(float)
    chosen: list[tuple[int, int, float, list[Conflict]]] = []
    near: dict[tuple[int, int], float] = {}  # claim or sentence cosine, whichever is higher
    for (i, j), cosine in similar.items():
        best_match[i] = max(best_match[i], cosine)
        best_match[j] = max(best_match[j], cosine)
        closeness = max(
            cosine, float(sentence_vectors[sentence_of[i]] @ sentence_vectors[sentence_of[j]])
        )
        if closeness < policy.CANDIDATE_MIN_COSINE:
            continue
        conflicts = find_conflicts(sides[i], sides[j], closeness)
        if conflicts or cosine >= min(policy.AGREE_COSINE, policy.CORROBORATE_COSINE):
            chosen.append((i, j, cosine, conflicts))
            near[(i, j)] = closeness

    scores = judge.score([(claims[i].text, claims[j].text) for i, j, _, _ in chosen])
    links: list[ClaimLink] = []
    for (i, j, cosine, conflicts), score in zip(chosen, scores, strict=True):
        relation, confidence, evidence = Relation.RELATED, 0.0, []
        if conflicts:
            kinds = len({c.kind for c in conflicts})
            best = max(
                probability(
                    signals(
                        sides[i], sides[j], c, near[(i, j)], score.contradict, score.agree, kinds
                    )
                )
                for c in conflicts
            )
            evidence = [c.evidence() for c in conflicts]
            if best >= policy.REPORT_PROBABILITY:
                relation, confidence = Relation.CONTRADICT, round(best, 3)
            else:
                confidence = round(1 - best, 3)
        elif differences(sides[i], sides[j]):
            confidence = round(max(score.neutral, 1 - score.contradict), 3)
        else:
            relation, confidence = agreement(score, cosine, wording(sides[i], sides[j]))
        links.append(
            ClaimLink(
                a=claims[i].id,
                b=claims[j].id,
                relation=relation,
                confidence=confidence,
                similarity=round(cosine, 3),
                evidence=evidence,
            )
        )

    claim_by_id = {c.id: c for c in claims}
    outlet_of = {a.article.id: a.article.outlet for a in originals}
    _one_per_reported_disagreement(links, claim_by_id, outlet_of)
    side_by_id = {c.id: s for c, s in zip(claims, sides, strict=True)}
    row_of = {c.id: k for k, c in enumerate(claims)}
    agreed = {frozenset((link.a, link.b)) for link in links if link.relation is Relation.AGREE}

    def close(x: str, y: str) -> bool:
        """x and y say the same thing, in the same voice or in the same words: judged
        so, or near in cosine and in wording."""
        alike = wording(side_by_id[x], side_by_id[y])
        if not same_voice(side_by_id[x], side_by_id[y]) and alike < policy.SAME_WORDS_WORDING:
            return False
        if frozenset((x, y)) in agreed:
            return True
        cosine = float(vectors[row_of[x]] @ vectors[row_of[y]])
        return cosine >= policy.GROUP_COSINE and alike >= policy.AGREE_WORDING

    consensus = _consensus_groups(links, claim_by_id, source_of, side_by_id, close)
    in_consensus = {cid for group in consensus for cid in group}
    unique = [
        c.id
        for index, c in enumerate(claims)
        if best_match.get(index, 0.0) < policy.UNIQUE_BELOW_COSINE
        and c.id not in in_consensus
        and _notable(c)
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


def _one_per_reported_disagreement(
    links: list[ClaimLink], claims: dict[str, Claim], outlet_of: dict[str, str]
) -> None:
    """Three outlets reporting one disagreement make up to three pairs: show it once.

    Pairs that share a sentence are one disagreement; the likeliest pair is kept and
    its reason names the other outlets that report it too; the others become 'related'.
    """
    reported = [
        link
        for link in links
        if link.relation is Relation.CONTRADICT
        and all(e.detail.startswith(REPORTED) for e in link.evidence)
    ]
    kept: list[tuple[ClaimLink, set[tuple[str, int]], set[str]]] = []
    for link in sorted(reported, key=lambda k: -k.confidence):
        a, b = claims[link.a], claims[link.b]
        sentences = {(a.article_id, a.sentence_index), (b.article_id, b.sentence_index)}
        outlets = {outlet_of.get(a.article_id, ""), outlet_of.get(b.article_id, "")}
        shown = next((k for k in kept if k[1] & sentences), None)
        if shown is None:
            kept.append((link, sentences, outlets))
            continue
        link.relation = Relation.RELATED
        shown[1].update(sentences)
        shown[2].update(outlets)
    for link, _, outlets in kept:
        a, b = claims[link.a], claims[link.b]
        others = sorted(outlets - {outlet_of.get(a.article_id), outlet_of.get(b.article_id), ""})
        if others and link.evidence:
            link.evidence[0].detail += f"; also reported by {', '.join(others)}"


def _cue_candidates(
    claims: list[Claim], sides: list[Side], groups: list[str]
) -> set[tuple[int, int]]:
    """Pairs the typed checks could flag even when their wording differs a lot.

    Embedding neighbours miss "we were close to a deal" vs "talks are just
    beginning", "no forces except advisers" vs "2,500 troops", or two figures for
    one count in long sentences. Claims carrying such cues are few, so pairing them
    directly (capped per claim) stays cheap.
    """
    late, early, exceptions, dated, denied = [], [], [], [], []
    counts: dict[str, list[int]] = defaultdict(list)
    for index, claim in enumerate(claims):
        stage = stage_of(claim.text)
        if stage == "late":
            late.append(index)
        elif stage == "early":
            early.append(index)
        if counted_exception(claim.text):
            exceptions.append(index)
        for unit in {thing(q.unit) for q in sides[index].quantities if q.unit}:
            counts[unit or ""].append(index)
        if any(t.granularity == "day" and t.date for t in sides[index].times):
            dated.append(index)
        if sides[index].denial or sides[index].cue:
            denied.append(index)
    pairs: set[tuple[int, int]] = set()

    def join(left: list[int], right: list[int], keep: Callable[[int, int], bool]) -> None:
        for i in left:
            partners = [j for j in right if groups[i] != groups[j] and keep(i, j)]
            for j in partners[: policy.MAX_CUE_PARTNERS]:
                pairs.add((min(i, j), max(i, j)))

    def shares_words(i: int, j: int) -> bool:
        return len(sides[i].stems & sides[j].stems) >= 2

    join(late, early, lambda i, j: True)
    join(exceptions, [i for unit in counts.values() for i in unit], lambda i, j: True)
    for members in counts.values():
        join(members, members, shares_words)
    join(dated, dated, shares_words)
    join(denied, list(range(len(claims))), shares_words)
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


def same_voice(a: Side, b: Side) -> bool:
    """Two outlets carry the same claim only when the same party asserts it: both in
    the outlet's own voice, or both attributed to one speaker. One outlet quoting an
    advocate's view ("We support this action ...") is not agreed by another outlet
    reporting the action itself, and two speakers' similar words are two claims."""
    return a.asserted_by == b.asserted_by


def _notable(claim: Claim) -> bool:
    """Worth listing as unique: says something concrete (a name or a number)."""
    return bool(claim.entities or claim.quantities) and len(claim.text.split()) >= 6


def _consensus_groups(
    links: list[ClaimLink],
    claims: dict[str, Claim],
    source_of: dict[str, str],
    sides: dict[str, Side] | None = None,
    close: Callable[[str, str], bool] | None = None,
) -> list[list[str]]:
    """Claims joined by agreement, kept when they span two or more sources.

    Agreements are merged strongest first, and two groups never merge when any of
    their claims contradict each other (so "A = B" and "B = C" cannot chain A and C
    when A and C conflict). With `close`, two groups merge only when every pair of
    their claims from different sources is close (an outlet is listed under a claim
    only when its own claim says it). A group that any claim in the story contradicts
    is disputed, not consensus: it is reported with the disputes instead.
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
        if sides is not None and any(
            differences(sides[x], sides[y]) for x in members[left] for y in members[right]
        ):
            continue  # a chain must not join claims whose names, numbers or dates differ
        if close is not None and not all(
            close(x, y)
            for x in members[left]
            for y in members[right]
            if source_of[claims[x].article_id] != source_of[claims[y].article_id]
        ):
            continue  # every outlet listed must carry the claim, not a neighbour of it
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
