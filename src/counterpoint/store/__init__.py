"""Store: SQLAlchemy persistence of articles, analyses and stories (SQLite by default)."""

from counterpoint.store.store import Store, StoreError, default_url, split_story_id

__all__ = ["Store", "StoreError", "default_url", "split_story_id"]
