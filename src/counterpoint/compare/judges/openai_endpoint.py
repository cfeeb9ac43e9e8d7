"""An OpenAI-compatible chat endpoint (vLLM, llama.cpp server, Ollama, OpenAI) as judge.

Why: a large instruction model reads nuance our small model misses; users opt in
with COUNTERPOINT_JUDGE=openai plus COUNTERPOINT_OPENAI_BASE_URL / _MODEL / _API_KEY.
Pairs go in small numbered batches; the reply must be a JSON list of probability
objects, which we validate and renormalise. Nothing is sent anywhere unless the
user configured the endpoint.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

import httpx

from counterpoint.records import RelationScore

SYSTEM_PROMPT = (
    "You compare pairs of statements from news reports. For each numbered pair (A, B) "
    "give the probability that B agrees with A (A supports B), contradicts A (both cannot "
    "be true), or is neutral (related or unrelated, but neither). Reply with only a JSON "
    'list, one object per pair in order: [{"agree": 0.1, "contradict": 0.8, "neutral": 0.1}].'
)
_JSON_LIST = re.compile(r"\[.*\]", re.DOTALL)


def parse_reply(text: str, expected: int) -> list[RelationScore]:
    """Turn the model's reply into scores; raises ValueError when it is not usable."""
    match = _JSON_LIST.search(text)
    if not match:
        raise ValueError(f"no JSON list in endpoint reply: {text[:200]!r}")
    items = json.loads(match.group(0))
    if not isinstance(items, list) or len(items) != expected:
        raise ValueError(f"expected {expected} judgements, got {text[:200]!r}")
    scores = []
    for item in items:
        if isinstance(item, str):  # a bare label
            item = {item.lower(): 1.0}
        values = [max(0.0, float(item.get(k, 0.0))) for k in ("agree", "contradict", "neutral")]
        total = sum(values)
        if total <= 0:
            raise ValueError(f"judgement without probabilities: {item!r}")
        scores.append(
            RelationScore(
                agree=values[0] / total, contradict=values[1] / total, neutral=values[2] / total
            )
        )
    return scores


class OpenAIJudge:
    """Asks an OpenAI-compatible /chat/completions endpoint to judge pairs."""

    name = "openai"

    def __init__(
        self,
        base_url: str,
        model: str,
        api_key: str | None = None,
        batch_size: int = 8,
        timeout: float = 60.0,
        client: httpx.Client | None = None,
    ) -> None:
        self.url = base_url.rstrip("/") + "/chat/completions"
        self.model = model
        self.batch_size = batch_size
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self.client = client or httpx.Client(timeout=timeout, headers=headers)

    def _ask(self, pairs: Sequence[tuple[str, str]]) -> list[RelationScore]:
        listing = "\n".join(f"{n}. A: {a}\n   B: {b}" for n, (a, b) in enumerate(pairs, 1))
        body: dict[str, Any] = {
            "model": self.model,
            "temperature": 0,
            "messages": [
                {"role": "system", "content": SYSTEM_PROMPT},
                {"role": "user", "content": listing},
            ],
        }
        response = self.client.post(self.url, json=body)
        response.raise_for_status()
        text = response.json()["choices"][0]["message"]["content"]
        return parse_reply(str(text), len(pairs))

    def score(self, pairs: Sequence[tuple[str, str]]) -> list[RelationScore]:
        """Batches of pairs; a batch whose reply does not parse is retried pair by pair."""
        out: list[RelationScore] = []
        for start in range(0, len(pairs), self.batch_size):
            chunk = pairs[start : start + self.batch_size]
            try:
                out.extend(self._ask(chunk))
            except ValueError:
                if len(chunk) == 1:
                    raise
                out.extend(s for pair in chunk for s in self._ask([pair]))
        return out
