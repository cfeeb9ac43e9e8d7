"""Bad inputs get one clear line each and the run goes on (CLI `compare`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from counterpoint.cli import app

pytestmark = pytest.mark.slow

GOOD = """Outlet: Test Wire
Title: Council approves harbour budget
Date: 2026-02-03

The city council approved a 12 million pound budget for the harbour on Monday, officials said.
"We are pleased with the outcome," said Mayor Anna Holt. She added that work would begin in May.
"""


def test_bad_inputs_are_skipped_with_a_reason(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    with open(tmp_path / "huge.txt", "wb") as handle:  # sparse: 50 MB without writing it
        handle.truncate(50 * 1024 * 1024)
    (tmp_path / "latin.txt").write_bytes(b"\xff\xfe\xfa\x00\x81 broken \xc3\x28 bytes" * 3)
    (tmp_path / "broken.html").write_text("<html><body><div><p>unclosed <b>markup</div></span>")

    inputs = sorted(str(p) for p in tmp_path.iterdir())
    result = CliRunner().invoke(app, ["compare", *inputs, "--format", "json"])

    assert result.exit_code == 0, result.output
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped")]
    for name in ("empty.txt", "image.png", "huge.txt", "broken.html"):
        assert sum(name in line for line in skipped) == 1, (name, skipped)
    assert '"schema_version"' in result.stdout
    assert "Council approves harbour budget" in result.stdout
