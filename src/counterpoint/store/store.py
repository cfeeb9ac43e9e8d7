"""The Store: where analysed articles and stories live between runs.

One class, SQLAlchemy 2.0 Core/ORM, the same code for SQLite (default, a file in the
user data dir) and PostgreSQL. Every public write is one transaction, so a process
killed mid-ingest leaves either the whole batch or none of it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir
from sqlalchemy import Engine, create_engine, event, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from counterpoint.records import AnalyzedArticle, Article, Story
from counterpoint.store.schema import ArticleRow, Base, ClusterCacheRow, OriginRow, StoryRow


class StoreError(LookupError):
    """A requested article or story is not in the store."""


def default_url() -> str:
    """SQLite file in the platform's user data dir, so every run finds the same store."""
    folder = Path(user_data_dir("counterpoint"))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'counterpoint.db'}"


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
        Base.metadata.create_all(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

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
    ) -> list[str]:
        """Analyses, the stories they touched, their input origins and the clusterer's
        cache entries, in ONE transaction."""
        with self._sessions.begin() as session:
            added = self._add_analyses(session, analyses)
            for origin in origins:
                self._remember(session, origin, None, None)
            session.flush()
            for article_id, data in (cluster_cache or {}).items():
                if article_id in added:
                    session.add(ClusterCacheRow(article_id=article_id, data=data))
            for story in stories:
                self._put_story(session, story)
        return added

    def _add_analyses(self, session: Session, analyses: Sequence[AnalyzedArticle]) -> list[str]:
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
            self._remember(session, article.origin, article.id, None)
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

    def known_origins(self) -> dict[str, str | None]:
        """Every origin processed so far, for cheap skipping on resume, with the problem
        recorded for it when it gave no article (None when it did)."""
        with self._sessions() as session:
            rows = session.execute(select(OriginRow.origin, OriginRow.problem))
            return {origin: problem for origin, problem in rows}

    def remember_problem(self, origin: str, reason: str) -> None:
        """Record an origin that gave no article, so a resumed run does not retry it."""
        with self._sessions.begin() as session:
            self._remember(session, origin, None, reason)

    def remember_origin(self, origin: str, article_id: str) -> None:
        """Record that an origin produced an article that was already stored."""
        with self._sessions.begin() as session:
            self._remember(session, origin, article_id, None)

    @staticmethod
    def _remember(
        session: Session, origin: str, article_id: str | None, problem: str | None
    ) -> None:
        row = session.get(OriginRow, origin)
        if row is None:
            session.add(OriginRow(origin=origin, article_id=article_id, problem=problem))
        else:
            row.article_id = article_id or row.article_id
            row.problem = problem

    # ------------------------------------------------------------------ stories

    def save_story(self, story: Story) -> None:
        """Insert or replace a story and point its articles at it, in one transaction."""
        with self._sessions.begin() as session:
            self._put_story(session, story)

    def save_stories(self, stories: Sequence[Story]) -> None:
        """Several stories in one transaction (an ingest batch touches many)."""
        with self._sessions.begin() as session:
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
        with self._sessions.begin() as session:
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
        with self._sessions.begin() as session:
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
