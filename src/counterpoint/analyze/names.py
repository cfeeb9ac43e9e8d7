"""Person and organisation names: the one place that decides when two names are one.

Why one module: entity merging within an article (analyze/entities.py), speaker
resolution (analyze/attribution/resolve.py), the story's identities across outlets
(compare/identities.py) and the speaker benchmark must agree on what "the same
person" means, or one outlet's "Chuck Schumer" and another's "Sen. Charles Schumer"
end up as two speakers. The rules:

* a person's name is its words without titles ("House Speaker", "Sen."), particles
  ("al-", "van") and suffixes ("Jr."); two names are one person when their surnames
  agree and, where both give a first name, the first names agree (equal, an initial,
  or a common nickname: Chuck = Charles, Bernie = Bernard, Bill = William). So
  "Pelosi" = "Nancy Pelosi" = "Speaker Pelosi", and "Bill Clinton" != "Hillary
  Clinton".
* an organisation's shorter name is the longer one when it keeps two words or more
  ("the Justice Department" = "the U.S. Justice Department"), is a distinctive word
  ("Times" = "New York Times"), or drops only a qualifier ("Senate" = "U.S. Senate");
  a generic institution is not ("House" is not the "White House"). Capital initials
  are the organisation ("RAIO").

The word lists (titles, nicknames, qualifiers) are data in names.json.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from counterpoint.package_files import read_json

_LEADING = re.compile(r"^(?:the|a|an)\s+", re.I)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_WORD = re.compile(r"[^\w.\-’']+")


@dataclass(frozen=True)
class NameData:
    """names.json, loaded once."""

    titles: tuple[str, ...]  # multi-word titles first ("Secretary of State")
    title_words: frozenset[str]  # every lower-cased word that may lead a name as a title
    suffixes: frozenset[str]
    particles: frozenset[str]
    nicknames: dict[str, frozenset[int]]  # first name -> ids of its nickname groups
    org_qualifiers: frozenset[str]
    generic_org_words: frozenset[str]
    member_words: frozenset[str]  # "Republicans": a party's members, not an organisation
    org_abbreviations: dict[str, str]  # "u.s." -> "united states"


@cache
def name_data() -> NameData:
    raw = read_json("counterpoint.analyze", "names.json")
    titles = tuple(sorted(raw["titles"], key=lambda t: (-len(t.split()), -len(t))))
    title_words = {w.lower() for title in raw["titles"] for w in title.split()}
    title_words |= {w.lower() for w in raw["title_qualifiers"]}
    nicknames: dict[str, set[int]] = {}
    for number, group in enumerate(raw["nicknames"]):
        for name in group:
            nicknames.setdefault(name, set()).add(number)
    return NameData(
        titles=titles,
        title_words=frozenset(title_words),
        suffixes=frozenset(raw["name_suffixes"]),
        particles=frozenset(raw["name_particles"]),
        nicknames={k: frozenset(v) for k, v in nicknames.items()},
        org_qualifiers=frozenset(raw["org_qualifiers"]),
        generic_org_words=frozenset(raw["generic_org_words"]),
        member_words=frozenset(raw["member_words"]),
        org_abbreviations=dict(raw["org_abbreviations"]),
    )


def plain_letters(text: str) -> str:
    """Accents dropped ("Raúl" -> "Raul"): one outlet's spelling of a name is another's."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(name: str) -> str:
    """Case-, dot-, accent- and article-insensitive form used for matching names."""
    name = _LEADING.sub("", plain_letters(name).strip())
    name = _POSSESSIVE.sub("", name)
    name = name.replace(".", "").replace("’", "'")
    return re.sub(r"\s+", " ", name).strip().lower()


@lru_cache(maxsize=8192)  # called for every speaker pair a story compares
def strip_title(name: str) -> tuple[str, str | None]:
    """Split "House Speaker Nancy Pelosi" into the name and the title ("House
    Speaker"); the last word is always kept."""
    data = name_data()
    rest = " ".join(name.split())
    found: list[str] = []
    changed = True
    while changed:
        changed = False
        lowered = rest.lower()
        for title in data.titles:
            if lowered.startswith(title.lower() + " ") and len(rest) > len(title) + 1:
                found.append(rest[: len(title)])
                rest = rest[len(title) + 1 :].strip()
                changed = True
                break
        if not changed:
            first, _, tail = rest.partition(" ")
            if tail and first.lower().strip(",") in data.title_words and first[:1].isupper():
                found.append(first)
                rest = tail.strip()
                changed = True
    return rest, (" ".join(found) or None)


