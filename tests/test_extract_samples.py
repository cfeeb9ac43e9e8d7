"""The shipped sample corpus through extract(): every article keeps its first and last words,
and none of the site clutter expected.json lists (labels, related lists, comments, credits,
teasers, share bars) reaches the article text."""

from __future__ import annotations

import json
from pathlib import Path

from counterpoint.extract import extract
from counterpoint.read import read_inputs
from counterpoint.records import RawItem


def test_sample_folder_reads_as_its_seven_articles(samples_dir: Path) -> None:
    """The corpus README sits beside the articles; a folder walk does not take it for one."""
    items = list(read_inputs([str(samples_dir)]))
    assert all(isinstance(item, RawItem) for item in items)
    assert len(items) == 7
    assert not any(Path(item.origin).name == "README.md" for item in items)
    named = list(read_inputs([str(samples_dir / "README.md")]))
    assert len(named) == 1 and isinstance(named[0], RawItem)


def test_sample_articles_are_clean_from_first_to_last_words(samples_dir: Path) -> None:
    expected = json.loads((samples_dir / "expected.json").read_text("utf-8"))
    for event in expected["events"]:
        for entry in event["articles"]:
            items = list(read_inputs([str(samples_dir / entry["file"])]))
            assert len(items) == 1 and isinstance(items[0], RawItem)
            article = extract(items[0])
            assert article.text.startswith(entry["first"]), entry["file"]
            assert article.text.endswith(entry["last"]), entry["file"]
            for clutter in entry["boilerplate"]:
                assert clutter not in article.text, (entry["file"], clutter)
