"""Hand-built analysed articles and a comparison for the summarize tests.

Three invented outlets report one invented event; the compare stage's output is
written by hand so the brief writer is tested on its own.
"""

from __future__ import annotations

from counterpoint.records import (
    AnalyzedArticle,
    Article,
    Attribution,
    Claim,
    ClaimLink,
    Comparison,
    Entity,
    EntityLabel,
    Relation,
    Sentence,
    Span,
    Story,
)


def analysed(
    article_id: str,
    outlet: str,
    title: str,
    sentences: list[str],
    speakers: dict[int, tuple[str, str]] | None = None,
) -> AnalyzedArticle:
    """An article whose every sentence is one claim; `speakers` marks quoted ones.

    speakers maps sentence index -> (source words as written, resolved speaker).
    Each resolved speaker is an entity (a person unless its name ends in an
    organisation word) mentioned wherever its name or surname occurs in the text.
    """
    speakers = speakers or {}
    text = " ".join(sentences)
    records, claims, attributions = [], [], []
    cursor = 0
    for index, sentence in enumerate(sentences):
        start = text.index(sentence, cursor)
        end = start + len(sentence)
        cursor = end
        records.append(Sentence(index=index, start=start, end=end, text=sentence))
        attribution_id = None
        asserted_by, asserter = "outlet", outlet
        if index in speakers:
            written, resolved = speakers[index]
            s_start = text.index(written, start)
            attribution_id = f"{article_id}-a{index}"
            attributions.append(
                Attribution(
                    id=attribution_id,
                    kind="indirect",
                    source=Span(start=s_start, end=s_start + len(written), text=written),
                    content=Span(start=start, end=end, text=sentence),
                    speaker=resolved,
                    speaker_entity=resolved.lower().replace(" ", "_"),
                    sentence_index=index,
                )
            )
            asserted_by, asserter = resolved.lower().replace(" ", "_"), resolved
        claims.append(
            Claim(
                id=f"{article_id}-c{index}",
                article_id=article_id,
                sentence_index=index,
                text=sentence,
                span=Span(start=start, end=end, text=sentence),
                asserted_by=asserted_by,
                asserter=asserter,
                attribution_id=attribution_id,
            )
        )
    article = Article(
        id=article_id, origin=f"{article_id}.txt", outlet=outlet, title=title, text=text
    )
    entities = [_entity(resolved, text) for _, resolved in dict.fromkeys(speakers.values())]
    return AnalyzedArticle(
        article=article,
        sentences=records,
        entities=entities,
        attributions=attributions,
        claims=claims,
    )


_ORG_WORDS = {"department", "ministry", "agency", "company", "office", "union", "council"}


def _entity(name: str, text: str) -> Entity:
    is_org = name.split()[-1].lower() in _ORG_WORDS
    mentions = []
    for form in {name, name.split()[-1]}:
        start = text.find(form)
        while start >= 0:
            mentions.append(Span(start=start, end=start + len(form), text=form))
            start = text.find(form, start + 1)
    key = name.lower().replace(" ", "_")
    label = EntityLabel.ORG if is_org else EntityLabel.PERSON
    return Entity(id=key, key=key, name=name, label=label, mentions=mentions)


def bridge_story() -> tuple[Story, list[AnalyzedArticle], Comparison]:
    """Three outlets on a bridge closure: agreement, one contradiction, unique details."""
    a = analysed(
        "a",
        "Harbor Daily",
        "City closes Elm Street bridge after inspection",
        [
            "RIVERTON (HD) - The city closed the Elm Street bridge on Monday after"
            " inspectors found cracks in two support beams.",
            "Repairs will take six weeks, the transport department said.",
            "But the closure will cost local shops an estimated $2 million.",
            "Detours add about 15 minutes to commutes across the river.",
        ],
        speakers={1: ("the transport department", "Riverton Transport Department")},
    )
    b = analysed(
        "b",
        "Valley Courier",
        "Elm Street bridge shut over cracked beams",
        [
            "Inspectors found cracks in support beams of the Elm Street bridge,"
            " and Mayor Ana Ruiz closed it Monday.",
            "She said repairs would take at least four months.",
            "The mayor's radical plan to close the bridge has angered commuters.",
        ],
        speakers={1: ("She", "Mayor Ana Ruiz")},
    )
    c = analysed(
        "c",
        "Metro Wire",
        "Bridge closure snarls traffic",
        [
            "The Elm Street bridge was closed on Monday after cracks were found in"
            " its support beams.",
            "Traffic on the parallel Oak Street bridge doubled by the evening rush hour.",
        ],
    )
    story = Story(id="s1", title="Elm Street bridge closure", article_ids=["a", "b", "c"])
    comparison = Comparison(
        story_id="s1",
        links=[
            ClaimLink(
                a="a-c1", b="b-c1", relation=Relation.CONTRADICT, confidence=0.9, similarity=0.7
            ),
            ClaimLink(a="a-c0", b="b-c0", relation=Relation.AGREE, confidence=0.95, similarity=0.8),
        ],
        consensus=[["a-c0", "b-c0", "c-c0"]],
        unique=["a-c2", "a-c3", "b-c2", "c-c1"],
    )
    return story, [a, b, c], comparison
