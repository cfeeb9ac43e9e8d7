"""The analysis cache: an article analysed once is read back, never analysed twice;
a changed text, a changed analysis version or the off switch each mean a fresh analysis."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_engine_helpers import make_analysis

from counterpoint import analysis_cache, pipeline
from counterpoint.analysis_cache import AnalysisCache, article_key, default_folder
from counterpoint.records import AnalyzedArticle, Article, RawItem


def test_round_trip_keeps_the_callers_origin(tmp_path: Path) -> None:
    cache = AnalysisCache(tmp_path)
    analysis = make_analysis("Bridge falls", "The bridge fell on Monday. Nobody was hurt.")
    assert cache.get(analysis.article) is None
    cache.put(analysis)
    moved = analysis.article.model_copy(update={"origin": "/elsewhere/b.txt"})
    found = cache.get(moved)
    assert found is not None
    assert found.article.origin == "/elsewhere/b.txt"
    assert found.model_dump(exclude={"article"}) == analysis.model_dump(exclude={"article"})
    assert (cache.hits, cache.misses) == (1, 1)


def test_key_follows_text_and_version(monkeypatch: pytest.MonkeyPatch) -> None:
    article = make_analysis("T", "One text.").article
    other = article.model_copy(update={"text": "Another text."})
    assert article_key(article) != article_key(other)
    before = article_key(article)
    monkeypatch.setattr(analysis_cache, "analysis_version", lambda: "something-else")
    assert article_key(article) != before


def test_setting_turns_off_and_moves(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("COUNTERPOINT_ANALYSIS_CACHE", "off")
    assert default_folder() is None
    monkeypatch.setenv("COUNTERPOINT_ANALYSIS_CACHE", str(tmp_path / "here"))
    assert default_folder() == tmp_path / "here"


def test_unusable_folder_costs_speed_not_the_run(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = AnalysisCache(blocker)
    analysis = make_analysis("T", "Some text here.")
    cache.put(analysis)
    assert cache.get(analysis.article) is None


def test_pipeline_analyses_each_article_once(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls: list[str] = []

    def fake(articles: list[Article], nlp: object = None) -> list[AnalyzedArticle]:
        calls.extend(a.text for a in articles)
        return [
            make_analysis(a.title or "", a.text, a.outlet).model_copy(update={"article": a})
            for a in articles
        ]

    from counterpoint.analyze import article

    monkeypatch.setattr(article, "analyze_articles", fake)  # imported by Pipeline when needed
    item = RawItem(
        origin="a.txt", data=b"Title: Bridge\n\nThe bridge fell on Monday.", media_type="text"
    )
    first = pipeline.Pipeline(cache=AnalysisCache(tmp_path)).process(item)
    again = pipeline.Pipeline(cache=AnalysisCache(tmp_path)).process(item)
    assert len(calls) == 1
    assert again == first
    pipeline.Pipeline(cache=False).process(item)
    assert len(calls) == 2


def test_vectors_round_trip(tmp_path: Path) -> None:
    cache = AnalysisCache(tmp_path)
    assert cache.vectors(["k1", "k2"]) == {}
    cache.put_vectors({"k1": b"\x00" * 8})
    assert cache.vectors(["k1", "k2"]) == {"k1": b"\x00" * 8}
    cache.clear()
    assert cache.vectors(["k1"]) == {}


@pytest.mark.slow
def test_ingest_workers_leave_the_lead_vectors_in_the_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The ingesting process clusters with vectors its workers cached: no encoder of its own."""
    from counterpoint import models
    from counterpoint.engine.work import default_processor
    from counterpoint.group.features import lead_text

    monkeypatch.setenv("COUNTERPOINT_ANALYSIS_CACHE", str(tmp_path))
    sample = Path(__file__).resolve().parents[1] / "src/counterpoint/samples"
    path = sorted(sample.glob("*/*.txt"))[0]
    item = RawItem(origin=str(path), data=path.read_bytes(), media_type="text")
    models._VECTORS.clear()  # a worker starts empty (another test may have embedded this lead)
    analysis = default_processor()(item)
    models._VECTORS.clear()  # as in another process

    def no_encoder(*_: object, **__: object) -> None:
        raise AssertionError("the lead was encoded again")

    monkeypatch.setattr(models, "mean_pooled", no_encoder)
    assert models.embed([lead_text(analysis)]).shape == (1, models.embedding_width())
