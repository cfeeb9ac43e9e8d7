"""Speed of the desk: ingest (extract + analyze) articles/s and compare seconds.

Measured in one run, next to the anchor: trafilatura's extraction alone on the same
pages. Pages come from the scrapinghub article-extraction benchmark; the 10-article
story is one ECB+ sub-topic (several outlets' reports of one event).

    python benchmarks/speed.py [--pages 60] [--story 1ecb]

Prints a table and writes benchmarks/results/speed.json.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from counterpoint import settings

ROOT = Path(__file__).resolve().parents[1]
DATA = settings.data_dir()
RESULTS = ROOT / "benchmarks" / "results"


def load_pages(limit: int) -> list[tuple[str, bytes]]:
    folder = DATA / "extraction" / "scrapinghub" / "html"
    files = sorted(folder.glob("*.html.gz"))[:limit]
    return [(f.name, gzip.decompress(f.read_bytes())) for f in files]


def load_story(topic: str, size: int) -> list[dict[str, str]]:
    folder = DATA / "stories" / "ecbplus" / topic
    docs = []
    for path in sorted(folder.glob("*.json"))[:size]:
        record = json.loads(path.read_text())
        docs.append(
            {"origin": path.name, "text": record["text"], "source": record["source_domain"]}
        )
    return docs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=60)
    parser.add_argument("--story", default="1ecb")
    parser.add_argument("--story-size", type=int, default=10)
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"shared data not found at {DATA}; set COUNTERPOINT_DATA", file=sys.stderr)
        return 0

    import trafilatura

    from counterpoint.compare.judges import get_judge
    from counterpoint.compare.story import compare_story
    from counterpoint.extract.errors import ExtractionError
    from counterpoint.group.cluster import group_as_one_story
    from counterpoint.pipeline import Pipeline
    from counterpoint.records import RawItem
    from counterpoint.summarize import write_brief

    pages = load_pages(args.pages)

    start = time.perf_counter()
    for _name, html in pages:
        trafilatura.extract(html.decode("utf-8", "replace"))
    anchor_seconds = time.perf_counter() - start

    load_start = time.perf_counter()
    pipeline = Pipeline()
    judge = get_judge()
    judge.score([("warm up", "warm up")])
    from counterpoint.models import embed

    embed(["warm up"])
    load_seconds = time.perf_counter() - load_start

    start = time.perf_counter()
    done = 0
    for name, html in pages:
        try:
            pipeline.process(RawItem(origin=name, data=html, media_type="html"))
            done += 1
        except ExtractionError:
            pass
    ingest_seconds = time.perf_counter() - start

    docs = load_story(args.story, args.story_size)
    items = [
        RawItem(
            origin=d["origin"],
            data=d["text"].encode(),
            media_type="text",
            hints={"source": d["source"]},
        )
        for d in docs
    ]
    analyses = [pipeline.process(item) for item in items]
    start = time.perf_counter()
    story = group_as_one_story(analyses)
    comparison = compare_story(story, analyses, judge)
    write_brief(story, analyses, comparison)
    compare_seconds = time.perf_counter() - start
    claims = sum(len(a.claims) for a in analyses)

    rows = [
        (
            "trafilatura extract only (anchor)",
            f"{len(pages) / anchor_seconds:.1f} articles/s",
            len(pages),
        ),
        ("counterpoint ingest (extract+analyze)", f"{done / ingest_seconds:.1f} articles/s", done),
        ("model loading (once per worker)", f"{load_seconds:.1f} s", 1),
        (f"compare + brief, {len(analyses)}-article story", f"{compare_seconds:.2f} s", claims),
    ]
    print(f"{'measure':45} {'result':>18} {'n':>6}")
    for label, value, n in rows:
        print(f"{label:45} {value:>18} {n:>6}")
    result = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
        },
        "pages": len(pages),
        "anchor_trafilatura_articles_per_s": len(pages) / anchor_seconds,
        "ingest_articles_per_s": done / ingest_seconds,
        "ingest_ok": done,
        "model_load_s": load_seconds,
        "compare_story_articles": len(analyses),
        "compare_story_claims": claims,
        "compare_seconds": compare_seconds,
        "judge": judge.name,
        "links": len(comparison.links),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "speed.json").write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
