"""Long articles: analysed up to a documented budget, with a note, never a crash.

Any text over 1,000,000 characters crashed `compare` and `check` with spaCy's E088
and lost the whole report; below that the cost had no bound (200 KB: 169 s, 1.44 GB)
and one long upload held the web desk's model lock for minutes. Now every article is
cut to COUNTERPOINT_MAX_ARTICLE_CHARS before analysis (at a paragraph or sentence
end), and the report and stderr say so. And one article whose analysis fails is one
problem line in `compare`, as it is in `ingest`, not a lost report.
"""

from __future__ import annotations

import json

import pytest

from counterpoint.analyze.budget import DEFAULT_MAX_CHARS, budget_note, cut_point, within_budget
from counterpoint.desk import Desk
from counterpoint.records import Article, RawItem

from .harness import run_cli

PARAGRAPH = (
    "Maria Santos, who spoke in Havenmouth on Monday, said the council had approved {n} "
    'million pounds for the harbour works. "We were promised a decision by March and we got '
    'one," Santos said. John Okafor disputed that, telling reporters that only {n} berths '
    "would be built.\n\n"
)


def long_text(chars: int) -> str:
    text, n = "Council approves harbour works\n\n", 1
    while len(text) < chars:
        text += PARAGRAPH.format(n=n)
        n += 1
    return text


def test_a_long_article_is_cut_at_a_paragraph_end_and_keeps_its_id():
    text = long_text(100_000)
    article = Article(id="a1", origin="long.txt", outlet="Courier", text=text)
    cut = within_budget(article, limit=10_000)
    assert cut.id == "a1"
    assert len(cut.text) <= 10_000 and text.startswith(cut.text)
    assert cut.text.endswith("would be built.")
    assert cut.analysed_chars_of == len(text)
    note = budget_note(cut)
    assert (
        note is not None and f"{len(text):,}" in note and "COUNTERPOINT_MAX_ARTICLE_CHARS" in note
    )
    short = Article(id="a2", origin="short.txt", outlet="Courier", text=text[:500])
    assert within_budget(short, limit=10_000) is short and budget_note(short) is None


def test_cut_point_without_paragraphs_falls_back_to_a_sentence_then_a_space():
    sentences = "The council met. " * 1000
    assert sentences[: cut_point(sentences, 1000)].endswith("met. ")
    words = "word " * 1000
    assert cut_point(words, 1000) <= 1000 and words[cut_point(words, 1000)] == " "


def test_the_budget_comes_from_the_setting(monkeypatch):
    from counterpoint.analyze.budget import max_chars

    monkeypatch.setenv("COUNTERPOINT_MAX_ARTICLE_CHARS", "50000")
    assert max_chars() == 50_000
    monkeypatch.setenv("COUNTERPOINT_MAX_ARTICLE_CHARS", "nonsense")
    assert max_chars() == DEFAULT_MAX_CHARS


class _Exploding:
    """A pipeline whose analysis crashes on one article."""

    def process(self, item: RawItem):
        if b"explode" in item.data:
            raise RuntimeError("E088: text of length 1200000 exceeds maximum of 1000000")
        from test_engine_helpers import text_processor

        return text_processor(item)


def test_compare_skips_an_article_whose_analysis_fails_with_one_line():
    desk = Desk()
    desk._pipeline = _Exploding()  # type: ignore[assignment]
    good = "Bridge reopens\n\nThe Havenmouth bridge reopened on Monday after repairs, said Ann."
    items = [
        RawItem(origin="good.txt", data=good.encode(), media_type="text"),
        RawItem(origin="bad.txt", data=b"explode " * 20, media_type="text"),
    ]
    analyses, problems = desk.analyze(items)
    assert [a.article.origin for a in analyses] == ["good.txt"]
    assert [p.origin for p in problems] == ["bad.txt"]
    assert problems[0].reason.startswith("analysis failed: RuntimeError: E088")


