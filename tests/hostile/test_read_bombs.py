"""Decompression bombs and damaged archives: bounded memory and time, one clear line.

Each bomb inflates to far more than the 500 MB a single input may cost; the reader
must stop it early with a problem and keep every good record before it.
"""

from __future__ import annotations

import gzip
import json

import pytest

from .harness import PEAK_RSS_LIMIT_MB, gzip_member, html_response, run_read, warc_record

GIB = 1024 * 1024 * 1024


def good_warc_member(text: str = "The council approved the bridge on Monday.") -> bytes:
    return gzip.compress(warc_record("response", "http://example.org/a", html_response(text)))


def assert_bounded(outcome, deadline: float = 60.0) -> None:
    assert not outcome.killed, f"ran past its deadline ({outcome.seconds:.0f}s)"
    assert outcome.seconds < deadline
    assert outcome.peak_mb < PEAK_RSS_LIMIT_MB, f"peak {outcome.peak_mb:.0f} MB"
    assert "Traceback" not in outcome.stderr, outcome.stderr[-2000:]


def test_warc_header_line_bomb(tmp_path):
    """A WARC header line inflating to 3 GiB: refused at the header-line limit."""
    bomb = gzip_member(
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.org/", b"a", 3 * GIB
    )
    path = tmp_path / "bomb.warc.gz"
    path.write_bytes(good_warc_member() + bomb)
    outcome = run_read(str(path))
    assert_bounded(outcome)
    assert outcome.stdout.count("ITEM") == 1
    assert "PROBLEM" in outcome.stdout and "header line is longer than" in outcome.stdout


def test_warc_http_header_bomb(tmp_path):
    """An HTTP header inflating to 2 GiB inside a record: refused, not accepted."""
    prefix = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.org/b\r\n"
        + f"Content-Length: {2 * GIB + 100}\r\n\r\n".encode()
        + b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Pad: "
    )
    path = tmp_path / "http.warc.gz"
    path.write_bytes(good_warc_member() + gzip_member(prefix, b"a", 2 * GIB))
    outcome = run_read(str(path))
    assert_bounded(outcome)
    assert outcome.stdout.count("ITEM") == 1
    assert "header line is longer than" in outcome.stdout


def test_warc_many_header_lines_bomb(tmp_path):
    """Millions of short HTTP header lines: the record's header total is bounded."""
    prefix = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.org/c\r\n"
        + f"Content-Length: {GIB}\r\n\r\n".encode()
        + b"HTTP/1.1 200 OK\r\n"
    )
    path = tmp_path / "lines.warc.gz"
    path.write_bytes(gzip_member(prefix, b"X-A: b\r\n", GIB))
    outcome = run_read(str(path))
    assert_bounded(outcome)
    assert "headers are longer than" in outcome.stdout


def test_warc_body_bomb_is_bounded_in_time(tmp_path):
    """A non-HTML record whose body inflates to 4 GiB: the inflation budget stops it."""
    prefix = (
        b"WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: http://example.org/d\r\n"
        + f"Content-Length: {4 * GIB}\r\n\r\n".encode()
    )
    path = tmp_path / "body.warc.gz"
    path.write_bytes(good_warc_member() + gzip_member(prefix, b"\0", 4 * GIB))
    outcome = run_read(str(path), deadline=60)
    assert_bounded(outcome, deadline=60)
    assert outcome.stdout.count("ITEM") == 1
    assert "decompression bomb" in outcome.stdout


def test_jsonl_gz_long_line_bomb(tmp_path):
    """A 1 GiB line in a 1 MB .jsonl.gz: skipped in bounded pieces, later lines kept."""
    good = json.dumps({"text": "The council approved the bridge."}).encode() + b"\n"
    path = tmp_path / "dump.jsonl.gz"
    path.write_bytes(
        gzip.compress(good) + gzip_member(b'{"text": "', b"a", GIB, b'"}\n') + gzip.compress(good)
    )
    outcome = run_read(str(path))
    assert_bounded(outcome)
    assert outcome.stdout.count("ITEM") >= 1
    assert "PROBLEM" in outcome.stdout
    assert "line limit" in outcome.stdout or "decompression bomb" in outcome.stdout


def test_jsonl_long_line_then_good_lines_kept(tmp_path):
    """A line just over the line limit is skipped and the next line still reads."""
    from counterpoint.read import ReadOptions, read_inputs
    from counterpoint.records import RawItem, ReadProblem

    options = ReadOptions(max_bytes=1000)
    good = json.dumps({"text": "The council approved the bridge."})
    path = tmp_path / "dump.jsonl"
    path.write_text(good + "\n" + json.dumps({"text": "a" * 5_000_000}) + "\n" + good + "\n")
    first, long, last = list(read_inputs([str(path)], options))
    assert isinstance(first, RawItem) and isinstance(last, RawItem)
    assert isinstance(long, ReadProblem) and "line limit" in long.reason
    assert last.origin.endswith("#L3")


