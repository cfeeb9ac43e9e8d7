"""Run the real `counterpoint` CLI in a bounded child with a light processor and
embedder (no spaCy, no MiniLM), so store and exit-code cases run in seconds.
`fault` is extra Python run before the CLI (e.g. a fault injected into SQLite)."""

from __future__ import annotations

import sys
from pathlib import Path

from .harness import Outcome, run_bounded

TESTS = Path(__file__).resolve().parents[1]

LIGHT_CLI = """
import sys
sys.path.insert(0, {tests!r})
from test_engine_helpers import HashEmbedder, text_processor_factory
import counterpoint.engine.ingest as ingest_module
import counterpoint.group.cluster as cluster_module
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
    return run_bounded([sys.executable, "-c", code, *cli_args], **kwargs)  # type: ignore[arg-type]
