"""More of the probe's hostile inputs, kept so they stay handled: feed entity attacks,
an HTTP body bomb, redirects into private space, special files, and the CLI's own
answer (one line per input, exit code, bounded time and memory) for a bomb."""

from __future__ import annotations

import gzip
import os
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from counterpoint.read import ReadOptions, read_inputs, urls
from counterpoint.records import RawItem, ReadProblem

from .harness import PEAK_RSS_LIMIT_MB, gzip_member, run_cli, run_read

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
 <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
]>
<rss version="2.0"><channel><title>Laughs</title>
<item><title>t</title><description>&g;</description></item></channel></rss>
"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/hostname">]>
<rss version="2.0"><channel><title>XXE</title>
<item><title>t</title><link>http://example.org/a</link>
<description>&secret; and more text</description></item></channel></rss>
"""


def test_feed_billion_laughs_is_bounded(tmp_path):
    path = tmp_path / "laughs.rss"
    path.write_bytes(BILLION_LAUGHS)
    outcome = run_read(str(path), deadline=60)
    assert not outcome.killed and outcome.peak_mb < PEAK_RSS_LIMIT_MB
    assert "Traceback" not in outcome.stderr
    assert "a" * 10_000 not in outcome.stdout


def test_feed_external_entity_is_not_read(tmp_path):
    hostname = Path("/etc/hostname")
    secret = hostname.read_text().strip() if hostname.exists() else ""
    path = tmp_path / "xxe.rss"
    path.write_bytes(XXE)
    for entry in read_inputs([str(path)], ReadOptions()):
        if isinstance(entry, RawItem) and secret:
            assert secret.encode() not in entry.data


class _Handler(BaseHTTPRequestHandler):
    bomb = gzip_member(b"<html><body><p>", b"a", 1024 * 1024 * 1024, b"</p></body></html>")

    def do_GET(self) -> None:
        if self.path == "/robots.txt":
            self.send_response(404)
            self.end_headers()
            return
        if self.path == "/bomb":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(self.bomb)))
            self.end_headers()
            self.wfile.write(self.bomb)
            return
        if self.path == "/to-private":
            self.send_response(302)
            self.send_header("Location", "http://metadata.example/latest/meta-data")
            self.end_headers()
            return
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[int]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd.server_address[1]
    httpd.shutdown()


def test_gzip_content_encoding_bomb_is_cut_at_max_bytes(server):
    """A 1 MB gzip body inflating to 1 GiB: refused at max_bytes while streaming."""
    code = (
        "import sys\n"
        "from counterpoint.read import ReadOptions, read_inputs\n"
        "for e in read_inputs([sys.argv[1]], ReadOptions(allow_private_urls=True)):\n"
        "    print(type(e).__name__, getattr(e, 'reason', ''))\n"
    )
    from .harness import run_bounded

    outcome = run_bounded(
        [__import__("sys").executable, "-c", code, f"http://127.0.0.1:{server}/bomb"],
        deadline=60,
    )
    assert not outcome.killed and outcome.peak_mb < PEAK_RSS_LIMIT_MB, outcome.peak_mb
    assert "ReadProblem larger than" in outcome.stdout, outcome.stdout + outcome.stderr[-500:]


def test_redirect_into_private_space_is_refused(monkeypatch, server):
    """A public-looking page redirecting to a name that resolves to 169.254.169.254."""
    real = socket.getaddrinfo

    def resolver(host, port, *args, **kwargs):
        answers = {"news.example": "127.0.0.1", "metadata.example": "169.254.169.254"}
        if host in answers:
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (answers[host], port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    monkeypatch.setattr(
        urls, "address_problem", lambda a: None if str(a) == "127.0.0.1" else "link-local"
    )
    urls._robots.cache_clear()
    [entry] = list(read_inputs([f"http://news.example:{server}/to-private"], ReadOptions()))
    assert isinstance(entry, ReadProblem) and "refused" in entry.reason


@pytest.mark.parametrize("spec", ["/dev/zero", "/dev/urandom", "/proc/self/environ"])
def test_special_files_are_refused_quickly(spec):
    if not os.path.exists(spec):
        pytest.skip(f"{spec} not here")
    outcome = run_read(spec, deadline=30)
    assert not outcome.killed and outcome.peak_mb < PEAK_RSS_LIMIT_MB
    assert "PROBLEM" in outcome.stdout or "ITEM" in outcome.stdout
    assert "Traceback" not in outcome.stderr


def test_fifo_in_a_folder_does_not_block(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "a.txt").write_text("The council approved the new bridge on Monday.\n")
    outcome = run_read(str(tmp_path), deadline=30)
    assert not outcome.killed
    assert "not a regular file" in outcome.stdout and "ITEM" in outcome.stdout


@pytest.mark.slow
@pytest.mark.parametrize("command", ["compare", "ingest"])
def test_cli_on_a_bomb_is_one_line_bounded(tmp_path, command):
    """The CLI itself: one 'skipped ...' line for the bomb, no traceback, in bounded
    time; nothing usable is exit code 1 for compare (and ingest, see RELIABILITY-B)."""
    bomb = tmp_path / "bomb.warc.gz"
    bomb.write_bytes(
        gzip_member(b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://e.org/", b"a",
                    3 * 1024**3)
    )  # fmt: skip
    args = [command, str(bomb)] + (["--db", str(tmp_path / "s.db")] if command == "ingest" else [])
    outcome = run_cli(*args, deadline=120)
    assert not outcome.killed
    assert "Traceback" not in outcome.stderr
    lines = [line for line in outcome.stderr.splitlines() if line.startswith("skipped")]
    assert len(lines) == 1 and "header line is longer than" in lines[0]
    if command == "compare":
        assert outcome.returncode == 1
    # the models are never loaded for a refused input (test_refused_early.py)
    assert outcome.peak_mb < PEAK_RSS_LIMIT_MB, f"peak {outcome.peak_mb:.0f} MB"


def test_gzip_text_file_is_named_not_read(tmp_path):
    path = tmp_path / "story.txt"
    path.write_bytes(gzip.compress(b"The council approved the bridge." * 1000))
    [entry] = list(read_inputs([str(path)], ReadOptions()))
    assert isinstance(entry, ReadProblem) and "gzip" in entry.reason
