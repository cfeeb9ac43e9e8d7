"""Write BASIL triplets as story folders in counterpoint's plain-text header format.

Why: the disputes gold (../shared/data/disputes) and the benchmarks read stories as
`ID/{fox,nyt,hpo}.txt`; this rebuilds that layout from the published BASIL JSON so that gold made
here can point into the articles without the project ever storing their text.

    python benchmarks/basil_stories.py OUT_DIR [--years 2010-2014] [--ids ID ...]
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

OUTLET_NAMES = {"fox": "Fox News", "nyt": "The New York Times", "hpo": "HuffPost"}


def data_root() -> Path:
    """The shared datasets folder: COUNTERPOINT_DATA or ../shared/data next to the project."""
    default = Path(__file__).resolve().parents[1].parent / "shared" / "data"
    return Path(os.environ.get("COUNTERPOINT_DATA", default))


def story_text(article: dict) -> str:
    """One article as header lines, a blank line, then paragraphs separated by blank lines."""
    source = article["source"].lower()
    header = [
        f"Outlet: {OUTLET_NAMES.get(source, article['source'])}",
        f"Title: {article.get('title', '')}",
        f"Date: {article.get('date', '')}",
        f"URL: {article.get('url', '')}",
    ]
    paragraphs = [
        " ".join(s.strip() for s in para if s.strip()) for para in article["body-paragraphs"]
    ]
    if paragraphs and paragraphs[0].strip() == article.get("title", "").strip():
        paragraphs = paragraphs[1:]  # some pages repeat the headline as the first paragraph
    return "\n".join(header) + "\n\n" + "\n\n".join(p for p in paragraphs if p) + "\n"


def triplets(years: range) -> dict[str, list[Path]]:
    """Short triplet id (first 8 hex digits) -> its article files, for the given years."""
    found: dict[str, list[Path]] = {}
    for year in years:
        folder = data_root() / "stories" / "basil" / "articles" / str(year)
        for path in sorted(folder.glob("*.json")):
            found.setdefault(path.name[:8], []).append(path)
    return found


def write_story(story_id: str, paths: list[Path], out_dir: Path) -> Path:
    """Write one triplet's three articles into OUT_DIR/ID/{source}.txt."""
    folder = out_dir / story_id
    folder.mkdir(parents=True, exist_ok=True)
    for path in paths:
        article = json.loads(path.read_text(encoding="utf-8"))
        (folder / f"{article['source'].lower()}.txt").write_text(
            story_text(article), encoding="utf-8"
        )
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--years", default="2010-2014")
    parser.add_argument("--ids", nargs="*", default=None)
    args = parser.parse_args()
    first, _, last = args.years.partition("-")
    found = triplets(range(int(first), int(last or first) + 1))
    for story_id, paths in sorted(found.items()):
        if args.ids is None or story_id in args.ids:
            write_story(story_id, paths, args.out_dir)
    print(f"wrote {len(found) if args.ids is None else len(args.ids)} stories to {args.out_dir}")


if __name__ == "__main__":
    main()
