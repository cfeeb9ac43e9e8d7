"""An input refused before analysis never loads the models.

torch, spaCy and the encoders cost about 450 MB and several seconds before a single
article is read, so a run on a decompression bomb or on missing files used to peak
near 470 MB just to say "skipped". The CLI now reads first and loads the models only
when some input is left to analyse: the whole process tree stays far under the
500 MB promised for any single hostile input, and it answers in seconds.
"""

from __future__ import annotations

import pytest

from .harness import PEAK_RSS_LIMIT_MB, gzip_member, run_cli

WARC_PREFIX = b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://e.org/"


@pytest.fixture
def bomb(tmp_path):
    path = tmp_path / "bomb.warc.gz"
    path.write_bytes(gzip_member(WARC_PREFIX, b"a", 3 * 1024**3))  # a header line of 3 GiB
    return str(path)


@pytest.mark.parametrize("command", ["compare", "ingest"])
def test_a_bomb_alone_never_loads_the_models(tmp_path, bomb, command):
    args = [command, bomb] + (["--db", str(tmp_path / "s.db")] if command == "ingest" else [])
    outcome = run_cli(*args, deadline=120)
    assert not outcome.killed and "Traceback" not in outcome.stderr
    skipped = [line for line in outcome.stderr.splitlines() if line.startswith("skipped")]
    assert len(skipped) == 1 and "header line is longer than" in skipped[0]
    assert outcome.returncode == 1
    assert not outcome.loaded_models, f"imported {outcome.heavy} for a refused input"
    assert outcome.peak_mb < PEAK_RSS_LIMIT_MB / 2, f"peak {outcome.peak_mb:.0f} MB"


@pytest.mark.parametrize("command", ["compare", "ingest"])
def test_missing_and_unreadable_inputs_never_load_the_models(tmp_path, command):
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "a.bin").write_bytes(b"\x00\x01" * 4096)
    args = [command, str(tmp_path / "no-such.txt"), str(folder / "a.bin"), f"{tmp_path}/none-*.txt"]
    args += ["--db", str(tmp_path / "s.db")] if command == "ingest" else []
    outcome = run_cli(*args, deadline=120)
    assert outcome.returncode == 1 and "Traceback" not in outcome.stderr
    assert len([line for line in outcome.stderr.splitlines() if line.startswith("skipped")]) == 3
    assert not outcome.loaded_models, f"imported {outcome.heavy} for refused inputs"
    assert outcome.peak_mb < PEAK_RSS_LIMIT_MB / 2, f"peak {outcome.peak_mb:.0f} MB"


def test_check_on_a_bomb_never_loads_the_judge(bomb):
    outcome = run_cli("check", "The bridge reopened on Monday", bomb, deadline=120)
    assert outcome.returncode == 1 and "Traceback" not in outcome.stderr
    assert "no usable article among the inputs" in outcome.stderr
    assert not outcome.loaded_models, f"imported {outcome.heavy} for a refused input"
    assert outcome.peak_mb < PEAK_RSS_LIMIT_MB / 2, f"peak {outcome.peak_mb:.0f} MB"


@pytest.mark.parametrize("command", ["compare", "ingest"])
def test_inputs_refused_by_extraction_never_load_the_models(tmp_path, command):
    """Read fine, but no usable article in them (too short, an HTML page without text)."""
    (tmp_path / "short.txt").write_text("too short")
    (tmp_path / "empty.html").write_text("<html><body><nav>Home</nav></body></html>")
    args = [command, str(tmp_path / "short.txt"), str(tmp_path / "empty.html")]
    args += ["--db", str(tmp_path / "s.db")] if command == "ingest" else []
    outcome = run_cli(*args, deadline=120)
    assert outcome.returncode == 1 and "Traceback" not in outcome.stderr
    assert len([line for line in outcome.stderr.splitlines() if line.startswith("skipped")]) == 2
    assert not outcome.loaded_models, f"imported {outcome.heavy} for refused inputs"
    assert outcome.peak_mb < PEAK_RSS_LIMIT_MB / 2, f"peak {outcome.peak_mb:.0f} MB"
