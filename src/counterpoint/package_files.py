"""One way to find the data files shipped inside the package (weights, rules, templates).

Uses importlib.resources, so the files are found wherever the package is installed
(a checkout, a wheel in site-packages). Every shipped model or rule file is listed in
docs/models.md.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = ["package_dir", "package_file", "read_json", "read_text"]


def package_file(package: str, name: str) -> Path:
    """Path of `name` (may contain '/') inside the package `package`, e.g.
    package_file("counterpoint.extract", "boilerplate_rules.json").

    Packages are installed as plain folders (never zipped), so the resource is a real
    file that numpy, torch and open() can read.
    """
    return Path(str(resources.files(package).joinpath(name)))


def package_dir(package: str) -> Path:
    """The folder the package `package` is installed in."""
    return Path(str(resources.files(package)))


def read_text(package: str, name: str) -> str:
    """The UTF-8 text of a shipped file."""
    return resources.files(package).joinpath(name).read_text(encoding="utf-8")


def read_json(package: str, name: str) -> Any:
    """A shipped JSON file, parsed."""
    return json.loads(read_text(package, name))
