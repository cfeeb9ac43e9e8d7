"""The web desk over a real store holding two hand-written articles, one of them hostile.

No model runs here: the records are written by hand and the story's report is built
with the real `build_report` and put in the desk's cache, so these tests stay fast
while exercising the real app, templates, store and protections.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from counterpoint.present.report import Report, build_report
from counterpoint.records import (
    AnalyzedArticle,
    Article,
    Attribution,
    Brief,
    BriefSentence,
    Claim,
    ClaimLink,
    Comparison,
    EntityLabel,
    Evidence,
    Misquote,
    Relation,
    Sentence,
    Span,
    Speaker,
    StatementRef,
    Story,
)

HOSTILE_TEXT = (
    "<script>window.__pwned = 1</script> Officials said the port will reopen on Friday. "
    '"We have plans to close the terminal," said Mayor Jane Ortiz. '
    '<img src=x onerror="window.__pwned=2"> Click <a href="javascript:window.__pwned=3">here</a>.'
)
CALM_TEXT = (
    "Officials said the port will reopen on Monday.\n\n"
    '"We have no plans to close the terminal," said Mayor Jane Ortiz. '
    "Twelve ships were delayed."
)


def span(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(start=start, end=start + len(part), text=part)


def sentences(text: str, parts: list[str]) -> list[Sentence]:
    return [
        Sentence(index=i, start=(s := span(text, p)).start, end=s.end, text=p)
        for i, p in enumerate(parts)
    ]


def analysis(
    article_id: str, outlet: str, title: str, text: str, parts: list[str], url: str | None
) -> AnalyzedArticle:
    quote = (
        '"We have no plans to close the terminal,"'
        if "no plans" in text
        else ('"We have plans to close the terminal,"')
    )
    att = Attribution(
        id=f"{article_id}-q1",
        kind="direct",
        source=span(text, "Mayor Jane Ortiz"),
        cue=span(text, "said Mayor"),
        content=span(text, quote.strip('",')),
        speaker="Jane Ortiz",
        speaker_entity="jane-ortiz",
        sentence_index=1,
    )
    reopen = next(p for p in parts if "reopen" in p)
    claims = [
        Claim(
            id=f"{article_id}-c0",
            article_id=article_id,
            sentence_index=parts.index(reopen),
            text=reopen.split(" said ")[1].rstrip("."),
            span=span(text, reopen),
            asserted_by="outlet",
            asserter=outlet,
        ),
        Claim(
            id=f"{article_id}-c1",
            article_id=article_id,
            sentence_index=1,
            text="Officials said the port will reopen",
            span=span(text, "Officials said the port will reopen"),
            asserted_by="outlet",
            asserter=outlet,
        ),
    ]
    if "Twelve" in text:
        claims.append(
            Claim(
                id=f"{article_id}-c2",
                article_id=article_id,
                sentence_index=2,
                text="Twelve ships were delayed",
                span=span(text, "Twelve ships were delayed"),
                asserted_by="outlet",
                asserter=outlet,
            )
        )
    return AnalyzedArticle(
        article=Article(
            id=article_id,
            origin=f"{article_id}.txt",
            url=url,
            outlet=outlet,
            title=title,
            published=date(2026, 3, 9) if "calm" in article_id else date(2026, 3, 10),
            text=text,
        ),
        sentences=sentences(text, parts),
        entities=[],
        attributions=[att],
        claims=claims,
    )


def build_records() -> tuple[list[AnalyzedArticle], Story, Report]:
    calm = analysis(
        "calm-1",
        "Harbor Times",
        "Port to reopen Monday",
        CALM_TEXT,
        [
            "Officials said the port will reopen on Monday.",
            '"We have no plans to close the terminal," said Mayor Jane Ortiz.',
            "Twelve ships were delayed.",
        ],
        "https://harbor.example/port",
    )
    hostile = analysis(
        "evil-2",
        'Evil <b onmouseover="window.__pwned=4">News</b>',
        '<img src=x onerror="window.__pwned=5">Port "closing"',
        HOSTILE_TEXT,
        [
            "<script>window.__pwned = 1</script> Officials said the port will reopen on Friday.",
            '"We have plans to close the terminal," said Mayor Jane Ortiz.',
            HOSTILE_TEXT[HOSTILE_TEXT.index("<img") :],
        ],
        "javascript:window.__pwned=6",
    )
    analyses = [calm, hostile]
    story = Story(
        id="story-port",
        title="Port to reopen Monday",
        article_ids=[calm.article.id, hostile.article.id],
        first_published=date(2026, 3, 9),
        last_published=date(2026, 3, 10),
    )
    comparison = Comparison(
        story_id=story.id,
        links=[
            ClaimLink(
                a="calm-1-c0",
                b="evil-2-c0",
                relation=Relation.CONTRADICT,
                confidence=0.91,
                similarity=0.88,
                evidence=[
                    Evidence(kind="date", detail="Monday vs Friday", a="Monday", b="Friday"),
                ],
            )
        ],
        speakers=[
            Speaker(
                key="jane-ortiz",
                name="Jane Ortiz",
                label=EntityLabel.PERSON,
                statements=[
                    StatementRef(article_id="calm-1", attribution_id="calm-1-q1"),
                    StatementRef(article_id="evil-2", attribution_id="evil-2-q1"),
                ],
            )
        ],
        misquotes=[
            Misquote(
                speaker_key="jane-ortiz",
                a=StatementRef(article_id="calm-1", attribution_id="calm-1-q1"),
                b=StatementRef(article_id="evil-2", attribution_id="evil-2-q1"),
                similarity=0.9,
                only_in_a=["no"],
                only_in_b=[],
            )
        ],
        consensus=[["calm-1-c1", "evil-2-c1"]],
        unique=["calm-1-c2"],
    )
    brief = Brief(
        sentences=[
            BriefSentence(
                text="The sources disagree on when the port reopens <script>x</script>.",
                kind="dispute",
                sources=["Harbor Times", "Evil News"],
            )
        ]
    )
    report = build_report(story, analyses, comparison, brief, judge="hand-written")
    return analyses, story, report


@pytest.fixture()
def desk_app(tmp_path: Path):
    from counterpoint.desk import Desk
    from counterpoint.web import create_app

    analyses, story, report = build_records()
    desk = Desk(f"sqlite:///{tmp_path / 'web.db'}")
    desk.store.save_analyses(analyses)
    desk.store.save_story(story)
    app = create_app(desk, max_upload_mb=0.05)
    app.state.web_desk.cache.put(story, report)
    yield app, story, report
    desk.close()


@pytest.fixture()
def client(desk_app) -> TestClient:
    return TestClient(desk_app[0])


class ExecutableMarkup(HTMLParser):
    """Collects anything in a page a browser could execute."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {k.lower(): (v or "") for k, v in attrs}
        if tag == "script" and not names.get("src", "").startswith("/static/"):
            self.found.append("<script> without our static src")
        if tag in ("iframe", "object", "embed", "base", "img", "svg"):
            self.found.append(f"<{tag}>")
        if tag == "meta" and "http-equiv" in names and names["http-equiv"].lower() == "refresh":
            self.found.append("meta refresh")
        for name, value in names.items():
            if name.startswith("on"):
                self.found.append(f"{tag} {name}=")
            if name in ("href", "src", "action", "formaction", "xlink:href") and re.match(
                r"\s*(javascript|data|vbscript):", value, re.I
            ):
                self.found.append(f"{tag} {name}={value}")

    def handle_data(self, data: str) -> None:
        pass


