"""End to end on the two seed documents: the first acceptance case.

The seeds are one 2024 story told by a blog repost of an Iraqi Foreign Ministry
statement and by a news site built on US officials' briefing. Nothing in the code
knows these texts; these assertions check that the generic pipeline finds what a
reader would.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from counterpoint.present.report import ClaimView, Dispute, Report

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def report(seeds_dir: Path) -> Report:
    from counterpoint.desk import Desk

    return Desk().compare([str(seeds_dir)])


def _joined(view: ClaimView) -> str:
    return f"{view.text} {view.sentence}".lower()


def _has_dispute(report: Report, left: str, right: str) -> Dispute | None:
    for dispute in report.disputes:
        a, b = _joined(dispute.a), _joined(dispute.b)
        if (re.search(left, a) and re.search(right, b)) or (
            re.search(left, b) and re.search(right, a)
        ):
            return dispute
    return None


def test_boilerplate_is_gone(report: Report) -> None:
    sentences = " ".join(s.sentence for d in report.disputes for s in (d.a, d.b))
    for junk in ("Post a Comment", "Leave a Reply", "mins read", "email address"):
        assert junk not in sentences
    assert len(report.sources) == 2


def test_speakers_are_entities(report: Report) -> None:
    names = " | ".join(s.name.lower() for s in report.speakers)
    assert "foreign ministry" in names
    assert "al-sudani" in names
    assert re.search(r"pentagon official|us officials", names)
    for speaker in report.speakers:
        assert speaker.name.lower() not in {"she", "he", "they", "it"}


def test_she_added_is_the_ministry(report: Report) -> None:
    ministry = next(s for s in report.speakers if "foreign ministry" in s.name.lower())
    texts = " ".join(st.text for st in ministry.statements).lower()
    assert "committed to the mechanisms" in texts  # from "She added that ..."


def test_forces_versus_troops(report: Report) -> None:
    # the ministry says it twice ("no US forces in Iraq except ...", "no US combat forces
    # ... only military advisers"); either restatement is the same dispute
    assert _has_dispute(report, r"no us (?:combat )?forces", r"2,500 troops")


def test_withdrawal_discussed_or_not(report: Report) -> None:
    assert _has_dispute(
        report,
        r"withdrawal of advisers",
        r"did not include a (?:discussion|negotiation) on the withdrawal",
    )


def test_how_near_a_timetable_is(report: Report) -> None:
    assert _has_dispute(
        report,
        r"only agreement remained|very close to the announcement",
        r"just beginning|could not give a timetable",
    )


def test_shared_ground(report: Report) -> None:
    agreed = " ".join(" ".join(c.text.lower() for c in item.claims) for item in report.consensus)
    assert re.search(r"threat", agreed)
    assert re.search(r"security|continue", agreed)


def test_summary_cites_sources(report: Report) -> None:
    assert report.summary
    outlets = {s.outlet for s in report.sources}
    assert all(set(sentence.sources) & outlets for sentence in report.summary)
