"""Read stage: turn inputs (paths, folders, globs, URLs, feeds, WARC, JSONL) into RawItems.

`read_inputs` is the one entry point. Each reader module knows one kind of
container and exposes `accepts(spec, options) -> bool` and
`read(spec, options) -> Iterator[RawItem | ReadProblem]`. A reader never raises
for bad input: it yields a ReadProblem with a reason a user can act on, and the
run goes on.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

from counterpoint.records import RawItem, ReadProblem

# Tried in order; the first reader that accepts a spec reads it. `files` comes last:
# it takes any local path (file or folder) and dispatches single files by content.
READER_MODULES = ("urls", "feeds", "warc", "jsonl", "files")

__all__ = ["READER_MODULES", "ReadOptions", "Reader", "read_inputs"]


@dataclass
class ReadOptions:
    """Knobs shared by all readers."""

    max_bytes: int = 20 * 1024 * 1024  # larger inputs are refused, not truncated
    allow_private_urls: bool = False
    url_timeout: float = 20.0  # one connect / read / write
    url_deadline: float = 60.0  # a whole fetch (redirects included): a dripping server ends
    user_agent: str = "counterpoint/0.1 (+https://github.com/counterpoint-news/counterpoint)"
    jsonl_fields: dict[str, str] = field(
        default_factory=lambda: {
            "url": "url",
            "title": "title",
            "text": "text",
            "html": "html",
            "date": "date",
            "source": "source",
            "authors": "authors",
        }
    )


class Reader(Protocol):
    def accepts(self, spec: str, options: ReadOptions) -> bool: ...

    def read(self, spec: str, options: ReadOptions) -> Iterator[RawItem | ReadProblem]: ...


def _readers() -> list[Reader]:
    readers: list[Reader] = []
    for name in READER_MODULES:
        try:
            readers.append(importlib.import_module(f"counterpoint.read.{name}"))
        except ModuleNotFoundError as exc:
            if exc.name != f"counterpoint.read.{name}":
                raise
    return readers


def read_inputs(
    specs: Iterable[str], options: ReadOptions | None = None
) -> Iterator[RawItem | ReadProblem]:
    """Read every input spec, yielding items and problems in input order."""
    options = options or ReadOptions()
    readers = _readers()
    for spec in specs:
        for reader in readers:
            try:
                accepted = reader.accepts(spec, options)
            except OSError as exc:  # e.g. a file inside a folder we may not search
                yield ReadProblem(origin=spec, reason=f"cannot open: {exc.strerror or exc}")
                break
            if accepted:
                try:
                    yield from reader.read(spec, options)
                except Exception as exc:  # a reader bug must not end the run
                    yield ReadProblem(origin=spec, reason=f"could not read: {exc}")
                break
        else:
            yield ReadProblem(origin=spec, reason="no such file, folder, feed or URL")