def executable(html: str) -> list[str]:
    parser = ExecutableMarkup()
    parser.feed(html)
    return parser.found


def test_story_page_shows_dispute_cards_with_highlights(client: TestClient, desk_app) -> None:
    page = client.get("/stories/story-port")
    assert page.status_code == 200
    html = page.text
    assert html.count('class="card side-') == 2
    assert '<span class="claim diff" title="differs from the other source">Monday</span>' in html
    assert '<span class="claim diff" title="differs from the other source">Friday</span>' in html
    assert 'class="claim"' in html
    assert "91% confident" in html
    assert "/articles/calm-1?claim=calm-1-c0#focus" in html
    assert "Twelve ships were delayed" in html  # unique to one outlet
    assert "worded differently in" in html  # the misquote flag on the speaker panel
    assert html.index('id="disputes"') < html.index('id="consensus"') < html.index('id="speakers"')


def test_pages_contain_no_executable_markup_from_articles(client: TestClient) -> None:
    for path in ("/", "/stories/story-port", "/articles/evil-2", "/articles/calm-1", "/add"):
        page = client.get(path)
        assert page.status_code == 200, path
        assert executable(page.text) == [], path
        assert "<script>window" not in page.text
        if "evil" in path or "story" in path:  # the hostile text is shown, as text
            assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page.text
    story = client.get("/stories/story-port").text
    assert "javascript:" not in story.split('href="')[1:][0]
    assert not re.search(r'href="\s*javascript:', story)


