"""Ingest throughput: articles/s for the local engine (1 and 2 workers) and Ray, and how
storing + story grouping scale with store size.

The corpus is synthetic-from-real: each article takes a BASIL event's title and
recombines paragraphs from that event's three real articles (plus a shifted date),
so texts are real news prose and stories are realistic.

    python benchmarks/ingest_scale.py                   # defaults below
    python benchmarks/ingest_scale.py --engine-n 200 --scale 1000 10000
    RAY_ADDRESS=ray://head:10001 python benchmarks/ingest_scale.py   # a real Ray cluster

Part A runs the real per-article pipeline (extract + analyze) through `ingest` on
each engine. Part B times what grows with the store (copy detection, story
clustering, SQLite writes, warm start) by cloning Part A's analyses to 1k / 10k
articles (half the sentences, a quarter of the words dropped, dates moved).
MiniLM lead embedding is a fixed per-article cost, timed once on the real leads;
clones reuse their source's vector (plus noise) so 10k fits on this machine.
Writes benchmarks/results/ingest_scale.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from counterpoint import settings  # noqa: E402
from counterpoint.engine import ingest  # noqa: E402
from counterpoint.group import StoryClusterer  # noqa: E402
from counterpoint.records import AnalyzedArticle, Article  # noqa: E402
from counterpoint.store import Store  # noqa: E402

DATA = settings.data_dir()
RESULTS = ROOT / "benchmarks" / "results" / "ingest_scale.json"
CACHE = settings.cache_dir()


def synthetic_corpus(count: int, seed: int = 7) -> list[dict[str, str]]:
    """JSONL rows recombining paragraphs within each BASIL event."""
    events: dict[str, list[dict]] = {}
    for path in sorted((DATA / "stories" / "basil" / "articles").glob("*/*.json")):
        data = json.loads(path.read_text())
        events.setdefault(data["triplet-uuid"], []).append(data)
    rng = random.Random(seed)
    keys = sorted(events)
    rows = []
    for index in range(count):
        event = events[keys[index % len(keys)]]
        paragraphs = [" ".join(p) for a in event for p in a["body-paragraphs"] if p]
        lead = event[index % len(event)]
        chosen = [" ".join(p) for p in lead["body-paragraphs"][:2] if p]
        chosen += rng.sample(paragraphs, min(len(paragraphs), rng.randint(4, 10)))
        published = date.fromisoformat(lead["date"]) + timedelta(days=index // len(keys))
        rows.append(
            {
                "title": f"{lead['title']} ({index})",
                "text": "\n\n".join(chosen),
                "source": f"{lead['source']}-{index % 5}",
                "date": published.isoformat(),
            }
        )
    return rows


def write_jsonl(rows: list[dict[str, str]], folder: Path, name: str) -> str:
    path = folder / name
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    return str(path)


def run_engine(spec: str, folder: Path, engine: str, workers: int) -> dict:
    with Store(f"sqlite:///{folder / f'{engine}{workers}.db'}") as store:
        started = time.perf_counter()
        report = ingest([spec], store, engine=engine, workers=workers)
        seconds = time.perf_counter() - started
        return {
            "engine": engine,
            "workers": workers,
            "articles": len(report.added),
            "problems": len(report.problems),
            "stories": len(store.stories()),
            "seconds": round(seconds, 1),
            "articles_per_s": round(len(report.added) / seconds, 2),
        }


def clone(analyses: list[AnalyzedArticle], count: int, seed: int = 11) -> list[AnalyzedArticle]:
    """`count` analyses built from real ones: each generation keeps a different random half
    of an article's sentences and drops a quarter of its words (so clones are rewrites,
    not copies) and moves the date by 45 days (so they are new stories)."""
    rng = random.Random(seed)
    result = []
    for index in range(count):
        source = analyses[index % len(analyses)]
        generation = index // len(analyses)
        article = source.article
        sentences = source.sentences
        if generation and len(sentences) > 3:
            kept = sorted(rng.sample(range(len(sentences)), max(2, len(sentences) // 2)))
            sentences = [sentences[k] for k in kept]
        text = " ".join(s.text for s in sentences) or article.text
        if generation:  # drop a quarter of the words: a rewrite, not a near-copy
            words = text.split()
            text = " ".join(w for w in words if rng.random() >= 0.25) or text
        moved = (article.published or date(2012, 1, 1)) + timedelta(days=45 * generation)
        new = Article(
            **{
                **article.model_dump(),
                "id": f"{article.id}-{generation}",
                "origin": f"{article.origin}#{generation}",
                "published": moved,
                "text": text,
            }
        )
        result.append(source.model_copy(update={"article": new, "sentences": sentences}))
    return result


class SourceEmbedder:
    """Lead embeddings for clones: their source article's real MiniLM vector plus a little
    deterministic noise. MiniLM is a fixed per-article cost (timed separately); this keeps
    Part B about what grows with the store."""

    def __init__(self, table: dict[str, np.ndarray]) -> None:
        self.table = table

    def __call__(self, texts: list[str]) -> np.ndarray:
        rows = []
        for text in texts:
            vector = self.table[text]
            noise = np.random.default_rng(abs(hash(text)) % 2**32).normal(0, 0.02, vector.shape)
            rows.append((vector + noise) / np.linalg.norm(vector + noise))
        return np.asarray(rows, dtype=np.float32)


def run_scale(analyses: list[AnalyzedArticle], sizes: list[int], folder: Path) -> dict:
    from counterpoint.group.features import MiniLMEmbedder, lead_text

    real = MiniLMEmbedder()
    leads = [lead_text(a) for a in analyses]
    real(leads[:8])  # load the model outside the timing
    started = time.perf_counter()
    vectors = real(leads)
    embed_ms = 1000 * (time.perf_counter() - started) / len(leads)
    print(f"  MiniLM lead embedding: {embed_ms:.1f} ms/article")
    by_id = {a.article.id: v for a, v in zip(analyses, vectors, strict=True)}
    rows = []
    for size in sizes:
        corpus = clone(analyses, size)
        table = {lead_text(c): by_id[c.article.id.rsplit("-", 1)[0]] for c in corpus}
        with Store(f"sqlite:///{folder / f'scale{size}.db'}") as store:
            clusterer = StoryClusterer(embed=SourceEmbedder(table))
            started = time.perf_counter()
            last_batch, batch = 0.0, corpus[:0]
            for start in range(0, size, 32):
                batch = corpus[start : start + 32]
                t0 = time.perf_counter()
                touched = clusterer.add(batch)
                store.save_batch(
                    batch,
                    [clusterer.story(s) for s in touched],
                    (),
                    {a.article.id: clusterer.cached(a.article.id) for a in batch},
                )
                last_batch = time.perf_counter() - t0
            seconds = time.perf_counter() - started
            t0 = time.perf_counter()
            warm = StoryClusterer(embed=SourceEmbedder(table))
            warm.load(store.stories(), store.analyses_without_cache(), cached=store.cluster_cache())
            warm_seconds = time.perf_counter() - t0
            rows.append(
                {
                    "store_size": size,
                    "seconds": round(seconds, 1),
                    "articles_per_s": round(size / seconds, 1),
                    "last_batch_ms_per_article": round(1000 * last_batch / len(batch), 1),
                    "warm_start_seconds": round(warm_seconds, 1),
                    "stories": len(store.stories()),
                    "copies": sum(len(s.copies) for s in store.stories()),
                }
            )
        print(f"  group + store at {size}: {rows[-1]}")
    return {"minilm_ms_per_article": round(embed_ms, 1), "sizes": rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--engine-n", type=int, default=200, help="articles for Part A")
    parser.add_argument("--scale", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--engines", nargs="*", default=["local:1", "local:2", "ray:2"])
    parser.add_argument("--results", type=Path, default=RESULTS, help="JSON to write")
    args = parser.parse_args()
    if not (DATA / "stories" / "basil").is_dir():
        print(f"skip: no BASIL data under {DATA / 'stories'} (set COUNTERPOINT_DATA)")
        return
    results: dict = {
        "benchmark": "ingest_scale",
        "machine": "2-core CPU, 24 GiB, no GPU, shared",
        "corpus": "synthetic from BASIL paragraphs",
        "engines": [],
        "scale": {},
    }
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        spec = write_jsonl(synthetic_corpus(args.engine_n), folder, "corpus.jsonl")
        first_db = None
        for entry in args.engines:
            engine, workers = entry.split(":")
            row = run_engine(spec, folder, engine, int(workers))
            results["engines"].append(row)
            first_db = first_db or folder / f"{engine}{workers}.db"
            print(f"  {row}")
        analyses = []
        cached = CACHE / "bench-ingest-analyses.jsonl"
        if first_db is not None:
            with Store(f"sqlite:///{first_db}") as store:
                analyses = store.analyses()
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.write_text("".join(a.model_dump_json() + "\n" for a in analyses))
        elif cached.is_file():  # --engines with no value: Part B only, Part A kept
            analyses = [AnalyzedArticle.model_validate_json(line) for line in cached.open()]
            if RESULTS.is_file():
                results["engines"] = json.loads(RESULTS.read_text()).get("engines", [])
        if analyses and args.scale:
            results["scale"] = run_scale(analyses, args.scale, folder)
    print(f"\n{'engine':8} {'workers':>7} {'articles':>8} {'seconds':>8} {'art/s':>7}")
    for row in results["engines"]:
        print(
            f"{row['engine']:8} {row['workers']:7} {row['articles']:8} {row['seconds']:8} "
            f"{row['articles_per_s']:7}"
        )
    print(
        f"\n{'store size':>10} {'seconds':>8} {'art/s':>7} {'ms/art at end':>13} "
        f"{'warm start s':>12} {'stories':>7}"
    )
    for row in results["scale"].get("sizes", []) if results["scale"] else []:
        print(
            f"{row['store_size']:10} {row['seconds']:8} {row['articles_per_s']:7} "
            f"{row['last_batch_ms_per_article']:13} {row['warm_start_seconds']:12} "
            f"{row['stories']:7}"
        )
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(json.dumps(results, indent=2) + "\n")
    print(f"wrote {args.results}")


if __name__ == "__main__":
    main()
