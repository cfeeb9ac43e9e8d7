"""The JSON API under /api: the same functions the pages use, as typed responses.

The story report is exactly `counterpoint.present.report.Report`, the schema the
CLI's `--format json` writes, so scripts can switch between the two freely.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from counterpoint.present.report import Report
from counterpoint.records import AnalyzedArticle, Story
from counterpoint.web.forms import INGEST_OPENAPI, read_ingest_form
from counterpoint.web.service import IngestOutcome, StorySummary, WebDesk

router = APIRouter(prefix="/api", tags=["api"])
T = TypeVar("T")


def web_desk(request: Request) -> WebDesk:
    desk: WebDesk = request.app.state.web_desk
    return desk


def found(lookup: Callable[..., T], *args: Any) -> T:
    """Run a desk lookup; an unknown id (LookupError) becomes a 404."""
    try:
        return lookup(*args)
    except LookupError as exc:
        raise HTTPException(404, str(exc)) from None


@router.get("/stories", response_model=list[StorySummary])
def list_stories(
    request: Request,
    q: str = "",
    outlet: str = "",
    since: date | None = None,
    until: date | None = None,
) -> list[StorySummary]:
    """Stored stories, newest first; `q` searches titles and outlets."""
    return web_desk(request).summaries(q, outlet, since, until)


@router.get("/stories/{story_id}", response_model=Story)
def get_story(request: Request, story_id: str) -> Story:
    """One story: its title, dates and article ids."""
    return found(web_desk(request).story, story_id)


@router.get("/stories/{story_id}/report", response_model=Report)
def get_report(request: Request, story_id: str) -> Report:
    """The story's report (the CLI's JSON export); computed once, then cached."""
    return found(web_desk(request).report, story_id)


@router.get("/articles/{article_id}", response_model=AnalyzedArticle)
def get_article(request: Request, article_id: str) -> AnalyzedArticle:
    """One article with its sentences, entities, quotes and claims."""
    return found(web_desk(request).analysis, article_id)


@router.post(
    "/ingest",
    response_model=IngestOutcome,
    status_code=201,
    responses={
        413: {"description": "Body over the upload limit"},
        422: {"description": "Nothing usable"},
    },
    openapi_extra=INGEST_OPENAPI,
)
async def ingest(request: Request) -> JSONResponse:
    """Add uploaded files and/or pasted text; they are grouped into stories."""
    form = await read_ingest_form(request, request.app.state.max_upload_bytes)
    outcome = await run_in_threadpool(
        web_desk(request).ingest, form.uploads, form.text, form.fields
    )
    status = 201 if outcome.article_ids else 422
    return JSONResponse(outcome.model_dump(mode="json"), status_code=status)


class MergeRequest(BaseModel):
    """Fold story `other` into the story in the path."""

    other: str


class SplitRequest(BaseModel):
    """Move these articles out of the story in the path into a new story."""

    article_ids: list[str]


@router.post("/stories/{story_id}/merge", response_model=Story)
def merge_story(request: Request, story_id: str, body: MergeRequest) -> Story:
    """Correct the grouping: the two stories become one (returned)."""
    return found(web_desk(request).merge, story_id, body.other)


@router.post("/stories/{story_id}/split", response_model=Story)
def split_story(request: Request, story_id: str, body: SplitRequest) -> Story:
    """Correct the grouping: the given articles leave for a new story (returned)."""
    return found(web_desk(request).split, story_id, body.article_ids)
