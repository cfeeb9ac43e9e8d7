"""One identity per speaker and organisation across a story's articles.

Each article's analysis keys its entities on its own ("person:al-sudani" in one,
"person:mohammed shia al-sudani" in another; "Supreme Military Committee" in a
translation, "High Military Committee" in the original). Before comparing, the
story's keys are unified so that claims, speakers and entity overlap line up.
"""

from __future__ import annotations

import re

from counterpoint.analyze.entities import entity_key
from counterpoint.analyze.names import fold, is_acronym_of, same_org, same_person, strip_title
from counterpoint.compare.checks import lexicon
from counterpoint.records import AnalyzedArticle, Entity, EntityLabel


def _rank_variant(a: str, b: str) -> bool:
    """ "Supreme Military Committee" ~ "High Military Committee": same head, rank word differs."""
    wa, wb = fold(a).split(), fold(b).split()
    if len(wa) < 3 or len(wb) < 3 or wa[-2:] != wb[-2:]:
        return False
    rank = lexicon().rank_words
    rest_a = [w for w in wa[:-2] if w not in rank]
    rest_b = [w for w in wb[:-2] if w not in rank]
    return rest_a == rest_b or not rest_a or not rest_b


_CAPITALISED = re.compile(r"^(?:[A-Z][\w'’\-\.]*\s?)+$")


def person_core(name: str) -> str:
    """The person's name inside a speaker phrase.

    "Westmere Rail's chief executive, Oliver Paget," -> "Oliver Paget";
    "Mr Paget" -> "Paget"; "Carys Pryce, of Tarrant Fire and Rescue Service" ->
    "Carys Pryce".
    """
    parts = [p.strip(" ,;:") for p in name.split(",") if p.strip(" ,;:")]
    names = [p for p in parts if _CAPITALISED.match(p) and len(p.split()) <= 4]
    core = names[-1] if names else (parts[-1] if parts else name)
    return strip_title(core)[0]


def _named(core: str) -> bool:
    """A person's name, not a role: its last word is capitalised."""
    words = core.split()
    return bool(words) and words[-1][:1].isupper()


def _same(a: Entity, b: Entity) -> bool:
    if a.key == b.key:
        return True
    if a.label is EntityLabel.PERSON and b.label is EntityLabel.PERSON:
        core_a, core_b = person_core(a.name), person_core(b.name)
        # "a senior official" in one outlet is not "a State Department official" in
        # another: unnamed roles are one identity only with the same words (same key)
        return _named(core_a) and _named(core_b) and same_person(core_a, core_b)
    if EntityLabel.PERSON in (a.label, b.label):
        person, other = (a, b) if a.label is EntityLabel.PERSON else (b, a)
        if (
            other.label in (EntityLabel.ORG, EntityLabel.NORP, EntityLabel.GPE)
            and len(other.name.split()) == 1
            and len(person_core(person.name).split()) >= 2
            and same_person(other.name, person_core(person.name))
        ):
            return True  # "Pelosi" tagged as an organisation in one outlet
        # a speaker phrase mislabelled as an organisation: "Mr Paget",
        # "Westmere Rail's chief executive, Oliver Paget"
        other = b if a.label is EntityLabel.PERSON else a
        core = person_core(other.name)
        if core != other.name.strip(" ,"):
            return same_person(person_core(a.name), person_core(b.name))
    if a.label is EntityLabel.ORG and b.label is EntityLabel.ORG:
        return (
            same_org(a.name, b.name)
            or same_org(b.name, a.name)
            or is_acronym_of(a.name, b.name)
            or is_acronym_of(b.name, a.name)
            or _rank_variant(a.name, b.name)
        )
    return False


def unify_keys(analyses: list[AnalyzedArticle]) -> dict[str, str]:
    """Map every entity key in the story to the key of its fullest name."""
    representatives: list[Entity] = []  # one per identity, the longest name
    mapping: dict[str, str] = {}
    entities = [e for a in analyses for e in a.entities]
    # fullest clean name first: a plain "Oliver Paget" beats a descriptive phrase
    entities.sort(key=lambda e: ("," in e.name, -len(e.name.split()), -len(e.mentions)))
    mentions: dict[str, int] = {}
    for entity in entities:
        mentions[entity.key] = mentions.get(entity.key, 0) + len(entity.mentions)
    for entity in entities:
        matches = [r for r in representatives if _same(entity, r)]
        # a bare surname two of the story's people share ("Clinton" where one outlet
        # names Bill and another Hillary) goes to the one named most often
        match = max(matches, key=lambda r: mentions.get(r.key, 0)) if matches else None
        if match is None:
            representatives.append(entity)
            mapping[entity.key] = entity.key
        else:
            mapping.setdefault(entity.key, mapping.get(match.key, match.key))
    return mapping


def apply_keys(analyses: list[AnalyzedArticle], mapping: dict[str, str]) -> list[AnalyzedArticle]:
    """Rewrite entity keys, claim entities and claim asserters with the story mapping."""
    if all(k == v for k, v in mapping.items()):
        return analyses
    out: list[AnalyzedArticle] = []
    for analysis in analyses:
        entities = [
            e.model_copy(update={"key": mapping.get(e.key, e.key)}) for e in analysis.entities
        ]
        claims = [
            c.model_copy(
                update={
                    "entities": list(dict.fromkeys(mapping.get(k, k) for k in c.entities)),
                    "asserted_by": mapping.get(c.asserted_by, c.asserted_by),
                }
            )
            for c in analysis.claims
        ]
        out.append(analysis.model_copy(update={"entities": entities, "claims": claims}))
    return out


def unify(analyses: list[AnalyzedArticle]) -> list[AnalyzedArticle]:
    """The story's analyses with one key per real-world identity."""
    return apply_keys(analyses, unify_keys(analyses))


__all__ = ["apply_keys", "entity_key", "unify", "unify_keys"]
