"""How far two PolNeAR annotators agree, scored exactly like a system in quotes_polnear.py.

Run:  .venv/bin/python benchmarks/quotes_agreement.py

Why: the quote targets (exact and overlap F1 against one annotator) only mean
something next to the ceiling the annotation itself sets. Some PolNeAR articles were
annotated by two people; here the second annotator's attributions are scored as a
prediction against the first annotator's (the one quotes_polnear.py treats as gold),
with the same token mapping, the same citron definitions and the same breakdown
(gold attributions found, ours on a gold cue, token-exact when found).

Data: every split folder under $COUNTERPOINT_DATA/quotes/polnear that has articles
with two or more .ann files. No system runs, so reading the training split is fine.
The 90% interval comes from resampling the articles (2000 draws, fixed seed).
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "benchmarks"))

from quotes_polnear import (  # noqa: E402
    Counts,
    Predicted,
    annotation_files,
    breakdown_line,
    data_root,
    first_annotators,
    score_article,
)

from counterpoint.analyze.attribution.brat import read_brat_attributions  # noqa: E402

PARTS = ("cue", "source", "content")
DRAWS = 2000


def double_annotated(root: Path) -> list[tuple[str, str, Path, Path]]:
    """(split, text, first annotator's file, second annotator's file) per article."""
    first = first_annotators(root)
    found = []
    for split_dir in sorted(p for p in root.iterdir() if (p / "text").is_dir()):
        for text_path in sorted((split_dir / "text").glob("*.txt")):
            files = annotation_files(split_dir, text_path.stem, first)
            if len(files) >= 2:
                text = text_path.read_text(encoding="utf-8")
                found.append((split_dir.name, text, files[0], files[1]))
    return found


def _f1(counts: list[dict[str, Counts]], part: str) -> float:
    """Exact F1 pooled over articles, unrounded (the bootstrap resamples it)."""
    tp = sum(c[part].tp for c in counts)
    wrong = sum(c[part].fp + c[part].fn for c in counts)
    return 2 * tp / (2 * tp + wrong) if tp + wrong else 0.0


def main() -> None:
    root = data_root() / "quotes" / "polnear"
    if not root.exists():
        print(f"PolNeAR not found at {root}; set COUNTERPOINT_DATA. Skipping.")
        return
    from counterpoint.models import spacy_english

    tokenizer = spacy_english()
    per_article: list[dict[str, Counts]] = []
    total = {part: Counts() for part in PARTS}
    splits: dict[str, int] = {}
    for split, text, gold_path, other_path in double_annotated(root):
        doc = tokenizer.make_doc(text)
        token_ranges = [(t.idx, t.idx + len(t.text)) for t in doc if not t.is_space]
        gold = read_brat_attributions(gold_path)
        other = [
            Predicted(cue=g.cue, source=g.source, content=g.content)
            for g in read_brat_attributions(other_path)
        ]
        counts = {part: Counts() for part in PARTS}
        score_article(text, token_ranges, other, gold, counts)
        score_article(text, token_ranges, other, gold, total)
        per_article.append(counts)
        splits[split] = splits.get(split, 0) + 1
    if not per_article:
        print("No article has two annotators' files.")
        return
    rng = random.Random(0)
    result: dict[str, object] = {"articles": splits}
    print(f"PolNeAR second annotator vs first: {len(per_article)} articles {splits}")
    print(f"{'part':<9}{'exact F1':>10}{'90% interval':>16}{'ovl F1':>9}{'capped ovl F1':>15}")
    for part in PARTS:
        draws = sorted(
            _f1([rng.choice(per_article) for _ in per_article], part) for _ in range(DRAWS)
        )
        low, high = draws[int(0.05 * DRAWS)], draws[int(0.95 * DRAWS)]
        exact = _f1(per_article, part)
        overlap = total[part].overlap()["f1"]
        capped = total[part].overlap_capped()["f1"]
        print(f"{part:<9}{exact:>10.3f}{f'{low:.3f}-{high:.3f}':>16}{overlap:>9.3f}{capped:>15.3f}")
        result[part] = {
            "exact_f1": round(exact, 4),
            "exact_f1_interval_90": [round(low, 4), round(high, 4)],
            "overlap_f1": overlap,
            "overlap_capped_f1": capped,
            "breakdown": total[part].breakdown(),
        }
    print(breakdown_line(total["content"].breakdown(), "second annotator's"))
    out = REPO / "benchmarks" / "results" / "quotes_agreement.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"data": str(root), "results": result}, indent=2), encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
