"""Drive the web desk in Debian's Chromium: browse the sample stories, add an article
through the form, and check that nothing from a hostile article ever executes.

Needs /usr/bin/chromium and the `playwright` package (never `playwright install`).
Screenshots land in artifacts/screenshots/ for a human to look at.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
REPO = Path(__file__).resolve().parents[2]
SHOTS = REPO / "artifacts" / "screenshots"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}

HOSTILE_PASTE = """Dockworkers at Havenmouth said on Thursday the strike would continue, \
<script>window.__pwned = "script"</script> contradicting the port authority.

"We have not agreed to return," the union secretary said. <img src=x onerror="window.__pwned='img'">
<a href="javascript:window.__pwned='link'">More</a> <b onmouseover="window.__pwned='hover'">here</b>
<svg onload="window.__pwned='svg'"></svg>
<iframe srcdoc="<script>parent.__pwned='frame'</script>"></iframe>
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, samples_dir: Path) -> Iterator[str]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found (apt-get install chromium)")
    pytest.importorskip("playwright.sync_api")
    import uvicorn

    from counterpoint.desk import Desk
    from counterpoint.web import create_app

    desk = Desk(f"sqlite:///{tmp_path_factory.mktemp('browser') / 'desk.db'}")
    desk.ingest([str(p) for p in sorted(samples_dir.iterdir()) if p.is_dir()])
    port = free_port()
    app = create_app(desk, allowed_hosts=["127.0.0.1"])
    uv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    for _ in range(100):
        if uv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(timeout=10)
    desk.close()


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def watched_page(browser, viewport: dict[str, int]):  # type: ignore[no-untyped-def]
    """A page that records dialogs, page errors and CSP violations reported to the console."""
    page = browser.new_page(viewport=viewport)
    page.dialogs = []  # type: ignore[attr-defined]
    page.errors = []  # type: ignore[attr-defined]
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    return page


def biggest_story(page, server: str) -> str:  # type: ignore[no-untyped-def]
    page.goto(server + "/")
    links = page.locator("a.story-title")
    assert links.count() >= 2
    counts = page.locator(".story-row .count.sources").all_inner_texts()
    best = max(range(len(counts)), key=lambda i: int(counts[i].split()[0]))
    return str(links.nth(best).get_attribute("href"))


def test_story_page_shows_disputes(browser, server: str) -> None:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = watched_page(browser, DESKTOP)
    page.screenshot(path=str(SHOTS / "empty.png"))
    story = biggest_story(page, server)
    page.goto(server + story)
    disputes = page.locator("#disputes .dispute")
    # a first visit answers at once with a self-refreshing 'building' page; wait for the report
    disputes.first.wait_for(timeout=180_000)
    assert page.locator("h1").inner_text()
    assert disputes.count() >= 1
    first = disputes.first
    assert first.locator(".card").count() == 2
    assert first.locator(".card blockquote").first.inner_text().strip()
    page.screenshot(path=str(SHOTS / "story-desktop.png"), full_page=True)
    # the link on a card lands on the sentence in the article
    first.locator(".card-foot a").first.click()
    page.wait_for_load_state()
    assert "/articles/" in page.url and page.locator("#focus").count() == 1
    page.evaluate("window.scrollTo(0, 0)")  # a full-page shot with the sticky bar on top
    page.screenshot(path=str(SHOTS / "article-desktop.png"), full_page=True)
    page.goto(server + "/")
    page.screenshot(path=str(SHOTS / "stories-desktop.png"), full_page=True)
    phone = watched_page(browser, PHONE)
    phone.goto(server + story)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 1, "the story page scrolls sideways on a phone"
    phone.screenshot(path=str(SHOTS / "story-phone.png"), full_page=True)
    phone.goto(server + "/")
    phone.screenshot(path=str(SHOTS / "stories-phone.png"), full_page=True)
    assert page.errors == [] and phone.errors == []  # type: ignore[attr-defined]


def test_add_hostile_article_through_form_runs_nothing(browser, server: str) -> None:  # type: ignore[no-untyped-def]
    page = watched_page(browser, DESKTOP)
    page.goto(server + "/add")
    page.fill("input[name=outlet]", "Pier <b onclick=\"window.__pwned='outlet'\">Post</b>")
    page.fill(
        "input[name=title]", "Havenmouth strike <script>window.__pwned='title'</script> goes on"
    )
    page.fill("input[name=date]", "2026-03-12")
    page.fill("textarea[name=text]", HOSTILE_PASTE)
    page.screenshot(path=str(SHOTS / "add-desktop.png"), full_page=True)
    with page.expect_navigation(timeout=120_000):
        page.click("button[type=submit]")
    assert "/stories/" in page.url, page.locator("main").inner_text()[:600]
    story_url = page.url
    page.screenshot(path=str(SHOTS / "added-story-desktop.png"), full_page=True)
    visited = [story_url]
    hrefs = page.locator("#timeline a[href^='/articles/']").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))"
    )
    for href in hrefs:
        page.goto(server + href)
        visited.append(href)
        for quote in page.locator(".article-text span:not(.anchor):visible").all()[:30]:
            quote.hover(timeout=1_000)
    # hover everything that carried an event handler in the hostile text
    page.goto(story_url)
    for element in page.locator("main span:visible").all()[:60]:
        element.hover(timeout=1_000)
    assert page.evaluate("typeof window.__pwned") == "undefined", visited
    assert page.locator("main script, main iframe, main img, main svg").count() == 0
    assert "Havenmouth strike <script>" in page.content().replace("&lt;", "<").replace("&gt;", ">")
    assert page.dialogs == [] and page.errors == []  # type: ignore[attr-defined]
    phone = watched_page(browser, PHONE)
    phone.goto(server + "/add")
    phone.screenshot(path=str(SHOTS / "add-phone.png"), full_page=True)
    phone.goto(story_url)
    phone.screenshot(path=str(SHOTS / "added-story-phone.png"), full_page=True)
    assert phone.evaluate("typeof window.__pwned") == "undefined"