def test_article_page_marks_quotes_and_focus(client: TestClient) -> None:
    html = client.get("/articles/calm-1?claim=calm-1-c0").text
    assert 'class="quote quote-direct"' in html
    assert 'title="Jane Ortiz (said)"' in html
    assert 'id="focus"' in html
    assert html.count("<p>") >= 2  # paragraphs kept
    assert 'href="https://harbor.example/port"' in html
    hostile = client.get("/articles/evil-2").text
    assert "original article" not in hostile  # a javascript: url is never a link


def test_stories_list_filters_and_counts(client: TestClient) -> None:
    html = client.get("/").text
    assert "Port to reopen Monday" in html and "1 dispute" in html and "2 sources" in html
    assert "Port to reopen" in client.get("/?q=harbor").text
    assert "No story matches" in client.get("/?q=volcano").text
    assert "No story matches" in client.get("/?outlet=Nobody").text
    assert "Port to reopen" in client.get("/?outlet=Harbor+Times").text
    assert "No story matches" in client.get("/?since=2026-04-01").text
    assert "Port to reopen" in client.get("/?since=2026-03-10&until=2026-03-31").text


def test_json_api_returns_the_report_model(client: TestClient, desk_app) -> None:
    _, story, report = desk_app
    listed = client.get("/api/stories").json()
    assert listed[0]["id"] == story.id and listed[0]["disputes"] == 1
    assert listed[0]["outlets"] == sorted(
        ["Harbor Times", 'Evil <b onmouseover="window.__pwned=4">News</b>']
    )
    got = client.get(f"/api/stories/{story.id}/report")
    assert got.status_code == 200
    assert Report.model_validate(got.json()) == report
    assert got.json()["schema_version"] == report.schema_version
    assert client.get(f"/api/stories/{story.id}").json()["article_ids"] == story.article_ids
    article = client.get("/api/articles/calm-1").json()
    assert article["attributions"][0]["speaker"] == "Jane Ortiz"
    assert client.get("/api/articles/nope").status_code == 404
    assert client.get("/api/stories/nope/report").status_code == 404
    assert client.get("/stories/nope").status_code == 404
    spec = client.get("/openapi.json").json()
    for path in (
        "/api/stories",
        "/api/stories/{story_id}/report",
        "/api/articles/{article_id}",
        "/api/ingest",
    ):
        assert path in spec["paths"]
    assert "multipart/form-data" in spec["paths"]["/api/ingest"]["post"]["requestBody"]["content"]


