"""The Store: where analysed articles and stories live between runs.

One class, SQLAlchemy 2.0 Core/ORM, the same code for SQLite (default, a file in the
user data dir) and PostgreSQL. Every public write is one transaction, so a process
killed mid-ingest leaves either the whole batch or none of it.

Several processes may write at once (two `ingest` runs, an ingest and the web desk).
Every write transaction starts by updating the one `meta.generation` row, which takes
the write lock before anything is read (SQLite: the database write lock, as BEGIN
IMMEDIATE would; PostgreSQL: that row's lock), so a writer always reads the latest
state and no two writers interleave. `writing()` hands that transaction to a caller
(the ingest) that must decide stories from the stored state.
"""

from __future__ import annotations

import errno
import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir
from sqlalchemy import Engine, create_engine, event, func, insert, inspect, select, text, update
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError
from sqlalchemy.orm import Session, sessionmaker

from counterpoint.records import AnalyzedArticle, Article, Story
from counterpoint.store.schema import (
    ArticleRow,
    Base,
    ClusterCacheRow,
    MetaRow,
    OriginRow,
    StoryRow,
)

GENERATION = "generation"


class StoreError(LookupError):
    """A requested article or story is not in the store."""


def default_url() -> str:
    """SQLite file in the platform's user data dir, so every run finds the same store."""
    folder = Path(user_data_dir("counterpoint"))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'counterpoint.db'}"


