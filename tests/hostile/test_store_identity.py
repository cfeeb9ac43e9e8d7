"""An input is known by its content, not only its path.

A changed file under the same path used to be skipped as "already stored", and a file
that failed once was never retried after it was fixed ("recorded by an earlier run;
not retried"). Now the store keeps a digest of what was read at each origin.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session
from test_engine_helpers import HashEmbedder, text_processor_factory

from counterpoint.engine import ingest
from counterpoint.group import StoryClusterer
from counterpoint.store import Store
from counterpoint.store.schema import OriginRow

FIRST = (
    "Bridge reopens after repairs\n\nThe Havenmouth bridge reopened on Monday after six "
    "months of repairs, the council said. Engineer Maria Santos said the deck was sound."
)
SECOND = (
    "Bridge closes again\n\nThe Havenmouth bridge closed again on Friday when cracks were "
    "found in the deck, engineer Maria Santos said. The council apologised to drivers."
)


def _ingest(path, store):
    return ingest(
        [str(path)],
        store,
        processor_factory=text_processor_factory,
        clusterer=StoryClusterer(embed=HashEmbedder()),
    )


def test_a_changed_file_under_the_same_path_is_read_again(tmp_path):
    path = tmp_path / "bridge.txt"
    path.write_text(FIRST)
    with Store(f"sqlite:///{tmp_path / 'cp.db'}") as store:
        assert len(_ingest(path, store).added) == 1
        again = _ingest(path, store)
        assert again.added == [] and again.already_present == 1
        path.write_text(SECOND)
        changed = _ingest(path, store)
        assert len(changed.added) == 1, changed.summary()
        assert store.article_count() == 2
        assert _ingest(path, store).already_present == 1


def test_a_file_that_failed_is_retried_once_fixed(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("too short\n\nto use")
    with Store(f"sqlite:///{tmp_path / 'cp.db'}") as store:
        failed = _ingest(path, store)
        assert failed.added == [] and len(failed.problems) == 1
        still = _ingest(path, store)  # same content: the recorded problem, not retried
        assert still.added == [] and "not retried" in still.problems[0].reason
        path.write_text(FIRST)
        fixed = _ingest(path, store)
        assert len(fixed.added) == 1, fixed.summary()
        assert fixed.problems == []


def test_origins_recorded_without_a_digest_are_adopted(tmp_path):
    """A store written by an earlier version (no digests): unchanged files stay skipped,
    and the digest is filled in so a later change is seen."""
    path = tmp_path / "bridge.txt"
    path.write_text(FIRST)
    with Store(f"sqlite:///{tmp_path / 'cp.db'}") as store:
        _ingest(path, store)
        with Session(store.engine) as session, session.begin():
            session.execute(update(OriginRow).values(digest=None))
        assert _ingest(path, store).already_present == 1
        assert all(digest for digest, _ in store.known_inputs().values())
        path.write_text(SECOND)
        assert len(_ingest(path, store).added) == 1


def test_a_store_from_an_earlier_version_is_upgraded(tmp_path):
    import sqlite3

    path = tmp_path / "old.db"
    with sqlite3.connect(path) as connection:
        connection.execute(
            "CREATE TABLE origins (origin VARCHAR(2000) PRIMARY KEY, article_id VARCHAR(80), "
            "problem TEXT)"
        )
        connection.execute("INSERT INTO origins VALUES ('a.txt', NULL, 'too little text')")
    with Store(f"sqlite:///{path}") as store:
        assert store.known_inputs() == {"a.txt": (None, "too little text")}
        assert store.generation() == 0
