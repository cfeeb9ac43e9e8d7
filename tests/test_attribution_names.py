"""Name rules (counterpoint.analyze.names) used by entities, speaker resolution, the story's
identities and the speaker benchmark alike; invented names, no model needed."""

from counterpoint.analyze.attribution.labels import READER_LABELS, reader_label
from counterpoint.analyze.attribution.resolve import display
from counterpoint.analyze.names import (
    is_acronym_of,
    is_surname_only,
    person_words,
    same_org,
    same_person,
    strip_title,
)
from counterpoint.records import AttributionKind


def test_titles_particles_and_suffixes_are_dropped() -> None:
    assert person_words("Prime Minister Mohammed Shia al-Sudani") == ["mohammed", "shia", "sudani"]
    assert person_words("al-Sudani") == ["sudani"]
    assert person_words("House Speaker Dana Quill") == ["dana", "quill"]
    assert person_words("Sen. Orrin Vale Jr.") == ["orrin", "vale"]
    assert strip_title("Senate Majority Leader Tom Brack") == (
        "Tom Brack",
        "Senate Majority Leader",
    )


def test_name_variants_are_the_same_person() -> None:
    full = "Prime Minister Mohammed Shia al-Sudani"
    assert same_person("al-Sudani", full)
    assert same_person("Sudani", full)
    assert same_person("Mohammed Shia al-Sudani", full)
    assert not same_person("Mohammed Hussein", full)
    assert not same_person("Ali al-Sistani", full)


def test_surname_title_and_nickname_are_one_person() -> None:
    assert same_person("Quill", "Dana Quill")
    assert same_person("Speaker Quill", "Dana Quill")
    assert same_person("Chuck Brenner", "Sen. Charles Brenner")
    assert same_person("Bernie Oakes", "Bernard Oakes")
    assert same_person("Bill Harlow", "William J. Harlow")
    assert same_person("J. Harlow", "John Harlow")
    assert is_surname_only("Mr. Harlow") and not is_surname_only("Dana Quill")


def test_two_people_sharing_a_surname_stay_apart() -> None:
    assert not same_person("Bill Harlow", "Hillary Harlow")
    assert not same_person("Chuck Brenner", "Richard Brenner")


def test_house_is_not_the_white_house() -> None:
    assert not same_org("House", "White House")
    assert same_org("Foreign Ministry", "Iraqi Foreign Ministry")
    assert same_org("Justice Department", "U.S. Justice Department")
    assert same_org("Senate", "U.S. Senate")
    assert same_org("Chronicle", "Westport Chronicle")  # a distinctive word
    assert not same_org("Court", "Westport County Court")  # a generic institution
    assert not same_org("Westport City", "Westport City Chronicle")  # a place it is named after


def test_display_drops_possessive_and_line_breaks() -> None:
    assert display("Hillary Clinton’s") == "Hillary Clinton"
    assert display("the\nministry") == "the ministry"
    assert display("Several critics, including Ann Lo and Bo Tan,") == (
        "Several critics, including Ann Lo and Bo Tan"
    )


def test_acronym_of_capitalised_words() -> None:
    assert is_acronym_of("RAIO", "Rail Accident Investigation Office")
    assert is_acronym_of("URWF", "United Rail Workers' Federation")
    assert is_acronym_of("U.N.", "United Nations")
    assert not is_acronym_of("RAIO", "Rail Investigation Office")
    assert not is_acronym_of("Raio", "Rail Accident Investigation Office")
    assert not is_acronym_of("UN", "Nations")


def test_every_kind_has_a_reader_label() -> None:
    kinds = AttributionKind.__args__  # type: ignore[attr-defined]
    assert set(kinds) == set(READER_LABELS)
    assert reader_label("according_to") == "according to"
    assert reader_label("denial") == "denied"
    assert reader_label("declined") == "declined to comment"
    assert all("_" not in label for label in READER_LABELS.values())


def test_first_name_list_is_unambiguous() -> None:
    from counterpoint.analyze.attribution.resolve import first_name_genders
    from counterpoint.package_files import read_text

    genders = first_name_genders()
    assert genders["elizabeth"] == "f" and genders["john"] == "m"
    assert "jordan" not in genders  # used for both
    seen: dict[str, str] = {}
    for line in read_text("counterpoint.analyze.attribution", "first_names.txt").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        gender, *names = line.split()
        for name in names:
            assert seen.setdefault(name, gender) == gender, name
