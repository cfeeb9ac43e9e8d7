"""A neutral brief straight from several outlets' raw text (no analysis needed).

Used when only text is at hand — a headline and lead per outlet, as in the NeuS
roundups — and as the content model behind `write_brief`. The brief opens with
the most representative headline, then the sentences most outlets support, each
citing every outlet that carries the same content.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np

from counterpoint.records import Brief, BriefSentence
from counterpoint.summarize.budget import word_budget
from counterpoint.summarize.candidates import Candidate, SourceText
from counterpoint.summarize.citations import attributed, neutral_sentence
from counterpoint.summarize.salience import content_texts, score_candidates, similarity_matrix
from counterpoint.summarize.select import pick
from counterpoint.summarize.support import OutletText, SupportChecker, whole_clause
from counterpoint.summarize.text import (
    clean_sentence,
    headline_shaped,
    in_context,
    lowercase_vocabulary,
    split_sentences,
)

SUPPORT_THRESHOLD = 0.3  # similarity above which another outlet "carries" a sentence


def candidates_from_sources(sources: Sequence[SourceText]) -> list[Candidate]:
    """Every headline and cleaned body sentence of every source."""
    candidates: list[Candidate] = []
    for index, source in enumerate(sources):
        if source.title and source.title.strip():
            candidates.append(Candidate(clean_sentence(source.title), index, -1, is_title=True))
        offset = 0
        for position, sentence in enumerate(split_sentences(source.text)):
            offset = max(source.text.find(sentence, offset), offset)
            cleaned = clean_sentence(in_context(source.text, offset, sentence))
            if len(cleaned.split()) >= 3:
                candidates.append(Candidate(cleaned, index, position))
    return candidates


def supporting_sources(index: int, candidates: Sequence[Candidate], sims: np.ndarray) -> list[int]:
    """The candidate's own source plus every other source with a close sentence."""
    own = candidates[index].source
    support = {own}
    for j, other in enumerate(candidates):
        if other.source != own and sims[index, j] >= SUPPORT_THRESHOLD:
            support.add(other.source)
    return sorted(support)


def summarize_sources(
    sources: Sequence[SourceText],
    *,
    max_sentences: int = 8,
    max_words: int | Literal["auto"] | None = "auto",
    with_headline: bool = True,
    redundancy: float = 0.5,
) -> Brief:
    """Extractive neutral brief of several outlets' texts; every sentence cites outlets.

    `max_words="auto"` sizes the brief to the coverage (see budget.py); an int is a
    fixed budget, None no word limit. The last sentence may cross the budget.
    """
    candidates = candidates_from_sources(sources)
    if not candidates:
        return Brief(sentences=[])
    if max_words == "auto":
        max_words = word_budget([s.title or "" for s in sources] + [s.text for s in sources])
    score_candidates(candidates)
    sims = similarity_matrix(content_texts(candidates))
    chosen: list[int] = []
    # a headline opens the brief only when it is written as a sentence: a title-case
    # headline ("Perry TV Ad: I Can Defend Faith ...") is a title, not a statement
    titles = [i for i, c in enumerate(candidates) if c.is_title and not headline_shaped(c.text)]
    if with_headline and titles and max_sentences > 0:
        chosen.append(max(titles, key=lambda i: candidates[i].score))
    # a headline is never picked twice; a cut-off sentence never at all
    body = [c if not c.is_title and whole_clause(c.text) else _blocked(c) for c in candidates]
    chosen += pick(
        body,
        sims,
        max_sentences=max_sentences - len(chosen),
        max_words=max_words,
        redundancy=redundancy,
        already=chosen,
    )
    names = [s.name for s in sources]
    vocabulary = lowercase_vocabulary(s.text for s in sources)
    checker = SupportChecker([OutletText(s.name, s.text, s.title) for s in sources])
    sentences = []
    for i in chosen:
        cand = candidates[i]
        support = supporting_sources(i, candidates, sims)
        # cite only the outlets whose own text states it (support.py)
        cited = checker.supporting(cand.text, [names[s] for s in support])
        if names[cand.source] not in cited:
            continue
        kind = "consensus" if len(cited) > 1 else ("context" if cand.is_title else "unique")
        # a headline only its own outlet states is that outlet's framing: "X reports that"
        if cand.is_title and len(cited) == 1:
            text = attributed(cand.text, cited, vocabulary)
        else:
            text = neutral_sentence(cand.text, cited, vocabulary=vocabulary)
        sentences.append(
            BriefSentence(
                text=text,
                kind=kind,
                sources=cited,
                claim_ids=list(cand.claim_ids),
            )
        )
    return Brief(sentences=sentences)


def _blocked(candidate: Candidate) -> Candidate:
    """A headline copy that can never be picked as a body sentence."""
    return Candidate(candidate.text, candidate.source, -1, True, score=float("-inf"))
