"""counterpoint: who said what, and where the sources disagree.

from counterpoint import Desk
report = Desk().compare(["a.html", "b.txt"])
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Desk", "__version__"]

if TYPE_CHECKING:
    from counterpoint.desk import Desk


def __getattr__(name: str) -> Any:
    # imported lazily so `import counterpoint.records` stays light for workers and tools
    if name == "Desk":
        from counterpoint.desk import Desk

        return Desk
    raise AttributeError(name)
