"""Conflicts of polarity: it happened vs it did not; X asserts vs Y denies; "none
except" vs a count; late vs early stage.

Preconditions shared by all: the two claims word the same proposition alike (the
negated verb and its object appear on the other side, not only the topic), and
neither is a forecast or a possibility ("could not", "would not" are no report of
what happened). Opposite *words* are not checked: "lifted the ban" is "allowed",
and opinion words on two sides are framing, not facts.
"""

from __future__ import annotations

from counterpoint.compare import policy
from counterpoint.compare.checks import counted_exception, lexicon, stage_of, stem, thing
from counterpoint.compare.conflicts.base import OUTLET, Conflict, Side
from counterpoint.compare.conflicts.text import (
    NEGATORS,
    common,
    content,
    has_negator,
    modal,
    name_stems,
    overlap,
    surface,
    tokens,
)

# negators of an action ("did not include"); "no racism" denies existence, which a
# mention of the thing on the other side does not contradict
ACTION_NEGATORS = ("not", "never")


def _negated_heads(side: Side) -> set[str]:
    """Stems of the content words each negation governs ('did not include' -> includ)."""
    heads: set[str] = set()
    for negation in side.negations:
        words = [w for w in tokens(negation) if w not in NEGATORS and not w.endswith("n't")]
        heads.update(content(words))
    return heads


def _same_proposition(a: Side, b: Side) -> float:
    return overlap(a.stems, b.stems)


def happened_conflict(a: Side, b: Side, cosine: float) -> list[Conflict]:
    """One side says something did not happen (or is not so), the other that it did."""
    if a.negative == b.negative or a.denial or b.denial:
        return []
    if cosine < policy.POLARITY_COSINE:
        return []
    negated, plain = (a, b) if a.negative else (b, a)
    if a.asserted_by == b.asserted_by and a.asserted_by != OUTLET:
        return []  # one speaker quoted twice: a rhetorical contrast, not two sources at odds
    if (a.asserted_by == OUTLET) != (b.asserted_by == OUTLET):
        # a quote against an outlet's narration: quotes rebut, deny or speak hypothetically
        # ("a farmer who never practiced law"), so only two speakers, or two outlets' own
        # accounts, are held against each other
        return []
    if has_negator(plain.sentence) or modal(negated.text) or modal(plain.text):
        return []  # the plain side must plainly say it happened
    actions = [n for n in negated.negations if n.split()[0].lower() in ACTION_NEGATORS
               or n.split()[0].lower().endswith("n't")]  # fmt: skip
    if not actions:
        return []
    heads = _negated_heads(Side(text="", negations=actions))
    if not heads or not heads <= plain.stems:
        return []
    shared = _same_proposition(a, b)
    shared_words = negated.stems & plain.stems - heads
    if shared < policy.POLARITY_OVERLAP or len(shared_words) < 2:
        return []
    said = ", ".join(negated.negations)
    return [
        Conflict(
            kind="negation",
            reason=f"{negated.who}: '{said}'; {plain.who}: "
            f"'{' '.join(surface(plain.text, heads | shared_words, 4))}'",
            a=said if negated is a else " ".join(surface(plain.text, heads)),
            b=said if negated is b else " ".join(surface(plain.text, heads)),
            anchor=round(shared, 3),
        )
    ]


def denial_conflict(a: Side, b: Side, cosine: float) -> list[Conflict]:
    """A speaker denies what another source asserts ('He denied that spending on track
    maintenance had been cut' vs 'Westmere Rail cut its track maintenance budget')."""
    # only an attributed denial: a dispute cue anywhere in a sentence ("challenged claims
    # that ...") names no proposition precisely enough to pair it with one claim
    if a.denial == b.denial or cosine < policy.DENIAL_COSINE:
        return []
    denier, other = (a, b) if a.denial else (b, a)
    if other.negative or modal(other.text) or has_negator(other.sentence):
        return []
    if denier.asserted_by == other.asserted_by and (
        denier.asserted_by != OUTLET or denier.outlet == other.outlet
    ):
        return []  # one speaker (or one outlet) does not dispute itself
    shared = common(denier.text, other.text, denier.stems, other.stems)
    denied = denier.stems - name_stems(denier.text)
    if len(shared) < policy.DENIAL_SHARED or len(shared) < policy.DENIAL_COVER * len(denied):
        return []
    return [
        Conflict(
            kind="denial",
            reason=f"{denier.who}: '{denier.cue or 'denied'}' what {other.who} states "
            f"({' '.join(surface(other.text, shared, 4))})",
            a="denied" if denier is a else " ".join(surface(other.text, shared, 4)),
            b="denied" if denier is b else " ".join(surface(other.text, shared, 4)),
            # an attributed denial sharing two content words with the claim is already
            # specific (the denial names the proposition); more shared words add a little
            anchor=round(min(1.0, 0.5 + len(shared) / 6), 3),
        )
    ]


