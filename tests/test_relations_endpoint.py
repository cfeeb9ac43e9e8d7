"""The OpenAI-compatible judge against a tiny local fake server (127.0.0.1 only)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import ClassVar

import pytest

from counterpoint.compare.judges.openai_endpoint import OpenAIJudge, parse_reply


class FakeChat(BaseHTTPRequestHandler):
    """Answers like a chat model: 'contradict' when exactly one side has 'not', else agree."""

    requests: ClassVar[list[dict[str, object]]] = []

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeChat.requests.append(
            {"path": self.path, "auth": self.headers.get("Authorization"), "body": body}
        )
        lines = body["messages"][1]["content"].splitlines()
        a_lines = [ln.split("A: ", 1)[1] for ln in lines if "A: " in ln]
        b_lines = [ln.split("B: ", 1)[1] for ln in lines if "B: " in ln]
        verdicts = []
        for a, b in zip(a_lines, b_lines, strict=True):
            one_negated = (" not " in f" {a} ") != (" not " in f" {b} ")
            verdicts.append(
                {"agree": 0.1, "contradict": 0.8, "neutral": 0.1}
                if one_negated
                else {"agree": 0.7, "contradict": 0.1, "neutral": 0.2}
            )
        reply = {
            "choices": [
                {"message": {"role": "assistant", "content": "Here:\n" + json.dumps(verdicts)}}
            ]
        }
        data = json.dumps(reply).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def server() -> Iterator[str]:
    FakeChat.requests = []
    httpd = HTTPServer(("127.0.0.1", 0), FakeChat)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    httpd.shutdown()
    httpd.server_close()


def test_endpoint_judge_round_trip(server: str) -> None:
    judge = OpenAIJudge(server, "fake-model", api_key="k123", batch_size=2)
    pairs = [
        ("The talks went well.", "The talks went well."),
        ("Troops will leave.", "Troops will not leave."),
        ("The port is open.", "The port is not open."),
    ]
    scores = judge.score(pairs)
    assert [s.label.value for s in scores] == ["agree", "contradict", "contradict"]
    assert all(abs(s.agree + s.contradict + s.neutral - 1) < 1e-9 for s in scores)
    assert len(FakeChat.requests) == 2  # batches of two
    first = FakeChat.requests[0]
    assert first["path"] == "/v1/chat/completions"
    assert first["auth"] == "Bearer k123"
    assert first["body"]["model"] == "fake-model"  # type: ignore[index]


def test_parse_reply_normalises_and_rejects() -> None:
    [score] = parse_reply('[{"agree": 2, "contradict": 1, "neutral": 1}]', 1)
    assert score.agree == pytest.approx(0.5)
    [label_only] = parse_reply('```json\n["contradict"]\n```', 1)
    assert label_only.contradict == 1.0
    with pytest.raises(ValueError):
        parse_reply("I cannot judge this.", 1)
    with pytest.raises(ValueError):
        parse_reply('[{"agree": 1}]', 2)
