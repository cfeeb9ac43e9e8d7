"""The URL guard: special-purpose ranges refused, DNS rebinding pinned, every fetch
bounded by an overall deadline. Servers listen on 127.0.0.1 / 127.0.0.2 only."""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from counterpoint.read import ReadOptions, urls

# One address in each special-purpose range (IANA IPv4 and IPv6 registries), plus the
# IPv6 forms that carry a denied IPv4 address.
DENIED = [
    ("0.1.2.3", "this network"),
    ("10.1.2.3", "private 10/8"),
    ("100.64.0.1", "shared 100.64/10"),
    ("100.100.100.200", "cloud metadata in 100.64/10"),
    ("100.127.255.254", "shared 100.64/10, top"),
    ("127.0.0.1", "loopback"),
    ("127.255.0.9", "loopback /8"),
    ("169.254.169.254", "link-local metadata"),
    ("172.16.0.1", "private 172.16/12"),
    ("172.31.255.1", "private 172.16/12, top"),
    ("192.0.0.8", "IETF protocol assignments"),
    ("192.0.2.1", "TEST-NET-1"),
    ("192.31.196.1", "AS112"),
    ("192.52.193.1", "AMT"),
    ("192.88.99.1", "6to4 relay anycast"),
    ("192.168.1.1", "private 192.168/16"),
    ("192.175.48.1", "AS112 direct delegation"),
    ("198.18.0.1", "benchmarking"),
    ("198.19.255.1", "benchmarking, top"),
    ("198.51.100.1", "TEST-NET-2"),
    ("203.0.113.1", "TEST-NET-3"),
    ("224.0.0.1", "multicast"),
    ("239.255.255.250", "multicast SSDP"),
    ("240.0.0.1", "reserved"),
    ("255.255.255.255", "broadcast"),
    ("::", "unspecified v6"),
    ("::1", "loopback v6"),
    ("::ffff:127.0.0.1", "IPv4-mapped loopback"),
    ("::ffff:169.254.169.254", "IPv4-mapped metadata"),
    ("::169.254.169.254", "IPv4-compatible metadata"),
    ("::ffff:0:a9fe:a9fe", "IPv4-translated metadata"),
    ("64:ff9b::a9fe:a9fe", "NAT64 of metadata"),
    ("64:ff9b::7f00:1", "NAT64 of loopback"),
    ("64:ff9b:1::1", "local-use NAT64"),
    ("2002:a9fe:a9fe::1", "6to4 of metadata"),
    ("2002:7f00:1::1", "6to4 of loopback"),
    ("2002:6464:64c8::1", "6to4 of 100.100.100.200"),
    ("2002:c0a8:101::1", "6to4 of 192.168.1.1"),
    ("2001:0:4136:e378:8000:63bf:3fff:fdd2", "Teredo"),
    ("2001:db8::1", "documentation v6"),
    ("3fff::1", "documentation v6 (3fff::/20)"),
    ("100::1", "discard-only"),
    ("2001:10::1", "ORCHID"),
    ("5f00::1", "SRv6"),
    ("fc00::1", "unique local"),
    ("fd12:3456::1", "unique local fd"),
    ("fe80::1", "link-local v6"),
    ("fec0::1", "site-local v6"),
    ("ff02::1", "multicast v6"),
]
ALLOWED = [
    "93.184.216.34",
    "8.8.8.8",
    "100.128.0.1",  # just past 100.64.0.0/10
    "172.32.0.1",  # just past 172.16.0.0/12
    "2606:2800:220:1:248:1893:25c8:1946",
    "2002:5db8:d822::1",  # 6to4 of a public address
    "64:ff9b::5db8:d822",  # NAT64 of a public address
]


def fake_resolver(monkeypatch, answers: dict[str, list[str]]) -> list[str]:
    """Resolve the names in `answers`; anything else goes to the real resolver."""
    real = socket.getaddrinfo
    asked: list[str] = []

    def getaddrinfo(host, port, *args, **kwargs):
        if host in answers:
            asked.append(host)
            family = lambda a: socket.AF_INET6 if ":" in a else socket.AF_INET  # noqa: E731
            return [(family(a), socket.SOCK_STREAM, 6, "", (a, port or 80)) for a in answers[host]]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return asked


@pytest.mark.parametrize("address, why", DENIED, ids=[a for a, _ in DENIED])
def test_special_purpose_address_is_refused(monkeypatch, address, why):
    fake_resolver(monkeypatch, {"news.example": [address]})
    with pytest.raises(urls.FetchError, match="private or local"):
        urls.check_address("http://news.example/a", ReadOptions())


