"""Quality gate: a small, fast evaluation per stage; CI fails when a figure drops below its floor.

Modelled on trafilatura's tests/eval_gate.py. Each area scores the shipped code on a
fixed dev subset (the first N items in sorted order, never a held-out split) with the
same measure as its benchmark in docs/benchmarks.md, in seconds to a minute or two:

    python tests/eval_gate.py                   # every area: figures against floors
    python tests/eval_gate.py extraction quotes # some areas
    python tests/eval_gate.py --propose         # the baseline JSON the figures would give

Floors live in tests/eval_baseline.json, a little under the figures measured when they
were set. Raising a floor after an improvement is welcome; lowering one is an explicit,
reviewed change to that file (say why in the commit). tests/test_eval_gate.py runs the
same areas under pytest (marked slow; CI runs them). An area whose data is absent
(`COUNTERPOINT_DATA`, default ../shared/data) is skipped, unless
COUNTERPOINT_REQUIRE_DATA is set (CI sets it in .ci/run): then it fails.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import importlib.util
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parents[1]
BASELINE = Path(__file__).with_name("eval_baseline.json")
Figures = dict[str, float]

# fixed subsets (first N in sorted order); changing one is a baseline change too
EXTRACTION_PAGES = 80
QUOTES_ARTICLES = 16
NLI_PAIRS = 300
FNC_PER_STANCE = {"agree": 40, "disagree": 40, "discuss": 50, "unrelated": 50}
ECB_SUBTOPICS = 12
BASIL_EVENTS = 20
DISPUTE_STORIES = 10
BRIEF_STORIES = 60


class Skip(Exception):
    """The area's data is not available here."""


def data_dir() -> Path:
    from counterpoint import settings

    return settings.data_dir()


def _need(path: Path) -> Path:
    """`path` when it exists; else skip the area, or fail when COUNTERPOINT_REQUIRE_DATA is set.

    A user's clone without the datasets skips; CI sets the switch so a missing data
    folder cannot pass the gate unmeasured.
    """
    if path.exists():
        return path
    from counterpoint import settings

    if settings.flag("COUNTERPOINT_REQUIRE_DATA"):
        raise FileNotFoundError(
            f"{path} not found and COUNTERPOINT_REQUIRE_DATA is set: the quality gate "
            "must measure here (set COUNTERPOINT_DATA / COUNTERPOINT_TOOLS)"
        )
    raise Skip(f"{path} not found (set COUNTERPOINT_DATA)")


def _benchmark(name: str) -> ModuleType:
    """A benchmark script as a module, so the gate scores exactly as the benchmark does."""
    path = REPO / "benchmarks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"_gate_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _f1(gold: list[str], predicted: list[str], label: str) -> float:
    tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
    fp = sum(p == label != g for g, p in zip(gold, predicted, strict=True))
    fn = sum(g == label != p for g, p in zip(gold, predicted, strict=True))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


# ---------------------------------------------------------------- extraction

_TOKEN = re.compile(r"\w+", re.UNICODE)


def _tokens(text: str) -> Counter[str]:
    return Counter(_TOKEN.findall(unicodedata.normalize("NFKC", text).casefold()))


def extraction() -> Figures:
    """Body token P/R/F1 per page, averaged: scrapinghub, first 80 pages."""
    from counterpoint.extract import ExtractionError, extract
    from counterpoint.records import RawItem

    folder = _need(data_dir() / "extraction" / "scrapinghub")
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    scores = []
    for key in sorted(truth)[:EXTRACTION_PAGES]:
        html = gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes())
        item = RawItem(origin=key, data=html, media_type="html", url=truth[key].get("url"))
        try:
            text = extract(item).text
        except ExtractionError:
            text = ""
        pred, gold = _tokens(text), _tokens(truth[key]["articleBody"])
        common = sum((pred & gold).values())
        p = common / sum(pred.values()) if pred else 0.0
        r = common / sum(gold.values()) if gold else 0.0
        scores.append((p, r, 2 * p * r / (p + r) if p + r else 0.0))
    n = len(scores)
    return {
        "scrapinghub_precision": sum(s[0] for s in scores) / n,
        "scrapinghub_recall": sum(s[1] for s in scores) / n,
        "scrapinghub_f1": sum(s[2] for s in scores) / n,
    }


# ---------------------------------------------------------------- quotes


def quotes() -> Figures:
    """Citron exact / overlap F1, PolNeAR dev, first 16 articles (as benchmarks/quotes_polnear)."""
    _need(data_dir() / "quotes" / "polnear" / "dev")
    bench = _benchmark("quotes_polnear")
    from counterpoint.models import spacy_english

    items = bench.load_split("dev", QUOTES_ARTICLES)
    result = bench.run(items, bench.counterpoint_predict, spacy_english())
    return {
        "cue_exact_f1": result["cue"]["exact"]["f1"],
        "source_overlap_f1": result["source"]["overlap"]["f1"],
        "content_overlap_f1": result["content"]["overlap"]["f1"],
        "content_exact_f1": result["content"]["exact"]["f1"],
    }


