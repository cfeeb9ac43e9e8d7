"""Code and docs explain themselves: no references to tracker issue numbers.

A reader of the repository has no access to the tracker the numbers point at; say what
and why instead (the history of rounds lives in docs/history.md).
"""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FOLDERS = ("src", "tests", "benchmarks", "scripts", "docs")
SUFFIXES = {".py", ".md", ".html", ".sh", ".toml", ".txt"}
ISSUE = re.compile(r"\bissues? ?#?\d+\b|\(#\d+\)", re.IGNORECASE)


def test_no_issue_numbers_in_code_or_docs() -> None:
    files = [REPO / "README.md", REPO / "Makefile", REPO / "pyproject.toml"]
    for folder in FOLDERS:
        files += [p for p in (REPO / folder).rglob("*") if p.suffix in SUFFIXES and p.is_file()]
    found = []
    for path in files:
        if "egg-info" in path.as_posix() or path == Path(__file__).resolve():
            continue
        for number, line in enumerate(
            path.read_text(encoding="utf-8", errors="replace").splitlines(), 1
        ):
            if ISSUE.search(line):
                found.append(f"{path.relative_to(REPO)}:{number}: {line.strip()[:80]}")
    assert not found, "issue numbers (say what and why instead):\n" + "\n".join(found)
