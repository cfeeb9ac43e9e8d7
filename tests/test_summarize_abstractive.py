"""The optional endpoint rewrite, against a fake OpenAI-compatible server on 127.0.0.1."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import ClassVar

import pytest

from counterpoint.records import Brief, BriefSentence
from counterpoint.summarize.abstractive import rewrite_brief

BRIEF = Brief(
    sentences=[
        BriefSentence(text="Talks resumed on Monday (A, B).", kind="consensus", sources=["A", "B"]),
        BriefSentence(
            text="A says six weeks; B says four months.", kind="dispute", sources=["A", "B"]
        ),
    ]
)


class _Fake(BaseHTTPRequestHandler):
    reply: object = None
    seen: ClassVar[list[dict[str, object]]] = []

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        _Fake.seen.append(json.loads(self.rfile.read(length)))
        body = json.dumps({"choices": [{"message": {"content": _Fake.reply}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        return


@pytest.fixture()
def server() -> Iterator[str]:
    httpd = HTTPServer(("127.0.0.1", 0), _Fake)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    httpd.shutdown()


def test_rewrite_keeps_kinds_and_sources(server: str) -> None:
    _Fake.reply = json.dumps(
        ["On Monday, talks resumed (A, B).", "A puts it at six weeks; B at four months."]
    )
    out = rewrite_brief(BRIEF, base_url=server, model="fake", api_key="k")
    assert out.sentences[0].text == "On Monday, talks resumed (A, B)."
    assert out.sentences[1].text == "A puts it at six weeks; B at four months."
    assert [s.kind for s in out.sentences] == ["consensus", "dispute"]
    request = _Fake.seen[-1]
    assert request["model"] == "fake"


def test_rewrite_that_drops_a_citation_keeps_the_original(server: str) -> None:
    _Fake.reply = json.dumps(["Talks resumed on Monday.", "Six weeks or four months (A, B)."])
    out = rewrite_brief(BRIEF, base_url=server, model="fake")
    assert out.sentences[0].text == BRIEF.sentences[0].text
    assert out.sentences[1].text == "Six weeks or four months (A, B)."


def test_unparsable_reply_or_dead_endpoint_keeps_the_brief(server: str) -> None:
    _Fake.reply = "Sorry, I cannot help."
    assert rewrite_brief(BRIEF, base_url=server) == BRIEF
    assert rewrite_brief(BRIEF, base_url="http://127.0.0.1:9", timeout=2) == BRIEF


def test_without_configuration_nothing_is_called(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COUNTERPOINT_OPENAI_BASE_URL", raising=False)
    assert rewrite_brief(BRIEF) is BRIEF


def test_write_brief_uses_the_endpoint_when_configured(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from test_summarize_fixtures import bridge_story

    from counterpoint.summarize import write_brief

    story, analyses, comparison = bridge_story()
    offline = write_brief(
        story, analyses, comparison, max_sentences=2, with_headline=False, abstractive=False
    )
    _Fake.reply = json.dumps([s.text.replace("The Elm", "Elm") for s in offline.sentences])
    monkeypatch.setenv("COUNTERPOINT_OPENAI_BASE_URL", server)
    monkeypatch.setenv("COUNTERPOINT_OPENAI_MODEL", "fake-model")
    monkeypatch.setenv("COUNTERPOINT_BRIEF_REWRITING", "endpoint")  # off by default
    online = write_brief(story, analyses, comparison, max_sentences=2, with_headline=False)
    assert online.sentences[0].text.startswith("Elm Street bridge was closed")
    assert [s.sources for s in online.sentences] == [s.sources for s in offline.sentences]
    assert _Fake.seen[-1]["model"] == "fake-model"
