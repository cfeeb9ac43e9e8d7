"""Disputes gold made by this project, stored as pointers into BASIL rather than as article text.

Why: BASIL is research-only data and must not be redistributed, so the gold under
`benchmarks/gold/disputes/{dev,test}/` keeps, for each side of a pair, the outlet and the character
span of its sentence in the story file that `basil_stories.py` rebuilds from ../shared/data (plus a
short hash to catch drift). `unpack` turns it back into the verbatim format that
../shared/tools/score_disputes.py reads.

    python benchmarks/dispute_gold.py pack SPLIT VERBATIM_DIR   # verbatim gold -> pointer gold
    python benchmarks/dispute_gold.py unpack SPLIT OUT_DIR       # OUT_DIR/stories, OUT_DIR/gold

The `test` split is held out: tune on `dev` and on ../shared/data/disputes/basil-dev only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

from basil_stories import story_text, triplets

GOLD_ROOT = Path(__file__).resolve().parent / "gold" / "disputes"
YEARS = range(2010, 2015)


def _digest(sentence: str) -> str:
    return hashlib.sha1(sentence.encode("utf-8")).hexdigest()[:12]


def _story_texts(story_id: str) -> dict[str, str]:
    """Outlet key -> the story file's text, rebuilt from the BASIL JSON."""
    texts = {}
    for path in triplets(YEARS)[story_id]:
        article = json.loads(path.read_text(encoding="utf-8"))
        texts[article["source"].lower()] = story_text(article)
    return texts


def _pack_side(side: dict, texts: dict[str, str]) -> dict:
    text, sentence = texts[side["outlet"]], side["sentence"]
    start = text.find(sentence)
    if start < 0:
        raise ValueError(f"sentence not found verbatim in {side['outlet']}: {sentence[:60]!r}")
    return {
        "outlet": side["outlet"],
        "start": start,
        "end": start + len(sentence),
        "sha1": _digest(sentence),
    }


def _unpack_side(side: dict, texts: dict[str, str]) -> dict:
    sentence = texts[side["outlet"]][side["start"] : side["end"]]
    if _digest(sentence) != side["sha1"]:
        raise ValueError(f"gold pointer no longer matches the text: {side}")
    return {"outlet": side["outlet"], "sentence": sentence}


def _convert(gold: dict, texts: dict[str, str], side_fn) -> dict:  # type: ignore[no-untyped-def]
    out = dict(gold)
    for key in ("disputes", "traps"):
        out[key] = [
            {**pair, "a": side_fn(pair["a"], texts), "b": side_fn(pair["b"], texts)}
            for pair in gold.get(key, [])
        ]
    return out


def pack(split: str, verbatim_dir: Path) -> int:
    """Write pointer gold for every verbatim gold file in VERBATIM_DIR."""
    out_dir = GOLD_ROOT / split
    out_dir.mkdir(parents=True, exist_ok=True)
    count = 0
    for path in sorted(verbatim_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        packed = _convert(gold, _story_texts(gold["story"]), _pack_side)
        (out_dir / path.name).write_text(json.dumps(packed, indent=1, ensure_ascii=False) + "\n")
        count += 1
    return count


def unpack(split: str, out_dir: Path) -> int:
    """Write OUT_DIR/stories/ID/{fox,nyt,hpo}.txt and OUT_DIR/gold/ID.json for one split."""
    count = 0
    for path in sorted((GOLD_ROOT / split).glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        texts = _story_texts(gold["story"])
        folder = out_dir / "stories" / gold["story"]
        folder.mkdir(parents=True, exist_ok=True)
        for outlet, text in texts.items():
            (folder / f"{outlet}.txt").write_text(text, encoding="utf-8")
        (out_dir / "gold").mkdir(parents=True, exist_ok=True)
        verbatim = _convert(gold, texts, _unpack_side)
        (out_dir / "gold" / path.name).write_text(
            json.dumps(verbatim, indent=1, ensure_ascii=False)
        )
        count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("action", choices=["pack", "unpack"])
    parser.add_argument("split", choices=["dev", "test"])
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    done = (
        pack(args.split, args.folder) if args.action == "pack" else unpack(args.split, args.folder)
    )
    print(f"{args.action}: {done} stories ({args.split})")


if __name__ == "__main__":
    main()