@pytest.mark.slow
def test_compare_a_text_over_a_million_characters(tmp_path):
    """The E088 case end to end: the report is written, with the note; bounded."""
    huge = tmp_path / "huge.txt"
    huge.write_text(long_text(1_200_000))
    other = tmp_path / "other.txt"
    other.write_text(long_text(3_000).replace("Council approves", "Harbour vote"))
    outcome = run_cli("compare", str(huge), str(other), "--format", "json",
                      deadline=600, memory_mb=4096)  # fmt: skip
    assert not outcome.killed, f"ran past its deadline ({outcome.seconds:.0f}s)"
    assert outcome.returncode == 0, outcome.stderr[-3000:]
    assert "Traceback" not in outcome.stderr and "E088" not in outcome.stderr
    assert "only the first" in outcome.stderr and "1,200," in outcome.stderr
    report = json.loads(outcome.stdout)
    assert any("only the first" in p["reason"] for p in report["problems"])
    # the models alone take about 520 MB; the budget keeps one article's share small
    assert outcome.peak_mb < 1024, f"peak {outcome.peak_mb:.0f} MB"
    print(f"compare 1.2M chars: {outcome.seconds:.0f}s, peak {outcome.peak_mb:.0f} MB")


@pytest.mark.slow
def test_a_long_paste_holds_the_web_desks_model_lock_for_seconds_not_minutes(tmp_path):
    """The web desk analyses under one model lock: the budget bounds how long one
    request holds it (a 200 KB paste took 169 s before), and the page says what was cut."""
    import time

    from counterpoint.web.service import WebDesk

    web = WebDesk(Desk(f"sqlite:///{tmp_path / 'cp.db'}"))
    web.desk.pipeline.process(  # models loaded before the clock starts
        RawItem(origin="warm.txt", data=long_text(2_000).encode(), media_type="text")
    )
    started = time.monotonic()
    outcome = web.ingest([], long_text(200_000))
    held = time.monotonic() - started
    assert len(outcome.article_ids) == 1
    assert any("only the first" in p.reason for p in outcome.problems)
    assert held < 120, f"the model lock was held {held:.0f}s"
    print(f"web desk, 200 KB paste: lock held {held:.1f}s")


def _cut_processor(item: RawItem):
    from test_engine_helpers import text_processor

    analysis = text_processor(item)
    return analysis.model_copy(update={"article": within_budget(analysis.article, limit=2_000)})


def _cut_factory():
    return _cut_processor


def test_ingest_stores_a_cut_article_and_notes_it(tmp_path):
    from test_engine_helpers import HashEmbedder

    from counterpoint.engine import ingest
    from counterpoint.group import StoryClusterer
    from counterpoint.store import Store

    path = tmp_path / "long.txt"
    path.write_text(long_text(20_000))
    with Store(f"sqlite:///{tmp_path / 'cp.db'}") as store:
        report = ingest([str(path)], store, processor_factory=_cut_factory,
                        clusterer=StoryClusterer(embed=HashEmbedder()))  # fmt: skip
        assert len(report.added) == 1 and report.problems == []
        assert len(report.notes) == 1 and "only the first" in report.notes[0].reason
        stored = store.article(report.added[0])
        assert stored.analysed_chars_of is not None and len(stored.text) <= 2_000


@pytest.mark.slow
def test_check_a_text_over_a_million_characters(tmp_path):
    """`check` crashed with E088 too: now the claim is checked against the cut article."""
    huge = tmp_path / "huge.txt"
    huge.write_text(long_text(1_200_000))
    outcome = run_cli("check", "The council approved money for the harbour works", str(huge),
                      "--json", deadline=600, memory_mb=4096)  # fmt: skip
    assert not outcome.killed, f"ran past its deadline ({outcome.seconds:.0f}s)"
    assert outcome.returncode == 0, outcome.stderr[-3000:]
    assert "Traceback" not in outcome.stderr and "E088" not in outcome.stderr
    assert "only the first" in outcome.stderr
    [row] = json.loads(outcome.stdout)
    assert row["origin"].endswith("huge.txt") and row["stance"]
    print(f"check 1.2M chars: {outcome.seconds:.0f}s, peak {outcome.peak_mb:.0f} MB")
