"""Name merging and display rules used by speaker resolution (no model needed)."""

from counterpoint.analyze.attribution.resolve import display, name_core, same_person


def test_titles_and_particles_are_dropped() -> None:
    assert name_core("Prime Minister Mohammed Shia al-Sudani") == ["mohammed", "shia", "sudani"]
    assert name_core("al-Sudani") == ["sudani"]


def test_name_variants_are_the_same_person() -> None:
    full = "Prime Minister Mohammed Shia al-Sudani"
    assert same_person("al-Sudani", full)
    assert same_person("Sudani", full)
    assert same_person("Mohammed Shia al-Sudani", full)
    assert not same_person("Mohammed Hussein", full)
    assert not same_person("Ali al-Sistani", full)


def test_display_drops_possessive_and_line_breaks() -> None:
    assert display("Hillary Clinton’s") == "Hillary Clinton"
    assert display("the\nministry") == "the ministry"


def test_acronym_of_capitalised_words() -> None:
    from counterpoint.analyze.entities import is_acronym_of

    assert is_acronym_of("RAIO", "Rail Accident Investigation Office")
    assert is_acronym_of("URWF", "United Rail Workers' Federation")
    assert is_acronym_of("U.N.", "United Nations")
    assert not is_acronym_of("RAIO", "Rail Investigation Office")
    assert not is_acronym_of("Raio", "Rail Accident Investigation Office")
    assert not is_acronym_of("UN", "Nations")


def test_first_name_list_is_unambiguous() -> None:
    from counterpoint.analyze.attribution.resolve import FIRST_NAMES_PATH, first_name_genders

    genders = first_name_genders()
    assert genders["elizabeth"] == "f" and genders["john"] == "m"
    assert "jordan" not in genders  # used for both
    seen: dict[str, str] = {}
    for line in FIRST_NAMES_PATH.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        gender, *names = line.split()
        for name in names:
            assert seen.setdefault(name, gender) == gender, name