# ---------------------------------------------------------------- relations

_NLI = {"entailment": "agree", "contradiction": "contradict", "neutral": "neutral"}


def relations() -> Figures:
    """Statement judge on SNLI dev (first 300); article judge on a fixed FNC-1 dev-half sample."""
    from counterpoint.compare.judges import get_judge
    from counterpoint.compare.judges.document import ArticleJudge, fnc_split

    root = data_dir()
    rows = []
    for line in _need(root / "nli" / "snli" / "dev.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        if row.get("label") in _NLI:
            rows.append(row)
        if len(rows) == NLI_PAIRS:
            break
    judge = get_judge({"COUNTERPOINT_JUDGE": "trained"})
    scores = judge.score([(r["premise"], r["hypothesis"]) for r in rows])
    labels = ("agree", "contradict", "neutral")
    predicted = [max(labels, key=lambda k: getattr(s, k)) for s in scores]
    gold = [_NLI[r["label"]] for r in rows]
    accuracy = sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold)

    fnc = _need(root / "claims" / "fnc1")
    with (fnc / "bodies.csv").open(encoding="utf-8") as handle:
        bodies = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(handle)}
    with (fnc / "stances.csv").open(encoding="utf-8") as handle:
        stances = [r for r in csv.DictReader(handle) if fnc_split(r["Body ID"]) == "dev"]
    stances.sort(key=lambda r: (int(r["Body ID"]), r["Headline"]))
    sample = []
    for stance, count in FNC_PER_STANCE.items():
        sample += [r for r in stances if r["Stance"] == stance][:count]
    verdicts = ArticleJudge().verdicts([(r["Headline"], bodies[r["Body ID"]]) for r in sample])
    fnc_gold = [r["Stance"] for r in sample]
    fnc_pred = [v.stance() for v in verdicts]
    per_class = {k: _f1(fnc_gold, fnc_pred, k) for k in FNC_PER_STANCE}
    return {
        "snli_statement_accuracy": accuracy,
        "fnc_article_macro_f1": sum(per_class.values()) / len(per_class),
        "fnc_article_disagree_f1": per_class["disagree"],
    }


# ---------------------------------------------------------------- stories


def _stories_data(bench: ModuleType) -> dict[str, list[tuple[Any, str]]]:
    """The benchmark's own loaders, cut to the gate's subsets (first events / sub-topics)."""
    root = _need(data_dir() / "stories")
    basil = bench.load_basil(_need(root / "basil"))
    events = set(sorted({story for _, story in basil})[:BASIL_EVENTS])
    ecb = bench.load_ecbplus(_need(root / "ecbplus"))
    topics = set(sorted({story for _, story in ecb})[:ECB_SUBTOPICS])
    return {
        "basil": [item for item in basil if item[1] in events],
        "ecbplus": [item for item in ecb if item[1] in topics],
    }


def stories() -> Figures:
    """B-cubed F1 of the story clusterer: BASIL (20 events, 60 articles), ECB+ (12 sub-topics)."""
    from counterpoint.group import StoryClusterer

    bench = _benchmark("stories")
    figures = {}
    for name, items in _stories_data(bench).items():
        articles = [a for a, _ in items]
        analyses, _ = bench.analyze_all(articles)
        clusterer = StoryClusterer()
        clusterer.add(analyses)
        predicted = {a.id: clusterer.story_of(a.id) or a.id for a in articles}
        scores = bench.bcubed(predicted, {a.id: g for a, g in items})
        figures[f"{name}_bcubed_f1"] = scores["f1"]
    return figures


# ---------------------------------------------------------------- disputes


def disputes() -> Figures:
    """Desk.compare on basil-dev (first 10 stories), scored by the shared disputes scorer."""
    import tempfile

    from counterpoint import settings
    from counterpoint.desk import Desk

    root = _need(data_dir() / "disputes" / "basil-dev")
    scorer_path = _need(settings.tools_dir() / "score_disputes.py")
    spec = importlib.util.spec_from_file_location("_gate_score_disputes", scorer_path)
    assert spec is not None and spec.loader is not None
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    stories = sorted(p for p in (root / "stories").iterdir() if p.is_dir())[:DISPUTE_STORIES]
    desk = Desk()
    with tempfile.TemporaryDirectory() as tmp:
        gold_dir, reports_dir = Path(tmp, "gold"), Path(tmp, "reports")
        gold_dir.mkdir()
        reports_dir.mkdir()
        for story in stories:
            gold = root / "gold" / f"{story.name}.json"
            if not gold.is_file():
                continue
            (gold_dir / gold.name).write_bytes(gold.read_bytes())
            report = desk.compare([str(story)])
            (reports_dir / gold.name).write_text(report.model_dump_json(), encoding="utf-8")
        _, total = scorer.score(gold_dir, reports_dir)
    reported, gold_count = total["reported"], total["gold"]
    return {
        "precision": total["hit"] / reported if reported else 0.0,
        "recall": total["found"] / gold_count if gold_count else 0.0,
        "recall_clear": total["found_clear"] / total["gold_clear"] if total["gold_clear"] else 0.0,
    }


