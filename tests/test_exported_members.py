"""The public face: each stage package exports its entry point, and the names are pinned.

Modelled on httpx's tests/test_exported_members.py. Changing a package's exports is a
deliberate change to this file too. Old import paths keep working (re-exports).
"""

from __future__ import annotations

import importlib
import inspect

import pytest

EXPORTS = {
    "counterpoint": ["ClaimCheck", "Desk", "IngestReport", "ReadOptions", "Report", "__version__"],
    "counterpoint.read": ["READER_MODULES", "ReadOptions", "Reader", "read_inputs"],
    "counterpoint.extract": ["ExtractionError", "article_id", "extract"],
    "counterpoint.analyze": ["analyze_article"],
    "counterpoint.group": [
        "CopyDetector",
        "PairModel",
        "StoryClusterer",
        "cluster_stories",
        "find_copies",
        "group_as_one_story",
        "story_id_for",
    ],
    "counterpoint.compare": ["RelationJudge", "compare_story", "get_judge"],
    "counterpoint.summarize": ["SourceText", "summarize_sources", "uncited_text", "write_brief"],
    "counterpoint.present": [
        "FORMATS",
        "Report",
        "build_report",
        "render_html",
        "render_markdown",
        "render_terminal",
        "render_text",
    ],
    "counterpoint.store": ["Store", "StoreError", "default_url", "split_story_id"],
    "counterpoint.engine": [
        "IngestProgress",
        "IngestReport",
        "Outcome",
        "default_processor",
        "ingest",
        "process_one",
    ],
    "counterpoint.web": ["create_app"],
    "counterpoint.desk": ["ClaimCheck", "Desk", "ProgressCallback"],
}

# each stage's entry point, as the README's pipeline table names them
ENTRY_POINTS = {
    "counterpoint.read": "read_inputs",
    "counterpoint.extract": "extract",
    "counterpoint.analyze": "analyze_article",
    "counterpoint.group": "cluster_stories",
    "counterpoint.compare": "compare_story",
    "counterpoint.summarize": "write_brief",
    "counterpoint.present": "build_report",
    "counterpoint.engine": "ingest",
}

# the types the Desk API returns or takes, importable from the records module
API_TYPES = {
    "ClaimCheck": "counterpoint.desk",
    "IngestReport": "counterpoint.engine.ingestion",
    "ReadOptions": "counterpoint.read",
    "Report": "counterpoint.present.report",
}


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_exports_are_pinned(name: str) -> None:
    module = importlib.import_module(name)
    assert list(module.__all__) == EXPORTS[name]
    assert list(module.__all__) == sorted(module.__all__), "keep __all__ sorted"
    for member in module.__all__:
        assert getattr(module, member) is not None, f"{name}.{member} does not resolve"


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_every_public_member_is_exported(name: str) -> None:
    """httpx's rule, for code kept in a package's __init__: a public class or function
    defined there is in __all__ (helpers imported for its own use need not be)."""
    module = importlib.import_module(name)
    if not hasattr(module, "__path__"):
        return  # a plain module (desk) may keep helpers public
    public = {
        member
        for member, value in vars(module).items()
        if not member.startswith("_")
        and (inspect.isclass(value) or inspect.isfunction(value))
        and getattr(value, "__module__", "") == name
    }
    assert public <= set(module.__all__), f"{name}: not in __all__: {public - set(module.__all__)}"


@pytest.mark.parametrize(("package", "entry"), sorted(ENTRY_POINTS.items()))
def test_each_stage_exports_its_entry_point(package: str, entry: str) -> None:
    module = importlib.import_module(package)
    assert entry in module.__all__
    assert callable(getattr(module, entry))


@pytest.mark.parametrize(("name", "old_home"), sorted(API_TYPES.items()))
def test_api_types_live_with_the_records(name: str, old_home: str) -> None:
    records = importlib.import_module("counterpoint.records")
    top = importlib.import_module("counterpoint")
    old = importlib.import_module(old_home)
    assert getattr(records, name) is getattr(old, name) is getattr(top, name)


def test_old_paths_keep_working() -> None:
    from counterpoint.analyze.article import analyze_article
    from counterpoint.compare.story import compare_story
    from counterpoint.present.report import build_report

    assert callable(analyze_article) and callable(compare_story) and callable(build_report)
