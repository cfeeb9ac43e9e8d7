"""Store: SQLAlchemy persistence of articles, analyses and stories (SQLite by default)."""
