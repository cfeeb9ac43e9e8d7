"""JSONL and WARC readers on files written here: fields mapping, bad lines, truncation."""

from __future__ import annotations

import gzip
import io
import json

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from counterpoint.read import ReadOptions, read_inputs
from counterpoint.records import RawItem, ReadProblem


def test_jsonl_maps_fields_and_reports_bad_lines(tmp_path):
    path = tmp_path / "dump.jsonl.gz"
    rows = [
        json.dumps(
            {
                "headline": "Bridge approved",
                "body": "The council approved it.",
                "outlet": "Gazette",
                "when": "2021-03-02",
                "byline": ["A. Writer"],
            }
        ),
        "",
        "[1, 2]",
        "{broken",
        json.dumps({"headline": "Empty", "body": ""}),
        json.dumps({"page": "<html><body>Hi</body></html>", "link": "https://e.org/a"}),
    ]
    path.write_bytes(gzip.compress("\n".join(rows).encode()))
    options = ReadOptions(
        jsonl_fields={
            "title": "headline",
            "text": "body",
            "html": "page",
            "source": "outlet",
            "date": "when",
            "authors": "byline",
            "url": "link",
        }
    )
    first, not_object, broken, empty, html = list(read_inputs([str(path)], options))
    assert isinstance(first, RawItem) and first.media_type == "text"
    assert first.hints == {
        "title": "Bridge approved",
        "date": "2021-03-02",
        "source": "Gazette",
        "authors": "A. Writer",
    }
    assert first.origin.endswith("#L1")
    assert isinstance(not_object, ReadProblem) and "not an object" in not_object.reason
    assert isinstance(broken, ReadProblem) and "not valid JSON" in broken.reason
    assert isinstance(empty, ReadProblem) and "'body'" in empty.reason
    assert isinstance(html, RawItem) and html.media_type == "html"
    assert html.url == "https://e.org/a"


def _warc(records: int, gzip_it: bool) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip_it)
    for index in range(records):
        body = f"<html><body><p>Story {index} " + "word " * 300 + "</p></body></html>"
        for kind, status in (
            ("text/html; charset=utf-8", "200 OK"),
            ("image/jpeg", "200 OK"),
            ("text/html", "404 Not Found"),
        ):
            headers = StatusAndHeaders(status, [("Content-Type", kind)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    f"https://news.example/{index}/{kind[:4]}",
                    "response",
                    payload=io.BytesIO(body.encode()),
                    http_headers=headers,
                )
            )
    return buffer.getvalue()


def test_warc_yields_html_responses_only(tmp_path):
    for gzip_it, name in ((True, "a.warc.gz"), (False, "a.warc")):
        path = tmp_path / name
        path.write_bytes(_warc(3, gzip_it))
        found = list(read_inputs([str(path)], ReadOptions()))
        assert all(isinstance(x, RawItem) for x in found)
        assert [x.url for x in found] == [f"https://news.example/{i}/text" for i in range(3)]
        assert b"Story 2" in found[2].data


def test_truncated_warc_yields_what_it_can_and_one_problem(tmp_path):
    for gzip_it, name in ((True, "cut.warc.gz"), (False, "cut.warc")):
        data = _warc(4, gzip_it)
        path = tmp_path / name
        path.write_bytes(data[: int(len(data) * 0.8)])
        found = list(read_inputs([str(path)], ReadOptions()))
        items = [x for x in found if isinstance(x, RawItem)]
        problems = [x for x in found if isinstance(x, ReadProblem)]
        assert len(items) == 3
        assert len(problems) == 1 and "truncated" in problems[0].reason