def exception_conflict(a: Side, b: Side, cosine: float) -> list[Conflict]:
    """'no US forces in Iraq except advisers' against 'about 2,500 troops in Iraq'."""
    found: list[Conflict] = []
    for none_side, count_side in ((a, b), (b, a)):
        counted = counted_exception(none_side.text) & {
            thing(q.unit) for q in count_side.quantities if q.unit
        }
        if not counted:
            continue  # only the counted thing itself ("forces" ~ "troops") is set aside
        context_none = {stem(w) for w in none_side.stems if thing(w) not in counted}
        context_count = {stem(w) for w in count_side.stems if thing(w) not in counted}
        if overlap(context_none, context_count) < policy.EXCEPTION_OVERLAP:
            continue
        for q in count_side.quantities:
            if q.value > 0 and q.unit and thing(q.unit) in counted:
                phrase = next(p for p in none_side.text.split(".") if counted_exception(p)).strip()
                found.append(
                    Conflict(
                        kind="exception",
                        reason=f"{none_side.who}: '{phrase[:80]}'; {count_side.who}: {q.text}",
                        a=phrase[:80] if none_side is a else q.text,
                        b=phrase[:80] if none_side is b else q.text,
                        anchor=round(0.6 + 0.4 * overlap(context_none, context_count), 3),
                    )
                )
                return found
    return found


def stage_conflict(a: Side, b: Side, cosine: float) -> list[Conflict]:
    """How far along the same process is: 'only agreement remained' vs 'just beginning'."""
    stage_a, stage_b = stage_of(a.text), stage_of(b.text)
    if not stage_a or not stage_b or stage_a == stage_b or cosine < policy.STAGE_COSINE:
        return []
    if a.asserted_by == b.asserted_by and a.outlet == b.outlet:
        return []
    lex = lexicon()
    cue_a = next(m.group(0) for p in (lex.late if stage_a == "late" else lex.early)
                 if (m := p.search(a.text)))  # fmt: skip
    cue_b = next(m.group(0) for p in (lex.late if stage_b == "late" else lex.early)
                 if (m := p.search(b.text)))  # fmt: skip
    return [
        Conflict(
            kind="stage",
            reason=f"{a.who}: {stage_a} stage ('{cue_a}'); {b.who}: {stage_b} stage ('{cue_b}')",
            a=cue_a,
            b=cue_b,
            anchor=round(min(1.0, cosine + 0.3), 3),
        )
    ]


REPORTED = "a disagreement both report"


def _around_cue(side: Side, before: int = 5, after: int = 10) -> str:
    """The words around the dispute cue, as written: who disputes and what they say
    ("a point the USCCB media office denied", "but the conference responded that ...")."""
    at = side.whole.find(side.cue or "")
    if at < 0:
        return side.cue or ""
    head = side.whole[:at].split()[-before:]
    tail = side.whole[at + len(side.cue or "") :].split()[:after]
    words = [*head, side.cue or "", *tail]
    text = " ".join(w for w in words if w).strip(" ,;:.")
    clipped = len(side.whole[at:].split()) > after + 1
    return f"... {text} ..." if clipped else f"... {text}"


def _rebuttal(side: Side) -> bool:
    """The sentence states the disputing party's own side after its cue ("but the
    conference responded that those letters do indeed represent ..."), not only
    that the party disagrees ("a point the media office denied")."""
    at = side.whole.find(side.cue or "")
    after = content(tokens(side.whole[at + len(side.cue or "") :])) if at >= 0 else []
    return len(after) >= policy.REPORTED_REBUTTAL_WORDS


def reported_dispute(a: Side, b: Side, cosine: float) -> list[Conflict]:
    """Two outlets report the same disagreement between two parties ('a point on which
    the conference disagrees'; 'but the conference responded that ...'): a dispute a
    fact-checker wants side by side even though the outlets agree on its existence."""
    if not (a.cue and b.cue) or a.outlet == b.outlet or cosine < policy.REPORTED_COSINE:
        return []
    if not (_rebuttal(a) or _rebuttal(b)):
        return []  # both give one party's claim and a bare "denied": the same account twice
    shared = common(a.whole, b.whole, a.whole_stems, b.whole_stems)
    if len(shared) < policy.REPORTED_SHARED:
        return []
    return [
        Conflict(
            kind="denial",
            reason=f"{REPORTED}: {a.outlet} '{_around_cue(a)}'; {b.outlet} '{_around_cue(b)}'",
            a=a.cue,
            b=b.cue,
            anchor=round(min(1.0, len(shared) / 6), 3),
        )
    ]
