"""The web desk under hostile clients: chunked uploads over the limit get 413, and a
connection that never finishes its headers is closed (header-read timeout)."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from counterpoint.web.server import BODY_TIMEOUT, HEADER_TIMEOUT, uvicorn_config


@pytest.fixture
def client(tmp_path) -> Iterator[TestClient]:
    from counterpoint.web.app import create_app

    app = create_app(db=f"sqlite:///{tmp_path / 'desk.db'}", max_upload_mb=0.01)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def chunks(total: int, size: int = 1024) -> Iterator[bytes]:
    boundary = b'--x\r\nContent-Disposition: form-data; name="text"\r\n\r\n'
    yield boundary
    for _ in range(total // size):
        yield b"a" * size
    yield b"\r\n--x--\r\n"


@pytest.mark.parametrize("path", ["/api/ingest", "/add"])
def test_chunked_upload_over_the_limit_is_413(client, path):
    """No Content-Length (chunked): the limit is found while streaming; 413, never 500."""
    response = client.post(
        path,
        content=chunks(100_000),
        headers={"Content-Type": "multipart/form-data; boundary=x"},
    )
    assert response.status_code == 413, (response.status_code, response.text[:200])
    assert "too large" in response.text


def test_declared_upload_over_the_limit_is_413(client):
    response = client.post(
        "/api/ingest", content=b"a" * 100_000, headers={"Content-Type": "text/plain"}
    )
    assert response.status_code == 413


async def _hello(scope, receive, send) -> None:  # a minimal ASGI app behind the protocol
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"hello"})


@pytest.fixture
def live_server() -> Iterator[int]:
    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    config = uvicorn_config(_hello, "127.0.0.1", port, header_timeout=1.0)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=lambda: asyncio.run(server.serve()), daemon=True)
    thread.start()
    for _ in range(100):
        if server.started:
            break
        time.sleep(0.05)
    yield port
    server.should_exit = True
    thread.join(5)


async def _echo_body(scope, receive, send) -> None:  # reads the whole body, then answers
    if scope["type"] != "http":
        return
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return
        size += len(message.get("body", b""))
        if not message.get("more_body"):
            break
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": f"got {size}".encode()})


@pytest.fixture
def body_server() -> Iterator[int]:
    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    config = uvicorn_config(_echo_body, "127.0.0.1", port, header_timeout=1.0, body_timeout=1.5)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=lambda: asyncio.run(server.serve()), daemon=True)
    thread.start()
    for _ in range(100):
        if server.started:
            break
        time.sleep(0.05)
    yield port
    server.should_exit = True
    thread.join(5)


def test_a_body_that_never_arrives_is_cut_off(body_server):
    """Headers promise 1000 bytes, 10 come: closed after the body timeout; a body sent
    in full (even in pieces) is answered."""
    stalled = socket.create_connection(("127.0.0.1", body_server))
    stalled.sendall(b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n")
    stalled.sendall(b"x" * 10)
    try:
        with socket.create_connection(("127.0.0.1", body_server), timeout=5) as good:
            good.sendall(b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 20\r\n")
            good.sendall(b"Connection: close\r\n\r\n" + b"y" * 10)
            time.sleep(0.5)
            good.sendall(b"y" * 10)
            assert b"got 20" in good.recv(4096) + good.recv(4096)
        time.sleep(1.2)
        assert _closed(stalled, 1.0)
    finally:
        stalled.close()


def _closed(conn: socket.socket, wait: float) -> bool:
    conn.settimeout(wait)
    try:
        return conn.recv(1024) == b""
    except TimeoutError:
        return False
    except ConnectionResetError:
        return True


def test_half_open_connections_are_closed_after_the_header_timeout(live_server):
    """50 clients send half a request line and wait: each is closed within the timeout,
    and a well-behaved client is still served."""
    half_open = []
    for _ in range(50):
        conn = socket.create_connection(("127.0.0.1", live_server))
        conn.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        half_open.append(conn)
    silent = socket.create_connection(("127.0.0.1", live_server))  # sends nothing at all
    time.sleep(1.3)
    try:
        assert all(_closed(conn, 1.0) for conn in [*half_open, silent])
        with socket.create_connection(("127.0.0.1", live_server), timeout=5) as good:
            good.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            assert b"hello" in good.recv(4096) + good.recv(4096)
    finally:
        for conn in [*half_open, silent]:
            conn.close()


def test_headers_dripped_slowly_are_cut_off(live_server):
    """A client dripping header bytes (each within any per-read timeout) is still cut."""
    conn = socket.create_connection(("127.0.0.1", live_server))
    started = time.monotonic()
    try:
        conn.sendall(b"GET / HTTP/1.1\r\n")
        while time.monotonic() - started < 5:
            try:
                conn.sendall(b"X")
            except OSError:
                break
            time.sleep(0.2)
        assert time.monotonic() - started < 3
    finally:
        conn.close()


def test_serve_uses_the_header_timeout():
    config = uvicorn_config(_hello, "127.0.0.1", 0)
    assert HEADER_TIMEOUT > 0 and BODY_TIMEOUT > 0
    assert getattr(config.http, "header_timeout", None) == HEADER_TIMEOUT
    assert getattr(config.http, "body_timeout", None) == BODY_TIMEOUT


@pytest.fixture
def live_desk(tmp_path) -> Iterator[int]:
    """The real desk app behind the desk's own uvicorn settings, on 127.0.0.1."""
    import uvicorn

    from counterpoint.web.app import create_app

    app = create_app(
        db=f"sqlite:///{tmp_path / 'desk.db'}",
        max_upload_mb=0.01,
        allowed_hosts=["127.0.0.1"],
    )
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    server = uvicorn.Server(uvicorn_config(app, "127.0.0.1", port, header_timeout=2.0))
    thread = threading.Thread(target=lambda: asyncio.run(server.serve()), daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    yield port
    server.should_exit = True
    thread.join(5)


def test_two_hundred_mixed_requests_with_half_open_clients(live_desk):
    """200 mixed requests over keep-alive connections while 30 half-open clients hang
    on: every answer is the expected status, none is a 5xx or a dropped connection.
    The first ones reach a desk whose store does not exist yet (they used to race to
    create its tables: 500 "table stories already exists")."""
    import concurrent.futures

    import httpx

    base = f"http://127.0.0.1:{live_desk}"
    hanging = []
    for _ in range(30):
        conn = socket.create_connection(("127.0.0.1", live_desk))
        conn.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        hanging.append(conn)
    requests = [
        ("GET", "/", None, {}, 200),
        ("GET", "/api/stories", None, {}, 200),
        ("GET", "/static/style.css", None, {}, 200),
        ("GET", "/stories/nope", None, {}, 404),
        ("POST", "/api/ingest", b"a" * 50_000, {"Content-Type": "text/plain"}, 413),
        ("POST", "/add", b"text=x", {"Origin": "http://evil.example"}, 403),
        ("GET", "/", None, {"Host": "evil.example"}, 400),
        ("GET", "/add", None, {}, 200),
    ]

    def worker(start: int) -> list[tuple[str, int, int]]:
        results = []
        with httpx.Client(base_url=base, timeout=30) as client:
            for i in range(start, start + 20):
                method, path, body, headers, want = requests[i % len(requests)]
                answer = client.request(method, path, content=body, headers=headers)
                results.append((path, want, answer.status_code))
        return results

    try:
        with concurrent.futures.ThreadPoolExecutor(10) as pool:
            outcomes = [r for rs in pool.map(worker, range(0, 200, 20)) for r in rs]
    finally:
        for conn in hanging:
            conn.close()
    assert len(outcomes) == 200
    wrong = [o for o in outcomes if o[1] != o[2]]
    assert not wrong, wrong[:5]
