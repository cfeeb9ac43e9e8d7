"""counterpoint: who said what, and where the sources disagree."""

__version__ = "0.1.0"