def write_failure(exc: BaseException) -> str | None:
    """One line saying why the store could not be written (disk full, read-only, locked,
    unreadable), or None when `exc` is something else. The store stays consistent: the
    transaction that failed is rolled back whole."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        text = str(current).lower()
        if (isinstance(current, OSError) and current.errno == errno.ENOSPC) or any(
            words in text for words in ("database or disk is full", "no space left", "disk full")
        ):
            return "the disk is full (no space left for the store)"
        if "readonly database" in text or "read-only" in text:
            return "the store is read-only"
        if "database is locked" in text:
            return "the store is locked by another program (gave up after waiting)"
        if "unable to open database file" in text:
            return "the store's file cannot be opened"
        if "disk i/o error" in text:
            return "a disk input/output error"
        orig = getattr(current, "orig", None)
        nxt = orig if isinstance(orig, BaseException) else None
        current = nxt or current.__cause__ or current.__context__
    return None


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def split_story_id(article_ids: Sequence[str]) -> str:
    """Deterministic id for a story split off from another (same members -> same id)."""
    digest = hashlib.sha1("|".join(sorted(article_ids)).encode()).hexdigest()[:16]
    return f"story-{digest}"


class Store:
    """Persistent articles, analyses and stories behind one SQLAlchemy engine."""

    def __init__(self, url: str | None = None) -> None:
        self.url = url or default_url()
        self.engine: Engine = create_engine(self.url, future=True)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._create_tables()
        self._migrate()
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def _create_tables(self) -> None:
        """Create missing tables. create_all checks, then creates: when several threads or
        processes open one new store at once, another may create a table in between, and
        the next look finds it there."""
        for attempt in range(5):
            try:
                Base.metadata.create_all(self.engine)
                return
            except (OperationalError, ProgrammingError, IntegrityError):
                if attempt == 4:
                    raise

    def _migrate(self) -> None:
        """Bring a store written by an earlier version up to date (additive only)."""
        columns = {c["name"] for c in inspect(self.engine).get_columns("origins")}
        if "digest" not in columns:
            try:
                with self.engine.begin() as connection:
                    connection.execute(text("ALTER TABLE origins ADD COLUMN digest VARCHAR(64)"))
            except (OperationalError, ProgrammingError):  # another process added it first
                columns = {c["name"] for c in inspect(self.engine).get_columns("origins")}
                if "digest" not in columns:
                    raise
        try:
            with self.engine.begin() as connection:
                found = connection.execute(select(MetaRow.value).where(MetaRow.key == GENERATION))
                if found.first() is None:
                    connection.execute(insert(MetaRow).values(key=GENERATION, value=0))
        except IntegrityError:  # another process inserted it first
            pass

    def close(self) -> None:
        """Release connections (the SQLite file stays)."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ articles

    def has_article(self, article_id: str) -> bool:
        """True when an article with this id has been saved."""
        with self._sessions() as session:
            return session.get(ArticleRow, article_id) is not None

    def existing_ids(self, article_ids: Iterable[str]) -> set[str]:
        """The subset of ids already stored (one query per 500 ids)."""
        wanted = list(dict.fromkeys(article_ids))
        found: set[str] = set()
        with self._sessions() as session:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                found.update(session.scalars(select(ArticleRow.id).where(ArticleRow.id.in_(chunk))))
        return found

    def save_analyses(self, analyses: Sequence[AnalyzedArticle]) -> list[str]:
        """Save analyses in one transaction; ids already stored are skipped. Returns new ids."""
        return self.save_batch(analyses, ())

    def save_batch(
        self,
        analyses: Sequence[AnalyzedArticle],
        stories: Sequence[Story],
        origins: Sequence[str] = (),
        cluster_cache: Mapping[str, str] | None = None,
        digests: Mapping[str, str] | None = None,
    ) -> list[str]:
        """Analyses, the stories they touched, their input origins (with the digest of
        what was read there) and the clusterer's cache entries, in ONE transaction."""
        with self.writing() as writing:
            return writing.save_batch(analyses, stories, origins, cluster_cache, digests)

    @contextmanager
    def _locked(self, bump: bool = True) -> Iterator[Session]:
        """A write transaction that holds the store's write lock from its first statement.

        `bump`: this write changes articles or stories (other writers must catch up)."""
        with self._sessions.begin() as session:
            session.execute(
                update(MetaRow)
                .where(MetaRow.key == GENERATION)
                .values(value=MetaRow.value + (1 if bump else 0))
            )
            yield session

    @contextmanager
    def writing(self) -> Iterator[Writing]:
        """One locked write transaction for a writer that decides from the stored state
        (the ingest's story placement): read and write through the `Writing` it yields;
        everything commits together when the block ends, or nothing does."""
        with self._locked() as session:
            yield Writing(self, session)

    def generation(self) -> int:
        """How many writes to articles and stories the store has seen."""
        with self._sessions() as session:
            return _generation(session)

    def _add_analyses(
        self,
        session: Session,
        analyses: Sequence[AnalyzedArticle],
        digests: Mapping[str, str] | None = None,
    ) -> list[str]:
        added: list[str] = []
        for analysis in analyses:
            article = analysis.article
            if article.id in added or session.get(ArticleRow, article.id) is not None:
                continue
            session.add(
                ArticleRow(
                    id=article.id,
                    origin=article.origin,
                    url=article.url,
                    outlet=article.outlet,
                    title=article.title,
                    published=article.published,
                    article=article.model_dump_json(),
                    analysis=analysis.model_dump_json(),
                )
            )
            added.append(article.id)
            digest = (digests or {}).get(article.origin)
            self._remember(session, article.origin, article.id, None, digest)
        return added

    def article(self, article_id: str) -> Article:
        """The stored Article, or StoreError."""
        with self._sessions() as session:
            return Article.model_validate_json(self._article_row(session, article_id).article)

    def analysis(self, article_id: str) -> AnalyzedArticle:
        """The stored AnalyzedArticle, or StoreError."""
        with self._sessions() as session:
            row = self._article_row(session, article_id)
            return AnalyzedArticle.model_validate_json(row.analysis)

    @staticmethod
    def _article_row(session: Session, article_id: str) -> ArticleRow:
        row = session.get(ArticleRow, article_id)
        if row is None:
            raise StoreError(f"no article {article_id!r} in the store")
        return row

    def analyses(self, article_ids: Iterable[str] | None = None) -> list[AnalyzedArticle]:
        """Stored analyses (all, or those ids), oldest publication first."""
        query = select(ArticleRow.analysis).order_by(ArticleRow.published, ArticleRow.id)
        if article_ids is not None:
            query = query.where(ArticleRow.id.in_(list(article_ids)))
        with self._sessions() as session:
            return [AnalyzedArticle.model_validate_json(text) for text in session.scalars(query)]

    def articles(self) -> list[Article]:
        """Every stored Article, oldest publication first."""
        query = select(ArticleRow.article).order_by(ArticleRow.published, ArticleRow.id)
        with self._sessions() as session:
            return [Article.model_validate_json(text) for text in session.scalars(query)]

    def outlets(self) -> dict[str, str]:
        """Article id -> outlet for every stored article, from the index column (no JSON)."""
        with self._sessions() as session:
            rows = session.execute(select(ArticleRow.id, ArticleRow.outlet))
            return {article_id: outlet for article_id, outlet in rows}

    def article_count(self) -> int:
        """How many articles are stored."""
        with self._sessions() as session:
            return int(session.scalar(select(func.count()).select_from(ArticleRow)) or 0)

    def cluster_cache(self) -> dict[str, str]:
        """article id -> the story clusterer's cached entry (see save_batch)."""
        with self._sessions() as session:
            rows = session.execute(select(ClusterCacheRow.article_id, ClusterCacheRow.data))
            return {article_id: data for article_id, data in rows}

    def analyses_without_cache(self) -> list[AnalyzedArticle]:
        """Stored analyses the clusterer has no cache entry for (saved outside ingest)."""
        cached = select(ClusterCacheRow.article_id)
        query = select(ArticleRow.analysis).where(ArticleRow.id.not_in(cached))
        with self._sessions() as session:
            return [AnalyzedArticle.model_validate_json(text) for text in session.scalars(query)]

    # ------------------------------------------------------------------ origins

    def has_origin(self, origin: str) -> bool:
        """True when this input origin was already processed (stored or refused)."""
        with self._sessions() as session:
            return session.get(OriginRow, origin) is not None

    def known_inputs(self) -> dict[str, tuple[str | None, str | None]]:
        """origin -> (digest of what was read there, problem or None), for every origin
        processed so far. The digest is None for origins recorded by earlier versions."""
        with self._sessions() as session:
            rows = session.execute(select(OriginRow.origin, OriginRow.digest, OriginRow.problem))
            return {origin: (digest, problem) for origin, digest, problem in rows}

    def articles_read_from(self, origins: Sequence[str]) -> list[str]:
        """The article ids recorded for these exact input origins (newly added or already
        stored), in the origins' order, each once; origins that gave no article are left out."""
        wanted = list(dict.fromkeys(origins))
        found: dict[str, str] = {}
        with self._sessions() as session:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                rows = session.execute(
                    select(OriginRow.origin, OriginRow.article_id).where(
                        OriginRow.origin.in_(chunk), OriginRow.article_id.is_not(None)
                    )
                )
                found.update((origin, article_id) for origin, article_id in rows if article_id)
        return list(dict.fromkeys(found[o] for o in wanted if o in found))

    def remember_problem(self, origin: str, reason: str, digest: str | None = None) -> None:
        """Record an origin that gave no article, so a resumed run does not retry the
        same content (`digest`: what was read there; changed content is read again)."""
        with self._locked(bump=False) as session:
            self._remember(session, origin, None, reason, digest)

    def remember_origin(self, origin: str, article_id: str, digest: str | None = None) -> None:
        """Record that an origin produced an article that was already stored."""
        with self._locked(bump=False) as session:
            self._remember(session, origin, article_id, None, digest)

    def record_digests(self, digests: Mapping[str, str]) -> None:
        """Fill in the digest of origins recorded by earlier versions (which had none)."""
        if not digests:
            return
        with self._locked(bump=False) as session:
            for origin, digest in digests.items():
                session.execute(
                    update(OriginRow)
                    .where(OriginRow.origin == origin, OriginRow.digest.is_(None))
                    .values(digest=digest)
                )

    def orphan_ids(self) -> list[str]:
        """Stored articles that belong to no story (they show nowhere)."""
        with self._sessions() as session:
            query = select(ArticleRow.id).where(ArticleRow.story_id.is_(None))
            return list(session.scalars(query.order_by(ArticleRow.id)))

    @staticmethod
    def _remember(
        session: Session,
        origin: str,
        article_id: str | None,
        problem: str | None,
        digest: str | None = None,
    ) -> None:
        row = session.get(OriginRow, origin)
        if row is None:
            row = OriginRow(origin=origin, article_id=article_id, problem=problem, digest=digest)
            session.add(row)
            session.flush()
        else:
            row.article_id = article_id or row.article_id
            row.problem = problem
            row.digest = digest or row.digest

    # ------------------------------------------------------------------ stories

    def save_story(self, story: Story) -> None:
        """Insert or replace a story and point its articles at it, in one transaction."""
        with self._locked() as session:
            self._put_story(session, story)

    def save_stories(self, stories: Sequence[Story]) -> None:
        """Several stories in one transaction (an ingest batch touches many)."""
        with self._locked() as session:
            for story in stories:
                self._put_story(session, story)

    def stories(self) -> list[Story]:
        """Every story, most recent first."""
        query = select(StoryRow.record).order_by(
            StoryRow.last_published.desc().nulls_last(), StoryRow.id
        )
        with self._sessions() as session:
            return [Story.model_validate_json(text) for text in session.scalars(query)]

    def story(self, story_id: str) -> Story:
        """One story, or StoreError."""
        with self._sessions() as session:
            row = session.get(StoryRow, story_id)
            if row is None:
                raise StoreError(f"no story {story_id!r} in the store")
            return Story.model_validate_json(row.record)

    def story_of(self, article_id: str) -> Story | None:
        """The story an article belongs to (None when not yet grouped)."""
        with self._sessions() as session:
            row = session.get(ArticleRow, article_id)
            if row is None:
                raise StoreError(f"no article {article_id!r} in the store")
            if row.story_id is None:
                return None
            story_row = session.get(StoryRow, row.story_id)
            return None if story_row is None else Story.model_validate_json(story_row.record)

    def merge_stories(self, a: str, b: str) -> Story:
        """Fold story `b` into story `a` (a user's correction); returns the merged story."""
        with self._locked() as session:
            first, second = self._get_story(session, a), self._get_story(session, b)
            merged = first.model_copy(
                update={
                    "article_ids": list(dict.fromkeys(first.article_ids + second.article_ids)),
                    "copies": {**second.copies, **first.copies},
                    "first_published": _min_date(first.first_published, second.first_published),
                    "last_published": _max_date(first.last_published, second.last_published),
                }
            )
            self._put_story(session, merged)
            second_row = session.get(StoryRow, b)
            if second_row is not None and a != b:
                session.delete(second_row)
        return merged

    def split_story(self, story_id: str, article_ids: Sequence[str]) -> Story:
        """Move `article_ids` out of a story into a new story; returns the new story."""
        with self._locked() as session:
            story = self._get_story(session, story_id)
            moving = [i for i in story.article_ids if i in set(article_ids)]
            if not moving:
                raise StoreError(f"none of those articles are in story {story_id!r}")
            staying = [i for i in story.article_ids if i not in set(moving)]
            if not staying:
                return story
            rows = {i: session.get(ArticleRow, i) for i in story.article_ids}
            new = Story(
                id=split_story_id(moving),
                title=_title_of(rows, moving) or story.title,
                article_ids=moving,
                copies={c: o for c, o in story.copies.items() if c in moving and o in moving},
                **_date_range(rows, moving),
            )
            old = story.model_copy(
                update={
                    "title": _title_of(rows, staying) or story.title,
                    "article_ids": staying,
                    "copies": {
                        c: o for c, o in story.copies.items() if c in staying and o in staying
                    },
                    **_date_range(rows, staying),
                }
            )
            self._put_story(session, old)
            self._put_story(session, new)
        return new

    def _get_story(self, session: Session, story_id: str) -> Story:
        row = session.get(StoryRow, story_id)
        if row is None:
            raise StoreError(f"no story {story_id!r} in the store")
        return Story.model_validate_json(row.record)

    @staticmethod
    def _put_story(session: Session, story: Story) -> None:
        row = session.get(StoryRow, story.id)
        if row is None:
            row = StoryRow(id=story.id)
            session.add(row)
        row.title = story.title
        row.first_published = story.first_published
        row.last_published = story.last_published
        row.record = story.model_dump_json()
        session.flush()
        members = list(story.article_ids)
        session.execute(
            update(ArticleRow)
            .where(ArticleRow.story_id == story.id, ArticleRow.id.not_in(members))
            .values(story_id=None)
        )
        for start in range(0, len(members), 500):
            session.execute(
                update(ArticleRow)
                .where(ArticleRow.id.in_(members[start : start + 500]))
                .values(story_id=story.id)
            )


