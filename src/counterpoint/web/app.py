"""The FastAPI application: pages, /api, static files, wrapped in the protections.

`create_app` takes an existing Desk (tests hand in one over a temporary store) or a
store URL. Interactive docs are off because their CDN scripts break the strict CSP;
the OpenAPI spec is served at /openapi.json.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from typing import TYPE_CHECKING

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware

from counterpoint import __version__
from counterpoint.web import api, pages
from counterpoint.web.security import BodyLimit, SameOriginPosts, SecurityHeaders, TokenGate
from counterpoint.web.service import WebDesk

if TYPE_CHECKING:
    from counterpoint.desk import Desk

DEFAULT_MAX_UPLOAD_MB = 10.0


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
    static = resources.files("counterpoint.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    # outermost last: headers on every answer, then host, token, size, same-origin
    app.add_middleware(SameOriginPosts)
    app.add_middleware(BodyLimit, max_bytes=app.state.max_upload_bytes)
    if token:
        app.add_middleware(TokenGate, token=token)
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)
    app.add_middleware(SecurityHeaders)
    return app