@pytest.mark.parametrize("address", ALLOWED)
def test_public_address_passes(monkeypatch, address):
    fake_resolver(monkeypatch, {"news.example": [address]})
    assert urls.check_address("http://news.example/a", ReadOptions()) == [address]
    assert urls.address_problem(ipaddress.ip_address(address)) is None


def test_one_denied_address_among_many_refuses(monkeypatch):
    fake_resolver(monkeypatch, {"news.example": ["93.184.216.34", "100.100.100.200"]})
    with pytest.raises(urls.FetchError, match=r"100\.100\.100\.200"):
        urls.check_address("http://news.example/a", ReadOptions())


def test_ip_literal_urls_are_checked_too():
    for url in ("http://100.100.100.200/latest/meta-data", "http://[2002:a9fe:a9fe::1]/"):
        with pytest.raises(urls.FetchError, match="private or local"):
            urls.check_address(url, ReadOptions())


def _serve(
    address: str, port: int, body: bytes, hits: list[str], tls: Any = None
) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.headers.get("Host", ""))
            status = 404 if self.path == "/robots.txt" else 200
            self.send_response(status)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer((address, port), Handler)
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def two_servers() -> Iterator[tuple[int, list[str], list[str]]]:
    """A good server on 127.0.0.2 and an evil one on 127.0.0.1, same port."""
    good_hits: list[str] = []
    evil_hits: list[str] = []
    try:
        good = _serve("127.0.0.2", 0, b"<html><body><p>good page</p></body></html>", good_hits)
    except OSError:
        pytest.skip("127.0.0.2 is not a local address here")
    port = good.server_address[1]
    try:
        evil = _serve("127.0.0.1", port, b"<html><body><p>SECRET</p></body></html>", evil_hits)
    except OSError:
        good.shutdown()
        pytest.skip("could not bind 127.0.0.1 on the same port")
    yield port, good_hits, evil_hits
    good.shutdown()
    evil.shutdown()


def test_dns_rebinding_connects_to_the_checked_address(monkeypatch, two_servers):
    """The resolver answers 127.0.0.2 (allowed here) once, then 127.0.0.1 (denied):
    the fetch must connect where it checked, keeping the name in the Host header."""
    port, good_hits, evil_hits = two_servers
    calls: list[str] = []
    real = socket.getaddrinfo

    def rebinding(host, p, *args, **kwargs):
        if host != "news.example":
            return real(host, p, *args, **kwargs)
        calls.append(host)
        answer = "127.0.0.2" if len(calls) == 1 else "127.0.0.1"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (answer, p))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    monkeypatch.setattr(
        urls,
        "address_problem",
        lambda a: None if str(a) == "127.0.0.2" else "denied in this test",
    )
    urls._robots.cache_clear()
    options = ReadOptions(url_timeout=5, url_deadline=10)
    try:
        fetched = urls.fetch(f"http://news.example:{port}/a", options)
    except urls.FetchError:
        fetched = None
    assert evil_hits == [], "the fetch connected to the rebound address"
    assert fetched is not None and b"good page" in fetched.data
    assert good_hits and all(h == f"news.example:{port}" for h in good_hits)


def _drip_server(header_drip: bool, interval: float, count: int) -> tuple[socket.socket, int]:
    """Accepts connections and drips one byte every `interval` s (headers or body)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)

    def handle(conn: socket.socket) -> None:
        with conn:
            try:
                conn.recv(65536)
                head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Slow: "
                if header_drip:
                    conn.sendall(head[:20])
                    for _ in range(count):
                        time.sleep(interval)
                        conn.sendall(b"a")
                    conn.sendall(b"\r\nContent-Length: 2\r\n\r\nok")
                else:
                    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n")
                    conn.sendall(f"Content-Length: {count}\r\n\r\n".encode())
                    for _ in range(count):
                        time.sleep(interval)
                        conn.sendall(b"a")
            except OSError:
                pass

    def accept() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=handle, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    return listener, listener.getsockname()[1]


@pytest.mark.parametrize("header_drip", [False, True], ids=["body", "headers"])
def test_dripping_server_is_cut_off_by_the_deadline(header_drip):
    """A byte every 0.5 s never trips a 5 s read timeout; the 2 s deadline ends it."""
    listener, port = _drip_server(header_drip, interval=0.5, count=40)
    urls._robots.cache_clear()
    options = ReadOptions(allow_private_urls=True, url_timeout=5, url_deadline=2)
    started = time.monotonic()
    try:
        with pytest.raises(urls.FetchError, match="deadline"):
            urls.fetch(f"http://127.0.0.1:{port}/slow", options)
        assert time.monotonic() - started < 2 * 2 + 1.5  # robots and page, each 2 s at most
    finally:
        listener.close()


@pytest.mark.slow
def test_server_dripping_every_five_seconds_is_cut_off():
    """The probe's case: one byte every 5 s; the default deadline (60 s) ends it."""
    listener, port = _drip_server(False, interval=5, count=100)
    urls._robots.cache_clear()
    options = ReadOptions(allow_private_urls=True)
    started = time.monotonic()
    try:
        with pytest.raises(urls.FetchError, match="deadline"):
            urls.fetch(f"http://127.0.0.1:{port}/slow", options)
        assert time.monotonic() - started < options.url_deadline + 20 + 5
    finally:
        listener.close()


