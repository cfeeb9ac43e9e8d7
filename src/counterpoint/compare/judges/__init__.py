"""Relation judges and the one place that picks which one the compare stage uses.

Why: the choice (shipped model, rules, a user's cross-encoder, an endpoint) is
configuration, not code. `get_judge` reads COUNTERPOINT_JUDGE:

    trained                  the shipped fine-tuned MiniLM cross-encoder (default)
    stacked                  that cross-encoder stacked with a head trained on all of NLI
    rules                    explicit checks only (counterpoint.compare.checks)
    cross-encoder:/some/dir  a Hugging Face sequence-classification directory
    openai                   COUNTERPOINT_OPENAI_BASE_URL / _MODEL / _API_KEY

COUNTERPOINT_JUDGE_PRECISION (auto, bf16, int8, fp32) sets how the shipped model
runs; auto picks bf16 where the CPU has it, else int8.
The default falls back to rules when the shipped weights are missing. Judges are
cached per configuration because loading a model takes seconds.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from functools import lru_cache

from counterpoint.compare.relation import RelationJudge
from counterpoint.settings import get as get_setting

log = logging.getLogger(__name__)

ENV_JUDGE = "COUNTERPOINT_JUDGE"
ENV_BASE_URL = "COUNTERPOINT_OPENAI_BASE_URL"
ENV_MODEL = "COUNTERPOINT_OPENAI_MODEL"
ENV_API_KEY = "COUNTERPOINT_OPENAI_API_KEY"
ENV_PRECISION = "COUNTERPOINT_JUDGE_PRECISION"
OPENAI_KEYS = (ENV_BASE_URL, ENV_MODEL, ENV_API_KEY)


def _rules() -> RelationJudge:
    from counterpoint.compare.checks import RulesJudge

    return RulesJudge()


@lru_cache(maxsize=8)
def _build(
    spec: str,
    base_url: str | None,
    model: str | None,
    api_key: str | None,
    precision: str = "auto",
) -> RelationJudge:
    if spec == "rules":
        return _rules()
    if spec == "trained":
        from counterpoint.compare.judges.trained import TrainedJudge, weights_available

        if not weights_available():
            log.warning("shipped relation weights missing; using the rules judge")
            return _rules()
        return TrainedJudge(precision=precision)
    if spec == "stacked":
        from counterpoint.compare.judges.stacked import StackedJudge, head_available
        from counterpoint.compare.judges.trained import TrainedJudge, weights_available

        if not (head_available() and weights_available()):
            log.warning("shipped stacked-judge weights missing; using the rules judge")
            return _rules()
        return StackedJudge(TrainedJudge(precision=precision))
    if spec.startswith("cross-encoder:"):
        from counterpoint.compare.judges.cross_encoder import CrossEncoderJudge

        return CrossEncoderJudge(spec.split(":", 1)[1])
    if spec == "openai":
        from counterpoint.compare.judges.openai_endpoint import OpenAIJudge

        if not base_url or not model:
            raise ValueError(f"{ENV_JUDGE}=openai needs {ENV_BASE_URL} and {ENV_MODEL}")
        return OpenAIJudge(base_url, model, api_key)
    raise ValueError(
        f"unknown {ENV_JUDGE}={spec!r}; use trained, stacked, rules, cross-encoder:/path or openai"
    )


def get_judge(config: Mapping[str, str] | None = None) -> RelationJudge:
    """The configured RelationJudge; `config` defaults to the environment."""
    spec = get_setting(ENV_JUDGE, config)
    base_url, model, api_key = (get_setting(key, config) or None for key in OPENAI_KEYS)
    precision = get_setting(ENV_PRECISION, config)
    return _build(spec, base_url, model, api_key, precision)


__all__ = ["ENV_JUDGE", "RelationJudge", "get_judge"]
