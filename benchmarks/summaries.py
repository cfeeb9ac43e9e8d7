"""Neutral multi-source summary benchmark on NeuS (Lee et al. 2022, AllSides roundups).

Scores counterpoint's extractive neutral brief against the editors' neutral
roundups with ROUGE-1/2/L (rouge-score, Porter stemming, F-measure), next to a
lead baseline and LexRank computed in the same run, and reports how many brief
sentences cite their sources. ROUGE is computed on a citation-free rendering of
the same selected sentences (content only); the cited rendering is what users see.

    python benchmarks/summaries.py                  # val split
    python benchmarks/summaries.py --split test     # held-out split, if you have it
    python benchmarks/summaries.py --fit            # refit salience weights on train

Data: $COUNTERPOINT_DATA/summaries/neus/{split}.source/.target (default
<repo>/../shared/data). Skips with a message when absent.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from statistics import mean

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from counterpoint.records import Brief  # noqa: E402
from counterpoint.summarize.candidates import SourceText  # noqa: E402
from counterpoint.summarize.multisource import summarize_sources  # noqa: E402
from counterpoint.summarize.neutral import unquoted_loaded  # noqa: E402
from counterpoint.summarize.render import cites_sources, join_names, uncited_text  # noqa: E402
from counterpoint.summarize.text import split_sentences, words  # noqa: E402

RESULTS = REPO / "benchmarks" / "results"
WEIGHTS = REPO / "src" / "counterpoint" / "summarize" / "salience_weights.json"

# Published NeuS results (Lee et al. 2022, NAACL), test split. Filled only with figures
# we could verify; see docs/benchmarks.md.
PUBLISHED: dict[str, dict[str, float | str]] = {}

_FIELD = re.compile(r"TITLE=>\s*(.*?)\s*ARTICLE=>\s*(.*)", re.S)


def data_dir(arg: str | None) -> Path:
    """Where NeuS lives: --data, else $COUNTERPOINT_DATA, else <repo>/../shared/data."""
    if arg:
        return Path(arg)
    root = Path(os.environ.get("COUNTERPOINT_DATA", REPO.parent / "shared" / "data"))
    return root / "summaries" / "neus"


def parse_sources(line: str) -> list[SourceText]:
    """'TITLE=> t ARTICLE=> a [SEP] ...' -> one SourceText per outlet (Source 1..n)."""
    sources = []
    for index, part in enumerate(line.split("[SEP]"), start=1):
        match = _FIELD.search(part)
        title, text = (match.group(1), match.group(2)) if match else (None, part)
        sources.append(SourceText(name=f"Source {index}", title=title, text=text.strip()))
    return sources


def reference_text(line: str) -> str:
    """The roundup without its TITLE=>/ARTICLE=> markers (headline + body)."""
    return " ".join(line.replace("TITLE=>", " ").replace("ARTICLE=>", " ").split())


def load(split: str, directory: Path, limit: int | None) -> list[tuple[list[SourceText], str]]:
    sources = (directory / f"{split}.source").read_text(encoding="utf-8").splitlines()
    targets = (directory / f"{split}.target").read_text(encoding="utf-8").splitlines()
    pairs = [(parse_sources(s), reference_text(t)) for s, t in zip(sources, targets, strict=True)]
    return pairs[:limit] if limit else pairs


# ----------------------------------------------------------------------------- baselines


def lead_baseline(sources: Sequence[SourceText]) -> str:
    """First article sentence of each outlet (the multi-source lead-3)."""
    return " ".join(split_sentences(s.text)[0] for s in sources if split_sentences(s.text))


class _Tokenizer:
    """sumy tokenizer on our splitter (sumy's default needs NLTK punkt downloads)."""

    language = "english"

    def to_sentences(self, paragraph: str) -> list[str]:
        return split_sentences(paragraph)

    def to_words(self, sentence: str) -> list[str]:
        return re.findall(r"[A-Za-z0-9']+", sentence)


def lexrank_baseline(count: int) -> Callable[[Sequence[SourceText]], str]:
    """LexRank (sumy) over every headline and sentence of the input, `count` sentences."""
    from sumy.nlp.stemmers import Stemmer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words

    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    tokenizer = _Tokenizer()

    def run(sources: Sequence[SourceText]) -> str:
        text = "\n\n".join(
            (f"{s.title.rstrip('.')}.\n" if s.title else "") + s.text for s in sources
        )
        document = PlaintextParser.from_string(text, tokenizer).document
        return " ".join(str(sentence) for sentence in summarizer(document, count))

    return run


def pipeline_system(
    max_sentences: int, briefs: list[Brief]
) -> Callable[[Sequence[SourceText]], str]:
    """The product path: extract + analyze each outlet, compare the story, write_brief."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from counterpoint.compare.judges import get_judge
    from counterpoint.compare.story import compare_story
    from counterpoint.extract.errors import ExtractionError
    from counterpoint.group.cluster import group_as_one_story
    from counterpoint.pipeline import Pipeline
    from counterpoint.records import RawItem
    from counterpoint.summarize import write_brief

    pipeline = Pipeline()
    judge = get_judge()

    def run(sources: Sequence[SourceText]) -> str:
        analyses = []
        for source in sources:
            item = RawItem(
                origin=f"neus:{source.name}",
                data=source.text.encode("utf-8"),
                media_type="text",
                hints={"title": source.title or "", "outlet": source.name},
            )
            try:
                analyses.append(pipeline.process(item))
            except ExtractionError:
                continue
        if not analyses:
            briefs.append(Brief(sentences=[]))
            return ""
        story = group_as_one_story(analyses)
        comparison = compare_story(story, analyses, judge)
        brief = write_brief(
            story, analyses, comparison, max_sentences=max_sentences, abstractive=False
        )
        briefs.append(brief)
        return uncited_text(brief)

    return run


# ----------------------------------------------------------------------------- metrics


def rouge(predictions: Sequence[str], references: Sequence[str]) -> dict[str, float]:
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    totals = {"rouge1": 0.0, "rouge2": 0.0, "rougeL": 0.0}
    for prediction, reference in zip(predictions, references, strict=True):
        scores = scorer.score(reference, prediction)
        for key in totals:
            totals[key] += scores[key].fmeasure
    n = max(len(predictions), 1)
    return {key: round(100 * value / n, 2) for key, value in totals.items()}


def brief_checks(briefs: Sequence[Brief]) -> dict[str, float]:
    """Attribution and neutrality of the cited briefs."""
    sentences = [s for b in briefs for s in b.sentences]
    n = max(len(sentences), 1)
    cited = sum(cites_sources(s) for s in sentences)
    stated_loaded = sum(bool(unquoted_loaded(s.text)) for s in sentences)
    rewritten = sum(
        s.text.startswith((f"{join_names(s.sources)} report ", f"{join_names(s.sources)} reports "))
        for s in sentences
    )
    return {
        "sentences": len(sentences),
        "cited_share": round(100 * cited / n, 2),
        "loaded_in_own_voice_share": round(100 * stated_loaded / n, 2),
        "attributed_for_charged_word_share": round(100 * rewritten / n, 2),
    }


# ----------------------------------------------------------------------------- main


def fit(directory: Path, limit: int | None) -> None:
    from counterpoint.summarize.fit import fit_salience

    started = time.time()
    train = load("train", directory, limit)
    weights = fit_salience(train, note=f"NeuS train ({len(train)} stories)")
    WEIGHTS.write_text(json.dumps(weights, indent=2) + "\n", encoding="utf-8")
    print(f"fitted on {len(train)} train stories in {time.time() - started:.0f}s -> {WEIGHTS}")
    print(json.dumps({"features": weights["features"], "coef": weights["coef"]}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="val")
    parser.add_argument("--data", help="folder with {split}.source/.target")
    parser.add_argument("--limit", type=int, help="first N stories only (dev)")
    parser.add_argument("--max-sentences", type=int, default=4)
    parser.add_argument("--max-words", type=int, default=60)
    parser.add_argument("--lexrank-sentences", type=int, default=3)
    parser.add_argument("--fit", action="store_true", help="refit salience weights on train")
    parser.add_argument(
        "--pipeline", action="store_true", help="also run extract+analyze+compare+write_brief"
    )
    parser.add_argument("--pipeline-sentences", type=int, default=4)
    parser.add_argument("--out", default=str(RESULTS / "summaries.json"))
    args = parser.parse_args()

    directory = data_dir(args.data)
    if not (directory / f"{args.split}.source").exists():
        print(f"NeuS data not found at {directory}; set COUNTERPOINT_DATA. Skipping.")
        return 0
    if args.fit:
        fit(directory, args.limit)
        return 0

    pairs = load(args.split, directory, args.limit)
    references = [ref for _, ref in pairs]
    rows: list[dict[str, object]] = []

    def run(name: str, system: Callable[[Sequence[SourceText]], str]) -> None:
        started = time.time()
        predictions = [system(sources) for sources, _ in pairs]
        row: dict[str, object] = {"system": name, **rouge(predictions, references)}
        row["words"] = round(mean(len(words(p)) for p in predictions), 1)
        row["seconds"] = round(time.time() - started, 1)
        rows.append(row)

    run("Lead (1st sentence per outlet)", lead_baseline)
    run(f"LexRank (sumy, {args.lexrank_sentences} sent.)", lexrank_baseline(args.lexrank_sentences))

    briefs: list[Brief] = []

    def ours(sources: Sequence[SourceText]) -> str:
        brief = summarize_sources(
            sources, max_sentences=args.max_sentences, max_words=args.max_words
        )
        briefs.append(brief)
        return uncited_text(brief)

    run("counterpoint brief (citation-free text)", ours)
    checks = brief_checks(briefs)
    pipeline_checks: dict[str, float] | None = None
    if args.pipeline:
        pipeline_briefs: list[Brief] = []
        run(
            f"full pipeline + write_brief ({args.pipeline_sentences} sent.)",
            pipeline_system(args.pipeline_sentences, pipeline_briefs),
        )
        pipeline_checks = brief_checks(pipeline_briefs)

    header = f"{'system':44} {'R-1':>6} {'R-2':>6} {'R-L':>6} {'words':>6} {'sec':>6}"
    print(f"NeuS {args.split}: {len(pairs)} stories, ROUGE F1 (stemmed), reference = roundup")
    print(header)
    print("-" * len(header))
    for row in rows:
        print(
            f"{row['system']!s:44} {row['rouge1']:>6} {row['rouge2']:>6} {row['rougeL']:>6}"
            f" {row['words']:>6} {row['seconds']:>6}"
        )
    for name, published in PUBLISHED.items():
        print(
            f"{name + ' (published, test)':44} {published.get('rouge1', '-')!s:>6}"
            f" {published.get('rouge2', '-')!s:>6} {published.get('rougeL', '-')!s:>6}"
        )
    print(
        f"brief sentences citing a source: {checks['cited_share']}% of {checks['sentences']};"
        f" charged word in own voice: {checks['loaded_in_own_voice_share']}%"
        f" (attributed because of one: {checks['attributed_for_charged_word_share']}%)"
    )
    if pipeline_checks is not None:
        print(f"full pipeline briefs: {pipeline_checks}")
    result = {
        "benchmark": "summaries",
        "data": f"NeuS {args.split} ({directory})",
        "stories": len(pairs),
        "metric": "ROUGE F1 x100, rouge-score with Porter stemming; TITLE=>/ARTICLE=> markers "
        "removed from references; our score is on the citation-free rendering",
        "settings": {
            "max_sentences": args.max_sentences,
            "max_words": args.max_words,
            "lexrank_sentences": args.lexrank_sentences,
        },
        "systems": rows,
        "brief_checks": checks,
        "pipeline_brief_checks": pipeline_checks,
        "published": PUBLISHED,
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
