"""Charged words, sentence clean-up and the citation renderings."""

from __future__ import annotations

from counterpoint.records import BriefSentence
from counterpoint.summarize.citations import (
    dispute_sentence,
    neutral_sentence,
    uncited,
    with_citation,
)
from counterpoint.summarize.neutral import find_loaded, unquoted_loaded
from counterpoint.summarize.text import (
    clean_sentence,
    lower_first,
    lowercase_vocabulary,
    split_sentences,
)


def test_loaded_words_inside_quotes_count_as_attributed() -> None:
    text = 'The senator called it a "witch hunt" while the regime denied it.'
    found = {t.text.lower(): t.quoted for t in find_loaded(text)}
    assert found == {"witch hunt": True, "regime": False}
    assert [t.text for t in unquoted_loaded(text)] == ["regime"]


def test_no_false_hits_inside_longer_words() -> None:
    assert unquoted_loaded("The regimented schedule slammed-door policy.") == []
    assert unquoted_loaded("Officials described the talks as constructive.") == []


def test_outlet_voice_charged_word_is_attributed_never_quoted() -> None:
    body = "The regime tested another missile on Friday."
    text = neutral_sentence(body, ["Outlet A"])
    assert text == "Outlet A reports that the regime tested another missile on Friday."
    # quote marks the outlet did not use are never added
    text = neutral_sentence("In an appeal to hard-right voters, the governor ran an ad.", ["B"])
    assert "“" not in text and '"' not in text and "hard-right voters" in text
    dispute = dispute_sentence(("A", "The regime fell."), ("B", "The sham vote stands."))
    assert "“" not in dispute


def test_plain_sentence_gets_citation_before_the_stop() -> None:
    text = neutral_sentence("Talks resumed on Monday.", ["A", "B"])
    assert text == "Talks resumed on Monday (A, B)."
    assert with_citation("Is it over?", ["A"]) == "Is it over (A)?"


def test_uncited_inverts_every_citation_form() -> None:
    cases = [
        (with_citation("Talks resumed on Monday.", ["A", "B"]), ["A", "B"], "consensus"),
        (
            neutral_sentence("The regime fired.", ["A"]),
            ["A"],
            "unique",
        ),
        (dispute_sentence(("A", "Six weeks."), ("B", "Months, not weeks.")), ["A", "B"], "dispute"),
    ]
    expected = ["Talks resumed on Monday.", "The regime fired.", "Six weeks; Months, not weeks."]
    for (text, sources, kind), want in zip(cases, expected, strict=True):
        sentence = BriefSentence(text=text, kind=kind, sources=sources)
        assert uncited(sentence) == want


def test_sentence_split_keeps_titles_and_initials() -> None:
    text = "Sen. Bernie Sanders won Nevada. U.S. officials said so. Gov. J. Smith agreed!"
    assert split_sentences(text) == [
        "Sen. Bernie Sanders won Nevada.",
        "U.S. officials said so.",
        "Gov. J. Smith agreed!",
    ]


def test_clean_sentence_trims_dateline_and_connective() -> None:
    assert (
        clean_sentence("WASHINGTON (Reuters) - The vote passed 52-48.") == "The vote passed 52-48."
    )
    assert clean_sentence("(CNN) - Patience is in ever-shorter supply.") == (
        "Patience is in ever-shorter supply."
    )
    assert clean_sentence("However, the bill stalled") == "The bill stalled."
    # a title-case place is a dateline only with a wire agency's tag
    assert clean_sentence("Denver (AP) – Colorado's attorney general will defend the law.") == (
        "Colorado's attorney general will defend the law."
    )
    kept = "Obama (D) - the president said on Monday that the law stands."
    assert clean_sentence(kept).startswith("Obama (D)")


def test_lower_first_keeps_names_capitalised() -> None:
    vocabulary = lowercase_vocabulary(["the repairs will take weeks"])
    assert lower_first("Repairs will take weeks", vocabulary) == "repairs will take weeks"
    assert lower_first("Trump said no", vocabulary) == "Trump said no"
    assert lower_first("NATO met", vocabulary) == "NATO met"


def test_sentence_ending_in_a_closed_quote_gets_no_second_stop() -> None:
    text = dispute_sentence(("A", "Talks failed."), ("B", "He said, “We are close.”"))
    assert text == "A says Talks failed; B says he said, “We are close.”"
    assert with_citation("He said, “We are close.”", ["A"]) == "He said, “We are close.” (A)"


def test_number_words_and_prepositions_are_lowered_after_says() -> None:
    from counterpoint.summarize.text import lower_first

    assert lower_first("Twelve people were hurt.") == "twelve people were hurt."
    assert lower_first("Amid threats, talks resumed.") == "amid threats, talks resumed."
    assert lower_first("Trump spoke on Friday.") == "Trump spoke on Friday."


def test_a_sentence_ending_on_an_abbreviation_keeps_its_period() -> None:
    from counterpoint.records import BriefSentence
    from counterpoint.summarize.citations import uncited, with_citation

    text = with_citation("It is a waste of time, said Rep. Steve Israel, D-N.Y.", ["Fox News"])
    assert text == "It is a waste of time, said Rep. Steve Israel, D-N.Y. (Fox News)."
    sentence = BriefSentence(text=text, kind="unique", sources=["Fox News"])
    assert uncited(sentence) == "It is a waste of time, said Rep. Steve Israel, D-N.Y."
    assert with_citation("The bridge stays shut.", ["A"]) == "The bridge stays shut (A)."
