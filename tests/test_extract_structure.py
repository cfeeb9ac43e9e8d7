"""Clutter that pasted news text carries: section labels, related-headline lists, blog post
lines, agency credits, subscriber teasers and reader comments go; article text stays.

All texts here are invented for these tests."""

from __future__ import annotations

from datetime import date

from counterpoint.extract import extract
from counterpoint.extract.boilerplate import remove_boilerplate
from counterpoint.extract.structure import is_headline_item, is_section_label, is_timestamp
from counterpoint.records import RawItem

BODY = (
    "The city council voted on Tuesday to close the old harbour bridge for repairs, "
    "officials said.\n\n"
    "“We cannot wait another winter,” the mayor told reporters, adding that the work "
    "would take eight months.\n\n"
    "Local shop owners said the closure would hurt trade, and asked the council for "
    "help with the cost of deliveries during the works."
)
PARAGRAPHS = BODY.split("\n\n")
TITLE = "Council closes harbour bridge for eight months"


def text_item(text: str) -> RawItem:
    return RawItem(origin="/tmp/riverside-gazette.txt", data=text.encode(), media_type="text")


def test_section_labels_before_the_headline_go_and_the_headline_stays() -> None:
    for label in ("World | Middle East", "PORTS & TERMINALS", "Business", "Local News › Harbour"):
        article = extract(text_item(f"{label}\n\n{TITLE}\n\n{BODY}"))
        assert article.title == TITLE, label
        assert article.text == BODY, label
        assert label in article.removed
    # with a header title, a label at the top of the body goes too
    header = f"Outlet: Riverside Gazette\nTitle: {TITLE}\n\nHARBOUR | TRANSPORT\n\n{BODY}"
    assert extract(text_item(header)).text == BODY


def test_title_case_headline_is_not_taken_for_a_label() -> None:
    plain = extract(text_item(f"Council Closes Harbour Bridge\n\n{BODY}"))
    assert plain.title == "Council Closes Harbour Bridge" and plain.text == BODY
    bylined = extract(text_item(f"Council Closes Bridge\n\nBy Ana Lima\n\n{BODY}"))
    assert bylined.title == "Council Closes Bridge" and bylined.authors == ["Ana Lima"]
    dateline = extract(text_item(f"{TITLE}\n\nRIVERSIDE – Gazette\n\n{BODY}"))
    assert dateline.text.startswith("RIVERSIDE – Gazette")
    assert not is_section_label("Ana Lima said on Tuesday.")
    assert not is_section_label("Results 2024")


def test_related_list_pasted_line_by_line_goes() -> None:
    text = (
        f"{TITLE}\n\n{BODY}\n\n"
        "Related:\n"
        "Ferry fares rise again as operator blames fuel costs\n"
        "Council to vote on new cycle lanes next month\n"
        "Letters: The harbour festival deserves better\n"
    )
    article = extract(text_item(text))
    assert article.text == BODY
    assert "Council to vote on new cycle lanes next month" in article.removed


def test_related_headlines_glued_into_one_line_go() -> None:
    glued = (
        "Ferry fares rise again as operator blames fuel costs Council to vote on new cycle "
        "lanes next month Harbour festival returns after three-year break"
    )
    for heading in ("Related coverage", "More from Riverside Gazette"):
        cleaned = remove_boilerplate([*PARAGRAPHS, heading, glued])
        assert cleaned.paragraphs == PARAGRAPHS, heading
        assert cleaned.removed == [heading, glued]
    inline = remove_boilerplate([*PARAGRAPHS, f"Related: {glued}"])
    assert inline.paragraphs == PARAGRAPHS
    assert is_headline_item(glued) and not is_headline_item(PARAGRAPHS[0])


def test_article_text_after_a_teaser_box_stays() -> None:
    paragraphs = [
        PARAGRAPHS[0],
        "Read more",
        "What happens next",
        PARAGRAPHS[1],
        "More from the Gazette:",
        "Ferry fares rise again",
        "Cycle lanes vote delayed",
        PARAGRAPHS[2],
    ]
    cleaned = remove_boilerplate(paragraphs)
    assert cleaned.paragraphs == [PARAGRAPHS[0], "What happens next", *PARAGRAPHS[1:]]


def test_blog_post_lines_go_and_give_author_and_date() -> None:
    text = (
        f"{TITLE}\n\n"
        "Posted by Sam Reed | March 7, 2023 | Local News, Transport | 4 Comments\n\n"
        f"{BODY}\n\n"
        "Filed under Harbour, Council\n\n"
        "Categories: Local News\n\n"
        "Tags: bridge, harbour, repairs\n\n"
        "Posted in Transport"
    )
    article = extract(text_item(text))
    assert article.text == BODY
    assert article.authors == ["Sam Reed"]
    assert article.published == date(2023, 3, 7)
    timed = remove_boilerplate([*PARAGRAPHS, "Posted by Sam Reed at 10:42 AM"])
    assert timed.paragraphs == PARAGRAPHS


def test_agency_credit_lines_go() -> None:
    credits = [
        "(Reporting by Ana Lima; Editing by Tom Berg)",
        "(Additional reporting by Kim Ode in Lisbon; Writing by Sam Reed; Editing by Ana Lima.)",
        "Writing by Sam Reed; Editing by Tom Berg",
        "Additional reporting by Kim Ode",
    ]
    cleaned = remove_boilerplate([*PARAGRAPHS, *credits])
    assert cleaned.paragraphs == PARAGRAPHS and cleaned.removed == credits
    glued = remove_boilerplate([PARAGRAPHS[0] + " (Reporting by Ana Lima; Editing by Tom Berg)"])
    assert glued.paragraphs == [PARAGRAPHS[0]]


