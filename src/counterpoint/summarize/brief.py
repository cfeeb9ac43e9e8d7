"""The neutral multi-source brief: consensus, then disputes, then unique claims.

Order follows what a careful reader needs first: the most salient headline, what
all or most outlets report (citing every outlet that carries it), then each point
where outlets contradict each other ("A says X; B says Y", most confident first),
then notable claims only one outlet makes. Within each part the salience model
fitted on NeuS (salience.py) puts the most informative sentence first, and the
brief stops at a word budget sized to the coverage (budget.py). Every sentence
names its outlets; charged words in an outlet's own voice are attributed and
quoted (see render.py, neutral.py).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from counterpoint.records import (
    AnalyzedArticle,
    Brief,
    BriefSentence,
    Claim,
    Comparison,
    Relation,
    Story,
)
from counterpoint.settings import brief_rewriting
from counterpoint.summarize.budget import word_budget
from counterpoint.summarize.candidates import Candidate
from counterpoint.summarize.citations import (
    attributed,
    dispute_sentence,
    neutral_sentence,
    uncited,
)
from counterpoint.summarize.neutral import unquoted_loaded
from counterpoint.summarize.salience import content_texts, score_candidates, similarity_matrix
from counterpoint.summarize.speaker_names import sentence_with_speakers, usable_name
from counterpoint.summarize.support import (
    OutletText,
    SupportChecker,
    content,
    has_main_clause,
    names,
    numbers,
    reports_speech,
    stands_alone,
    whole_clause,
)
from counterpoint.summarize.text import (
    clean_sentence,
    headline_shaped,
    in_context,
    lowercase_vocabulary,
    words,
)

OUTLET_VOICE = "outlet"
MAX_STATEMENT_WORDS = 45  # longer sentences are cut back to the claim itself
MIN_UNIQUE_WORDS = 6
REDUNDANCY = 0.6
REPEAT_SHARE = 0.5  # a single-source sentence saying no more than this share of new words repeats
OVERSHOOT = 10  # words the last sentence may run past the budget (NeuS val, 100 stories)
# the cues "X said <claim>" may stand for
_SAID = {"said", "says", "say", "told", "tells", "added", "adds", "stated", "states"}
# a claim starting with one of these is a phrase, not a clause "X said" could carry
_NOT_CLAUSE = {"to", "for", "of", "on", "in", "with", "by", "from", "as", "at", "and", "or"}


@dataclass
class _Statement:
    """One claim made readable: cleaned sentence text, outlet, salience."""

    claim: Claim
    outlet: str
    text: str
    score: float
    row: int  # index into the story's candidate list (for redundancy checks)


class _Story:
    """Everything write_brief looks up: claims, outlets, statement texts, salience."""

    def __init__(self, story: Story, analyses: Sequence[AnalyzedArticle]) -> None:
        order = {article_id: i for i, article_id in enumerate(story.article_ids)}
        self.analyses = sorted(analyses, key=lambda a: order.get(a.article.id, len(order)))
        self.by_article = {a.article.id: a for a in self.analyses}
        self.claims = {c.id: c for a in self.analyses for c in a.claims}
        self.candidates: list[Candidate] = []
        self.rows: dict[tuple[str, int], int] = {}
        for source, analysis in enumerate(self.analyses):
            if analysis.article.title:
                self.candidates.append(
                    Candidate(clean_sentence(analysis.article.title), source, -1, is_title=True)
                )
            for k, sentence in enumerate(analysis.sentences):
                self.rows[(analysis.article.id, sentence.index)] = len(self.candidates)
                text = sentence_with_speakers(analysis, sentence)
                following = analysis.sentences[k + 1 : k + 2]
                before = analysis.sentences[k - 1].text if k else "."
                if following and (following[0].text[:1].islower() or _unfinished(sentence.text)):
                    # split mid-sentence ("called Rep. Paul Ryan (R-Wisc.)" | "to task
                    # for ...", "the U.S. Navy RQ-4A" | "Global Hawk drone shot down
                    # ..."): the whole sentence, never the cut-off half
                    text = f"{text} {following[0].text}"
                if _unfinished(before):
                    text = ""  # the second half of a split sentence: never a brief line
                text = clean_sentence(in_context(analysis.article.text, sentence.start, text))
                self.candidates.append(Candidate(text, source, sentence.index))
        score_candidates(self.candidates)
        self.vocabulary = lowercase_vocabulary(a.article.text for a in self.analyses)
        self.sims = similarity_matrix(content_texts(self.candidates))
        body = [c.score for c in self.candidates if not c.is_title]
        self.typical_score = float(np.median(body)) if body else 0.0
        self.checker = SupportChecker(_outlet_texts(self.analyses))
        self.agreed_rows: set[int] = set()
        # each outlet's first sentence a reader can follow: its main news
        self.main_news: set[int] = set()
        for analysis in self.analyses:
            for sentence in analysis.sentences:
                row = self.rows[(analysis.article.id, sentence.index)]
                if stands_alone(self.candidates[row].text):
                    self.main_news.add(row)
                    break

    def carried_elsewhere(self, row: int) -> bool:
        """Whether another outlet has a sentence close to this one (it is not one outlet's alone).

        The same closeness `summarize_sources` uses to say an outlet carries a sentence:
        "Reported by one source only" must never list what the others also report.
        """
        from counterpoint.summarize.multisource import supporting_sources

        if row < 0:
            return False
        own = self.analyses[self.candidates[row].source].article.outlet
        return any(
            self.analyses[s].article.outlet != own
            for s in supporting_sources(row, self.candidates, self.sims)
        )

    def cite(self, text: str, outlets: Sequence[str], *, headline: bool = False) -> list[str]:
        """The outlets among `outlets` whose own text states `text`.

        None for a sentence a reader cannot follow on its own (support.stands_alone:
        a fragment, an unattributed quotation, a "He said" nobody resolved); a
        headline only has to be a whole clause.
        """
        if not (whole_clause(text) if headline else stands_alone(text) and has_main_clause(text)):
            return []
        return self.checker.supporting(text, outlets)

    def outlet(self, claim: Claim) -> str:
        analysis = self.by_article.get(claim.article_id)
        return analysis.article.outlet if analysis else "unknown outlet"

    def statement(self, claim_id: str) -> _Statement | None:
        claim = self.claims.get(claim_id)
        if claim is None or claim.article_id not in self.by_article:
            return None
        row = self.rows.get((claim.article_id, claim.sentence_index))
        attributed = claim.asserted_by != OUTLET_VOICE
        if row is None:
            text, score, row = clean_sentence(claim.text), self.typical_score, -1
        else:
            text, score = self.candidates[row].text, self.candidates[row].score
        if len(words(text)) > MAX_STATEMENT_WORDS:
            text = self._trimmed(claim, attributed) or text
        return _Statement(claim, self.outlet(claim), text, score, row)

    def _trimmed(self, claim: Claim, attributed: bool) -> str | None:
        """The claim alone ('X said <claim>') when that is a whole sentence, else None.

        The claim must run unbroken in its sentence: a claim pieced together around
        an interruption ('"We will win," he said, "and soon."') would glue clauses.
        """
        sentences = self.by_article[claim.article_id].sentences
        own = next((s.text for s in sentences if s.index == claim.sentence_index), "")
        if " ".join(claim.text.split()) not in " ".join(own.split()):
            return None
        text = clean_sentence(claim.text)
        if attributed:
            analysis = self.by_article[claim.article_id]
            cues = [a.cue for a in analysis.attributions if a.id == claim.attribution_id]
            cue = cues[0].text if cues and cues[0] else ""
            if cue.lower() not in _SAID:
                return None  # "announces whether he plans ..." must not become "said he plans"
            first = text.split(None, 1)[0].lower() if text.split() else ""
            if not usable_name(claim.asserter) or first.endswith("ing") or first in _NOT_CLAUSE:
                return None  # "X said requiring checks": not a clause of its own
            if claim.asserter.lower() not in text.lower():
                text = f"{claim.asserter} said {text[0].lower() + text[1:]}"
        if not whole_clause(text) or not text[:1].isupper():
            return None
        return text

    def redundant(self, row: int, chosen_rows: Sequence[int]) -> bool:
        if row < 0:
            return False
        return any(r >= 0 and self.sims[row, r] > REDUNDANCY for r in chosen_rows)


def _unfinished(sentence: str) -> bool:
    """A sentence the analysis cut before its end (no closing stop or quotation mark)."""
    return not sentence.rstrip().endswith((".", "!", "?", '"', "”", "’", "'", ")", ":"))


def repeats(text: str, said: Sequence[str]) -> bool:
    """Whether `text` only repeats a sentence already in the brief.

    It does when some sentence in `said` has all its figures and names and at least
    REPEAT_SHARE of its content words: a one-source line that restates the lead
    (or says it again with "(quoting X)") adds nothing and reads as a contradiction
    of the lead's citations. A new figure or name keeps it.
    """
    own = content(text)
    if not own:
        return False
    figures, named = numbers(text), names(text)
    for other in said:
        if not figures <= numbers(other) or not named <= names(other):
            continue
        if len(own & content(other)) / len(own) >= REPEAT_SHARE:
            return True
    return False


def _outlet_texts(analyses: Sequence[AnalyzedArticle]) -> list[OutletText]:
    """Each outlet's headline and text (two articles of one outlet are read as one)."""
    texts: dict[str, OutletText] = {}
    for analysis in analyses:
        article = analysis.article
        known = texts.get(article.outlet)
        if known is None:
            texts[article.outlet] = OutletText(article.outlet, article.text, article.title)
        else:
            more = f"{article.title or ''}. {article.text}"
            texts[article.outlet] = OutletText(article.outlet, f"{known.text} {more}", known.title)
    return list(texts.values())


def _stands_alone(text: str) -> bool:
    """Long enough, and not a clause cut out of a longer sentence (lower-case start)."""
    first = text.lstrip("\"“‘'(")[:1]
    return len(words(text)) >= MIN_UNIQUE_WORDS and not first.islower()


def _outlets(statements: Sequence[_Statement]) -> list[str]:
    seen: list[str] = []
    for statement in statements:
        if statement.outlet not in seen:
            seen.append(statement.outlet)
    return seen


def _preference(statement: _Statement) -> float:
    """Salience, minus a penalty for charged words outside quotation marks."""
    loaded = len(unquoted_loaded(statement.text))
    return statement.score - 0.05 * loaded


def _consensus(view: _Story, comparison: Comparison) -> list[tuple[list[_Statement], list[str]]]:
    groups = []
    for group in comparison.consensus:
        statements = [s for s in (view.statement(cid) for cid in group) if s is not None]
        outlets = _outlets(statements)
        if len(outlets) >= 2:
            groups.append((statements, outlets))
    groups.sort(key=lambda g: (-len(g[1]), -max(_preference(s) for s in g[0])))
    return groups


def _caps(max_sentences: int) -> tuple[int, int]:
    consensus = math.ceil(max_sentences / 2)
    disputes = max(1, math.ceil(max_sentences / 4)) if max_sentences > 1 else 0
    return consensus, disputes


@dataclass
class _Pick:
    """A finished brief sentence with its salience (for ordering within its section)."""

    sentence: BriefSentence
    score: float
    words: int
    row: int = -1


def write_brief(
    story: Story,
    analyses: list[AnalyzedArticle],
    comparison: Comparison,
    *,
    max_sentences: int = 8,
    max_words: int | Literal["auto"] | None = "auto",
    with_headline: bool = False,
    abstractive: bool | None = None,
) -> Brief:
    """A neutral brief of the story in which every sentence cites its outlets.

    Sections stay in reading order (what several outlets report, disputes, single-
    source claims); within them the trained salience (salience.py) decides what
    comes first and what is left out. `max_words="auto"` sizes the brief to the
    coverage (budget.py), None has no word limit. Headlines are not brief sentences
    (title case, an outlet's framing, often cut off); `with_headline=True` opens with
    the most salient headline only when it is written as a sentence-case clause.
    `abstractive=None` rewrites the extractive brief through an OpenAI-compatible
    endpoint only when COUNTERPOINT_OPENAI_BASE_URL is set; the default is offline.
    """
    if max_sentences <= 0 or not analyses:
        return Brief(sentences=[])
    view = _Story(story, analyses)
    if max_words == "auto":
        max_words = word_budget(
            [a.article.title or "" for a in view.analyses] + [a.article.text for a in view.analyses]
        )
    consensus_cap, dispute_cap = _caps(max_sentences)
    used_claims: set[str] = set()
    disputed: set[str] = set()
    chosen_rows: list[int] = []
    headline = _headline(view, chosen_rows) if with_headline else []
    consensus: list[_Pick] = []
    disputes: list[_Pick] = []
    unique: list[_Pick] = []

    groups = _consensus(view, comparison)
    for statements, _ in groups:
        view.agreed_rows.update(s.row for s in statements if s.row >= 0)
    for statements, grouped in groups:
        best = max(statements, key=_preference)
        if view.redundant(best.row, chosen_rows):
            continue
        # every outlet must state it with the same numbers, names and polarity; what
        # fewer outlets state stays in the lead (never "one source only": compare
        # lists it as agreed), cited to the outlets that do
        outlets = view.cite(best.text, grouped)
        if best.outlet not in outlets:
            continue
        sentence = BriefSentence(
            text=lead_sentence(best.text, outlets, view.vocabulary),
            kind="consensus" if len(outlets) > 1 else "context",
            sources=outlets,
            claim_ids=[s.claim.id for s in statements],
        )
        consensus.append(_Pick(sentence, _preference(best), len(words(best.text)), best.row))
        # the group's other wordings say the same again: none of them is picked later
        chosen_rows.extend(s.row for s in statements if s.row >= 0 and s.row not in chosen_rows)
        if best.row < 0:
            chosen_rows.append(best.row)
        used_claims.update(s.claim.id for s in statements)

    contradictions = sorted(
        (link for link in comparison.links if link.relation == Relation.CONTRADICT),
        key=lambda link: -link.confidence,
    )
    for link in contradictions:
        a, b = view.statement(link.a), view.statement(link.b)
        if a is None or b is None or a.outlet == b.outlet:
            continue
        if link.a in disputed or link.b in disputed:
            continue
        if not view.cite(a.text, [a.outlet]) or not view.cite(b.text, [b.outlet]):
            continue
        sentence = BriefSentence(
            text=dispute_sentence((a.outlet, a.text), (b.outlet, b.text), view.vocabulary),
            kind="dispute",
            sources=[a.outlet, b.outlet],
            claim_ids=[link.a, link.b],
        )
        size = len(words(a.text)) + len(words(b.text))
        disputes.append(_Pick(sentence, link.confidence, size, a.row))
        used_claims.update((link.a, link.b))
        disputed.update((link.a, link.b))
        chosen_rows.extend((a.row, b.row))

    context = _main_news(view, chosen_rows)
    room = max(consensus_cap - len(consensus) - len(context), 0)
    context += _context(view, room, chosen_rows, opener=not consensus and not context)

    singles = [s for s in (view.statement(cid) for cid in comparison.unique) if s is not None]
    singles.sort(key=_preference, reverse=True)
    said = [uncited(p.sentence) for p in consensus + context + disputes]
    for single in singles:
        if single.claim.id in used_claims or not _stands_alone(single.text):
            continue
        if view.redundant(single.row, chosen_rows) or repeats(single.text, said):
            continue
        if not view.cite(single.text, [single.outlet]):
            continue
        pick = _single(view, single.text, single.outlet, single.row, _preference(single))
        pick.sentence.claim_ids = [single.claim.id]
        (context if pick.sentence.kind == "context" else unique).append(pick)
        used_claims.add(single.claim.id)
        chosen_rows.append(single.row)
        said.append(single.text)

    # room left once compare's single-source claims are in: the most salient other
    # sentences, each cited to its own outlet (what summarize_sources would pick)
    for pick in _more_singles(view, chosen_rows, max_sentences, said):
        (context if pick.sentence.kind == "context" else unique).append(pick)
    sentences = _fill(
        max_sentences,
        max_words,
        headline,
        _lead(consensus, context, view.main_news),
        disputes,
        unique,
        consensus_cap,
        dispute_cap,
    )
    brief = Brief(sentences=sentences)
    if abstractive or (abstractive is None and brief_rewriting() == "endpoint"):
        from counterpoint.summarize.abstractive import rewrite_brief

        brief = rewrite_brief(brief)
    return brief


def lead_sentence(text: str, outlets: Sequence[str], vocabulary: frozenset[str]) -> str:
    """A lead sentence; what only one outlet states is given as its report.

    The lead speaks for the story, so one outlet's own wording there ("nearly 90
    faculty have called Ryan to task for his misuse of ...") is written "HuffPost
    reports that ...", not in the brief's voice with a trailing citation. Reported
    speech already names who says it and keeps the trailing citation.
    """
    if len(outlets) == 1 and not reports_speech(text):
        return attributed(text, outlets, vocabulary)
    return neutral_sentence(text, outlets, vocabulary=vocabulary)


def _single(view: _Story, text: str, outlet: str, row: int, score: float) -> _Pick:
    """A sentence one outlet's check supports, in the lead or as that outlet's alone.

    It is listed as reported by one source only when no other outlet carries it:
    not one of compare's agreed claims, not close to another outlet's sentence, and
    not an outlet's main news (its first sentence), which the others report too in
    their own words. Otherwise it belongs to the lead, cited to its own outlet.
    """
    shared = row in view.agreed_rows or row in view.main_news or view.carried_elsewhere(row)
    if shared:
        body = lead_sentence(text, [outlet], view.vocabulary)
    else:
        body = neutral_sentence(text, [outlet], vocabulary=view.vocabulary)
    sentence = BriefSentence(text=body, kind="context" if shared else "unique", sources=[outlet])
    return _Pick(sentence, score, len(words(text)), row)


def _lead(consensus: list[_Pick], context: list[_Pick], main_news: set[int]) -> list[_Pick]:
    """What the story is: each outlet's main news first, then what several outlets carry.

    Within each part by salience, so the most informative sentence opens the brief
    whichever list it came from (a consensus group is often a shared quotation; the
    news itself is often worded differently by each outlet).
    """
    return sorted(consensus + context, key=lambda p: (p.row not in main_news, -p.score))


def _main_news(view: _Story, chosen_rows: list[int]) -> list[_Pick]:
    """Each outlet's main news (its first sentence a reader can follow), unless already said.

    Cited to every outlet whose own text states it; what only its own outlet states
    is that outlet's report (`lead_sentence`).
    """
    from counterpoint.summarize.multisource import supporting_sources

    picked: list[_Pick] = []
    for row in sorted(view.main_news, key=lambda i: -view.candidates[i].score):
        if row in chosen_rows or view.redundant(row, chosen_rows):
            continue
        cand = view.candidates[row]
        own = view.analyses[cand.source].article.outlet
        carried = dict.fromkeys(
            view.analyses[s].article.outlet
            for s in supporting_sources(row, view.candidates, view.sims)
        )
        outlets = view.cite(cand.text, list(carried))
        if own not in outlets:
            continue
        sentence = BriefSentence(
            text=lead_sentence(cand.text, outlets, view.vocabulary),
            kind="context",
            sources=outlets,
        )
        picked.append(_Pick(sentence, cand.score, len(words(cand.text)), row))
        chosen_rows.append(row)
    return picked


def _headline(view: _Story, chosen_rows: list[int]) -> list[_Pick]:
    """The most salient headline ('context': no claim of its own), citing its outlets.

    A headline other outlets also carry is preferred and cited to all of them; a
    headline only its own outlet carries is given as that outlet's report ("X
    reports that ..."), never in the brief's own voice, since headlines carry an
    outlet's framing. On NeuS val the opener lifts the brief by about 2 ROUGE-1.
    """
    from counterpoint.summarize.multisource import supporting_sources

    titles = [
        i for i, c in enumerate(view.candidates) if c.is_title and not headline_shaped(c.text)
    ]
    support = {
        i: list(
            dict.fromkeys(
                view.analyses[s].article.outlet
                for s in supporting_sources(i, view.candidates, view.sims)
            )
        )
        for i in titles
    }
    for i in titles:  # keep only the outlets whose text states the headline
        own = view.analyses[view.candidates[i].source].article.outlet
        cited = view.cite(view.candidates[i].text, support[i], headline=True)
        support[i] = cited if own in cited else []
    titles = [i for i in titles if support[i]]
    shared = [i for i in titles if len(support[i]) > 1]
    if not titles:
        return []
    row = max(shared or titles, key=lambda i: view.candidates[i].score)
    cand = view.candidates[row]
    outlets = support[row]
    chosen_rows.append(row)
    if len(outlets) > 1:
        text = neutral_sentence(cand.text, outlets, vocabulary=view.vocabulary)
    else:
        text = attributed(cand.text, outlets, view.vocabulary)
    sentence = BriefSentence(text=text, kind="context", sources=outlets)
    return [_Pick(sentence, cand.score, len(words(cand.text)), row)]


def _context(view: _Story, count: int, chosen_rows: list[int], *, opener: bool) -> list[_Pick]:
    """Fill missing consensus slots with representative sentences several outlets share.

    Chosen by salience like the multi-source summarizer; each cites every outlet
    with a close sentence. Marked 'context': the compare stage did not group them.
    With `opener` (no consensus at all) the single most salient sentence may open
    the brief even if only one outlet has it.
    """
    from counterpoint.summarize.multisource import supporting_sources

    rows = sorted(
        (i for i, c in enumerate(view.candidates) if not c.is_title),
        key=lambda i: -view.candidates[i].score,
    )
    picked: list[_Pick] = []
    for row in rows:
        if len(picked) >= count:
            break
        if row in chosen_rows or view.redundant(row, chosen_rows):
            continue
        cand = view.candidates[row]
        if len(words(cand.text)) < MIN_UNIQUE_WORDS:
            continue
        outlets = list(
            dict.fromkeys(
                view.analyses[s].article.outlet
                for s in supporting_sources(row, view.candidates, view.sims)
            )
        )
        own = view.analyses[cand.source].article.outlet
        outlets = view.cite(cand.text, outlets)
        if own not in outlets:
            continue
        if len(outlets) < 2 and not (opener and not picked):
            continue
        sentence = BriefSentence(
            text=lead_sentence(cand.text, outlets, view.vocabulary),
            kind="context",
            sources=outlets,
        )
        picked.append(_Pick(sentence, cand.score, len(words(cand.text)), row))
        chosen_rows.append(row)
    return picked


def _more_singles(view: _Story, chosen_rows: list[int], count: int, said: list[str]) -> list[_Pick]:
    """Salient body sentences not chosen yet, each cited to its own outlet (see `_single`).

    A sentence that only repeats one in `said` (the brief so far) is left out.
    """
    rows = sorted(
        (i for i, c in enumerate(view.candidates) if not c.is_title),
        key=lambda i: -view.candidates[i].score,
    )
    picked: list[_Pick] = []
    for row in rows:
        if len(picked) >= count:
            break
        cand = view.candidates[row]
        if row in chosen_rows or view.redundant(row, chosen_rows) or repeats(cand.text, said):
            continue
        if len(words(cand.text)) < MIN_UNIQUE_WORDS or not np.isfinite(cand.score):
            continue
        outlet = view.analyses[cand.source].article.outlet
        if not view.cite(cand.text, [outlet]):
            continue
        picked.append(_single(view, cand.text, outlet, row, cand.score))
        chosen_rows.append(row)
        said.append(cand.text)
    return picked


def _fill(
    limit: int,
    max_words: int | None,
    headline: list[_Pick],
    lead: list[_Pick],
    disputes: list[_Pick],
    unique: list[_Pick],
    consensus_cap: int,
    dispute_cap: int,
) -> list[BriefSentence]:
    """Take each section up to its share, then give unused room to what is left.

    Priority: the headline, the lead share, the dispute share, single-source claims,
    then more lead and more disputes; it stops at `limit` sentences or once the
    brief reaches `max_words`. The result is in reading order: headline, lead,
    disputes, single-source claims.
    """
    lead_cap = max(consensus_cap - len(headline), 0)
    queue = (
        [(0, p) for p in headline]
        + [(1, p) for p in lead[:lead_cap]]
        + [(2, p) for p in disputes[:dispute_cap]]
        + [(3, p) for p in unique]
        + [(1, p) for p in lead[lead_cap:]]
        + [(2, p) for p in disputes[dispute_cap:]]
    )
    taken: list[tuple[int, int, _Pick]] = []
    total = 0
    for order, (section, pick) in enumerate(queue):
        if len(taken) >= limit or (max_words is not None and total >= max_words):
            break
        if max_words is not None and taken and total + pick.words > max_words + OVERSHOOT:
            continue  # a shorter sentence further down may still fit
        taken.append((section, order, pick))
        total += pick.words
    return [pick.sentence for _, _, pick in sorted(taken, key=lambda t: (t[0], t[1]))]
