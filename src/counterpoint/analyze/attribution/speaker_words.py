"""Word lists for speaker resolution, kept as data so they can be extended without code."""

from __future__ import annotations

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

# Titles stripped when merging names ("Prime Minister Mohammed Shia al-Sudani").
TITLE_WORDS = frozenset(
    {
        "prime",
        "minister",
        "president",
        "vice",
        "secretary",
        "general",
        "gen",
        "gen.",
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "dr",
        "dr.",
        "sen",
        "sen.",
        "senator",
        "rep",
        "rep.",
        "gov",
        "gov.",
        "governor",
        "mayor",
        "judge",
        "justice",
        "king",
        "queen",
        "prince",
        "sheikh",
        "foreign",
        "defense",
        "defence",
        "state",
        "chief",
        "lt",
        "lt.",
        "col",
        "col.",
        "maj",
        "maj.",
        "adm",
        "adm.",
        "admiral",
        "sir",
        "lord",
        "ambassador",
        "spokesman",
        "spokeswoman",
        "iraqi",
        "us",
        "u.s.",
        "american",
        "former",
        "acting",
        "deputy",
        "chairman",
        "leader",
        "pope",
        "rev",
        "rev.",
    }
)

NAME_PARTICLES = ("al-", "el-", "bin ", "ibn ", "abu ", "van ", "von ", "de ")

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