def test_subscriber_and_download_teasers_go() -> None:
    teasers = [
        "Subscribers only: download the full council budget (PDF)",
        "Sign up for our morning briefing",
        "Sign up to get an email from our harbour reporter when she publishes a story.",
        "Download the Gazette app",
        "Download the bridge inspection report (PDF, 2.3 MB)",
    ]
    cleaned = remove_boilerplate([*PARAGRAPHS, *teasers])
    assert cleaned.paragraphs == PARAGRAPHS and cleaned.removed == teasers


def test_reader_callouts_go() -> None:
    callouts = [
        "Were you on the bridge? Contact the newsdesk on news@gazette.example.",
        "Have a story? Get in touch with us at tips@gazette.example",
    ]
    cleaned = remove_boilerplate([*PARAGRAPHS, *callouts])
    assert cleaned.paragraphs == PARAGRAPHS and cleaned.removed == callouts


def test_sentences_that_resemble_credits_or_teasers_stay() -> None:
    paragraphs = [
        "Reporting by the Gazette last year found that the council had overspent on repairs.",
        "Published on Tuesday, the report found that ferry fares rose by a third.",
        "Residents can sign up for updates on the works at the town hall, the council said.",
        "Sign up for the harbour rowing club costs £20 a year, its secretary said.",
        "Members of the harbour board voted against the plan.",
        "Subscribers: 12,400, up from 9,800 a year earlier",
        "If you saw the crash, contact us on 555 0100, police said.",
        "Download speeds on the ferry are poor, passengers say.",
    ]
    cleaned = remove_boilerplate([*PARAGRAPHS, *paragraphs])
    assert cleaned.paragraphs == [*PARAGRAPHS, *paragraphs] and cleaned.removed == []


def test_pasted_reader_comments_go() -> None:
    comments = (
        "Pat Q.\nMarch 7, 2023 at 8:15 am\nAbout time. That bridge has been a disgrace.\nReply\n\n"
        "harbour_watcher\nMarch 7, 2023 at 9:02 am\nWho pays for the ferry in the meantime?\n"
        "Reply\n\n"
        "Jo Marsh\n2 hours ago\nMy shop will not survive eight months of this.\nReply"
    )
    for marker in ("3 responses to “Council closes harbour bridge”\n\n", ""):
        article = extract(text_item(f"{TITLE}\n\n{BODY}\n\n{marker}{comments}"))
        assert article.text == BODY, marker
        assert "My shop will not survive eight months of this." in article.removed
    assert is_timestamp("March 7, 2023 at 8:15 am") and is_timestamp("2 hours ago")
    assert not is_timestamp("March 7, 2023")


def test_comments_with_name_and_time_on_one_line_go() -> None:
    comments = [
        "harbour_watcher · 2h ago",
        "Who pays for the ferry in the meantime?",
        "Pat Q. | March 7, 2023 at 8:15 am",
        "About time. That bridge has been a disgrace.",
        "Dr. Jo Marsh says:",
        "March 7, 2023 at 9:30 am",
        "My shop will not survive eight months of this.",
    ]
    cleaned = remove_boilerplate([*PARAGRAPHS, *comments])
    assert cleaned.paragraphs == PARAGRAPHS and cleaned.removed == comments


def test_sentences_that_resemble_comment_markers_stay() -> None:
    paragraphs = [
        *PARAGRAPHS,
        "Two responses to the closure emerged on Tuesday.",
        "Shopkeepers asked for a ferry; drivers asked for a second lane on the ring road.",
    ]
    assert remove_boilerplate(paragraphs).paragraphs == paragraphs


def test_time_stamped_entries_and_a_top_byline_stay() -> None:
    live = [
        "Ana Lima",
        "10:40",
        "The mayor has arrived at the town hall, where protesters are waiting.",
        "Tom Berg",
        "10:55",
        "The council has opened the meeting with a minute's silence.",
    ]
    cleaned = remove_boilerplate([*PARAGRAPHS, *live])
    assert cleaned.paragraphs == [*PARAGRAPHS, *live]
    top = ["Ana Lima", "March 7, 2023 at 8:15 am", *PARAGRAPHS]
    assert remove_boilerplate(top).paragraphs == top


def test_list_lines_pasted_without_blank_lines_stay_apart() -> None:
    text = (
        f"Business\n{TITLE}\nBy Ana Lima, Riverside Gazette\n3 min read\nShare this article\n\n"
        f"{BODY}"
    )
    article = extract(text_item(text))
    assert article.title == TITLE
    assert article.authors == ["Ana Lima"]  # the outlet after the comma is no author
    assert article.text == BODY


def test_byline_roles_are_not_authors() -> None:
    for byline, authors in (
        ("By Jane Doe, Staff Writer", ["Jane Doe"]),
        ("By Ana Lima, Political Correspondent", ["Ana Lima"]),
        ("By Ana Lima, Tom Berg", ["Ana Lima", "Tom Berg"]),
    ):
        article = extract(text_item(f"{TITLE}\n\n{byline}\n\n{BODY}"))
        assert article.authors == authors, byline
