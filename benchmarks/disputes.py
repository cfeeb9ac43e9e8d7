"""Disputes benchmark: the desk's disputes list against hand-made gold.

Runs the product path (one `Desk`, models loaded once, `Desk.compare` on each story
folder, the JSON report a user gets from `counterpoint compare DIR --format json`)
over a gold folder laid out as `stories/ID/{fox,nyt,hpo}.txt` + `gold/ID.json`, then
scores the reports with the reference scorer (`score_disputes.py`, see
../shared/data/disputes/GUIDELINES.md) and prints its figures plus seconds per story.

    python benchmarks/disputes.py                          # basil-dev
    python benchmarks/disputes.py ../gold_work/dev --stories /tmp/basil_all
                                     # gold files alone; stories from basil_stories.py
    python benchmarks/disputes.py --cache /tmp/cp-analyses # reuse analyses between runs
    python benchmarks/disputes.py --show                   # print each reported dispute

Data: $COUNTERPOINT_DATA/disputes/basil-dev (default ../shared/data); the scorer is
$COUNTERPOINT_TOOLS/score_disputes.py (default ../shared/tools). Skips cleanly when
either is absent. Writes benchmarks/results/disputes.json (one entry per gold folder)
and the reports to --reports (default a temporary folder).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

DATA = Path(os.environ.get("COUNTERPOINT_DATA", ROOT.parent / "shared" / "data"))
TOOLS = Path(os.environ.get("COUNTERPOINT_TOOLS", ROOT.parent / "shared" / "tools"))
RESULTS = ROOT / "benchmarks" / "results" / "disputes.json"


def load_scorer() -> ModuleType | None:
    path = TOOLS / "score_disputes.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location("score_disputes", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def story_ids(gold_dir: Path, stories: Path) -> list[str]:
    """Stories that have both gold and text (only those: other folders are never read)."""
    gold = {p.stem for p in gold_dir.glob("*.json")}
    return sorted(s.name for s in stories.iterdir() if s.is_dir() and s.name in gold)


def run(
    folder: Path, stories: Path, reports: Path, cache: Path | None, show: bool
) -> dict[str, Any]:
    from counterpoint.desk import Desk
    from counterpoint.present.render import render_text
    from counterpoint.records import AnalyzedArticle

    desk = Desk()
    reports.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    desk.analyze_text("Warm-up: the council voted on Tuesday to close 3 schools.")
    _ = desk.judge
    load_seconds = time.perf_counter() - started
    seconds: list[float] = []
    gold_dir = folder / "gold" if (folder / "gold").is_dir() else folder
    for story in story_ids(gold_dir, stories):
        directory = stories / story
        tick = time.perf_counter()
        cached = cache / f"{story}.json" if cache else None
        if cached is not None and cached.exists():
            analyses = [AnalyzedArticle.model_validate(a) for a in json.loads(cached.read_text())]
            report = desk.compare_analyses(analyses)
        elif cached is not None:
            items, problems = desk.read([str(directory)])
            analyses, more = desk.analyze(items)
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.write_text(json.dumps([a.model_dump(mode="json") for a in analyses]))
            report = desk.compare_analyses(analyses, problems + more)
        else:
            report = desk.compare([str(directory)])
        seconds.append(time.perf_counter() - tick)
        (reports / f"{story}.json").write_text(render_text(report, "json"))
        if show:
            print(f"== {story}: {len(report.disputes)} disputes")
            for d in report.disputes:
                reason = "; ".join(e.detail for e in d.evidence)
                print(f"  [{d.confidence:.2f}] {reason}")
                print(f"    {d.a.outlet}: {d.a.sentence[:160]}")
                print(f"    {d.b.outlet}: {d.b.sentence[:160]}")
    return {
        "stories": len(seconds),
        "seconds_per_story": round(sum(seconds) / max(1, len(seconds)), 2),
        "model_load_seconds": round(load_seconds, 1),
        "cached_analyses": cache is not None,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(DATA / "disputes" / "basil-dev"))
    parser.add_argument("--stories", help="story folders (default FOLDER/stories)")
    parser.add_argument("--reports", help="where to write the per-story JSON reports")
    parser.add_argument("--cache", help="folder for analysed articles (iterating on compare)")
    parser.add_argument("--show", action="store_true", help="print every reported dispute")
    parser.add_argument("--no-write", action="store_true", help="do not update the results JSON")
    args = parser.parse_args()
    folder = Path(args.folder)
    gold_dir = folder / "gold" if (folder / "gold").is_dir() else folder
    stories = Path(args.stories) if args.stories else folder / "stories"
    scorer = load_scorer()
    if scorer is None or not any(gold_dir.glob("*.json")) or not stories.is_dir():
        print(f"gold in {gold_dir}, stories in {stories} or scorer in {TOOLS} missing; skipping.")
        return 0
    reports = Path(args.reports or tempfile.mkdtemp(prefix="cp-disputes-"))
    cache = Path(args.cache) if args.cache else None
    timing = run(folder, stories, reports, cache, args.show)
    rows, total = scorer.score(gold_dir, reports)
    ratio = scorer.ratio
    summary = {
        "stories": total["stories"],
        "reported": total["reported"],
        "precision": ratio(total["hit"], total["reported"]),
        "loose_precision": ratio(total["near"], total["reported"]),
        "trap_hits": total["trap"],
        "recall": ratio(total["found"], total["gold"]),
        "recall_clear": ratio(total["found_clear"], total["gold_clear"]),
        "gold": total["gold"],
        "gold_clear": total["gold_clear"],
        **timing,
    }
    print(f"{'story':10} {'reported':>8} {'genuine':>7} {'traps':>5} {'gold':>4} {'found':>5}")
    for r in rows:
        print(
            f"{r['story']:10} {r['reported']:8} {r['hit']:7} {r['trap']:5} "
            f"{r['gold']:4} {r['found']:5}"
        )
    print(" ".join(f"{k}={v}" for k, v in summary.items()))
    print(f"reports in {reports}")
    if not args.no_write:
        results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
        results[folder.name] = {"total": summary, "stories": rows, "folder": str(folder)}
        RESULTS.write_text(json.dumps(results, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
