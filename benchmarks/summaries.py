"""Neutral multi-source summary benchmark on NeuS (Lee et al. 2022, AllSides roundups).

Scores counterpoint's extractive neutral brief against the editors' neutral
roundups with ROUGE-1/2/L (rouge-score, Porter stemming, F-measure), next to
extractive baselines computed in the same run: lead, LexRank and TextRank (sumy,
3 sentences, and with the same per-story word budget as ours), optionally KL-Sum,
SumBasic and LSA, and a MiniLM centroid + MMR selector. It also reports how many
brief sentences cite their sources. ROUGE is computed on a citation-free rendering
of the same selected sentences (content only); the cited rendering is what users see.

    python benchmarks/summaries.py                  # val split
    python benchmarks/summaries.py --pipeline       # also extract+analyze+compare+write_brief
    python benchmarks/summaries.py --all-baselines  # also KL-Sum, SumBasic, LSA
    python benchmarks/summaries.py --split test     # held-out split, if you have it
    python benchmarks/summaries.py --fit            # refit salience weights on train
    python benchmarks/summaries.py --fit-budget     # re-choose the word-budget share on train
    python benchmarks/summaries.py --basil DIR      # fidelity of write_brief on story folders

Fidelity: every (brief statement, cited outlet) pair is checked against that
outlet's own text with counterpoint.summarize.support (verbatim, a name-only
rewrite, or a sentence with the same numbers, names and polarity that is close in
meaning by MiniLM); the share of supported pairs is printed with the rule that
decided each pair, and the share of statements that are whole clauses.

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
from typing import Any, Literal

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from counterpoint import settings  # noqa: E402
from counterpoint.records import Brief  # noqa: E402
from counterpoint.summarize.budget import budget_settings, word_budget  # noqa: E402
from counterpoint.summarize.candidates import SourceText  # noqa: E402
from counterpoint.summarize.citations import (  # noqa: E402
    cited_parts,
    cites_sources,
    join_names,
    uncited_text,
)
from counterpoint.summarize.multisource import summarize_sources  # noqa: E402
from counterpoint.summarize.neutral import unquoted_loaded  # noqa: E402
from counterpoint.summarize.support import OutletText, SupportChecker, whole_clause  # noqa: E402
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
    root = settings.data_dir()
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


def lead_budget_baseline(max_words: Budget) -> Callable[[Sequence[SourceText]], str]:
    """First outlet's headline, then each outlet's 1st sentence, then 2nd ..., to the budget."""

    def run(sources: Sequence[SourceText]) -> str:
        budget = story_budget(sources, max_words)
        split = [split_sentences(s.text) for s in sources]
        ordered = [s.title for s in sources if s.title][:1]
        ordered += [
            sents[k]
            for k in range(max(map(len, split), default=0))
            for sents in split
            if k < len(sents)
        ]
        chosen: list[str] = []
        for sentence in ordered:
            if budget is not None and sum(len(words(c)) for c in chosen) >= budget:
                break
            chosen.append(sentence)
        return " ".join(chosen)

    return run


class _Tokenizer:
    """sumy tokenizer on our splitter (sumy's default needs NLTK punkt downloads)."""

    language = "english"

    def to_sentences(self, paragraph: str) -> list[str]:
        return split_sentences(paragraph)

    def to_words(self, sentence: str) -> list[str]:
        return re.findall(r"[A-Za-z0-9']+", sentence)


_SUMY = {
    "LexRank": ("lex_rank", "LexRankSummarizer"),
    "TextRank": ("text_rank", "TextRankSummarizer"),
    "KL-Sum": ("kl", "KLSummarizer"),
    "SumBasic": ("sum_basic", "SumBasicSummarizer"),
    "LSA": ("lsa", "LsaSummarizer"),
}


def _budget(max_sentences: int, max_words: int | None) -> Callable[[Sequence[Any]], list[Any]]:
    """sumy item count: best-rated sentences until `max_words` words or `max_sentences`."""

    def count(infos: Sequence[Any]) -> list[Any]:
        taken: list[Any] = []
        total = 0
        for info in infos:
            if len(taken) >= max_sentences or (max_words is not None and total >= max_words):
                break
            taken.append(info)
            total += len(words(str(info.sentence)))
        return taken

    return count


def _input_text(sources: Sequence[SourceText]) -> str:
    """Every headline (as its own sentence) and article, outlet after outlet."""
    return "\n\n".join((f"{s.title.rstrip('.')}.\n" if s.title else "") + s.text for s in sources)


Budget = int | Literal["auto"] | None


def story_budget(sources: Sequence[SourceText], max_words: Budget) -> int | None:
    """The word budget for one story: fixed, none, or counterpoint's automatic one."""
    if max_words == "auto":
        return word_budget([s.title or "" for s in sources] + [s.text for s in sources])
    return max_words


def sumy_baseline(
    name: str, max_sentences: int, max_words: Budget = None
) -> Callable[[Sequence[SourceText]], str]:
    """A sumy summarizer over every headline and sentence of the input.

    Without `max_words` it returns `max_sentences` sentences (the usual setting);
    with it, best-rated sentences until the word budget ("auto": the same per-story
    budget counterpoint uses), with the same stopping rule as our own selector.
    """
    import importlib

    from sumy.nlp.stemmers import Stemmer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.utils import get_stop_words

    module, cls = _SUMY[name]
    summarizer = getattr(importlib.import_module(f"sumy.summarizers.{module}"), cls)(
        Stemmer("english")
    )
    summarizer.stop_words = get_stop_words("english")
    tokenizer = _Tokenizer()

    def run(sources: Sequence[SourceText]) -> str:
        document = PlaintextParser.from_string(_input_text(sources), tokenizer).document
        budget = story_budget(sources, max_words)
        count: Any = _budget(max_sentences, budget) if budget else max_sentences
        return " ".join(str(sentence) for sentence in summarizer(document, count))

    return run


def lexrank_baseline(count: int) -> Callable[[Sequence[SourceText]], str]:
    """LexRank (sumy) over every headline and sentence of the input, `count` sentences."""
    return sumy_baseline("LexRank", count)


def _all_sentences(sources: Sequence[SourceText]) -> list[str]:
    return [
        sentence
        for source in sources
        for sentence in ([source.title] if source.title else []) + split_sentences(source.text)
        if len(words(sentence)) >= 3
    ]


def mmr_baseline(
    max_sentences: int, max_words: Budget, lam: float = 0.7
) -> Callable[[Sequence[SourceText]], str]:
    """Centroid + MMR on MiniLM embeddings (Carbonell & Goldstein 1998 on sentence vectors).

    Relevance is cosine to the mean of all sentence vectors of the story; each pick
    trades it against similarity to what is already picked (weight `lam`).
    """
    import numpy as np

    from counterpoint.models import embed

    def run(sources: Sequence[SourceText]) -> str:
        sentences = _all_sentences(sources)
        if not sentences:
            return ""
        budget = story_budget(sources, max_words)
        vectors = embed(sentences)
        centroid = vectors.mean(axis=0)
        relevance = vectors @ (centroid / max(float(np.linalg.norm(centroid)), 1e-9))
        sims = vectors @ vectors.T
        chosen: list[int] = []
        total = 0
        while len(chosen) < min(max_sentences, len(sentences)):
            if budget is not None and total >= budget:
                break
            redundancy = sims[:, chosen].max(axis=1) if chosen else np.zeros(len(sentences))
            gain = lam * relevance - (1 - lam) * redundancy
            gain[chosen] = -np.inf
            best = int(np.argmax(gain))
            chosen.append(best)
            total += len(words(sentences[best]))
        return " ".join(sentences[i] for i in chosen)

    return run


def pipeline_system(
    max_sentences: int, briefs: list[Brief], max_words: Budget = "auto"
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
            story,
            analyses,
            comparison,
            max_sentences=max_sentences,
            max_words=max_words,
            abstractive=False,
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


def brief_checks(briefs: Sequence[Brief]) -> dict[str, Any]:
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
        # a charged word, or a headline only one outlet carries (write_brief)
        "attributed_share": round(100 * rewritten / n, 2),
    }


def fidelity(briefs: Sequence[Brief], stories: Sequence[Sequence[OutletText]]) -> dict[str, Any]:
    """Share of (statement, cited outlet) pairs the outlet's own text supports, and how."""
    how: dict[str, int] = {}
    pairs = supported = statements = clauses = 0
    for brief, outlets in zip(briefs, stories, strict=True):
        checker = SupportChecker(outlets)
        for sentence in brief.sentences:
            for body, cited in cited_parts(sentence):
                statements += 1
                clauses += whole_clause(body)
                for outlet in cited:
                    verdict = checker.check(body, outlet)
                    pairs += 1
                    supported += verdict.supported
                    how[verdict.how] = how.get(verdict.how, 0) + 1
    return {
        "pairs": pairs,
        "supported_share": round(supported / max(pairs, 1), 4),
        "decided_by": dict(sorted(how.items(), key=lambda kv: -kv[1])),
        "statements": statements,
        "whole_clause_share": round(clauses / max(statements, 1), 4),
    }


def fidelity_line(name: str, figures: dict[str, Any]) -> str:
    return (
        f"{name}: citation support {figures['supported_share']:.4f} of {figures['pairs']}"
        f" (statement, cited outlet) pairs; decided by {figures['decided_by']};"
        f" whole clauses {figures['whole_clause_share']:.4f} of {figures['statements']}"
    )


def outlet_texts(sources: Sequence[SourceText]) -> list[OutletText]:
    return [OutletText(s.name, s.text, s.title) for s in sources]


def basil_fidelity(folder: Path, max_sentences: int, show: bool) -> dict[str, Any]:
    """write_brief on every story folder under `folder` (header-format .txt files)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from counterpoint.desk import Desk
    from counterpoint.summarize import write_brief

    desk = Desk()
    briefs: list[Brief] = []
    texts: list[list[OutletText]] = []
    word_counts: list[int] = []
    for story_dir in sorted(p for p in folder.iterdir() if p.is_dir()):
        items, _ = desk.read([str(p) for p in sorted(story_dir.glob("*.txt"))])
        analyses, _ = desk.analyze(items)
        if not analyses:
            continue
        from counterpoint.compare.story import compare_story
        from counterpoint.group.cluster import group_as_one_story

        story = group_as_one_story(analyses)
        comparison = compare_story(story, analyses, desk.judge)
        brief = write_brief(
            story, analyses, comparison, max_sentences=max_sentences, abstractive=False
        )
        briefs.append(brief)
        texts.append(
            [OutletText(a.article.outlet, a.article.text, a.article.title) for a in analyses]
        )
        word_counts.append(len(words(uncited_text(brief))))
        if show:
            print(f"== {story_dir.name}: {story.title}")
            for sentence in brief.sentences:
                print(f"   [{sentence.kind}] {sentence.text}")
    figures = fidelity(briefs, texts)
    figures["stories"] = len(briefs)
    figures["words"] = round(mean(word_counts), 1) if word_counts else 0.0
    return figures


# ----------------------------------------------------------------------------- main


def fit(directory: Path, limit: int | None) -> None:
    from counterpoint.summarize.fit import fit_salience

    started = time.time()
    train = load("train", directory, limit)
    weights = fit_salience(train, note=f"NeuS train ({len(train)} stories)")
    WEIGHTS.write_text(json.dumps(weights, indent=2) + "\n", encoding="utf-8")
    print(f"fitted on {len(train)} train stories in {time.time() - started:.0f}s -> {WEIGHTS}")
    print(json.dumps({"features": weights["features"], "coef": weights["coef"]}))


BUDGET = REPO / "src" / "counterpoint" / "summarize" / "budget.json"
BUDGET_RATIOS = (0.18, 0.21, 0.25, 0.3, 0.35, 0.4, 0.45)


def fit_budget(directory: Path, max_sentences: int) -> None:
    """Choose the budget share on every 3rd NeuS train story (mean of ROUGE-1/2/L F1)."""
    train = load("train", directory, None)[::3]
    references = [ref for _, ref in train]
    grid: dict[str, list[float]] = {}
    for ratio in BUDGET_RATIOS:
        predictions = []
        for sources, _ in train:
            budget = word_budget(
                [s.title or "" for s in sources] + [s.text for s in sources], ratio
            )
            brief = summarize_sources(sources, max_sentences=max_sentences, max_words=budget)
            predictions.append(uncited_text(brief))
        scores = rouge(predictions, references)
        grid[str(ratio)] = [scores["rouge1"], scores["rouge2"], scores["rougeL"]]
        print(ratio, grid[str(ratio)], flush=True)
    best = max(BUDGET_RATIOS, key=lambda r: sum(grid[str(r)]))
    settings = json.loads(BUDGET.read_text(encoding="utf-8"))
    settings.update(
        ratio=best,
        chosen_on=f"NeuS train, every 3rd story ({len(train)}), best mean of ROUGE-1/2/L F1 "
        f"(max {max_sentences} sentences): benchmarks/summaries.py --fit-budget",
        grid=grid,
    )
    BUDGET.write_text(json.dumps(settings, indent=2) + "\n", encoding="utf-8")
    print(f"budget ratio {best} -> {BUDGET}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="val")
    parser.add_argument("--data", help="folder with {split}.source/.target")
    parser.add_argument("--limit", type=int, help="first N stories only (dev)")
    parser.add_argument("--max-sentences", type=int, default=8)
    parser.add_argument(
        "--max-words", type=int, help="fixed word budget (default: counterpoint's automatic one)"
    )
    parser.add_argument("--lexrank-sentences", type=int, default=3)
    parser.add_argument(
        "--all-baselines", action="store_true", help="also KL-Sum, SumBasic and LSA (sumy)"
    )
    parser.add_argument(
        "--no-embeddings", action="store_true", help="skip the MiniLM baseline (faster)"
    )
    parser.add_argument(
        "--fit-budget", action="store_true", help="choose the word-budget share on train"
    )
    parser.add_argument("--fit", action="store_true", help="refit salience weights on train")
    parser.add_argument(
        "--pipeline", action="store_true", help="also run extract+analyze+compare+write_brief"
    )
    parser.add_argument("--pipeline-sentences", type=int, default=8)
    parser.add_argument(
        "--basil", help="folder of story folders: write_brief fidelity only (no ROUGE)"
    )
    parser.add_argument("--show", action="store_true", help="with --basil, print each brief")
    parser.add_argument("--out", default=str(RESULTS / "summaries.json"))
    args = parser.parse_args()

    if args.basil:
        figures = basil_fidelity(Path(args.basil), args.pipeline_sentences, args.show)
        print(fidelity_line(f"write_brief on {figures['stories']} stories", figures))
        print(f"words per brief (citation-free): {figures['words']}")
        out = Path(
            args.out
            if args.out != str(RESULTS / "summaries.json")
            else RESULTS / "summaries_basil.json"
        )
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(
            json.dumps({"benchmark": "summaries fidelity", "data": args.basil, **figures}, indent=2)
            + "\n",
            encoding="utf-8",
        )
        print(f"wrote {out}")
        return 0
    directory = data_dir(args.data)
    if not (directory / f"{args.split}.source").exists():
        print(f"NeuS data not found at {directory}; set COUNTERPOINT_DATA. Skipping.")
        return 0
    if args.fit:
        fit(directory, args.limit)
        return 0
    if args.fit_budget:
        fit_budget(directory, args.max_sentences)
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

    budget: Budget = args.max_words if args.max_words is not None else "auto"
    label = f"<={args.max_sentences} sent., {'same auto' if budget == 'auto' else budget} budget"
    run("Lead (1st sentence per outlet)", lead_baseline)
    run(f"Lead (a headline, then leads in turn; {label})", lead_budget_baseline(budget))
    fixed = args.lexrank_sentences
    for name in ("LexRank", "TextRank"):
        run(f"{name} (sumy, {fixed} sent.)", sumy_baseline(name, fixed))
    for name in _SUMY if args.all_baselines else ("LexRank", "TextRank"):
        run(f"{name} (sumy, {label})", sumy_baseline(name, args.max_sentences, budget))
    if not args.no_embeddings:
        run(f"MiniLM centroid+MMR ({label})", mmr_baseline(args.max_sentences, budget))

    briefs: list[Brief] = []

    def ours(sources: Sequence[SourceText]) -> str:
        brief = summarize_sources(sources, max_sentences=args.max_sentences, max_words=budget)
        briefs.append(brief)
        return uncited_text(brief)

    run(f"counterpoint summarize_sources ({label.replace('same ', '')})", ours)
    checks = brief_checks(briefs)
    stories = [outlet_texts(sources) for sources, _ in pairs]
    checks["fidelity"] = fidelity(briefs, stories)
    pipeline_checks: dict[str, Any] | None = None
    if args.pipeline:
        pipeline_briefs: list[Brief] = []
        run(
            f"full pipeline + write_brief (<={args.pipeline_sentences} sent., "
            f"{'auto' if budget == 'auto' else budget} budget)",
            pipeline_system(args.pipeline_sentences, pipeline_briefs, budget),
        )
        pipeline_checks = brief_checks(pipeline_briefs)
        pipeline_checks["fidelity"] = fidelity(pipeline_briefs, stories)

    header = f"{'system':56} {'R-1':>6} {'R-2':>6} {'R-L':>6} {'words':>6} {'sec':>6}"
    print(f"NeuS {args.split}: {len(pairs)} stories, ROUGE F1 (stemmed), reference = roundup")
    print(header)
    print("-" * len(header))
    for row in rows:
        print(
            f"{row['system']!s:56} {row['rouge1']:>6} {row['rouge2']:>6} {row['rougeL']:>6}"
            f" {row['words']:>6} {row['seconds']:>6}"
        )
    for name, published in PUBLISHED.items():
        print(
            f"{name + ' (published, test)':56} {published.get('rouge1', '-')!s:>6}"
            f" {published.get('rouge2', '-')!s:>6} {published.get('rougeL', '-')!s:>6}"
        )
    print(
        f"brief sentences citing a source: {checks['cited_share']}% of {checks['sentences']};"
        f" charged word in own voice: {checks['loaded_in_own_voice_share']}%"
        f" (rendered 'X reports that ...': {checks['attributed_share']}%)"
    )
    print(fidelity_line("summarize_sources", checks["fidelity"]))
    if pipeline_checks is not None:
        print(fidelity_line("full pipeline", pipeline_checks["fidelity"]))
        print(f"full pipeline briefs: {pipeline_checks}")
    result = {
        "benchmark": "summaries",
        "data": f"NeuS {args.split} ({directory})",
        "stories": len(pairs),
        "metric": "ROUGE F1 x100, rouge-score with Porter stemming; TITLE=>/ARTICLE=> markers "
        "removed from references; our score is on the citation-free rendering",
        "settings": {
            "max_sentences": args.max_sentences,
            "max_words": budget,
            "budget_ratio": budget_settings()["ratio"] if budget == "auto" else None,
            "lexrank_sentences": args.lexrank_sentences,
            "pipeline_sentences": args.pipeline_sentences if args.pipeline else None,
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
