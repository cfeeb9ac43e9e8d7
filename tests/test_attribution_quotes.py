"""Quote-mark scanning: every mark style, apostrophes, unclosed and multi-paragraph quotes."""

from counterpoint.analyze.attribution.quotes import find_quotes, split_paragraphs


def _texts(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


def test_all_mark_styles() -> None:
    text = 'A “curly one,” B "straight one" C «guillemets here» D „low nine“ E ‘single one’ F.'
    assert _texts(text) == [
        "“curly one,”",
        '"straight one"',
        "«guillemets here»",
        "„low nine“",
        "‘single one’",
    ]


def test_apostrophes_are_not_quotes() -> None:
    text = "Iraq’s minister didn’t say it in the ’90s, he said ‘never again’ today."
    assert _texts(text) == ["‘never again’"]


def test_unclosed_quote_ends_with_its_paragraph() -> None:
    text = "He said “we will stay until the job is done\n\nThe next paragraph is narration."
    quotes = find_quotes(text)
    assert len(quotes) == 1
    assert not quotes[0].closed
    assert text[quotes[0].start : quotes[0].end] == "“we will stay until the job is done"


def test_multi_paragraph_quote_reopens_each_paragraph() -> None:
    text = "She said: “First part of it.\n\n“Second part, still her.”\n\nNarration."
    quotes = find_quotes(text)
    assert len(quotes) == 1
    quote = quotes[0]
    assert text[quote.end - len("still her.”") : quote.end] == "still her.”"
    pieces = split_paragraphs(text, quote.start, quote.end)
    assert [text[a:b] for a, b in pieces] == ["“First part of it.", "“Second part, still her.”"]


def test_doubled_apostrophes_act_as_double_quotes() -> None:
    text = "He added, ''We're America.'' Then he left."
    assert _texts(text) == ["''We're America.''"]


def test_inner_text_strips_marks() -> None:
    text = "“Hello there,” she said."
    quote = find_quotes(text)[0]
    start, end = quote.inner(text)
    assert text[start:end] == "Hello there,"


def test_right_mark_opening_a_paragraph() -> None:
    text = "Intro.\n\n”We are afraid of him.” ― Ana Ruiz\n"
    assert _texts(text) == ["”We are afraid of him.”"]
