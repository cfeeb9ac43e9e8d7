"""JSONL reader: one article per line (a scrape dump, a dataset export).

Field names vary between dumps, so `options.jsonl_fields` maps our names (url,
title, text, html, date, source, authors) to the file's. Known metadata travels as
RawItem.hints, which extraction prefers over guessing. A bad line is one
ReadProblem; the rest of the file still reads: a line too deeply nested for the
parser, or longer than `line_limit` (read in bounded pieces and skipped, never held
whole), is one problem too. A gzipped file inflating past INFLATE_RATIO times its
size (floor MIN_INFLATE_BUDGET) is stopped with a problem: a decompression bomb.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, Literal

from counterpoint.read import ReadOptions
from counterpoint.records import RawItem, ReadProblem

SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
MediaType = Literal["html", "text"]
HINT_FIELDS = ("title", "date", "source", "authors", "url")
INFLATE_RATIO = 100
MIN_INFLATE_BUDGET = 256 * 1024 * 1024
SKIP_CHUNK = 1024 * 1024


def line_limit(options: ReadOptions) -> int:
    """Longest line read: an article at the size limit, JSON-escaped, plus its metadata."""
    return 2 * options.max_bytes + 1024 * 1024


def accepts(spec: str, options: ReadOptions) -> bool:
    """A local file named *.jsonl / *.ndjson (optionally gzipped)."""
    return spec.lower().endswith(SUFFIXES) and Path(spec).is_file()


def _open(path: Path) -> IO[bytes]:
    if path.suffix == ".gz":
        return gzip.GzipFile(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def _hint(value: Any) -> str | None:
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def item_from_record(
    record: dict[str, Any], origin: str, options: ReadOptions
) -> RawItem | ReadProblem:
    """One JSON object -> RawItem (html preferred over text), or why not."""
    fields = options.jsonl_fields
    html, text = record.get(fields.get("html", "html")), record.get(fields.get("text", "text"))
    media_type: MediaType
    if isinstance(html, str) and html.strip():
        data, media_type = html.encode("utf-8"), "html"
    elif isinstance(text, str) and text.strip():
        data, media_type = text.encode("utf-8"), "text"
    else:
        wanted = f"{fields.get('text', 'text')!r} or {fields.get('html', 'html')!r}"
        return ReadProblem(origin=origin, reason=f"line has no {wanted} field with content")
    if len(data) > options.max_bytes:
        return ReadProblem(origin=origin, reason=f"article larger than {options.max_bytes} bytes")
    hints = {
        name: value
        for name in HINT_FIELDS
        if (value := _hint(record.get(fields.get(name, name)))) is not None
    }
    return RawItem(
        origin=origin, data=data, media_type=media_type, url=hints.get("url"), hints=hints
    )


def read(spec: str, options: ReadOptions) -> Iterator[RawItem | ReadProblem]:
    """Yield one item (or problem) per non-empty line."""
    path = Path(spec)
    limit = line_limit(options)
    budget = max(MIN_INFLATE_BUDGET, INFLATE_RATIO * path.stat().st_size)
    inflated = 0
    number = 0
    try:
        with _open(path) as handle:
            while raw := handle.readline(limit + 1):
                number += 1
                inflated += len(raw)
                origin = f"{spec}#L{number}"
                too_long = len(raw) > limit and not raw.endswith(b"\n")
                while too_long and raw and not raw.endswith(b"\n") and inflated <= budget:
                    raw = handle.readline(SKIP_CHUNK)  # drop the rest of the line
                    inflated += len(raw)
                if inflated > budget:
                    reason = (
                        f"refused: the file inflates past {budget // (1024 * 1024)} MB "
                        f"({INFLATE_RATIO}x its size; a decompression bomb?); "
                        f"stopped at line {number}"
                    )
                    yield ReadProblem(origin=spec, reason=reason)
                    return
                if too_long:
                    reason = f"line longer than {limit} bytes (the line limit); skipped"
                    yield ReadProblem(origin=origin, reason=reason)
                elif raw.strip():
                    yield _line_item(raw, origin, options)
    except (OSError, EOFError, zlib.error) as exc:
        reason = f"could not read JSONL after line {number} (file damaged or cut short): {exc}"
        yield ReadProblem(origin=spec, reason=reason)


def _line_item(raw: bytes, origin: str, options: ReadOptions) -> RawItem | ReadProblem:
    try:
        record = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return ReadProblem(origin=origin, reason=f"not valid JSON: {exc}")
    except RecursionError:
        return ReadProblem(origin=origin, reason="JSON nested too deeply to read; skipped")
    if not isinstance(record, dict):
        return ReadProblem(origin=origin, reason="line is JSON but not an object")
    return item_from_record(record, origin, options)
