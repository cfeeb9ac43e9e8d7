"""Read the metadata a page declares in its <head> (Open Graph, JSON-LD, canonical link).

Why: trafilatura's metadata pass misses some declared fields (e.g. og:site_name on
pages where its heuristics bail out early). These declarations are the publisher's
own statement, so they fill gaps before any weaker fallback (domain, file name).
"""

from __future__ import annotations

import json
from typing import Any

import lxml.html
from lxml.etree import ParserError

SITE_NAME_KEYS = (
    "og:site_name",
    "application-name",
    "al:android:app_name",
    "twitter:app:name:iphone",
)
URL_KEYS = ("og:url", "twitter:url")


def declared_metadata(data: bytes) -> dict[str, str]:
    """{'sitename': ..., 'url': ...} as declared by the page; missing keys are absent."""
    try:
        root = lxml.html.document_fromstring(data)
    except (ParserError, ValueError):
        return {}
    found: dict[str, str] = {}
    metas: dict[str, str] = {}
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if key and content:
            metas.setdefault(key, content)
    site = next((metas[k] for k in SITE_NAME_KEYS if k in metas), None) or _json_ld_publisher(root)
    if site:
        found["sitename"] = site
    url = next((metas[k] for k in URL_KEYS if k in metas), None)
    canonical = root.xpath("//link[@rel='canonical']/@href")
    url = url or (str(canonical[0]).strip() if canonical else None)
    if url and url.startswith(("http://", "https://")):
        found["url"] = url
    return found


def _json_ld_publisher(root: lxml.html.HtmlElement) -> str | None:
    for script in root.xpath("//script[@type='application/ld+json']/text()"):
        try:
            payload = json.loads(script)
        except ValueError:
            continue
        for node in _nodes(payload):
            publisher = node.get("publisher")
            if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
                return str(publisher["name"]).strip() or None
    return None


def _nodes(payload: Any) -> list[dict[str, Any]]:
    if isinstance(payload, list):
        return [node for item in payload for node in _nodes(item)]
    if isinstance(payload, dict):
        graph = payload.get("@graph")
        return [payload, *(_nodes(graph) if graph else [])]
    return []
