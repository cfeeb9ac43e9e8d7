"""Quality floors (tests/eval_gate.py): each area's figures stay at or above the baseline.

Slow (models, a few minutes in all); CI runs them. Lowering a floor is an explicit
change to tests/eval_baseline.json.
"""

from __future__ import annotations

from pathlib import Path

import eval_gate
import pytest

BASELINE = eval_gate.load_baseline()


def test_baseline_file_is_well_formed() -> None:
    assert BASELINE, "tests/eval_baseline.json is empty"
    for area, entry in BASELINE.items():
        if area.startswith("_"):
            continue
        assert area in eval_gate.AREAS, f"baseline names an unknown area {area!r}"
        assert entry["floors"], f"{area}: no floors"
        for metric, floor in entry["floors"].items():
            assert 0.0 <= floor <= 1.0, f"{area}.{metric}: floor {floor} out of range"
            assert floor <= entry["measured"][metric], f"{area}.{metric}: floor above measured"


@pytest.mark.slow
@pytest.mark.parametrize("area", sorted(a for a in BASELINE if not a.startswith("_")))
def test_area_stays_above_its_floors(area: str) -> None:
    try:
        figures = eval_gate.AREAS[area]()
    except eval_gate.Skip as why:
        pytest.skip(str(why))
    failures = eval_gate.below_floor(area, figures, BASELINE)
    assert not failures, "\n".join(failures)


def test_missing_data_skips_for_a_user_and_fails_in_ci(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("COUNTERPOINT_DATA", str(tmp_path / "absent"))
    monkeypatch.delenv("COUNTERPOINT_REQUIRE_DATA", raising=False)
    with pytest.raises(eval_gate.Skip):
        eval_gate.AREAS["extraction"]()
    monkeypatch.setenv("COUNTERPOINT_REQUIRE_DATA", "1")
    with pytest.raises(FileNotFoundError, match="COUNTERPOINT_REQUIRE_DATA"):
        eval_gate.AREAS["extraction"]()


def test_ci_entry_point_requires_the_data() -> None:
    script = (Path(eval_gate.REPO) / ".ci" / "run").read_text(encoding="utf-8")
    assert "COUNTERPOINT_REQUIRE_DATA=1" in script
