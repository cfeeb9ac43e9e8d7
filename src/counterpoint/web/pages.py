"""Server-rendered pages: stories list, story, article, add-articles form.

Templates are autoescaped Jinja2; article text reaches them only as plain strings or
`Segment`s, never as markup, so nothing an article contains can become HTML.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader

from counterpoint.analyze.attribution.labels import reader_label
from counterpoint.present import wording
from counterpoint.web.forms import read_ingest_form
from counterpoint.web.highlight import safe_url
from counterpoint.web.service import UPLOAD_SUFFIXES, WebDesk
from counterpoint.web.view_models import article_view, story_view

router = APIRouter(include_in_schema=False)
STORIES_PER_PAGE = 50
MERGE_CHOICES = 200  # newest stories offered in the merge menu


@lru_cache(maxsize=1)
def templates() -> Environment:
    """Jinja2 over the web templates, autoescaping every value."""
    env = Environment(loader=PackageLoader("counterpoint.web", "templates"), autoescape=True)
    env.globals["safe_url"] = safe_url
    env.globals["say"] = wording  # section titles shared with the report formats
    env.filters["reader_label"] = reader_label
    env.filters["percent"] = lambda value: f"{100 * float(value):.0f}%"
    env.filters["day"] = lambda value: value.strftime("%-d %b %Y") if value else "undated"
    return env


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """One page through the base layout."""
    html = templates().get_template(name).render(request=request, **context)
    return HTMLResponse(html, status_code=status)


def web_desk(request: Request) -> WebDesk:
    desk: WebDesk = request.app.state.web_desk
    return desk


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@router.api_route("/", methods=["GET", "HEAD"], response_class=HTMLResponse)
def stories_page(
    request: Request,
    q: str = "",
    outlet: str = "",
    since: str = "",
    until: str = "",
    page: int = 1,
) -> Response:
    desk = web_desk(request)
    found = desk.summaries(q, outlet, _date(since), _date(until))
    pages = max(1, -(-len(found) // STORIES_PER_PAGE))
    page = min(max(1, page), pages)
    shown = found[(page - 1) * STORIES_PER_PAGE : page * STORIES_PER_PAGE]
    return render(
        request,
        "stories.html",
        stories=shown,
        total=len(found),
        page=page,
        pages=pages,
        outlets=desk.all_outlets(),
        filters={"q": q, "outlet": outlet, "since": since, "until": until},
    )


@router.api_route("/stories/{story_id}", methods=["GET", "HEAD"], response_class=HTMLResponse)
def story_page(request: Request, story_id: str) -> Response:
    desk = web_desk(request)
    try:
        report = desk.report_soon(story_id)
        if report is None:  # still building: say so now, the page refreshes itself
            story = desk.story(story_id)
            seconds = desk.building_seconds(story_id)
            return render(request, "building.html", story=story, seconds=seconds)
    except LookupError:
        return render(request, "error.html", 404, message="No such story.")
    others = [s for s in web_desk(request).desk.stories() if s.id != story_id][:MERGE_CHOICES]
    return render(request, "story.html", view=story_view(report), others=others)


@router.post("/stories/{story_id}/merge")
async def merge_submit(request: Request, story_id: str) -> Response:
    form = await request.form(max_files=0, max_fields=5)
    other = form.get("other")
    try:
        story = web_desk(request).merge(story_id, other if isinstance(other, str) else "")
    except LookupError:
        return render(request, "error.html", 404, message="No such story.")
    return RedirectResponse(f"/stories/{story.id}", status_code=303)


@router.post("/stories/{story_id}/split")
async def split_submit(request: Request, story_id: str) -> Response:
    form = await request.form(max_files=0, max_fields=500)
    moving = [v for v in form.getlist("article_id") if isinstance(v, str)]
    try:
        story = web_desk(request).split(story_id, moving)
    except LookupError:
        return render(request, "error.html", 404, message="No such story or article.")
    return RedirectResponse(f"/stories/{story.id}", status_code=303)


@router.api_route("/articles/{article_id}", methods=["GET", "HEAD"], response_class=HTMLResponse)
def article_page(request: Request, article_id: str, claim: str = "") -> Response:
    desk = web_desk(request)
    try:
        analysis = desk.analysis(article_id)
    except LookupError:
        return render(request, "error.html", 404, message="No such article.")
    story = desk.story_of(article_id)
    return render(request, "article.html", view=article_view(analysis, claim or None), story=story)


@router.api_route("/add", methods=["GET", "HEAD"], response_class=HTMLResponse)
def add_page(request: Request) -> Response:
    return render(request, "add.html", problems=[], suffixes=UPLOAD_SUFFIXES, values={})


@router.post("/add", response_class=HTMLResponse)
async def add_submit(request: Request) -> Response:
    form = await read_ingest_form(request, request.app.state.max_upload_bytes)
    desk = web_desk(request)
    outcome = await run_in_threadpool(desk.ingest, form.uploads, form.text, form.fields)
    if len(outcome.story_ids) == 1 and not outcome.problems:
        return RedirectResponse(f"/stories/{outcome.story_ids[0]}", status_code=303)
    if outcome.story_ids:  # several stories, or some inputs refused: say what happened
        stories = [desk.story(story_id) for story_id in outcome.story_ids]
        return render(request, "added.html", outcome=outcome, stories=stories)
    values = {"text": form.text, **form.fields}
    return render(
        request, "add.html", 422, problems=outcome.problems, suffixes=UPLOAD_SUFFIXES, values=values
    )