def person_words(name: str) -> list[str]:
    """A person's name as lower-case words without titles, particles and suffixes
    ("Prime Minister Mohammed Shia al-Sudani" -> ["mohammed", "shia", "sudani"])."""
    data = name_data()
    text = _POSSESSIVE.sub("", plain_letters(name).strip().replace("’s", "").replace("'s", ""))
    words = [w.strip(".,;:-’'") for w in _WORD.split(text.lower())]
    words = [w for w in words if w]
    while len(words) > 1 and (words[0] in data.title_words or words[0] + "." in data.title_words):
        words = words[1:]
    core: list[str] = []
    for word in words:
        for particle in data.particles:
            if word.startswith(particle + "-") and len(word) > len(particle) + 1:
                word = word[len(particle) + 1 :]
        if word in data.particles or word in data.suffixes or word.rstrip(".") in data.suffixes:
            continue
        core.append(word)
    return core


def surname(name: str) -> str:
    """The last word of a person's name, particles and suffixes dropped."""
    words = person_words(name)
    return words[-1] if words else ""


def same_first_name(a: str, b: str) -> bool:
    """Chuck = Charles, Bill = William, "J." = John; Bill != Hillary."""
    a, b = a.rstrip("."), b.rstrip(".")
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    groups = name_data().nicknames
    return bool(groups.get(a, frozenset()) & groups.get(b, frozenset()))


def same_person(a: str, b: str) -> bool:
    """True when two names can be one person: same surname and, where both give one,
    the same first name (nicknames and initials allowed); middle names are ignored."""
    wa, wb = person_words(a), person_words(b)
    if not wa or not wb or wa[-1] != wb[-1]:
        return False
    if len(wa) == 1 or len(wb) == 1:
        return True
    # the first word, or the word before the surname where a title of several words
    # leads ("Director of National Intelligence James Clapper" = "James R. Clapper Jr.")
    firsts_a, firsts_b = {wa[0], wa[-2]}, {wb[0], wb[-2]}
    if same_first_name(wa[0], wb[0]):
        return True
    return any(
        len(x.rstrip(".")) > 1 and len(y.rstrip(".")) > 1 and same_first_name(x, y)
        for x in firsts_a
        for y in firsts_b
    )


def is_surname_only(name: str) -> bool:
    """ "Pelosi", "Speaker Pelosi", "Mr. Obama": no first name given."""
    return len(person_words(name)) == 1


def org_words(name: str) -> list[str]:
    """An organisation's folded words with abbreviations written out ("U.S. Conference
    of Catholic Bishops" -> united states conference of catholic bishops)."""
    expand = name_data().org_abbreviations
    words: list[str] = []
    for word in _LEADING.sub("", name.strip()).split():
        word = _POSSESSIVE.sub("", word).replace("’", "'").lower()
        full = expand.get(word) or expand.get(word.replace(".", "") + ".")
        words.extend(full.split() if full else [word.replace(".", "")])
    return [w for w in words if w]


def same_org(short: str, long: str) -> bool:
    """ "Foreign Ministry" is "Iraqi Foreign Ministry", "Justice Department" is "U.S.
    Justice Department", "U.S. Conference of Catholic Bishops" is "United States
    Conference of Catholic Bishops"; "House" is not "White House", and "Republicans"
    (a party's members) is not "Log Cabin Republicans"."""
    ws, wl = org_words(short), org_words(long)
    if ws and ws == wl and fold(short) != fold(long):
        return True  # the same name, one of them abbreviated
    if not ws or len(ws) >= len(wl):
        return False
    if len(ws) == 1 and ws[0] in name_data().member_words:
        return False
    qualifiers = {w for q in name_data().org_qualifiers for w in org_words(q)}
    if wl[-len(ws) :] == ws:
        dropped = wl[: -len(ws)]
        # "Times" is "New York Times", but a generic institution ("House", "Court") is
        # only the longer name when what it drops is a mere qualifier ("U.S. Senate")
        generic = len(ws) == 1 and ws[0] in name_data().generic_org_words
        return len(ws) >= 2 or not generic or all(w in qualifiers for w in dropped)
    return len(ws) >= 2 and ws[-1] == wl[-1] and all(w in wl for w in ws)


_PARTY_TAG = re.compile(r"^\(?[DRI]-[A-Z][A-Za-z.]*\.?\)?$")


def is_party_tag(text: str) -> bool:
    """ "D-Nev.", "R-Calif.": a lawmaker's party and state, never a speaker or an entity."""
    return bool(_PARTY_TAG.match(text.strip()))


def is_acronym_of(short: str, long: str) -> bool:
    """ "RAIO" is "Rail Accident Investigation Office", "URWF" is "United Rail Workers'
    Federation": the capitals' initials, even where the article never defines them."""
    letters = short.replace(".", "")
    if not (2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()):
        return False
    capitals = [w for w in re.split(r"[\s\-]+", long) if w and w[0].isupper()]
    return len(capitals) >= 2 and "".join(w[0] for w in capitals) == letters


__all__ = [
    "fold",
    "is_acronym_of",
    "is_party_tag",
    "is_surname_only",
    "name_data",
    "org_words",
    "person_words",
    "plain_letters",
    "same_first_name",
    "same_org",
    "same_person",
    "strip_title",
    "surname",
]
