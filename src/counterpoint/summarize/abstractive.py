"""Optional: let an OpenAI-compatible model smooth the extractive brief's wording.

The extractive brief is the product's default and needs nothing online. When a
user points COUNTERPOINT_OPENAI_BASE_URL (plus _MODEL, _API_KEY) at an endpoint, each
sentence may be rewritten for flow — but a rewrite that drops a sentence's outlet
citations, or a reply that does not parse, keeps the extractive sentence. Facts,
kinds and cited outlets never change.
"""

from __future__ import annotations

import json

import httpx

from counterpoint.records import Brief, BriefSentence
from counterpoint.settings import get as get_setting

SYSTEM_PROMPT = (
    "You edit a neutral multi-source news brief. Rewrite each numbered sentence so it "
    "reads smoothly and neutrally. Keep every fact, number and every outlet name exactly; "
    "add nothing that is not in the sentence; keep charged words in quotation marks and "
    "attributed. Answer with a JSON list of strings, one per input sentence, same order."
)


def endpoint_settings() -> tuple[str, str, str] | None:
    """(base_url, model, api_key) from the environment, or None when not configured."""
    base_url = get_setting("COUNTERPOINT_OPENAI_BASE_URL")
    if not base_url:
        return None
    model = get_setting("COUNTERPOINT_OPENAI_MODEL") or "gpt-4o-mini"
    api_key = get_setting("COUNTERPOINT_OPENAI_API_KEY")
    return base_url.rstrip("/"), model, api_key


def _parse(content: str, expected: int) -> list[str] | None:
    text = content.strip()
    if text.startswith("```"):
        text = text.strip("`")
        text = text[text.find("[") :] if "[" in text else text
    start, end = text.find("["), text.rfind("]")
    if start < 0 or end < start:
        return None
    try:
        items = json.loads(text[start : end + 1])
    except json.JSONDecodeError:
        return None
    if not isinstance(items, list) or len(items) != expected:
        return None
    if not all(isinstance(item, str) and item.strip() for item in items):
        return None
    return [item.strip() for item in items]


def _keeps_citations(original: BriefSentence, rewritten: str) -> bool:
    return all(name in rewritten for name in original.sources)


def rewrite_brief(
    brief: Brief,
    *,
    base_url: str | None = None,
    model: str | None = None,
    api_key: str | None = None,
    timeout: float = 60.0,
) -> Brief:
    """The brief with sentences reworded by the endpoint; any failure keeps the original."""
    settings = endpoint_settings()
    if base_url is None and settings is None:
        return brief
    url = (base_url or (settings[0] if settings else "")).rstrip("/")
    model = model or (settings[1] if settings else "gpt-4o-mini")
    key = api_key if api_key is not None else (settings[2] if settings else "")
    if not brief.sentences:
        return brief
    numbered = "\n".join(f"{i + 1}. {s.text}" for i, s in enumerate(brief.sentences))
    payload = {
        "model": model,
        "temperature": 0,
        "messages": [
            {"role": "system", "content": SYSTEM_PROMPT},
            {"role": "user", "content": numbered},
        ],
    }
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    try:
        response = httpx.post(
            f"{url}/chat/completions", json=payload, headers=headers, timeout=timeout
        )
        response.raise_for_status()
        content = response.json()["choices"][0]["message"]["content"]
    except (httpx.HTTPError, KeyError, IndexError, TypeError, ValueError):
        return brief
    rewritten = _parse(str(content), len(brief.sentences))
    if rewritten is None:
        return brief
    sentences = [
        sentence.model_copy(update={"text": text}) if _keeps_citations(sentence, text) else sentence
        for sentence, text in zip(brief.sentences, rewritten, strict=True)
    ]
    return Brief(sentences=sentences)
