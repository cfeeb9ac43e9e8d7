"""The shipped judge loads offline from package weights and gets obvious pairs right."""

from __future__ import annotations

from pathlib import Path

import pytest

from counterpoint.compare.judges.trained import TrainedJudge, load_card, weights_available

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def judge() -> TrainedJudge:
    if not weights_available():
        pytest.skip("relation weights not trained yet (make train-relations)")
    return TrainedJudge()


def test_obvious_pairs(judge: TrainedJudge) -> None:
    pairs = [
        (
            "The minister resigned on Monday after weeks of pressure.",
            "The minister did not resign.",
        ),
        (
            "Heavy rain flooded the city centre on Friday, closing roads and schools.",
            "Roads in the city centre were closed because of flooding.",
        ),
        (
            "The company denied that it had laid off any workers.",
            "The company laid off 200 workers.",
        ),
    ]
    # unrelated pairs are not asked: the compare stage only judges aligned (similar) pairs,
    # and the model is weak there (see docs/benchmarks.md, Claim relations)
    labels = [s.label.value for s in judge.score(pairs)]
    assert labels == ["contradict", "agree", "contradict"]


def test_scores_are_distributions_in_input_order(judge: TrainedJudge) -> None:
    pairs = [
        ("A long sentence about the talks between the two governments on Tuesday.", "x"),
        ("Short.", "The talks did not happen."),
    ] * 3
    scores = judge.score(pairs)
    assert len(scores) == 6
    for s in scores:
        assert abs(s.agree + s.contradict + s.neutral - 1) < 1e-5
    assert scores[0] == scores[2] == scores[4]
    assert judge.score([]) == []


def test_card_describes_the_weights() -> None:
    if not weights_available():
        pytest.skip("relation weights not trained yet")
    card = load_card()
    assert card["labels"] == ["agree", "contradict", "neutral"]
    assert isinstance(card["seed"], int) and "hyperparameters" in card and "data" in card
    weights = Path(__file__).parents[1] / "src/counterpoint/compare/judges/weights"
    assert (weights / card["weights"]).stat().st_size < 25_000_000
    assert 0.5 <= card["metrics"]["temperature"] <= 3.0


def test_cross_encoder_directory_judge(tmp_path: Path) -> None:
    """A Hugging Face classification directory works, labels mapped by name."""
    from transformers import AutoTokenizer, BertForSequenceClassification

    from counterpoint.compare.judges.cross_encoder import CrossEncoderJudge
    from counterpoint.compare.judges.model import base_model_path

    model = BertForSequenceClassification.from_pretrained(
        base_model_path(),
        num_labels=2,
        id2label={0: "entailment", 1: "not_entailment"},
        label2id={"entailment": 0, "not_entailment": 1},
    )
    model.save_pretrained(tmp_path)
    AutoTokenizer.from_pretrained(base_model_path()).save_pretrained(tmp_path)
    judge = CrossEncoderJudge(tmp_path)
    assert judge.mapping == [0, 2]
    [score] = judge.score([("Troops will stay.", "Troops will leave.")])
    assert score.contradict == 0.0
    assert abs(score.agree + score.neutral - 1) < 1e-5


def test_article_judge_reads_a_whole_article() -> None:
    from counterpoint.compare.judges.document import ArticleJudge
    from counterpoint.compare.judges.model import ARTICLE_WEIGHTS_FILE

    if not ARTICLE_WEIGHTS_FILE.is_file():
        pytest.skip("article weights not trained yet")
    judge = ArticleJudge()
    denial = (
        "Reports that the city's oldest bridge collapsed on Tuesday were false, officials said. "
        "The story first appeared on a satirical website and was shared thousands of times. "
        "Engineers who inspected the bridge on Wednesday said it was intact and open to traffic. "
        "The mayor's office called the reports a hoax."
    )
    unrelated = (
        "The football club announced a new coach on Monday after a poor season. "
        "The coach, who previously worked in Spain, signed a three-year contract. "
        "Fans reacted with cautious optimism on social media."
    )
    claim = "The city's oldest bridge collapsed on Tuesday"
    about, other = judge.verdicts([(claim, denial), (claim, unrelated)])
    assert about.related > 0.5 > other.related
    assert other.stance() == "unrelated"
    assert about.stance() in ("disagree", "discuss")  # never "agree" with a debunk
    assert abs(about.score.agree + about.score.contradict + about.score.neutral - 1) < 1e-5


def test_article_judge_reads_past_the_lead_for_a_late_debunk() -> None:
    """A debunk in the last paragraph, in words unlike the claim's, still counts."""
    from counterpoint.compare.judges.document import ArticleJudge
    from counterpoint.compare.judges.model import ARTICLE_WEIGHTS_FILE

    if not ARTICLE_WEIGHTS_FILE.is_file():
        pytest.skip("article weights not trained yet")
    filler = " ".join(
        f"Residents of the town described day {n} of the week as busy, with markets and "
        "schools open and buses running on time."
        for n in range(1, 9)
    )
    article = (
        "A photo said to show a shark swimming on a flooded highway spread online on Monday. "
        f"{filler} Photo experts later found the picture had been edited: it was a fake, "
        "and no shark was ever on the highway."
    )
    claim = "A shark swam on a flooded highway"
    lead, whole = (
        ArticleJudge(read=read).verdicts([(claim, article)])[0] for read in ("lead", "whole")
    )
    assert whole.score.contradict >= lead.score.contradict
    assert whole.stance() != "agree"


def test_stacked_judge_gets_obvious_pairs_and_gives_distributions() -> None:
    from counterpoint.compare.judges.stacked import StackedJudge, head_available

    if not head_available():
        pytest.skip("stacked head not trained yet")
    judge = StackedJudge()
    pairs = [
        (
            "The minister resigned on Monday after weeks of pressure.",
            "The minister did not resign.",
        ),
        (
            "Heavy rain flooded the city centre on Friday, closing roads and schools.",
            "Roads in the city centre were closed because of flooding.",
        ),
    ]
    scores = judge.score(pairs)
    assert [s.label.value for s in scores] == ["contradict", "agree"]
    for s in scores:
        assert abs(s.agree + s.contradict + s.neutral - 1) < 1e-5
    assert judge.score([]) == []
