"""`ingest`'s exit code says whether anything was stored.

It used to exit 0 when nothing usable was read (while `compare` exits 1 in the same
case). Now: 0 when every usable input is in the store (new, or already stored by an
earlier run), 1 when nothing usable was read, 3 when the store cannot be written.
"""

from __future__ import annotations

from .light_cli import run_light_cli

GOOD = (
    "Bridge reopens after repairs\n\nThe Havenmouth bridge reopened on Monday after six "
    "months of repairs, the council said. Engineer Maria Santos said the deck was sound."
)


def test_nothing_usable_exits_1(tmp_path):
    (tmp_path / "short.txt").write_text("too short")
    (tmp_path / "empty.txt").write_text("")
    db = str(tmp_path / "cp.db")
    outcome = run_light_cli("ingest", str(tmp_path / "short.txt"), str(tmp_path / "empty.txt"),
                            "--db", db, deadline=120)  # fmt: skip
    assert outcome.returncode == 1, outcome.stderr[-2000:]
    assert "nothing usable was stored" in outcome.stderr
    assert "Traceback" not in outcome.stderr
    missing = run_light_cli("ingest", str(tmp_path / "no-such-file.txt"), "--db", db, deadline=120)
    assert missing.returncode == 1
    assert "nothing usable was stored" in missing.stderr


def test_stored_or_already_stored_exits_0(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    (tmp_path / "short.txt").write_text("too short")
    db = str(tmp_path / "cp.db")
    first = run_light_cli("ingest", str(good), str(tmp_path / "short.txt"), "--db", db,
                          deadline=120)  # fmt: skip
    assert first.returncode == 0, first.stderr[-2000:]
    assert "1 added" in first.stdout
    assert not first.loaded_models, "the light CLI's stand-in analysis was not used"
    again = run_light_cli("ingest", str(good), "--db", db, deadline=120)
    assert again.returncode == 0, again.stderr[-2000:]
    assert "0 added, 1 already stored" in again.stdout