def test_jsonl_deeply_nested_line_keeps_later_lines(tmp_path):
    """One line nested 100,000 deep ('maximum recursion depth') is one problem only."""
    from counterpoint.read import ReadOptions, read_inputs
    from counterpoint.records import RawItem, ReadProblem

    good = json.dumps({"text": "The council approved the bridge."})
    path = tmp_path / "deep.jsonl"
    path.write_text(good + "\n" + "[" * 100_000 + "]" * 100_000 + "\n" + good + "\n")
    entries = list(read_inputs([str(path)], ReadOptions()))
    assert [type(e) for e in entries] == [RawItem, ReadProblem, RawItem]
    assert "nested too deeply" in entries[1].reason


@pytest.mark.parametrize(
    "content, words",
    [
        (b"", "empty archive"),
        (b"\x1f\x8b\x08\x00garbage-not-deflate" * 10, "damaged"),
        (gzip.compress(b""), "no WARC record"),
        (gzip.compress(b"this is not a WARC file at all\r\n\r\n"), "no HTML article"),
    ],
    ids=["empty", "corrupt-gzip", "empty-gzip", "not-warc"],
)
def test_corrupt_or_empty_warc_gz_is_a_problem(tmp_path, content, words):
    """A corrupt or empty .warc.gz gets a line (a counted problem), never silence."""
    from counterpoint.read import ReadOptions, read_inputs
    from counterpoint.records import ReadProblem

    path = tmp_path / "broken.warc.gz"
    path.write_bytes(content)
    entries = list(read_inputs([str(path)], ReadOptions()))
    assert len(entries) == 1 and isinstance(entries[0], ReadProblem), entries
    assert words in entries[0].reason


def test_damaged_gzip_mid_file_keeps_earlier_lines_and_says_where(tmp_path):
    """Flipped bytes inside a .jsonl.gz: lines before are kept, one problem says where."""
    from counterpoint.read import ReadOptions, read_inputs
    from counterpoint.records import RawItem, ReadProblem

    lines = b"".join(
        json.dumps({"text": f"The council approved bridge number {i}."}).encode() + b"\n"
        for i in range(5000)
    )
    packed = gzip.compress(lines)
    middle = len(packed) // 2
    damaged = packed[:middle] + bytes(b ^ 0xFF for b in packed[middle : middle + 64])
    path = tmp_path / "damaged.jsonl.gz"
    path.write_bytes(damaged + packed[middle + 64 :])
    entries = list(read_inputs([str(path)], ReadOptions()))
    problems = [e for e in entries if isinstance(e, ReadProblem)]
    assert problems and "damaged or cut short" in problems[-1].reason  # zlib or CRC error
    assert isinstance(entries[0], RawItem)


def test_damaged_warc_gz_problem_is_one_printable_line(tmp_path):
    from counterpoint.read import ReadOptions, read_inputs
    from counterpoint.records import ReadProblem

    whole = good_warc_member() * 3
    middle = len(whole) // 2
    damaged = whole[:middle] + bytes(b ^ 0xFF for b in whole[middle : middle + 30])
    path = tmp_path / "damaged.warc.gz"
    path.write_bytes(damaged + whole[middle + 30 :])
    problems = [e for e in read_inputs([str(path)], ReadOptions()) if isinstance(e, ReadProblem)]
    assert len(problems) == 1
    assert problems[0].reason.isprintable() and len(problems[0].reason) < 300


def test_damage_anywhere_in_a_warc_gz_is_one_problem_and_no_stray_output(tmp_path, capfd):
    """Eight bytes flipped at every position of a three-record archive: always exactly
    one problem, never a traceback and never warcio's own warnings on stderr."""
    from counterpoint.read import ReadOptions, read_inputs
    from counterpoint.records import ReadProblem

    whole = good_warc_member() * 3
    path = tmp_path / "flipped.warc.gz"
    for offset in range(20, len(whole), 11):
        flipped = bytes(b ^ 0x55 for b in whole[offset : offset + 8])
        path.write_bytes(whole[:offset] + flipped + whole[offset + 8 :])
        entries = list(read_inputs([str(path)], ReadOptions()))
        problems = [e for e in entries if isinstance(e, ReadProblem)]
        assert len(problems) == 1, (offset, problems)
    assert capfd.readouterr().err == ""
