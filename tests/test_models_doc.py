"""docs/models.md lists every weight or rule file the package ships, and each one loads."""

from __future__ import annotations

from pathlib import Path

from counterpoint.package_files import package_file

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "src" / "counterpoint"
DATA_SUFFIXES = {".json", ".npz", ".txt", ".pt", ".onnx", ".safetensors", ".bin"}
NOT_MODELS = ("samples/", "web/", "present/templates/")


def _shipped() -> list[str]:
    files = []
    for path in PACKAGE.rglob("*"):
        relative = path.relative_to(PACKAGE).as_posix()
        if path.suffix not in DATA_SUFFIXES or relative.startswith(NOT_MODELS):
            continue
        if "__pycache__" not in relative:
            files.append(relative)
    return sorted(files)


def test_every_shipped_model_or_rule_file_is_documented() -> None:
    doc = (REPO / "docs" / "models.md").read_text(encoding="utf-8")
    missing = [name for name in _shipped() if f"`{name}`" not in doc]
    assert not missing, f"add to docs/models.md (what, trained by, make target, card): {missing}"


def test_package_file_finds_shipped_files() -> None:
    path = package_file("counterpoint.compare.judges", "weights/relation_card.json")
    assert path.is_file()
    assert package_file("counterpoint.extract", "boilerplate_rules.json").is_file()
