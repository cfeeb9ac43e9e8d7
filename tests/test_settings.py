"""One list of settings: the README shows all of it, code reads nothing outside it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from counterpoint import settings
from counterpoint.settings import SETTINGS

REPO = Path(__file__).resolve().parents[1]
NAMES = {s.name for s in SETTINGS}
MENTIONED = re.compile(r"\bCOUNTERPOINT_[A-Z][A-Z0-9_]*[A-Z0-9]\b")
READ = re.compile(r"""(?:environ\.get|environ\[|getenv)\(?\s*["']([A-Z][A-Z0-9_]+)["']""")
SEARCHED = ("src", "tests", "benchmarks", "scripts")


def _sources() -> list[Path]:
    files = [REPO / "Makefile"]
    for folder in SEARCHED:
        files += [
            p
            for p in (REPO / folder).rglob("*")
            if p.suffix in {".py", ".sh"} and "egg-info" not in str(p) and p.is_file()
        ]
    return files


def _readme_table() -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    start = text.index("<!-- settings table")
    start = text.index("\n", start) + 1
    return text[start : text.index("<!-- end of settings table -->")]


def test_readme_table_is_generated_from_settings() -> None:
    assert _readme_table() == settings.markdown_table(), (
        "README's settings table is stale: paste the output of `counterpoint settings`"
    )


def test_every_setting_is_in_the_readme() -> None:
    table = _readme_table()
    missing = [name for name in NAMES if f"`{name}`" not in table]
    assert not missing, f"settings missing from the README: {missing}"


def test_every_counterpoint_variable_named_in_code_is_a_setting() -> None:
    unknown: dict[str, str] = {}
    for path in _sources():
        for name in MENTIONED.findall(path.read_text(encoding="utf-8", errors="replace")):
            if name not in NAMES:
                unknown.setdefault(name, str(path.relative_to(REPO)))
    assert not unknown, f"add these to counterpoint.settings.SETTINGS: {unknown}"


def test_every_variable_the_product_reads_is_a_setting() -> None:
    unknown = {}
    for path in (REPO / "src").rglob("*.py"):
        for name in READ.findall(path.read_text(encoding="utf-8")):
            if name not in NAMES and not name.startswith(("OMP_", "MKL_", "OPENBLAS_")):
                unknown[name] = str(path.relative_to(REPO))
    assert not unknown, f"add these to counterpoint.settings.SETTINGS: {unknown}"


def test_accessors() -> None:
    assert settings.get("COUNTERPOINT_JUDGE", {}) == "trained"
    assert settings.get("COUNTERPOINT_JUDGE", {"COUNTERPOINT_JUDGE": " rules "}) == "rules"
    assert settings.get("COUNTERPOINT_JUDGE", {"COUNTERPOINT_JUDGE": ""}) == "trained"
    assert settings.flag("COUNTERPOINT_ATTRIBUTION_TAGGER", {})
    assert not settings.flag(
        "COUNTERPOINT_ATTRIBUTION_TAGGER", {"COUNTERPOINT_ATTRIBUTION_TAGGER": "OFF"}
    )
    assert settings.data_dir({"COUNTERPOINT_DATA": "/x"}) == Path("/x")
    assert settings.data_dir({}).parts[-2:] == ("shared", "data")
    with pytest.raises(KeyError):
        settings.get("NOT_A_SETTING")


def test_network_uses_are_off_by_default() -> None:
    assert settings.brief_rewriting({}) == "off"
    # an endpoint configured for the judge does not turn brief rewriting on
    assert settings.brief_rewriting({"COUNTERPOINT_OPENAI_BASE_URL": "http://x"}) == "off"
    assert settings.brief_rewriting({"COUNTERPOINT_BRIEF_REWRITING": "endpoint"}) == "endpoint"
    with pytest.raises(ValueError):
        settings.brief_rewriting({"COUNTERPOINT_BRIEF_REWRITING": "yes please"})
    assert settings.get("COUNTERPOINT_JUDGE", {}) != "openai"
    network = {s.name for s in SETTINGS if s.scope == "network"}
    assert {"COUNTERPOINT_BRIEF_REWRITING", "COUNTERPOINT_OPENAI_BASE_URL"} <= network


def test_endpoint_url_alone_sends_no_brief(monkeypatch: pytest.MonkeyPatch) -> None:
    from test_summarize_fixtures import bridge_story

    import counterpoint.summarize.abstractive as abstractive
    from counterpoint.summarize import write_brief

    def refuse(*args: object, **kwargs: object) -> object:
        raise AssertionError("the brief was sent to the endpoint without the switch")

    monkeypatch.setattr(abstractive, "rewrite_brief", refuse)
    monkeypatch.setenv("COUNTERPOINT_OPENAI_BASE_URL", "http://127.0.0.1:9")
    monkeypatch.delenv("COUNTERPOINT_BRIEF_REWRITING", raising=False)
    story, analyses, comparison = bridge_story()
    assert write_brief(story, analyses, comparison, max_sentences=2).sentences


def test_report_says_which_judge_and_whether_the_brief_was_rewritten() -> None:
    from datetime import UTC, datetime

    from counterpoint.present import Report, render_markdown

    report = Report(
        generated_at=datetime.now(UTC),
        story_id="s",
        title="t",
        sources=[],
        summary=[],
        consensus=[],
        disputes=[],
        unique=[],
        speakers=[],
        judge="trained",
    )
    assert report.brief_rewriting == "off"
    assert "relation judge: trained; brief rewriting: off" in render_markdown(report)
    assert '"brief_rewriting":"off"' in report.model_dump_json()
