"""Hostile folders: symlink loops under a glob, folders the user may not search."""

from __future__ import annotations

import functools
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from .harness import PEAK_RSS_LIMIT_MB, READ_SNIPPET, run_read

AS_NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
TEXT = "The council approved the new bridge on Monday after a long debate.\n"


def loop_folder(root: Path) -> Path:
    """root/d/e/a.txt plus links back up (e/up -> .., e/up2 -> ../.., d/self -> root)."""
    leaf = root / "d" / "e"
    leaf.mkdir(parents=True)
    (leaf / "a.txt").write_text(TEXT)
    (leaf / "up").symlink_to("..")
    (leaf / "up2").symlink_to("../..")
    (root / "d" / "self").symlink_to(root)
    return root


@pytest.mark.parametrize("pattern", ["**", "**/*.txt", "d/**"])
def test_symlink_loops_under_a_glob_end_quickly(tmp_path, pattern):
    root = loop_folder(tmp_path / "news")
    outcome = run_read(str(root / pattern), deadline=30)
    assert not outcome.killed, "the glob walked the symlink loop"
    assert outcome.peak_mb < PEAK_RSS_LIMIT_MB
    assert outcome.stdout.count("ITEM") == 1, outcome.stdout
    assert "Traceback" not in outcome.stderr


def test_glob_matches_like_glob_without_loops(tmp_path, monkeypatch):
    from counterpoint.read.files import _glob

    (tmp_path / "a" / "b").mkdir(parents=True)
    for name in ("a/x.txt", "a/b/y.txt", "a/b/z.html", "top.txt"):
        (tmp_path / name).write_text(TEXT)
    monkeypatch.chdir(tmp_path)
    for pattern in ("**/*.txt", "a/**", "a/**/*.html", "*.txt", "a/*/y.txt"):
        assert sorted(_glob(pattern)) == sorted(
            p.rstrip("/") for p in __import__("glob").glob(pattern, recursive=True)
        ), pattern


def test_permission_error_in_claims_is_one_line(tmp_path, monkeypatch):
    """A file in a folder the user cannot search: one problem, the run goes on."""
    from counterpoint.read import ReadOptions, read_inputs
    from counterpoint.records import RawItem, ReadProblem

    locked = tmp_path / "locked" / "a.txt"
    locked.parent.mkdir()
    locked.write_text(TEXT)
    good = tmp_path / "b.txt"
    good.write_text(TEXT)
    real_stat = os.stat

    def stat_denied(path, *args, **kwargs):
        if str(path).startswith(str(locked.parent) + os.sep):
            raise PermissionError(13, "Permission denied", str(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat_denied)
    entries = list(read_inputs([str(locked), str(good)], ReadOptions()))
    assert [type(e) for e in entries] == [ReadProblem, RawItem]
    assert "Permission denied" in entries[0].reason


@functools.cache
def _nobody_can_run() -> bool:
    """Root with setpriv, and user nobody can start this Python and import counterpoint
    (a checkout under /root is out of nobody's reach: then the test is skipped)."""
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        return False
    probe = subprocess.run(
        [*AS_NOBODY, sys.executable, "-c", "import counterpoint.read"],
        capture_output=True,
        timeout=60,
        cwd="/",
    )
    return probe.returncode == 0


@pytest.mark.skipif(not _nobody_can_run(), reason="needs root and setpriv to drop to nobody")
@pytest.mark.parametrize("spec", ["top", "top/locked/a.txt", "top/**", "top/locked"])
def test_unsearchable_folder_as_nobody(spec):
    """Really unsearchable (r-- without x) as user nobody: a line per file, no traceback."""
    base = Path(tempfile.mkdtemp(prefix="cp-perm-", dir="/tmp"))
    try:
        os.chmod(base, 0o755)
        (base / "top" / "locked").mkdir(parents=True)
        (base / "top" / "open").mkdir()
        (base / "top" / "locked" / "a.txt").write_text(TEXT)
        (base / "top" / "open" / "b.txt").write_text(TEXT)
        for folder in (base / "top", base / "top" / "open"):
            os.chmod(folder, 0o755)
        os.chmod(base / "top" / "locked", stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
        result = subprocess.run(
            [*AS_NOBODY, sys.executable, "-c", READ_SNIPPET, str(base / spec)],
            capture_output=True,
            text=True,
            timeout=60,
            cwd="/",
        )
        assert "Traceback" not in result.stderr, result.stderr[-1500:]
        assert "Permission denied" in result.stdout, result.stdout
        if spec in ("top", "top/**"):
            assert "ITEM" in result.stdout  # the readable folder still reads
    finally:
        os.chmod(base / "top" / "locked", 0o755)
        shutil.rmtree(base)
