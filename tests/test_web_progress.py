"""A story page answers at once: the report when it is ready, else a self-refreshing
'building' page while the report is built in the background."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from counterpoint.records import Story
from counterpoint.web.pages import templates
from counterpoint.web.service import WebDesk


class SlowDesk:
    """Just what WebDesk.report_soon needs: a story and a report that waits for a signal."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.calls = 0
        self.fail = False

    def story(self, story_id: str) -> Story:
        if story_id != "s1":
            raise LookupError(story_id)
        return Story(id="s1", title="Bridge falls", article_ids=["a", "b", "c"])

    def report(self, story_id: str) -> Any:
        self.calls += 1
        self.release.wait(5)
        if self.fail:
            raise RuntimeError("broken story")
        return {"story": story_id}


def test_building_then_ready() -> None:
    desk = SlowDesk()
    web = WebDesk(desk, report_wait=0.05)  # type: ignore[arg-type]
    assert web.report_soon("s1") is None
    assert web.building_seconds("s1") > 0
    assert web.report_soon("s1") is None  # a second visit does not start a second build
    desk.release.set()
    assert web.report_soon("s1", wait=5) == {"story": "s1"}
    assert desk.calls == 1
    with pytest.raises(LookupError):
        web.report_soon("nope")


def test_a_failed_build_is_reported_not_retried_forever() -> None:
    desk = SlowDesk()
    desk.fail = True
    desk.release.set()
    web = WebDesk(desk, report_wait=5)  # type: ignore[arg-type]
    assert web.report_soon("s1") is None
    with pytest.raises(RuntimeError):
        web.report_soon("s1")


def test_building_page_refreshes_itself() -> None:
    story = Story(id="s1", title="Bridge falls", article_ids=["a", "b", "c"])
    html = templates().get_template("building.html").render(request=None, story=story, seconds=2.4)
    assert '<meta http-equiv="refresh" content="1">' in html
    assert "Building the report of\n3 articles" in html and "2 s so far" in html
