"""The local web desk: FastAPI app over the same Desk API the CLI uses."""
