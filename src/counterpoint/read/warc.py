"""WARC / WARC.gz reader (Common Crawl News style archives).

Every `response` record whose HTTP payload is HTML becomes an item, with the
record's target URI as its URL. Archives are often cut short by an interrupted
download: a truncated file yields every complete record before the break plus
one ReadProblem saying where it broke.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from counterpoint.read import ReadOptions
from counterpoint.records import RawItem, ReadProblem

SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")


def claims(spec: str, options: ReadOptions) -> bool:
    """A local *.warc or *.warc.gz file."""
    return spec.lower().endswith(SUFFIXES) and Path(spec).is_file()


def _truncated(record: object) -> bool:
    """True when a record's body ended before its declared Content-Length."""
    stream = getattr(record, "raw_stream", None)
    return bool(getattr(stream, "limit", 0))


def read(spec: str, options: ReadOptions) -> Iterator[RawItem | ReadProblem]:
    """Yield the HTML responses of an archive; one problem if it is cut short."""
    count, end = 0, 0
    size = Path(spec).stat().st_size
    with Path(spec).open("rb") as handle:
        records = ArchiveIterator(handle)
        try:
            for record in records:
                item = _item(record, spec, count, options)
                records.read_to_end(record)
                if _truncated(record):
                    raise EOFError("last record is incomplete")
                end = records.get_record_offset() + records.get_record_length()
                if item is not None:
                    count += 1
                    yield item
            if size - end > 8:  # a cut gzip member is dropped silently by warcio
                raise EOFError(f"{size - end} bytes after the last complete record")
        except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
            yield ReadProblem(
                origin=spec,
                reason=f"archive truncated or damaged after {count} articles: {exc}",
            )


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
