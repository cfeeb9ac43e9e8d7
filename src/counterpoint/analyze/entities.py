"""Named entities with their aliases merged within one article.

spaCy finds mentions; this module decides which mentions are the same thing:
an alias table (ISIS = ISIL = Daesh), acronyms defined in the text ("High Military
Committee (HMC)"), people named in full and then by surname or with a title, and
organisations named in full and then by a shorter form ("the Foreign Ministry").
Each merged entity gets a `key`, a normalised identity that other articles can
share, so cross-article unification starts from the same names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc

from counterpoint.analyze.doctext import doc_text
from counterpoint.analyze.names import (
    fold,
    is_acronym_of,
    is_party_tag,
    name_data,
    same_org,
    same_person,
    strip_title,
)
from counterpoint.package_files import read_json
from counterpoint.records import Entity, EntityLabel, Span

NER_LABELS = {
    "PERSON": EntityLabel.PERSON,
    "ORG": EntityLabel.ORG,
    "GPE": EntityLabel.GPE,
    "NORP": EntityLabel.NORP,
    "LOC": EntityLabel.LOC,
    "FAC": EntityLabel.LOC,
    "EVENT": EntityLabel.EVENT,
}
# a mention's leading word with one of these parts of speech is no part of the name
NOT_NAME_POS = {"CCONJ", "SCONJ", "ADV", "INTJ", "ADP", "PRON", "PART", "AUX", "VERB"}
HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady"}
_LEADING = re.compile(r"^(?:the|a|an)\s+", re.I)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_ACRONYM_DEF = re.compile(r"((?:[A-Z][\w\-]*\s+){1,8}?[A-Z][\w\-]*)\s*\(([A-Z][A-Za-z\.&]{1,9})\)")


@dataclass(frozen=True)
class AliasTable:
    """Canonical names for spellings that share no words (loaded from aliases.json)."""

    canonical: dict[str, tuple[str, EntityLabel]]

    def lookup(self, name: str) -> tuple[str, EntityLabel] | None:
        return self.canonical.get(fold(name))


@lru_cache(maxsize=1)
def alias_table() -> AliasTable:
    data = read_json("counterpoint.analyze", "aliases.json")
    canonical: dict[str, tuple[str, EntityLabel]] = {}
    for name, group in data["groups"].items():
        label = EntityLabel(group["label"])
        for spelling in [name, *group["aliases"]]:
            canonical[fold(spelling)] = (name, label)
    return AliasTable(canonical=canonical)


@dataclass
class _Cluster:
    name: str
    label: EntityLabel
    spellings: set[str] = field(default_factory=set)
    mentions: list[Span] = field(default_factory=list)
    canonical: bool = False  # named by the alias table
    offices: set[str] = field(default_factory=set)  # "president" from "President Obama"

    def add(self, text: str, span: Span) -> None:
        self.spellings.add(text)
        self.mentions.append(span)


def _clean_mention(text: str) -> str:
    text = _LEADING.sub("", text.strip())
    text = _POSSESSIVE.sub("", text)
    return text.strip(" ,;:\"'“”‘’")


def _acronyms(text: str) -> dict[str, str]:
    """Acronyms the article defines: "High Military Committee (HMC)" -> HMC."""
    found: dict[str, str] = {}
    for match in _ACRONYM_DEF.finditer(text):
        long_form, short = match.group(1).strip(), match.group(2).replace(".", "")
        words = [w for w in re.split(r"[\s\-]+", long_form) if w]
        capitals = [w for w in words if w[0].isupper()]
        initials = "".join(w[0] for w in capitals).upper()
        if short.upper() in initials:
            keep = capitals[initials.index(short.upper()) :]
            start = long_form.find(keep[0]) if keep else 0
            found[short.upper()] = long_form[start:]
    return found


def find_entities(doc: Doc, article_id: str) -> list[Entity]:
    """Entities in one parsed article, aliases merged, mentions as character spans."""
    table = alias_table()
    acronyms = _acronyms(doc_text(doc))
    clusters: list[_Cluster] = []
    by_fold: dict[str, _Cluster] = {}

    for ent in doc.ents:
        label = NER_LABELS.get(ent.label_)
        if label is None:
            continue
        while len(ent) > 1 and ent[0].pos_ in NOT_NAME_POS:
            ent = ent[1:]  # "Plus Obama is nominating ...": the NER took the adverb in
        text = _clean_mention(ent.text)
        if not text or not any(c.isalpha() for c in text) or is_party_tag(text):
            continue
        span = Span(start=ent.start_char, end=ent.end_char, text=ent.text)
        name = text
        canonical = table.lookup(text)
        if canonical is None and text.replace(".", "").upper() in acronyms:
            name = acronyms[text.replace(".", "").upper()]
            canonical = table.lookup(name)
        if canonical is not None:
            name, label = canonical
        title = None
        if canonical is None and label is EntityLabel.PERSON:
            name, title = strip_title(text)
        folded = fold(name)
        cluster = by_fold.get(folded)
        if cluster is None:
            cluster = _Cluster(name=name, label=label, canonical=canonical is not None)
            clusters.append(cluster)
            by_fold[folded] = cluster
        cluster.add(text, span)
        if label is EntityLabel.PERSON:
            title = " ".join(filter(None, [_title_before(doc, ent.start), title or ""]))
        if title:
            cluster.offices |= _offices(title)

    merged = _merge_clusters(clusters)
    entities: list[Entity] = []
    for i, cluster in enumerate(merged):
        aliases = sorted(s for s in cluster.spellings if fold(s) != fold(cluster.name))
        entities.append(
            Entity(
                id=f"{article_id}:e{i}",
                key=entity_key(cluster.name, cluster.label),
                name=cluster.name,
                label=cluster.label,
                aliases=aliases,
                mentions=sorted(cluster.mentions, key=lambda s: s.start),
            )
        )
    return entities


def entity_key(name: str, label: EntityLabel) -> str:
    """The cross-article identity of an entity: its label and folded canonical name."""
    return f"{label.value.lower()}:{fold(name)}"


def _merge_clusters(clusters: list[_Cluster]) -> list[_Cluster]:
    """Merge short forms into the longest compatible name of the same kind.

    A surname that fits two people of the article ("Clinton" with "Bill Clinton" and
    "Hillary Clinton") is split by mention: each goes to the person named nearest
    before it (or, before either is named, the first named after it)."""
    ordered = sorted(clusters, key=lambda c: (-len(c.name.split()), -len(c.mentions)))
    kept: list[_Cluster] = []
    for cluster in ordered:
        targets: list[_Cluster] = []
        if not cluster.canonical:
            for other in kept:
                if other.label is EntityLabel.PERSON and (
                    cluster.label is EntityLabel.PERSON or _surname_as_org(cluster, other)
                ):
                    if same_person(cluster.name, other.name):
                        targets.append(other)
                elif other.label is EntityLabel.ORG and (
                    is_acronym_of(cluster.name, other.name)
                    # a place is not an organisation named after it ("New York" and
                    # "New York Times")
                    or (
                        cluster.label in (EntityLabel.ORG, EntityLabel.PERSON)
                        and same_org(cluster.name, other.name)
                    )
                ):
                    targets.append(other)
                    break
        if _other_office_holder(cluster, targets):
            # "President Obama" where the article names only Sasha (and Malia) Obama: the
            # titled surname is someone else, and plain "Obama" most likely them too; the
            # story's identities then go to the most salient full name (compare.identities)
            targets = []
        if not targets:
            kept.append(cluster)
        elif len(targets) == 1:
            targets[0].spellings |= cluster.spellings
            targets[0].mentions.extend(cluster.mentions)
        else:
            for mention in cluster.mentions:
                target = _nearest_named(targets, mention.start)
                target.spellings |= {mention.text}
                target.mentions.append(mention)
    return kept


def _other_office_holder(cluster: _Cluster, targets: list[_Cluster]) -> bool:
    """A titled bare surname that no full name of that surname shares a title with,
    where those full names carry no title at all (or are several)."""
    people = [t for t in targets if t.label is EntityLabel.PERSON]
    if not cluster.offices or not people or len(cluster.name.split()) != 1:
        return False
    if any(cluster.offices & t.offices for t in people):
        return False
    return len(people) > 1 or not people[0].offices


def _title_before(doc: Doc, start: int) -> str:
    """Title words the tagger left out of a name ("President" in "President Obama")."""
    words: list[str] = []
    index = start - 1
    titles = name_data().title_words
    while index >= 0 and len(words) < 4:
        token = doc[index]
        if not token.text[:1].isupper() or token.lower_.rstrip(".") not in titles | {
            t.rstrip(".") for t in titles
        }:
            break
        words.insert(0, token.text)
        index -= 1
    return " ".join(words)


def _offices(title: str) -> set[str]:
    """The office words of a title ("Senate Majority Leader" -> leader, majority,
    senate); an honorific ("Mr.", "Ms.") names no office."""
    return {w.strip(".").lower() for w in title.split()} - HONORIFICS


def _surname_as_org(cluster: _Cluster, person: _Cluster) -> bool:
    """ "Pelosi" tagged as an organisation or a place where "Nancy Pelosi" is named."""
    return (
        cluster.label in (EntityLabel.ORG, EntityLabel.NORP, EntityLabel.GPE)
        and len(cluster.name.split()) == 1
        and len(person.name.split()) >= 2
    )


def _nearest_named(candidates: list[_Cluster], offset: int) -> _Cluster:
    """The candidate with a mention nearest before `offset`, else the first after it."""
    before = [(m.start, c) for c in candidates for m in c.mentions if m.start < offset]
    if before:
        return max(before, key=lambda pair: pair[0])[1]
    after = [(m.start, c) for c in candidates for m in c.mentions]
    return min(after, key=lambda pair: pair[0])[1]