def test_security_headers_on_every_answer(client: TestClient) -> None:
    for path in ("/", "/stories/story-port", "/api/stories", "/static/style.css", "/nope"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp
        assert headers["x-content-type-options"] == "nosniff"
    assert client.head("/").status_code == 200  # health checks with HEAD work


def test_oversized_upload_is_refused_with_413(client: TestClient) -> None:
    big = b"word " * 20_000  # 100 kB against a 0.05 MB limit
    answer = client.post("/api/ingest", files={"files": ("big.txt", big, "text/plain")})
    assert answer.status_code == 413
    assert client.post("/add", data={"text": "x" * 60_000}).status_code == 413


def test_empty_ingest_is_rejected_and_form_rerendered(client: TestClient) -> None:
    answer = client.post("/api/ingest", data={"text": "   "})
    assert answer.status_code == 422
    assert answer.json()["problems"][0]["reason"].startswith("nothing to add")
    page = client.post("/add", files={"files": ("evil.exe", b"MZ", "application/octet-stream")})
    assert page.status_code == 422 and "only .txt" in page.text


def test_cross_site_post_is_refused(client: TestClient) -> None:
    answer = client.post("/add", data={"text": "hi"}, headers={"origin": "https://evil.example"})
    assert answer.status_code == 403


def test_token_gate(desk_app) -> None:
    from counterpoint.web import create_app

    app, story, report = desk_app
    gated = create_app(app.state.web_desk.desk, token="s3cret-token-123")
    gated.state.web_desk.cache.put(story, report)
    client = TestClient(gated)
    assert client.get("/api/stories").status_code == 401
    assert (
        client.get("/api/stories", headers={"authorization": "Bearer wrong-token-000"}).status_code
        == 401
    )
    ok = client.get("/api/stories", headers={"authorization": "Bearer s3cret-token-123"})
    assert ok.status_code == 200
    signed = client.get("/?token=s3cret-token-123", follow_redirects=False)
    assert signed.status_code == 303 and "HttpOnly" in signed.headers["set-cookie"]
    assert client.get("/").status_code == 200  # the cookie now carries the token


def test_trusted_hosts_block_rebinding(desk_app) -> None:
    from counterpoint.web import create_app

    app = create_app(desk_app[0].state.web_desk.desk, allowed_hosts=["127.0.0.1", "localhost"])
    client = TestClient(app, base_url="http://127.0.0.1")
    assert client.get("/api/stories").status_code == 200
    assert client.get("/api/stories", headers={"host": "attacker.example"}).status_code == 400


def test_report_cache_is_keyed_by_article_ids(desk_app) -> None:
    app, story, report = desk_app
    cache = app.state.web_desk.cache
    assert cache.get(story) is report
    grown = story.model_copy(update={"article_ids": [*story.article_ids, "new-article"]})
    assert cache.get(grown) is None
    assert isinstance(report.generated_at, datetime) and report.generated_at.tzinfo == UTC


def test_stories_list_pages_through_many_stories(desk_app) -> None:
    app, story, _ = desk_app
    desk = app.state.web_desk.desk
    for index in range(60):
        desk.store.save_story(story.model_copy(update={"id": f"story-{index:02d}"}))
    client = TestClient(app)
    first = client.get("/").text
    assert "61 stories · page 1 of 2" in first and first.count('class="story-row"') == 50
    second = client.get("/?page=2").text
    assert second.count('class="story-row"') == 11 and "← Newer" in second
    assert client.get("/?page=99").status_code == 200


def test_split_and_merge_correct_the_grouping(client: TestClient, desk_app) -> None:
    _, story, _ = desk_app
    split = client.post(f"/api/stories/{story.id}/split", json={"article_ids": ["evil-2"]})
    assert split.status_code == 200 and split.json()["article_ids"] == ["evil-2"]
    new_id = split.json()["id"]
    assert client.get(f"/api/stories/{story.id}").json()["article_ids"] == ["calm-1"]
    app, _, report = desk_app
    smaller = app.state.web_desk.story(story.id)
    assert app.state.web_desk.cache.get(smaller) is None  # its articles changed: no stale report
    app.state.web_desk.cache.put(smaller, report)  # stand-in, so no model runs in this test
    page = client.get(f"/stories/{story.id}").text
    assert 'name="other"' in page and f'value="{new_id}"' in page
    merged = client.post(
        f"/stories/{story.id}/merge", data={"other": new_id}, follow_redirects=False
    )
    assert merged.status_code == 303 and merged.headers["location"] == f"/stories/{story.id}"
    assert sorted(client.get(f"/api/stories/{story.id}").json()["article_ids"]) == [
        "calm-1",
        "evil-2",
    ]
    assert client.get(f"/api/stories/{new_id}").status_code == 404
    missing = client.post("/api/stories/nope/merge", json={"other": story.id})
    assert missing.status_code == 404


def test_unexpected_errors_answer_500_without_traceback(desk_app) -> None:
    app, _, _ = desk_app

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("secret internals")

    app.state.web_desk.summaries = broken
    client = TestClient(app, raise_server_exceptions=False)
    page = client.get("/")
    assert page.status_code == 500 and "Something went wrong" in page.text
    assert "secret internals" not in page.text
    assert "content-security-policy" in page.headers
    api = client.get("/api/stories")
    assert api.status_code == 500 and "secret" not in api.text


def test_report_cache_can_be_cleared(desk_app) -> None:
    app, story, report = desk_app
    cache = app.state.web_desk.cache
    assert cache.disputes(story) == len(report.disputes)
    cache.clear()
    assert cache.get(story) is None and cache.disputes(story) is None


def test_a_quote_cut_short_is_flagged_on_the_fuller_statement() -> None:
    from counterpoint.web.view_models import speaker_panels

    _, _, report = build_records()
    cut = [m.model_copy(update={"kind": "truncated"}) for m in report.misquotes]
    panels = speaker_panels(report.model_copy(update={"misquotes": cut}))
    rows = [row for panel in panels for rows in panel.by_outlet.values() for row in rows]
    fuller = next(row for row in rows if row.statement.article_id == "calm-1")
    shorter = next(row for row in rows if row.statement.article_id == "evil-2")
    evil = next(m.b.outlet for m in report.misquotes)
    assert fuller.cut_short_with == [evil] and fuller.misquote_with == []
    assert any(segment.classes for segment in fuller.segments)
    assert shorter.cut_short_with == [] and shorter.misquote_with == []
