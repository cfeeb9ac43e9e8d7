"""Run the real `counterpoint` CLI in a bounded child with a light processor and
embedder (no spaCy, no MiniLM), so store and exit-code cases run in seconds.
`fault` is extra Python run before the CLI (e.g. a fault injected into SQLite)."""

from __future__ import annotations

import sys
from pathlib import Path

from .harness import STAND_IN, Outcome, run_bounded

TESTS = Path(__file__).resolve().parents[1]

LIGHT_CLI = """
import sys
sys.path.insert(0, {tests!r})
from test_engine_helpers import HashEmbedder, text_processor_factory
import importlib
# import_module, not `import a.b as m`: counterpoint.engine's `ingest` function shadows the module
ingest_module = importlib.import_module("counterpoint.engine.ingestion")
cluster_module = importlib.import_module("counterpoint.group.cluster")
ingest_module.default_processor = text_processor_factory
cluster_module.MiniLMEmbedder = HashEmbedder
{fault}
from counterpoint.cli import app
sys.argv[0] = "counterpoint"
app()
"""


def run_light_cli(*cli_args: str, fault: str = "", **kwargs: object) -> Outcome:
    """`counterpoint CLI_ARGS` with the light processor, under run_bounded."""
    code = LIGHT_CLI.format(tests=str(TESTS), fault=fault)
    extra: dict[str, str] = kwargs.pop("env", None) or {}  # type: ignore[assignment]
    env = {STAND_IN: "1", **extra}
    return run_bounded([sys.executable, "-c", code, *cli_args], env=env, **kwargs)  # type: ignore[arg-type]
