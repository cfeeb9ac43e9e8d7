"""The report's JSON schema is versioned and committed: changes must be deliberate."""

import json
from pathlib import Path

from counterpoint.present.report import SCHEMA_VERSION, Report

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_committed_schema_matches_the_model() -> None:
    committed = json.loads((DOCS / "report-schema.json").read_text())
    assert committed == Report.model_json_schema(), (
        "the Report model changed: regenerate docs/report-schema.json with `counterpoint schema`"
        " and bump SCHEMA_VERSION if the change is incompatible"
    )


def test_version_is_declared() -> None:
    assert SCHEMA_VERSION.startswith("counterpoint.report/")
    assert Report.model_fields["schema_version"].default == SCHEMA_VERSION
