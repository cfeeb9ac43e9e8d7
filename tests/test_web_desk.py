"""The web desk end to end over the real pipeline: ingest the sample corpus and a
hostile article through the API and the form, then read stories, reports and pages.

Slow: loads the models once for the module.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from counterpoint.present.report import Report

pytestmark = pytest.mark.slow

HOSTILE_HTML = """<html><head><title>Havenmouth port
<script>window.__pwned=1</script>strike ends</title>
<meta property="og:site_name" content="Quay <img src=x onerror=window.__pwned=2> Daily">
</head><body onload="window.__pwned=3">
<article><h1>Havenmouth dock strike ends <img src=x onerror="window.__pwned=4"></h1>
<p>Dockworkers at Havenmouth ended their strike on Wednesday after the port authority
agreed to talks, union officials said. <a href="javascript:window.__pwned=5">Read more</a>.</p>
<p>"We have not agreed to anything yet," said the port authority's chief executive,
<svg onload="window.__pwned=6"></svg> adding that ships would sail again on Thursday.</p>
<p>A spokesperson wrote &lt;script&gt;window.__pwned=7&lt;/script&gt; in a statement
<p><b>Broken <i>markup continues <iframe src="javascript:window.__pwned=8"></iframe> here
<script>window.__pwned = 9</script>
"""

HOSTILE_TEXT = """Dockworkers in Havenmouth walked out again on Thursday
<script>window.__pwned=10</script>,
the union said, after talks with the port authority collapsed.

"There is no deal <img src=x onerror=window.__pwned=11>," the union's secretary said.
Click <a href="javascript:window.__pwned=12">here</a>
<div onmouseover="window.__pwned=13">now</div>.
"""


class _Executable(HTMLParser):
    """Collects, from parsed tags and attributes, anything a browser could run."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): (value or "") for name, value in attrs}
        if tag == "script" and not re.fullmatch(r"/static/[\w.-]+\.js", values.get("src", "")):
            self.found.append(f"<script {values}>")
        if tag in ("iframe", "object", "embed", "svg", "img", "base"):
            self.found.append(f"<{tag}>")
        for name, value in values.items():
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if name in ("href", "src", "action", "formaction") and re.match(
                r"\s*(javascript|vbscript|data):", value, re.I
            ):
                self.found.append(f"<{tag} {name}={value}>")


def executable_markup(html: str) -> list[str]:
    """Anything in a page a browser could run (our own static script excepted)."""
    parser = _Executable()
    parser.feed(html)
    return parser.found


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory, samples_dir: Path) -> Iterator[TestClient]:
    from counterpoint.desk import Desk
    from counterpoint.web import create_app

    db = tmp_path_factory.mktemp("web") / "desk.db"
    desk = Desk(f"sqlite:///{db}")
    app = create_app(desk, max_upload_mb=2)
    with TestClient(app) as test_client:
        files = [
            ("files", (path.name, path.read_bytes(), "text/plain"))
            for path in sorted(samples_dir.glob("*/*"))
            if path.suffix in (".txt", ".html")
        ]
        answer = test_client.post("/api/ingest", files=files)
        assert answer.status_code == 201, answer.text
        yield test_client
    desk.close()


def test_sample_corpus_becomes_stories(client: TestClient) -> None:
    stories = client.get("/api/stories").json()
    assert len(stories) >= 2
    titles = " ".join(s["title"].lower() for s in stories)
    assert "havenmouth" in titles or "strike" in titles
    assert sum(s["articles"] for s in stories) >= 7


def test_report_api_is_the_cli_report(client: TestClient) -> None:
    story = max(client.get("/api/stories").json(), key=lambda s: s["articles"])
    answer = client.get(f"/api/stories/{story['id']}/report")
    assert answer.status_code == 200
    report = Report.model_validate(answer.json())
    assert report.story_id == story["id"] and len(report.sources) == story["articles"]
    listed = {s["id"]: s for s in client.get("/api/stories").json()}
    assert listed[story["id"]]["disputes"] == len(report.disputes)  # the cache feeds the list
    page = client.get(f"/stories/{story['id']}").text
    assert page.count('class="dispute"') == len(report.disputes)
    for dispute in report.disputes:
        assert f"/articles/{dispute.a.article_id}?claim=" in page


def test_hostile_upload_and_paste_render_inert(client: TestClient) -> None:
    upload = client.post(
        "/add",
        files={"files": ("quay.html", HOSTILE_HTML.encode(), "text/html")},
        follow_redirects=False,
    )
    assert upload.status_code == 303, upload.text
    pasted = client.post(
        "/add",
        data={
            "text": HOSTILE_TEXT,
            "outlet": 'Pier <b onclick="window.__pwned=14">Post</b>',
            "title": "Havenmouth <script>window.__pwned=15</script> walkout resumes",
            "url": "javascript:window.__pwned=16",
            "date": "2026-03-12",
        },
        follow_redirects=False,
    )
    assert pasted.status_code == 303, pasted.text
    pages = ["/", upload.headers["location"], pasted.headers["location"]]
    for story_path in pages[1:]:
        story_id = story_path.rsplit("/", 1)[1]
        report = client.get(f"/api/stories/{story_id}/report").json()
        pages += [f"/articles/{s['article_id']}" for s in report["sources"]]
    seen_script_text = False
    for path in pages:
        page = client.get(path)
        assert page.status_code == 200, path
        assert executable_markup(page.text) == [], path
        seen_script_text = seen_script_text or "&lt;script&gt;window.__pwned" in page.text
        csp = page.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert seen_script_text  # the hostile text is shown, escaped, not dropped silently
