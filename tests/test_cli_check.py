"""`counterpoint check CLAIM FILE...`: each article's stance to one claim."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from counterpoint.cli import app

pytestmark = pytest.mark.slow

ABOUT = """Outlet: Harbour Post
Title: Council approves harbour budget
Date: 2026-02-03

The city council approved a 12 million pound budget for the harbour on Monday, officials said.
The vote passed by nine votes to two after a long debate.
"We are pleased with the outcome," said Mayor Anna Holt. She added that work would begin in May.
"""

OTHER = """Outlet: Sports Desk
Title: United appoint new coach
Date: 2026-02-03

United announced a new head coach on Monday after a poor season.
The coach, who previously worked in Spain, signed a three-year contract.
Fans reacted with cautious optimism on social media.
"""


def test_check_gives_each_article_a_stance(tmp_path: Path) -> None:
    (tmp_path / "about.txt").write_text(ABOUT)
    (tmp_path / "other.txt").write_text(OTHER)
    (tmp_path / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(
        app,
        [
            "check",
            "The council approved a 12 million pound harbour budget",
            str(tmp_path / "about.txt"),
            str(tmp_path / "other.txt"),
            str(tmp_path / "empty.txt"),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    checks = {c["outlet"]: c for c in json.loads(result.stdout)}
    assert set(checks) == {"Harbour Post", "Sports Desk"}
    assert checks["Sports Desk"]["stance"] == "unrelated"
    assert checks["Harbour Post"]["stance"] == "agree"
    assert "12 million" in checks["Harbour Post"]["evidence"]
    assert "skipped" in result.stderr and "empty.txt" in result.stderr


def test_check_with_no_usable_article_fails_without_loading_the_judge(tmp_path: Path) -> None:
    """Nothing to judge: one line and exit 1, as `compare` does; the model is never loaded."""
    import subprocess
    import sys

    (tmp_path / "empty.txt").write_bytes(b"")
    script = (
        "import sys\n"
        "from counterpoint.cli import app\n"
        "try:\n"
        "    app(['check', 'The bridge reopened', sys.argv[1]])\n"
        "except SystemExit as end:\n"
        "    print('torch' in sys.modules, end.code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "empty.txt")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.stdout.split() == ["False", "1"], done.stdout + done.stderr
    assert "no usable article among the inputs" in done.stderr
