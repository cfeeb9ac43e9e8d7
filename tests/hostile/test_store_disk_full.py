"""A full disk mid-ingest: one clear line, exit 3, a consistent store that resumes.

It used to end in a 248-line traceback. The disk is filled two ways: SQLite's own
page limit (`PRAGMA max_page_count`, the same SQLITE_FULL error a full disk gives,
runs anywhere), and, when the tests run as root, a real 2 MB tmpfs.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from counterpoint.store import Store

from .light_cli import run_light_cli

SMALL_DATABASE = """
from sqlalchemy import event
from sqlalchemy.engine import Engine

@event.listens_for(Engine, "connect")
def _small(dbapi_connection, _record):
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA max_page_count = 400")  # 1.6 MB with 4 KB pages
    cursor.close()
"""


def _many(path: Path, count: int = 300) -> str:
    rows = [
        {
            "title": f"Report {index} from town {index % 11}",
            "text": f"Officials in town {index % 11} described event {index} on day {index}. "
            f"Witness Person{index} said the damage was serious in district {index * 3}. "
            f"Reporter {index} filed this account for desk {index % 5}. " * 3,
            "source": f"Outlet {index % 7}",
            "date": f"2020-01-{1 + index % 28:02d}",
        }
        for index in range(count)
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    return str(path)


def _assert_one_clear_line(outcome) -> None:
    assert outcome.returncode == 3, outcome.stderr[-3000:]
    assert "Traceback" not in outcome.stderr, outcome.stderr[-3000:]
    stopped = [line for line in outcome.stderr.splitlines() if "ingest stopped" in line]
    assert len(stopped) == 1 and "the disk is full" in stopped[0], outcome.stderr[-3000:]
    assert not outcome.loaded_models, "the light CLI's stand-in analysis was not used"
    assert outcome.peak_mb < 500, f"peak {outcome.peak_mb:.0f} MB"


def _assert_consistent(url: str, total: int) -> int:
    with Store(url) as store:
        stored = {a.id for a in store.articles()}
        assert 0 < len(stored) < total
        assert store.orphan_ids() == []
        for story in store.stories():
            assert set(story.article_ids) <= stored
        return len(stored)


def test_database_full_mid_ingest(tmp_path):
    spec = _many(tmp_path / "many.jsonl")
    db = tmp_path / "cp.db"
    full = run_light_cli("ingest", spec, "--db", str(db), fault=SMALL_DATABASE, deadline=120)
    _assert_one_clear_line(full)
    _assert_consistent(f"sqlite:///{db}", 300)
    resumed = run_light_cli("ingest", spec, "--db", str(db), deadline=120)
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    with Store(f"sqlite:///{db}") as store:
        assert store.article_count() == 300
        assert store.orphan_ids() == []


def _mount_tmpfs(folder: Path, size: str) -> bool:
    if os.geteuid() != 0:
        return False
    folder.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    return done.returncode == 0


def test_real_full_disk_mid_ingest(tmp_path):
    disk = tmp_path / "disk"
    if not _mount_tmpfs(disk, "2m"):
        pytest.skip("needs root and tmpfs to fill a real disk")
    try:
        spec = _many(tmp_path / "many.jsonl")
        db = disk / "cp.db"
        full = run_light_cli("ingest", spec, "--db", str(db), deadline=120)
        _assert_one_clear_line(full)
        _assert_consistent(f"sqlite:///{db}", 300)
    finally:
        subprocess.run(["umount", str(disk)], check=False)


def test_write_failures_are_named_in_one_line():
    import errno
    import sqlite3

    from sqlalchemy.exc import OperationalError

    from counterpoint.store.store import write_failure

    full = OperationalError("INSERT ...", {}, sqlite3.OperationalError("database or disk is full"))
    assert write_failure(full) == "the disk is full (no space left for the store)"
    assert write_failure(OSError(errno.ENOSPC, "No space left on device")) == (
        "the disk is full (no space left for the store)"
    )
    try:  # the cause chain is followed
        try:
            raise OSError(errno.ENOSPC, "No space left on device")
        except OSError as inner:
            raise RuntimeError("writing the batch failed") from inner
    except RuntimeError as outer:
        assert write_failure(outer) == "the disk is full (no space left for the store)"
    locked = OperationalError("UPDATE ...", {}, sqlite3.OperationalError("database is locked"))
    assert "locked" in (write_failure(locked) or "")
    readonly = sqlite3.OperationalError("attempt to write a readonly database")
    assert write_failure(readonly) == "the store is read-only"
    assert write_failure(ValueError("something else")) is None
