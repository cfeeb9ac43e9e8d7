"""The FastAPI application: pages, /api, static files, wrapped in the protections.

`create_app` takes an existing Desk (tests hand in one over a temporary store) or a
store URL. Interactive docs are off because their CDN scripts break the strict CSP;
the OpenAPI spec is served at /openapi.json.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from counterpoint import __version__
from counterpoint.package_files import package_file
from counterpoint.web import api, pages
from counterpoint.web.security import BodyLimit, SameOriginPosts, SecurityHeaders, TokenGate
from counterpoint.web.service import WebDesk

if TYPE_CHECKING:
    from counterpoint.desk import Desk

DEFAULT_MAX_UPLOAD_MB = 10.0
LOG = logging.getLogger(__name__)


class CatchErrors:
    """A bug behind the desk: log it, tell the reader plainly, leak no traceback.

    Sits inside the security headers (FastAPI's own last-resort handler sits outside
    every middleware, so its answers would go out without them).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception:
            LOG.exception("unhandled error on %s %s", scope.get("method"), scope.get("path"))
            if started:
                raise
            request = Request(scope)
            response: Response
            if request.url.path.startswith("/api/"):
                response = JSONResponse({"detail": "internal error; see the server log"}, 500)
            else:
                response = pages.render(request, "error.html", 500, message="Something went wrong.")
            await response(scope, receive, send)


def create_app(
    desk: Desk | None = None,
    *,
    db: str | None = None,
    token: str | None = None,
    max_upload_mb: float = DEFAULT_MAX_UPLOAD_MB,
    allowed_hosts: list[str] | None = None,
    warm_reports: int = 0,
) -> FastAPI:
    """Build the web desk over `desk` (or a new Desk on `db`)."""
    if desk is None:
        from counterpoint.desk import Desk

        desk = Desk(db)
    web_desk = WebDesk(desk)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if warm_reports > 0:  # build the newest reports in the background
            threading.Thread(target=web_desk.warm, args=(warm_reports,), daemon=True).start()
        yield

    app = FastAPI(
        lifespan=lifespan,
        title="counterpoint",
        version=__version__,
        description="Who said what, and where the sources disagree: the web desk's JSON API.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.web_desk = web_desk
    app.state.max_upload_bytes = int(max_upload_mb * 1024 * 1024)

    static = package_file("counterpoint.web", "static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    # outermost last: headers on every answer, then host, token, size, same-origin
    app.add_middleware(CatchErrors)
    app.add_middleware(SameOriginPosts)
    app.add_middleware(BodyLimit, max_bytes=app.state.max_upload_bytes)
    if token:
        app.add_middleware(TokenGate, token=token)
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)
    app.add_middleware(SecurityHeaders)
    return app
