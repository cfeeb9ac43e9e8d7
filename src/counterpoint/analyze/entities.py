"""Named entities with their aliases merged within one article.

spaCy finds mentions; this module decides which mentions are the same thing:
an alias table (ISIS = ISIL = Daesh), acronyms defined in the text ("High Military
Committee (HMC)"), people named in full and then by surname or with a title, and
organisations named in full and then by a shorter form ("the Foreign Ministry").
Each merged entity gets a `key`, a normalised identity that other articles can
share, so cross-article unification starts from the same names.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc

from counterpoint.analyze.doctext import doc_text
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
_LEADING = re.compile(r"^(?:the|a|an)\s+", re.I)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_ACRONYM_DEF = re.compile(r"((?:[A-Z][\w\-]*\s+){1,8}?[A-Z][\w\-]*)\s*\(([A-Z][A-Za-z\.&]{1,9})\)")


@dataclass(frozen=True)
class AliasTable:
    """Canonical names for spellings that share no words (loaded from aliases.json)."""

    canonical: dict[str, tuple[str, EntityLabel]]
    titles: tuple[str, ...]

    def lookup(self, name: str) -> tuple[str, EntityLabel] | None:
        return self.canonical.get(fold(name))


@lru_cache(maxsize=1)
def alias_table() -> AliasTable:
    data = json.loads(resources.files("counterpoint.analyze").joinpath("aliases.json").read_text())
    canonical: dict[str, tuple[str, EntityLabel]] = {}
    for name, group in data["groups"].items():
        label = EntityLabel(group["label"])
        for spelling in [name, *group["aliases"]]:
            canonical[fold(spelling)] = (name, label)
    titles = tuple(sorted(data["titles"], key=len, reverse=True))
    return AliasTable(canonical=canonical, titles=titles)


def fold(name: str) -> str:
    """Case-, dot- and article-insensitive form used for matching names."""
    name = _LEADING.sub("", name.strip())
    name = _POSSESSIVE.sub("", name)
    name = name.replace(".", "").replace("’", "'")
    return re.sub(r"\s+", " ", name).strip().lower()


def strip_title(name: str) -> tuple[str, str | None]:
    """Split "Prime Minister Mohammed Shia al-Sudani" into the name and the title."""
    titles = alias_table().titles
    changed = True
    found: list[str] = []
    rest = name.strip()
    while changed:
        changed = False
        for title in titles:
            if rest.lower().startswith(title.lower() + " ") and len(rest) > len(title) + 1:
                found.append(rest[: len(title)])
                rest = rest[len(title) + 1 :].strip()
                changed = True
                break
    return rest, (" ".join(found) or None)


def surname(name: str) -> str:
    """Last word of a person's name, without particles' case ("al-Sudani" -> "al-sudani")."""
    parts = name.split()
    return parts[-1].lower() if parts else ""


@dataclass
class _Cluster:
    name: str
    label: EntityLabel
    spellings: set[str] = field(default_factory=set)
    mentions: list[Span] = field(default_factory=list)
    canonical: bool = False  # named by the alias table

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


def is_acronym_of(short: str, long: str) -> bool:
    """ "RAIO" is "Rail Accident Investigation Office", "URWF" is "United Rail Workers'
    Federation": the capitals' initials, even where the article never defines them."""
    letters = short.replace(".", "")
    if not (2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()):
        return False
    capitals = [w for w in re.split(r"[\s\-]+", long) if w and w[0].isupper()]
    return len(capitals) >= 2 and "".join(w[0] for w in capitals) == letters


def _person_match(a: str, b: str) -> bool:
    """ "Sudani" / "al-Sudani" / "Mohammed Shia al-Sudani" are one person."""
    sa, sb = surname(a), surname(b)
    core = lambda s: re.sub(r"^(?:al|el|de|van|von|da|di|le|la)-", "", s)  # noqa: E731
    if core(sa) != core(sb) or not core(sa):
        return False
    wa, wb = a.lower().split(), b.lower().split()
    shorter, longer = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return all(any(core(w) == core(x) for x in longer) for w in shorter)


def _org_match(short: str, long: str) -> bool:
    """ "Foreign Ministry" is "Iraqi Foreign Ministry": every word of one in the other."""
    ws, wl = fold(short).split(), fold(long).split()
    if not ws or len(ws) >= len(wl):
        return False
    return wl[-len(ws) :] == ws or (len(ws) >= 2 and all(w in wl for w in ws))


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
        text = _clean_mention(ent.text)
        if not text or not any(c.isalpha() for c in text):
            continue
        span = Span(start=ent.start_char, end=ent.end_char, text=ent.text)
        name = text
        canonical = table.lookup(text)
        if canonical is None and text.replace(".", "").upper() in acronyms:
            name = acronyms[text.replace(".", "").upper()]
            canonical = table.lookup(name)
        if canonical is not None:
            name, label = canonical
        elif label is EntityLabel.PERSON:
            name, _title = strip_title(text)
        folded = fold(name)
        cluster = by_fold.get(folded)
        if cluster is None:
            cluster = _Cluster(name=name, label=label, canonical=canonical is not None)
            clusters.append(cluster)
            by_fold[folded] = cluster
        cluster.add(text, span)

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
    """Merge short forms into the longest compatible name of the same kind."""
    ordered = sorted(clusters, key=lambda c: (-len(c.name.split()), -len(c.mentions)))
    kept: list[_Cluster] = []
    for cluster in ordered:
        target = None
        if not cluster.canonical:
            for other in kept:
                if cluster.label is EntityLabel.PERSON and other.label is EntityLabel.PERSON:
                    if _person_match(cluster.name, other.name):
                        target = other
                elif (
                    cluster.label in (EntityLabel.ORG, EntityLabel.GPE, EntityLabel.PERSON)
                    and other.label is EntityLabel.ORG
                    and (
                        _org_match(cluster.name, other.name)
                        or is_acronym_of(cluster.name, other.name)
                    )
                ):
                    target = other
                if target is not None:
                    break
        if target is None:
            kept.append(cluster)
        else:
            target.spellings |= cluster.spellings
            target.mentions.extend(cluster.mentions)
    return kept
