"""Latency of the web desk: what a reader waits for, next to the Desk call it wraps.

Ingests the sample corpus (and, when the shared data is there, a few ECB+ topics)
into a temporary SQLite store through POST /api/ingest, then for every story times:
the first GET of the report through the API (no cache yet), the anchor
`Desk.report()` called directly (what `counterpoint show` does), and cached GETs of
the report JSON and of the story page; plus the stories list and an article page.
Models are loaded by one warm-up report before any timing.

    python benchmarks/web.py [--topics 2] [--repeat 20] [--cold 2]

Prints a table and writes benchmarks/results/web.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from counterpoint import settings

ROOT = Path(__file__).resolve().parents[1]
DATA = settings.data_dir()
RESULTS = ROOT / "benchmarks" / "results"
SAMPLES = ROOT / "src" / "counterpoint" / "samples"


def ecb_documents(topics: int) -> list[tuple[str, bytes]]:
    """A few ECB+ sub-topics as plain-text files with an Outlet header."""
    folder = DATA / "stories" / "ecbplus"
    if not folder.is_dir():
        print(f"ECB+ not found at {folder}; timing the sample corpus only", file=sys.stderr)
        return []
    files: list[tuple[str, bytes]] = []
    for topic in sorted(p for p in folder.iterdir() if p.is_dir())[:topics]:
        for path in sorted(topic.glob("*.json"))[:8]:
            record = json.loads(path.read_text())
            title = " ".join((record.get("title") or "").split())[:200]
            head = f"Outlet: ECB+ {record.get('source_domain') or path.stem}\nTitle: {title}"
            text = f"{head}\n\n{record['text']}"
            files.append((f"{topic.name}-{path.stem}.txt", text.encode()))
    return files


def timed(call, repeat: int = 1) -> list[float]:  # type: ignore[no-untyped-def]
    seconds = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        seconds.append(time.perf_counter() - start)
    return seconds


def ms(values: list[float]) -> float:
    return round(1000 * statistics.median(values), 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topics", type=int, default=2, help="ECB+ sub-topics to add")
    parser.add_argument("--repeat", type=int, default=20, help="cached requests per story")
    parser.add_argument("--cold", type=int, default=2, help="uncached rounds per story")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")

    from fastapi.testclient import TestClient

    from counterpoint.desk import Desk
    from counterpoint.web import create_app

    files = [
        (p.name, p.read_bytes())
        for p in sorted(SAMPLES.glob("*/*"))
        if p.suffix in (".txt", ".html")
    ] + ecb_documents(args.topics)
    folder = Path(tempfile.mkdtemp(prefix="counterpoint-web-bench-"))
    desk = Desk(f"sqlite:///{folder / 'desk.db'}")
    app = create_app(desk, max_upload_mb=50)
    cache = app.state.web_desk.cache
    client = TestClient(app)

    start = time.perf_counter()
    answer = client.post("/api/ingest", files=[("files", (n, d, "text/plain")) for n, d in files])
    ingest_seconds = time.perf_counter() - start
    if answer.status_code != 201:
        print(f"ingest failed: {answer.status_code} {answer.text[:300]}", file=sys.stderr)
        return 1
    added = answer.json()["article_ids"]

    compared = [s for s in desk.stories() if len(s.article_ids) >= 2]
    desk.report(compared[-1].id)  # warm-up: model loading is paid once, outside the timings
    rows = []
    for story in compared:
        # web first (no cache yet), then the anchor: any cache inside the pipeline
        # would favour the anchor, so the overhead shown is an upper bound
        first, direct = [], []
        for _ in range(args.cold):  # alternate, so load from other jobs hits both alike
            cache.clear()
            first += timed(lambda s=story.id: client.get(f"/api/stories/{s}/report"))
            direct += timed(lambda s=story.id: desk.report(s))
        cached = timed(lambda s=story.id: client.get(f"/api/stories/{s}/report"), args.repeat)
        page = timed(lambda s=story.id: client.get(f"/stories/{s}"), args.repeat)
        rows.append(
            {
                "story": story.title[:48],
                "articles": len(story.article_ids),
                "desk_report_ms": ms(direct),
                "api_first_ms": ms(first),
                "api_cached_ms": ms(cached),
                "page_cached_ms": ms(page),
            }
        )
    listing = timed(lambda: client.get("/"), args.repeat)
    article = timed(lambda: client.get(f"/articles/{added[0]}"), args.repeat)

    header = [
        "story",
        "articles",
        "desk_report_ms",
        "api_first_ms",
        "api_cached_ms",
        "page_cached_ms",
    ]
    print(f"ingested {len(added)} articles via POST /api/ingest in {ingest_seconds:.1f}s")
    print(" | ".join(header))
    for row in rows:
        print(" | ".join(str(row[h]) for h in header))
    print(f"stories list p50 {ms(listing)} ms · article page p50 {ms(article)} ms")

    RESULTS.mkdir(parents=True, exist_ok=True)
    result = {
        "benchmark": "web",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()} {os.cpu_count()} CPU, no GPU",
        "inputs": {"files": len(files), "articles": len(added), "ecb_topics": args.topics},
        "ingest_seconds": round(ingest_seconds, 2),
        "ingest_articles_per_s": round(len(added) / ingest_seconds, 2) if ingest_seconds else None,
        "stories": rows,
        "stories_list_p50_ms": ms(listing),
        "article_page_p50_ms": ms(article),
        "repeat": args.repeat,
        "cold_rounds": args.cold,
    }
    (RESULTS / "web.json").write_text(json.dumps(result, indent=2) + "\n")
    desk.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
