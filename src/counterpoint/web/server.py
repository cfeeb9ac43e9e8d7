"""Run the web desk with uvicorn: loopback by default, a token when exposed.

A client gets HEADER_TIMEOUT seconds to send a request's headers, counted from the
moment the server waits for them (the connection opened, or the previous response
ended), and BODY_TIMEOUT seconds for the body after them; a half-open or dripping
connection is then closed, so a few hundred of them cannot hold the desk. Idle
keep-alive connections close after uvicorn's own 5 s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from counterpoint.web.security import check_bind, is_loopback

if TYPE_CHECKING:
    import uvicorn

LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "::1", "[::1]"]
HEADER_TIMEOUT = 10.0
BODY_TIMEOUT = 120.0  # a 10 MB upload at 100 KB/s


def header_timeout_protocol(
    seconds: float = HEADER_TIMEOUT, body_seconds: float = BODY_TIMEOUT
) -> type:
    """uvicorn's h11 protocol, closing a connection whose request headers take over
    `seconds`, or whose request body takes over `body_seconds` after its headers."""
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class HeaderTimeoutProtocol(H11Protocol):
        header_timeout = seconds
        body_timeout = body_seconds

        def connection_made(self, transport: Any) -> None:
            self._header_timer: Any = None
            self._body_timer: Any = None
            super().connection_made(transport)
            self._watch()

        def data_received(self, data: bytes) -> None:
            super().data_received(data)
            self._watch()

        def connection_lost(self, exc: Exception | None) -> None:
            self._header_timer = self._cancel(self._header_timer)
            self._body_timer = self._cancel(self._body_timer)
            super().connection_lost(exc)

        def _waiting_for_headers(self) -> bool:
            return self.cycle is None or bool(self.cycle.response_complete)

        def _waiting_for_body(self) -> bool:
            return not self._waiting_for_headers() and bool(self.cycle.more_body)

        def _watch(self) -> None:
            if self.transport.is_closing():
                return
            if not self._waiting_for_headers():
                self._header_timer = self._cancel(self._header_timer)
            elif self._header_timer is None:
                self._header_timer = self.loop.call_later(seconds, self._headers_late)
            if not self._waiting_for_body():
                self._body_timer = self._cancel(self._body_timer)
            elif self._body_timer is None:
                self._body_timer = self.loop.call_later(body_seconds, self._body_late)

        @staticmethod
        def _cancel(timer: Any) -> None:
            if timer is not None:
                timer.cancel()

        def _headers_late(self) -> None:
            self._header_timer = None
            if self._waiting_for_headers():
                self.transport.close()

        def _body_late(self) -> None:
            self._body_timer = None
            if self._waiting_for_body():
                self.transport.close()

    return HeaderTimeoutProtocol


def uvicorn_config(
    app: Any,
    host: str,
    port: int,
    header_timeout: float = HEADER_TIMEOUT,
    body_timeout: float = BODY_TIMEOUT,
) -> uvicorn.Config:
    """The desk's uvicorn settings: quiet, no server header, the header-read timeout."""
    import uvicorn

    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="warning",
        server_header=False,
        http=header_timeout_protocol(header_timeout, body_timeout),
        timeout_keep_alive=5,
    )


def serve(
    host: str = "127.0.0.1",
    port: int = 8765,
    db: str | None = None,
    token: str | None = None,
    max_upload_mb: float = 10.0,
    warm_reports: int = 20,
) -> None:
    """Start the desk; raises ValueError when asked to listen beyond loopback without a token."""
    import uvicorn

    from counterpoint.web.app import create_app

    check_bind(host, token)
    app = create_app(
        db=db,
        token=token,
        max_upload_mb=max_upload_mb,
        allowed_hosts=LOOPBACK_HOSTS if is_loopback(host) else None,
        warm_reports=warm_reports,
    )
    shown = f"[{host}]" if ":" in host else host
    link = f"http://{shown}:{port}/" + (f"?token={token}" if token else "")
    print(f"counterpoint desk on {link}  (Ctrl+C stops it)", flush=True)
    uvicorn.Server(uvicorn_config(app, host, port)).run()
