"""Same articles, same report: the CLI's argument order, the store's order and the web
desk's path give one report (the web and CLI reports of one story used to differ)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from counterpoint.desk import Desk
from counterpoint.present.report import Report

EVENT = (
    Path(__file__).resolve().parents[1] / "src" / "counterpoint" / "samples" / "ashcombe-derailment"
)


def _content(report: Report) -> dict[str, object]:
    return report.model_dump(mode="json", exclude={"generated_at", "story_id", "title", "problems"})


@pytest.mark.slow
def test_order_and_path_do_not_change_the_report() -> None:
    from counterpoint.web.service import Upload, WebDesk

    files = sorted(str(p) for p in EVENT.iterdir() if p.suffix in (".txt", ".html"))
    assert len(files) >= 3
    forward = Desk().compare(files)
    backward = Desk().compare(files[::-1])
    assert _content(forward) == _content(backward)

    with tempfile.TemporaryDirectory() as folder:
        web = WebDesk(Desk(f"sqlite:///{folder}/store.db"))
        outcome = web.ingest([Upload(Path(f).name, Path(f).read_bytes()) for f in files])
        if len(outcome.story_ids) != 1:
            pytest.skip("the sample event was grouped into several stories")
        stored = web.report(outcome.story_ids[0])
    assert [d.confidence for d in stored.disputes] == [d.confidence for d in forward.disputes]
    assert [s.text for s in stored.summary] == [s.text for s in forward.summary]
