"""Plain-text extraction: header block, date line, title, boilerplate, id, hints."""

from __future__ import annotations

from datetime import date

import pytest

from counterpoint.extract import ExtractionError, article_id, extract
from counterpoint.extract.boilerplate import (
    is_repeated_title,
    remove_boilerplate,
    trim_menu_runs,
)
from counterpoint.read.files import read_text_input
from counterpoint.records import RawItem

BODY = (
    "The city council voted on Tuesday to close the old harbour bridge for repairs, "
    "officials said.\n\n"
    "“We cannot wait another winter,” the mayor told reporters, adding that the work "
    "would take eight months.\n\n"
    "Local shop owners said the closure would hurt trade."
)


def text_item(text: str, **hints: str) -> RawItem:
    return RawItem(
        origin="/tmp/riverside-gazette.txt", data=text.encode(), media_type="text", hints=hints
    )


def test_header_block_gives_metadata() -> None:
    text = (
        "Outlet: Riverside Gazette\nTitle: Council closes harbour bridge\n"
        "Date: 2023-03-07\nAuthor: Ana Lima; Tom Berg\nURL: https://gazette.example/bridge\n\n"
        + BODY
    )
    article = extract(text_item(text))
    assert article.outlet == "Riverside Gazette"
    assert article.title == "Council closes harbour bridge"
    assert article.published == date(2023, 3, 7)
    assert article.authors == ["Ana Lima", "Tom Berg"]
    assert article.url == "https://gazette.example/bridge"
    assert article.text == BODY
    assert article.language == "en"


def test_colon_line_that_is_not_a_header_stays() -> None:
    text = "Breaking News: Council closes harbour bridge\n\n" + BODY
    article = extract(text_item(text))
    assert article.title == "Council closes harbour bridge"
    assert article.text == BODY


def test_date_line_title_and_generic_boilerplate() -> None:
    text = (
        "Tuesday, March 7, 2023\n\n\n"
        "Flash News: Council closes harbour bridge\n\n"
        "5 min read\n"
        "Gazette: Council closes harbour bridge\n\n"
        + BODY.replace("officials said.", "officials said.”–bridge-closure.html")
        + "\n\nShare this article\n\nRelated: Ferry timetable changes\n\n"
        "Riverside Gazette strives to provide reliable news to its readers every day.\n\n"
        "12 Comments:\n\nGreat article!\n\nLeave a Reply\n\n"
        "Your email address will not be published. Required fields are marked *"
    )
    article = extract(text_item(text))
    assert article.published == date(2023, 3, 7)
    assert article.title == "Council closes harbour bridge"
    assert article.outlet == "Riverside Gazette"  # named by its own mission line
    assert "voted on Tuesday to close the old harbour bridge" in article.text
    assert "“We cannot wait another winter,” the mayor told reporters" in article.text
    assert article.text.endswith("Local shop owners said the closure would hurt trade.")
    for gone in (
        "5 min read",
        "Gazette: Council",
        "Share this",
        "Related:",
        "strives",
        "Comments",
        "Great article",
        "Leave a Reply",
        "email address",
        ".html",
    ):
        assert gone not in article.text, gone
        assert any(gone in line for line in article.removed), gone
    assert article.text.count("\n\n") == 2  # three paragraphs


def test_outlet_falls_back_to_file_stem() -> None:
    assert extract(text_item("Council closes harbour bridge\n\n" + BODY)).outlet == (
        "riverside-gazette"
    )


def test_hard_wrapped_paragraphs_are_joined() -> None:
    text = (
        "Council closes harbour bridge\n\n"
        "The city council voted on Tuesday to close the old harbour bridge for\n"
        "repairs, officials said on the steps of the town hall this morning.\n\n"
        "Shop owners objected."
    )
    article = extract(text_item(text))
    assert article.text.split("\n\n")[0].startswith("The city council voted on Tuesday to close")
    assert "for repairs, officials" in article.text


def test_hints_win_over_guesses() -> None:
    article = extract(
        text_item(
            "Council closes bridge\n\n" + BODY,
            source="Harbour Daily",
            title="Bridge to close for eight months",
            date="2023-03-08T10:00:00Z",
            authors="Kim Ode",
        )
    )
    assert article.outlet == "Harbour Daily"
    assert article.title == "Bridge to close for eight months"
    assert article.published == date(2023, 3, 8)
    assert article.authors == ["Kim Ode"]


def test_byline_near_top_gives_authors() -> None:
    article = extract(
        text_item("Council closes harbour bridge\n\nBy Ana Lima and Tom Berg\n\n" + BODY)
    )
    assert article.authors == ["Ana Lima", "Tom Berg"]
    assert "By Ana" not in article.text