# ---------------------------------------------------------------- brief


def brief() -> Figures:
    """summarize_sources on NeuS val (first 60 stories): ROUGE-1/2/L F1 (fractions), citations."""
    from rouge_score import rouge_scorer

    from counterpoint.summarize import SourceText, summarize_sources, uncited_text
    from counterpoint.summarize.citations import cites_sources

    folder = _need(data_dir() / "summaries" / "neus")
    field = re.compile(r"TITLE=>(.*?)ARTICLE=>(.*)", re.S)
    sources = (folder / "val.source").read_text(encoding="utf-8").splitlines()[:BRIEF_STORIES]
    targets = (folder / "val.target").read_text(encoding="utf-8").splitlines()[:BRIEF_STORIES]
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    totals = {"rouge1": 0.0, "rouge2": 0.0, "rougeL": 0.0}
    cited = sentences = 0
    for line, target in zip(sources, targets, strict=True):
        texts = []
        for index, part in enumerate(line.split("[SEP]"), start=1):
            match = field.search(part)
            title, text = (match.group(1), match.group(2)) if match else (None, part)
            texts.append(SourceText(name=f"Source {index}", title=title, text=text.strip()))
        result = summarize_sources(texts)
        reference = " ".join(target.replace("TITLE=>", " ").replace("ARTICLE=>", " ").split())
        scores = scorer.score(reference, uncited_text(result))
        for key in totals:
            totals[key] += scores[key].fmeasure
        sentences += len(result.sentences)
        cited += sum(cites_sources(s) for s in result.sentences)
    n = max(len(sources), 1)
    return {
        "rouge1_f1": totals["rouge1"] / n,
        "rouge2_f1": totals["rouge2"] / n,
        "rougeL_f1": totals["rougeL"] / n,
        "cited_sentence_share": cited / sentences if sentences else 0.0,
    }


# ---------------------------------------------------------------- the gate

AREAS: dict[str, Callable[[], Figures]] = {
    "extraction": extraction,
    "quotes": quotes,
    "relations": relations,
    "stories": stories,
    "disputes": disputes,
    "brief": brief,
}


def load_baseline() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(BASELINE.read_text(encoding="utf-8"))
    return data


def below_floor(area: str, figures: Figures, baseline: dict[str, Any] | None = None) -> list[str]:
    """One line per figure under its floor (empty when the area passes)."""
    floors = (baseline or load_baseline())[area]["floors"]
    failures = []
    for metric, floor in floors.items():
        value = figures.get(metric)
        if value is None:
            failures.append(f"{area}.{metric}: not measured (floor {floor})")
        elif round(value, 4) < floor:
            failures.append(f"{area}.{metric} = {value:.4f} < floor {floor}")
    return failures


def propose(area: str, figures: Figures, margin: float = 0.01) -> dict[str, Any]:
    """A baseline entry for these figures: floors a little under them."""
    return {
        "doc": (AREAS[area].__doc__ or "").strip(),
        "measured": {k: round(v, 4) for k, v in figures.items()},
        "measured_on": date.today().isoformat(),
        "floors": {k: round(max(0.0, v - margin), 3) for k, v in figures.items()},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("areas", nargs="*", help=f"some of: {', '.join(AREAS)} (default: all)")
    parser.add_argument("--propose", action="store_true", help="print a baseline for the figures")
    args = parser.parse_args(argv)
    unknown = set(args.areas) - set(AREAS)
    if unknown:
        parser.error(f"unknown areas {sorted(unknown)}; choose from {', '.join(AREAS)}")
    baseline = load_baseline()
    failures: list[str] = []
    proposed: dict[str, Any] = {}
    for area in args.areas or list(AREAS):
        started = time.perf_counter()
        try:
            figures = AREAS[area]()
        except Skip as why:
            print(f"{area:>10}: skipped ({why})")
            continue
        seconds = time.perf_counter() - started
        floors = baseline.get(area, {}).get("floors", {})
        shown = ", ".join(f"{k} {v:.4f} (floor {floors.get(k, '-')})" for k, v in figures.items())
        print(f"{area:>10}: {shown}  [{seconds:.0f} s]", flush=True)
        if area in baseline:
            failures += below_floor(area, figures, baseline)
        proposed[area] = propose(area, figures)
    if args.propose:
        print(json.dumps(proposed, indent=2))
    for line in failures:
        print("BELOW FLOOR:", line)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
