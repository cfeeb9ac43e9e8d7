"""get_judge picks the judge from configuration, and falls back to rules without weights."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from counterpoint.compare import judges
from counterpoint.compare.judges import get_judge
from counterpoint.compare.judges.openai_endpoint import OpenAIJudge


@pytest.fixture(autouse=True)
def fresh_cache() -> Iterator[None]:
    judges._build.cache_clear()
    yield
    judges._build.cache_clear()


def test_rules_judge_by_name() -> None:
    judge = get_judge({"COUNTERPOINT_JUDGE": "rules"})
    assert judge.name == "rules"
    [score] = judge.score([("Police said 12 people died.", "Police said 40 people died.")])
    assert score.contradict > score.agree


def test_openai_judge_needs_url_and_model() -> None:
    with pytest.raises(ValueError, match="COUNTERPOINT_OPENAI_BASE_URL"):
        get_judge({"COUNTERPOINT_JUDGE": "openai"})
    judge = get_judge(
        {
            "COUNTERPOINT_JUDGE": "openai",
            "COUNTERPOINT_OPENAI_BASE_URL": "http://127.0.0.1:9/v1",
            "COUNTERPOINT_OPENAI_MODEL": "m",
        }
    )
    assert isinstance(judge, OpenAIJudge)
    assert judge.url == "http://127.0.0.1:9/v1/chat/completions"


def test_cross_encoder_directory_must_exist(tmp_path: object) -> None:
    with pytest.raises(FileNotFoundError):
        get_judge({"COUNTERPOINT_JUDGE": "cross-encoder:/nonexistent/model/dir"})


def test_unknown_judge_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown"):
        get_judge({"COUNTERPOINT_JUDGE": "magic"})


def test_default_falls_back_to_rules_without_weights(monkeypatch: pytest.MonkeyPatch) -> None:
    from counterpoint.compare.judges import trained

    monkeypatch.setattr(trained, "weights_available", lambda *a, **k: False)
    assert get_judge({}).name == "rules"


def test_environment_is_the_default_config(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COUNTERPOINT_JUDGE", "rules")
    assert get_judge().name == "rules"


def test_cross_encoder_label_names_map_to_relations() -> None:
    from counterpoint.compare.judges.cross_encoder import map_label

    assert [map_label(n) for n in ("ENTAILMENT", "neutral", "contradiction")] == [0, 2, 1]
    assert map_label("not_entailment") == 2
    assert map_label("SUPPORTS") == 0 and map_label("REFUTES") == 1
    with pytest.raises(ValueError):
        map_label("LABEL_7")
