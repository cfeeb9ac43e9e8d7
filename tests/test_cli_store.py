"""`ingest`, `stories` and `show` against a real SQLite store, on the sample corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from counterpoint.cli import app

pytestmark = pytest.mark.slow


def test_ingest_list_show_and_reingest(tmp_path: Path, samples_dir: Path) -> None:
    db = str(tmp_path / "news.db")
    runner = CliRunner()

    first = runner.invoke(app, ["ingest", str(samples_dir), "--db", db])
    assert first.exit_code == 0, first.output

    listed = runner.invoke(app, ["stories", "--db", db, "--json"])
    assert listed.exit_code == 0, listed.output
    stories = json.loads(listed.stdout)
    events = [p for p in samples_dir.iterdir() if p.is_dir() and not p.name.startswith("_")]
    assert len(stories) == len(events)  # one story per sample event
    assert sum(len(s["article_ids"]) for s in stories) == 7

    biggest = max(stories, key=lambda s: len(s["article_ids"]))
    shown = runner.invoke(app, ["show", biggest["id"], "--db", db, "--format", "json"])
    assert shown.exit_code == 0, shown.output
    report = json.loads(shown.stdout)
    assert report["schema_version"].startswith("counterpoint.report/")
    assert report["disputes"]

    again = runner.invoke(app, ["ingest", str(samples_dir), "--db", db])
    assert again.exit_code == 0, again.output
    relisted = json.loads(runner.invoke(app, ["stories", "--db", db, "--json"]).stdout)
    assert relisted == stories  # re-ingesting is a no-op

    missing = runner.invoke(app, ["show", "no-such-story", "--db", db])
    assert missing.exit_code == 1
