"""The local web desk: FastAPI app over the same Desk API the CLI uses.

`counterpoint serve` runs it; `create_app` builds it for tests and embedding.
"""

from counterpoint.web.app import create_app

__all__ = ["create_app"]