def _self_signed(tmp_path, name: str) -> tuple[str, str]:
    import shutil
    import subprocess

    if shutil.which("openssl") is None:
        pytest.skip("openssl not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", str(key), "-out", str(cert), "-subj", f"/CN={name}",
         "-addext", f"subjectAltName=DNS:{name}"],
        check=True, capture_output=True,
    )  # fmt: skip
    return str(cert), str(key)


def test_https_pinning_keeps_sni_and_verifies_the_name(monkeypatch, tmp_path):
    """HTTPS to a pinned address: TLS still names the host (SNI) and the certificate is
    verified against the name, not the IP; a certificate for another name fails."""
    import ssl

    cert, key = _self_signed(tmp_path, "news.example")
    seen_sni: list[str | None] = []
    hits: list[str] = []
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda sock, name, ctx: seen_sni.append(name)
    try:
        server = _serve("127.0.0.2", 0, b"<html><body><p>tls page</p></body></html>", hits, context)
    except OSError:
        pytest.skip("127.0.0.2 is not a local address here")
    port = server.server_address[1]
    fake_resolver(monkeypatch, {"news.example": ["127.0.0.2"], "other.example": ["127.0.0.2"]})
    monkeypatch.setattr(urls, "address_problem", lambda a: None)
    monkeypatch.setattr(urls.certifi, "where", lambda: cert)
    urls._robots.cache_clear()
    try:
        fetched = urls.fetch(f"https://news.example:{port}/a", ReadOptions(url_deadline=10))
        assert b"tls page" in fetched.data
        assert "news.example" in seen_sni
        with pytest.raises(urls.FetchError):
            urls.fetch(f"https://other.example:{port}/a", ReadOptions(url_deadline=10))
    finally:
        server.shutdown()


@pytest.mark.parametrize("variable", ["HTTP_PROXY", "http_proxy", "ALL_PROXY"])
def test_a_proxy_in_the_environment_is_not_used_and_a_failure_says_so(monkeypatch, variable):
    """Proxies are not honoured (a proxy would resolve and reach hosts past the address
    checks): the page is fetched directly, and when the host cannot be reached the line
    says the proxy variable is set but unused, so a user behind one knows what to do."""
    proxy_hits: list[str] = []
    page_hits: list[str] = []
    proxy = _serve("127.0.0.1", 0, b"<html><body><p>FROM PROXY</p></body></html>", proxy_hits)
    page = _serve("127.0.0.1", 0, b"<html><body><p>direct page</p></body></html>", page_hits)
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(variable, f"http://127.0.0.1:{proxy.server_address[1]}")
    urls._robots.cache_clear()
    options = ReadOptions(allow_private_urls=True, url_timeout=5, url_deadline=10)
    try:
        fetched = urls.fetch(f"http://127.0.0.1:{page.server_address[1]}/a", options)
        assert b"direct page" in fetched.data and page_hits
        closed = socket.socket()
        closed.bind(("127.0.0.1", 0))
        dead = closed.getsockname()[1]
        closed.close()  # nothing listens there now
        with pytest.raises(urls.Unreachable, match=f"{variable.upper()} is set but not used"):
            urls.fetch(f"http://127.0.0.1:{dead}/a", options)
        assert proxy_hits == []
    finally:
        proxy.shutdown()
        page.shutdown()


def test_no_proxy_note_without_a_proxy_or_for_a_refusal(monkeypatch):
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    assert urls.proxy_note("https://news.example/a") == ""
    monkeypatch.setenv("HTTPS_PROXY", "http://10.0.0.1:3128")
    assert urls.proxy_note("http://news.example/a") == ""  # the https proxy only
    assert "HTTPS_PROXY is set" in urls.proxy_note("https://news.example/a")
    with pytest.raises(urls.FetchError) as refused:
        urls.fetch("http://169.254.169.254/latest/meta-data/", ReadOptions())
    assert "private or local" in str(refused.value) and "PROXY" not in str(refused.value)
