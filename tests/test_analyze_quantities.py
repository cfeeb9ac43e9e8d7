"""Numbers with units and hedges, years left out."""

from counterpoint.analyze.quantities import find_quantities


def test_hedged_count_with_unit() -> None:
    (q,) = find_quantities("The US currently has about 2,500 troops in Iraq.")
    assert (q.value, q.unit, q.approximate) == (2500.0, "troops", True)


def test_money_percent_and_words() -> None:
    found = find_quantities("It costs $3.5 billion, up 30 percent, and twelve people lost jobs.")
    assert [(q.value, q.unit) for q in found] == [
        (3.5e9, "USD"),
        (30.0, "percent"),
        (12.0, "people"),
    ]


def test_years_and_days_are_not_quantities() -> None:
    assert find_quantities("It was founded in September 2014 and met on January 5.") == []
