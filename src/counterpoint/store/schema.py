"""Database tables of the store.

Records are kept whole as JSON (pydantic `model_dump_json`), so the schema does not
chase every record change; only the fields we look things up by get their own,
indexed columns. The same tables serve SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """Declarative base for the store's tables."""


class StoryRow(Base):
    """One story: its JSON plus the date range used for listing."""

    __tablename__ = "stories"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    first_published: Mapped[date | None] = mapped_column(Date, index=True)
    last_published: Mapped[date | None] = mapped_column(Date, index=True)
    record: Mapped[str] = mapped_column(Text)
    updated: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())


class ArticleRow(Base):
    """One analysed article: Article and AnalyzedArticle JSON plus lookup columns."""

    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    origin: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str] = mapped_column(String(300), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date, index=True)
    story_id: Mapped[str | None] = mapped_column(
        ForeignKey("stories.id", ondelete="SET NULL"), index=True
    )
    article: Mapped[str] = mapped_column(Text)
    analysis: Mapped[str] = mapped_column(Text)
    added: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())


class ClusterCacheRow(Base):
    """What the story clusterer needs of an article (features, signature), so a warm
    start does not rerun the models over the whole store."""

    __tablename__ = "cluster_cache"

    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    data: Mapped[str] = mapped_column(Text)


class OriginRow(Base):
    """An input origin already processed, so a resumed ingest skips it cheaply."""

    __tablename__ = "origins"

    origin: Mapped[str] = mapped_column(String(2000), primary_key=True)
    article_id: Mapped[str | None] = mapped_column(String(80))
    problem: Mapped[str | None] = mapped_column(Text)
    # hash of what was read there: a changed file under the same path is read again
    digest: Mapped[str | None] = mapped_column(String(64))


class MetaRow(Base):
    """Store-wide counters. `generation` goes up with every write to articles or
    stories; every writer takes its row lock first, which serialises writers (SQLite
    and PostgreSQL alike) and tells a writer whether anyone else wrote since."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)


Index("ix_articles_origin", ArticleRow.origin)