def _generation(session: Session) -> int:
    return int(session.scalar(select(MetaRow.value).where(MetaRow.key == GENERATION)) or 0)


class Writing:
    """A locked write transaction (see `Store.writing`): reads see the latest stored
    state and nobody else writes until it ends."""

    def __init__(self, store: Store, session: Session) -> None:
        self.store = store
        self.session = session
        # the generation before this transaction (it counts as one more)
        self.generation_before = _generation(session) - 1

    @property
    def generation(self) -> int:
        """The generation this transaction leaves the store at."""
        return self.generation_before + 1

    def existing_ids(self, article_ids: Iterable[str]) -> set[str]:
        """The subset of ids already stored."""
        wanted = list(dict.fromkeys(article_ids))
        found: set[str] = set()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            query = select(ArticleRow.id).where(ArticleRow.id.in_(chunk))
            found.update(self.session.scalars(query))
        return found

    def stories(self) -> list[Story]:
        """Every story as stored now."""
        query = select(StoryRow.record).order_by(StoryRow.id)
        return [Story.model_validate_json(t) for t in self.session.scalars(query)]

    def cluster_cache(self, known: Callable[[str], bool] | None = None) -> dict[str, str]:
        """Clusterer cache entries, leaving out the ids `known` says the caller has."""
        ids = list(self.session.scalars(select(ClusterCacheRow.article_id)))
        wanted = [i for i in ids if known is None or not known(i)]
        found: dict[str, str] = {}
        for start in range(0, len(wanted), 500):
            query = select(ClusterCacheRow.article_id, ClusterCacheRow.data).where(
                ClusterCacheRow.article_id.in_(wanted[start : start + 500])
            )
            found.update((article_id, data) for article_id, data in self.session.execute(query))
        return found

    def analyses_without_cache(
        self, known: Callable[[str], bool] | None = None
    ) -> list[AnalyzedArticle]:
        """Stored analyses without a clusterer cache entry (saved outside an ingest)."""
        cached = select(ClusterCacheRow.article_id)
        ids = self.session.scalars(select(ArticleRow.id).where(ArticleRow.id.not_in(cached)))
        wanted = [i for i in ids if known is None or not known(i)]
        found: list[AnalyzedArticle] = []
        for start in range(0, len(wanted), 500):
            query = select(ArticleRow.analysis).where(
                ArticleRow.id.in_(wanted[start : start + 500])
            )
            found += [AnalyzedArticle.model_validate_json(t) for t in self.session.scalars(query)]
        return found

    def remember_origin(self, origin: str, article_id: str, digest: str | None = None) -> None:
        """Record that an origin produced an article that was already stored."""
        Store._remember(self.session, origin, article_id, None, digest)

    def put_stories(self, stories: Sequence[Story]) -> None:
        """Insert or replace stories and point their articles at them."""
        for story in stories:
            Store._put_story(self.session, story)

    def delete_story(self, story_id: str) -> None:
        """Remove a story row (its articles' story column is cleared)."""
        self.session.execute(
            update(ArticleRow).where(ArticleRow.story_id == story_id).values(story_id=None)
        )
        row = self.session.get(StoryRow, story_id)
        if row is not None:
            self.session.delete(row)
            self.session.flush()

    def save_batch(
        self,
        analyses: Sequence[AnalyzedArticle],
        stories: Sequence[Story],
        origins: Sequence[str] = (),
        cluster_cache: Mapping[str, str] | None = None,
        digests: Mapping[str, str] | None = None,
    ) -> list[str]:
        """See `Store.save_batch`; part of this transaction."""
        session = self.session
        added = self.store._add_analyses(session, analyses, digests)
        for origin in origins:
            Store._remember(session, origin, None, None, (digests or {}).get(origin))
        session.flush()
        for article_id, data in (cluster_cache or {}).items():
            if article_id in added:
                session.add(ClusterCacheRow(article_id=article_id, data=data))
        for story in stories:
            Store._put_story(session, story)
        return added


def _min_date(a: Any, b: Any) -> Any:
    return min((d for d in (a, b) if d is not None), default=None)


def _max_date(a: Any, b: Any) -> Any:
    return max((d for d in (a, b) if d is not None), default=None)


def _title_of(rows: dict[str, ArticleRow | None], ids: Sequence[str]) -> str | None:
    for article_id in ids:
        row = rows.get(article_id)
        if row is not None and row.title:
            return row.title
    return None


def _date_range(rows: dict[str, ArticleRow | None], ids: Sequence[str]) -> dict[str, Any]:
    dates = [r.published for i in ids if (r := rows.get(i)) is not None and r.published]
    return {
        "first_published": min(dates, default=None),
        "last_published": max(dates, default=None),
    }
