"""URL and feed readers against a local HTTP server on 127.0.0.1 (no outside traffic)."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from counterpoint.read import ReadOptions, read_inputs
from counterpoint.read import urls as url_reader
from counterpoint.records import RawItem, ReadProblem

ARTICLE = (
    b"<html><head><title>Port strike</title></head><body><article><p>"
    + b"Dock workers walked out at the port on Monday. " * 20
    + b"</p></article></body></html>"
)
FULL_TEXT = "<p>" + "The council approved the new bridge after a long debate. " * 20 + "</p>"


def _feed(base: str) -> bytes:
    return f"""<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Local Gazette</title><link>{base}/</link><description>news</description>
<item><title>Bridge approved</title><link>{base}/bridge</link>
<pubDate>Tue, 02 Mar 2021 10:00:00 GMT</pubDate>
<content:encoded><![CDATA[{FULL_TEXT}]]></content:encoded></item>
<item><title>Port strike</title><link>{base}/article.html</link>
<description>Short teaser.</description><pubDate>Mon, 01 Mar 2021 09:00:00 GMT</pubDate></item>
<item><title>Secret</title><link>{base}/private/page.html</link><description>x</description></item>
</channel></rss>""".encode()


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        routes = {
            "/robots.txt": (b"User-agent: *\nDisallow: /private/\n", "text/plain"),
            "/article.html": (ARTICLE, "text/html; charset=utf-8"),
            "/private/page.html": (ARTICLE, "text/html"),
            "/big.html": (b"<html>" + b"x" * 5000 + b"</html>", "text/html"),
            "/image.png": (b"\x89PNG....", "image/png"),
            "/feed.xml": (_feed(base), "application/rss+xml"),
        }
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/article.html")
            self.end_headers()
            return
        if self.path not in routes:
            self.send_error(404)
            return
        body, kind = routes[self.path]
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def _options(**kwargs) -> ReadOptions:
    return ReadOptions(allow_private_urls=True, url_timeout=5, **kwargs)


def _read(spec: str, options: ReadOptions) -> list[RawItem | ReadProblem]:
    return list(read_inputs([spec], options))


def test_fetches_a_page_following_redirects(server):
    [item] = _read(server + "/redirect", _options())
    assert isinstance(item, RawItem)
    assert item.media_type == "html"
    assert item.url == server + "/article.html"
    assert b"Dock workers" in item.data


def test_refuses_loopback_unless_allowed(server):
    [problem] = _read(server + "/article.html", ReadOptions())
    assert isinstance(problem, ReadProblem)
    assert "private or local" in problem.reason


def test_respects_robots_size_cap_and_media_type(server):
    url_reader._robots.cache_clear()
    [robots] = _read(server + "/private/page.html", _options())
    assert isinstance(robots, ReadProblem) and "robots.txt" in robots.reason
    [big] = _read(server + "/big.html", _options(max_bytes=1000))
    assert isinstance(big, ReadProblem) and "larger than" in big.reason
    [image] = _read(server + "/image.png", _options())
    assert isinstance(image, ReadProblem) and "image/png" in image.reason
    [missing] = _read(server + "/nothing", _options())
    assert isinstance(missing, ReadProblem) and "404" in missing.reason


def test_feed_url_uses_full_text_or_fetches_the_link(server):
    bridge, strike, secret = _read(server + "/feed.xml", _options())
    assert isinstance(bridge, RawItem)
    assert b"bridge" in bridge.data and bridge.hints["title"] == "Bridge approved"
    assert bridge.hints["source"] == "Local Gazette" and bridge.hints["date"] == "2021-03-02"
    assert isinstance(strike, RawItem)
    assert b"Dock workers" in strike.data and strike.hints["date"] == "2021-03-01"
    assert isinstance(secret, ReadProblem) and "robots.txt" in secret.reason


def test_feed_file_on_disk(server, tmp_path):
    path = tmp_path / "gazette.rss"
    path.write_bytes(_feed(server))
    found = _read(str(path), _options())
    assert [type(x).__name__ for x in found] == ["RawItem", "RawItem", "ReadProblem"]
    assert found[0].origin == server + "/bridge"
