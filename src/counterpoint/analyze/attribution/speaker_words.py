"""Word lists for speaker resolution, kept as data so they can be extended without code."""

from __future__ import annotations

from counterpoint.analyze.names import is_surname_only

PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "i", "me", "my"})
GROUP_PRONOUNS = frozenset({"they", "them", "their", "we", "us", "our"})
THING_PRONOUNS = frozenset({"it", "its"})
ALL_PRONOUNS = PERSONAL_PRONOUNS | GROUP_PRONOUNS | THING_PRONOUNS | {"you", "this", "that"}

DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "another", "one"})

# Head nouns that make a nominal speaker a person ("a senior Pentagon official").
PERSON_ROLE_NOUNS = frozenset(
    {
        "official",
        "officials",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "spokespeople",
        "source",
        "sources",
        "aide",
        "aides",
        "minister",
        "president",
        "senator",
        "lawmaker",
        "lawmakers",
        "diplomat",
        "diplomats",
        "officer",
        "officers",
        "analyst",
        "analysts",
        "expert",
        "experts",
        "witness",
        "witnesses",
        "resident",
        "residents",
        "leader",
        "leaders",
        "adviser",
        "advisers",
        "advisor",
        "advisors",
        "secretary",
        "ambassador",
        "general",
        "commander",
        "lawyer",
        "attorney",
        "director",
        "chief",
        "envoy",
        "representative",
        "representatives",
        "governor",
        "mayor",
        "candidate",
        "nominee",
        "campaign",
        "man",
        "woman",
        "person",
        "people",
        "author",
        "researcher",
        "researchers",
        "economist",
        "economists",
        "prosecutor",
        "prosecutors",
        "judge",
        "police",
        "doctor",
        "congressman",
        "congresswoman",
        "senators",
        "sheriff",
        "chairman",
        "chairwoman",
        "councilman",
        "councilwoman",
        "professor",
        "student",
        "students",
        "reporter",
        "activist",
        "worker",
        "workers",
        "organizer",
        "founder",
        "owner",
        "father",
        "mother",
        "wife",
        "husband",
        "son",
        "daughter",
        "friend",
        "neighbor",
        "neighbour",
        "victim",
        "suspect",
        "men",
        "women",
    }
)

# Abbreviated titles that name the same role ("Gov. Perry" ... "the governor said").
ROLE_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "governor": ("gov.",),
    "senator": ("sen.",),
    "representative": ("rep.",),
    "general": ("gen.",),
    "secretary": ("sec.",),
    "president": ("pres.",),
    "professor": ("prof.",),
}

# Nouns naming a written statement ("in a statement", "the ministry's communique").
STATEMENT_WORDS = frozenset({"statement", "release", "communique", "communiqué", "declaration"})

# Upper-case line labels that are not speakers ("UPDATE: ...", "EDITOR'S NOTE: ...").
NON_SPEAKER_LABELS = frozenset(
    {
        "update",
        "updated",
        "editor's note",
        "editor’s note",
        "note",
        "correction",
        "clarification",
        "related",
        "read more",
        "watch",
        "video",
        "photos",
        "breaking",
        "full text",
        "transcript",
        "source",
        "sources",
        "q",
        "a",
    }
)

# Head nouns of a speaker that is a body of people or an institution ("Democrats",
# "the ministry", "the Obama campaign") or a document that speaks for one ("a report").
GROUP_NOUNS = frozenset(
    {
        "government",
        "administration",
        "ministry",
        "department",
        "agency",
        "office",
        "committee",
        "commission",
        "council",
        "court",
        "board",
        "panel",
        "party",
        "campaign",
        "company",
        "firm",
        "group",
        "groups",
        "organization",
        "organisation",
        "union",
        "army",
        "military",
        "force",
        "forces",
        "police",
        "team",
        "family",
        "families",
        "members",
        "democrats",
        "republicans",
        "critics",
        "supporters",
        "opponents",
        "advocates",
        "activists",
        "protesters",
        "voters",
        "americans",
        "others",
        "companies",
        "catholics",
        "christians",
        "muslims",
        "conservatives",
        "liberals",
        "report",
        "study",
        "survey",
        "poll",
        "polls",
        "memo",
        "letter",
        "filing",
        "lawsuit",
        "complaint",
        "indictment",
        "statement",
        "release",
        "website",
        "newspaper",
        "network",
        "magazine",
        "spokesmen",
        "officials",
    }
)

# Generic nouns for an organisation: "the group" is the organisation just named.
ORGANISATION_NOUNS = frozenset(
    {"group", "organization", "organisation", "company", "firm", "association", "agency"}
)

# Documents that speak for whoever issued them ("the advertisement says").
DOCUMENT_NOUNS = frozenset(
    {
        "resolution",
        "ad",
        "advertisement",
        "bill",
        "ruling",
        "decision",
        "opinion",
        "document",
        "documents",
        "email",
        "e-mail",
        "emails",
        "e-mails",
        "post",
        "tweet",
        "message",
        "note",
        "video",
        "book",
        "petition",
        "platform",
        "order",
        "proposal",
        "plan",
        "budget",
        "analysis",
        "data",
        "records",
        "figures",
        "estimates",
        "transcript",
        "speech",
        "interview",
    }
)

# What a reader is shown when nobody can be named.
UNNAMED_PREFIX = "unnamed"


def is_reader_speaker(name: str, entity: object | None = None) -> bool:
    """True when a speaker is something a reader can take as a speaker: a named entity
    (a capitalised name), a titled role or group ("a senior Pentagon official",
    "Democrats", "the ministry"), the article's author, or plainly unnamed; False for
    fragments ("his average federal tax rate", "new ones", "few") and internal words."""
    words = name.split()
    if not words or name.lower() == "unknown":
        return False
    if name.startswith(UNNAMED_PREFIX) or name == "the author":
        return True
    label = getattr(entity, "label", None)
    entity_id = getattr(entity, "id", "") or ""
    if label is not None and ":speaker:" not in entity_id and any(c.isupper() for c in name):
        return True
    # the head of the phrase before any apposition ("Another man, not seen on camera")
    first_part = name.split(",")[0].split() or words
    head = first_part[-1].lower().strip(".,;:’'\"“”()")
    if head in PERSON_ROLE_NOUNS or head in GROUP_NOUNS or head in DOCUMENT_NOUNS:
        return True
    if words[0].lower() in DETERMINERS or words[0].lower() in ALL_PRONOUNS:
        words = words[1:]  # "His average federal tax rate": capitalised as a sentence start
    return any(w[:1].isupper() for w in words) and head not in ALL_PRONOUNS


def source_kind(source: str) -> str:
    """How a source phrase names its speaker: "named" ("Nancy Pelosi"), "surname"
    ("Pelosi", "Mr. Obama"), "pronoun" ("she", "who"), "role" ("the spokesman") or
    "none". Why: a speaker resolved from a pronoun or a role is a guess far more often
    than one named in the source (compare's checks weigh them accordingly)."""
    words = source.split()
    if not words:
        return "none"
    if len(words) == 1 and words[0].lower() in ALL_PRONOUNS | {"who", "which"}:
        return "pronoun"
    if not any(w[:1].isupper() for w in words[1:]) and not words[0][:1].isupper():
        return "role"
    capitals = [w for w in words if w[:1].isupper() and w.lower() not in ("the", "a", "an")]
    if not capitals:
        return "role"
    if is_surname_only(" ".join(capitals)) and len(capitals) <= 2:
        return "surname"
    return "named"