def test_id_is_stable_and_ignores_whitespace_and_case() -> None:
    first = extract(text_item("Council closes harbour bridge\n\n" + BODY))
    again = extract(text_item("Council closes harbour bridge\n\n" + BODY.replace(" ", "  ")))
    assert first.id == again.id and len(first.id) == 16
    assert article_id("A", "T", "x y") == article_id(" a ", "t", "X  Y")
    assert article_id("A", "T", "x y") != article_id("B", "T", "x y")


def test_pasted_text() -> None:
    article = extract(read_text_input(BODY, "pasted text"))
    assert article.text == BODY and article.title is None


@pytest.mark.parametrize(
    "text",
    ["", "   \n\n  ", "No comments:\n\nPost a Comment", "Share this article\n\nFollow us on X"],
)
def test_nothing_usable_raises(text: str) -> None:
    with pytest.raises(ExtractionError) as info:
        extract(text_item(text))
    assert info.value.reason


def test_footer_marker_early_in_long_text_is_kept() -> None:
    paragraphs = [
        "Comments",
        *[f"Paragraph {i} about the vote, with enough words." * 5 for i in range(40)],
    ]
    cleaned = remove_boilerplate(paragraphs)
    assert len(cleaned.paragraphs) == 41


def test_repeated_title_detection() -> None:
    assert is_repeated_title("US: No deal in harbour talks", "No deal in harbour talks")
    assert is_repeated_title("No deal in harbour talk", "No deal in harbour talks")
    assert not is_repeated_title(
        "There was no deal in the harbour talks on Tuesday, the mayor said, and more "
        "talks are planned for next month.",
        "No deal in harbour talks",
    )


def test_news_sentences_that_resemble_boilerplate_stay() -> None:
    paragraphs = [
        "The minister spoke to parliament about the harbour on Tuesday afternoon at length.",
        "Register to vote by Friday, officials urged.",
        "Home Secretary Ana Lima resigned on Tuesday.",
        "Related to the closure, ferry fares will rise.",
        "Copyright law was also discussed.",
        "Discussion",
        "The ministry tries to provide shelters for families.",
    ]
    cleaned = remove_boilerplate(paragraphs)
    assert cleaned.paragraphs == paragraphs and cleaned.removed == []


def test_quoted_first_line_is_not_a_title_but_markdown_heading_is() -> None:
    quoted = extract(text_item("He said: “We will not leave.”\n\n" + BODY))
    assert quoted.title is None and quoted.text.startswith("He said:")
    acronym = extract(text_item("Bridge repairs funded by the E.U.\n\n" + BODY))
    assert acronym.title == "Bridge repairs funded by the E.U."
    markdown = extract(text_item("# Council closes harbour bridge\n\n" + BODY))
    assert markdown.title == "Council closes harbour bridge"


def test_common_blog_and_news_widgets_are_removed() -> None:
    widgets = [
        "Share this:",
        "Click to share on Twitter (Opens in new window)",
        "Facebook Twitter WhatsApp Email",
        "Like this:",
        "Like Loading...",
        "Posted by Sam Reed at 10:42 AM",
        "Previous article: Ferry fares rise again",
        "Read the original article.",
        "Get the top stories delivered to your inbox every morning.",
        "Image source, Harbour Photos",
        "Labels: harbour, council",
    ]
    cleaned = remove_boilerplate([*BODY.split("\n\n"), *widgets])
    assert cleaned.paragraphs == BODY.split("\n\n")
    assert cleaned.removed == widgets


def test_browser_copy_with_menus_and_cookie_banner() -> None:
    text = (
        "Skip to content\nHome\nWorld\nLocal\nSport\nWeather\n\n"
        "We use cookies to improve your experience. By continuing you accept our cookie policy.\n"
        "Accept all\n\n"
        "Council closes harbour bridge\n\n" + BODY + "\n\n"
        "About us\nContact\nCareers\nAdvertise\nPrivacy"
    )
    article = extract(text_item(text))
    assert article.title == "Council closes harbour bridge"
    assert article.text == BODY
    assert "Weather" in article.removed and "Privacy" in article.removed


def test_short_lines_inside_the_article_stay() -> None:
    paragraphs = ["Council closes harbour bridge", *BODY.split("\n\n"),
                  "Voting for:", "Ana Lima", "Tom Berg", "Kim Ode", "Sam Reed", BODY]  # fmt: skip
    assert trim_menu_runs(paragraphs).paragraphs == paragraphs
