"""WARC / WARC.gz reader (Common Crawl News style archives).

Every `response` record whose HTTP payload is HTML becomes an item, with the
record's target URI as its URL. Archives are often cut short by an interrupted
download: a truncated file yields every complete record before the break plus
one ReadProblem saying where it broke.

Archives come from strangers, so reading is bounded: a header line (WARC or HTTP)
longer than MAX_HEADER_LINE, a record's headers longer than MAX_HEADER_BYTES in
all, or an archive that inflates past INFLATE_RATIO times its size (with a floor of
MIN_INFLATE_BUDGET) stop the archive with one problem, before the memory or time
go. An empty or unreadable archive is a problem too, never silence.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader
from warcio.exceptions import ArchiveLoadFailed

from counterpoint.read import ReadOptions
from counterpoint.records import RawItem, ReadProblem

SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")
MAX_HEADER_LINE = 64 * 1024  # one WARC or HTTP header line
MAX_HEADER_BYTES = 1024 * 1024  # all header lines of one record
INFLATE_RATIO = 100  # a compressed archive may inflate to this many times its size
MIN_INFLATE_BUDGET = 256 * 1024 * 1024


class ArchiveTooLarge(ValueError):
    """The archive asks for more than the reader will inflate or hold (a bomb)."""


class BoundedReader(DecompressingBufferedReader):
    """warcio's reader with bounded header lines and a total inflation budget.

    warcio reads header lines with `readline()` and bodies with `read()`, so the run
    of bytes read by consecutive `readline` calls is one record's headers.
    """

    def __init__(self, stream: Any, budget: int, **kwargs: Any) -> None:
        super().__init__(stream, **kwargs)
        self.budget = budget
        self.inflated = 0
        self.header_run = 0
        self.damage: list[str] = []

    def _process_read(self, data: bytes) -> None:
        super()._process_read(data)
        if self.decompressor is not None and self.buff is not None:
            self.inflated += self.buff_size
            if self.inflated > self.budget:
                raise ArchiveTooLarge(
                    f"refused: the archive inflates past {self.budget // (1024 * 1024)} MB "
                    f"({INFLATE_RATIO}x its size; a decompression bomb?)"
                )

    def _decompress(self, data: bytes) -> bytes:
        """warcio's, except that damage inside a gzip member is counted, not printed to
        stderr (the reader reports it as one problem)."""
        if self.decompressor is None or not data or self.num_block_read == 0:
            result: bytes = super()._decompress(data)
            return result
        try:
            inflated: bytes = self.decompressor.decompress(data)
        except zlib.error as exc:
            self.damage.append(str(exc))
            return b""
        return inflated

    def read(self, length: int | None = None) -> bytes:
        self.header_run = 0
        data: bytes = super().read(length)
        return data

    def readline(self, length: int | None = None) -> bytes:
        cap = MAX_HEADER_LINE if not length or length > MAX_HEADER_LINE else length
        line: bytes = super().readline(cap)
        if len(line) >= MAX_HEADER_LINE and not line.endswith(b"\n"):
            raise ArchiveTooLarge(f"refused: a header line is longer than {MAX_HEADER_LINE} bytes")
        self.header_run += len(line)
        if self.header_run > MAX_HEADER_BYTES:
            raise ArchiveTooLarge(
                f"refused: a record's headers are longer than {MAX_HEADER_BYTES} bytes"
            )
        return line


def accepts(spec: str, options: ReadOptions) -> bool:
    """A local *.warc or *.warc.gz file."""
    return spec.lower().endswith(SUFFIXES) and Path(spec).is_file()


def _truncated(record: object) -> bool:
    """True when a record's body ended before its declared Content-Length."""
    stream = getattr(record, "raw_stream", None)
    return bool(getattr(stream, "limit", 0))


def read(spec: str, options: ReadOptions) -> Iterator[RawItem | ReadProblem]:
    """Yield the HTML responses of an archive; one problem if it is cut short."""
    count, end, records_seen = 0, 0, 0
    size = Path(spec).stat().st_size
    if size == 0:
        yield ReadProblem(origin=spec, reason="empty archive (0 bytes)")
        return
    with Path(spec).open("rb") as handle:
        records = ArchiveIterator(handle)
        reader = BoundedReader(
            records.fh, budget=max(MIN_INFLATE_BUDGET, INFLATE_RATIO * size), block_size=16384
        )
        records.reader = reader
        records.INC_RECORD = ""  # warcio prints a warning per bad Content-Length; we count them
        try:
            for record in records:
                records_seen += 1
                item = _item(record, spec, count, options)
                records.read_to_end(record)
                if _truncated(record):
                    raise EOFError("last record is incomplete")
                end = records.get_record_offset() + records.get_record_length()
                if item is not None:
                    count += 1
                    yield item
            if not records_seen:
                raise EOFError("no WARC record in it")
            if size - end > 8:  # a cut gzip member is dropped silently by warcio
                raise EOFError(f"{size - end} bytes after the last complete record")
            if reader.damage or records.err_count:
                where = [f"{len(reader.damage)} damaged compressed blocks"] * bool(reader.damage)
                where += [f"{records.err_count} records with a wrong length"] * bool(
                    records.err_count
                )
                yield ReadProblem(
                    origin=spec,
                    reason=f"archive damaged ({', '.join(where)}); {count} articles read "
                    "around the damage",
                )
            elif not count:
                yield ReadProblem(
                    origin=spec,
                    reason=f"no HTML article in the archive ({records_seen} records, "
                    "none an HTML 200 response)",
                )
        except ArchiveTooLarge as exc:
            yield ReadProblem(origin=spec, reason=f"{exc}; stopped after {count} articles")
        except (ArchiveLoadFailed, EOFError, OSError, ValueError, zlib.error) as exc:
            yield ReadProblem(
                origin=spec,
                reason=f"archive truncated or damaged after {count} articles: {_printable(exc)}",
            )


def _printable(exc: Exception, limit: int = 200) -> str:
    """An error message fit for one terminal line (warcio quotes raw bytes it choked on)."""
    text = "".join(c if c.isprintable() else "?" for c in str(exc))
    return text if len(text) <= limit else text[:limit] + "..."


def _item(
    record: object, spec: str, index: int, options: ReadOptions
) -> RawItem | ReadProblem | None:
    """An HTML 200 response record as an item; None for every other record."""
    rec_type = getattr(record, "rec_type", None)
    http = getattr(record, "http_headers", None)
    if rec_type != "response" or http is None or http.get_statuscode() != "200":
        return None
    kind = (http.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if kind not in HTML_TYPES:
        return None
    headers = record.rec_headers  # type: ignore[attr-defined]
    uri = headers.get_header("WARC-Target-URI")
    record_id = headers.get_header("WARC-Record-ID") or str(index)
    origin = f"{spec}#{record_id.strip('<>')}"
    data = record.content_stream().read(options.max_bytes + 1)  # type: ignore[attr-defined]
    if len(data) > options.max_bytes:
        return ReadProblem(origin=origin, reason=f"record larger than {options.max_bytes} bytes")
    return RawItem(
        origin=origin, data=data, media_type="html", url=uri, hints={"url": uri} if uri else {}
    )
