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
