"""`counterpoint doctor`: find and repair what earlier versions (or crashes) left broken.

What it looks for:
- articles that belong to no story (story_id NULL): they show nowhere. Earlier versions
  left them behind when two ingests ran at once;
- stories listing articles that are not stored, or listing an article another story
  also lists, and stories left with no article;
- articles whose story column names a story that does not list them.

The repair runs in one locked write transaction (see Store.writing): the story rows
are cleaned first, then the story clusterer places every article without a story, as
an ingest would. A check (`repair=False`) changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from counterpoint.group.cluster import StoryClusterer
from counterpoint.records import Story
from counterpoint.store.schema import ArticleRow
from counterpoint.store.store import Store


@dataclass
class Checkup:
    """What the doctor found and, when it repaired, what it did."""

    articles: int = 0
    stories: int = 0
    orphans: list[str] = field(default_factory=list)  # articles without a story
    missing: dict[str, list[str]] = field(default_factory=dict)  # story -> ids not stored
    doubled: list[str] = field(default_factory=list)  # articles listed by 2+ stories
    mismatched: list[str] = field(default_factory=list)  # story column disagrees with the story
    empty: list[str] = field(default_factory=list)  # stories without a stored article
    repaired: bool = False
    placed: int = 0  # articles without a story that got one
    stories_changed: int = 0
    unplaced: list[str] = field(default_factory=list)  # still without a story after repair

    @property
    def problems(self) -> int:
        """How many problems were found."""
        return (
            len(self.orphans)
            + sum(len(ids) for ids in self.missing.values())
            + len(self.doubled)
            + len(self.mismatched)
            + len(self.empty)
        )

    @property
    def problems_left(self) -> int:
        """Problems still in the store (all found ones, when nothing was repaired)."""
        return len(self.unplaced) if self.repaired else self.problems

    def lines(self) -> list[str]:
        """One line per finding, then what was done; for the terminal."""
        lines = [f"checked {self.articles} articles in {self.stories} stories"]
        if self.orphans:
            lines.append(f"{len(self.orphans)} articles belong to no story (they show nowhere)")
        missing = sum(len(ids) for ids in self.missing.values())
        if missing:
            lines.append(f"{len(self.missing)} stories list {missing} articles that are not stored")
        if self.doubled:
            lines.append(f"{len(self.doubled)} articles are listed by more than one story")
        if self.mismatched:
            lines.append(
                f"{len(self.mismatched)} articles point at a story that does not list them"
            )
        if self.empty:
            lines.append(f"{len(self.empty)} stories have no stored article")
        if not self.problems:
            lines.append("no problems found")
        elif not self.repaired:
            lines.append("nothing changed (check only); run `counterpoint doctor` to repair")
        else:
            lines.append(
                f"repaired: {self.placed} articles placed in stories, "
                f"{self.stories_changed} stories rewritten, {len(self.empty)} empty stories removed"
            )
            if self.unplaced:
                lines.append(f"{len(self.unplaced)} articles could still not be given a story")
        return lines


def check_store(store: Store) -> Checkup:
    """Find problems; change nothing."""
    with Session(store.engine) as session:
        return _examine(session, store.stories())


def _examine(session: Session, stories: list[Story]) -> Checkup:
    columns = dict(session.execute(select(ArticleRow.id, ArticleRow.story_id)).all())
    checkup = Checkup(articles=len(columns), stories=len(stories))
    listed: dict[str, str] = {}
    for story in sorted(stories, key=lambda s: s.id):
        missing = [i for i in story.article_ids if i not in columns]
        if missing:
            checkup.missing[story.id] = missing
        if len(missing) == len(story.article_ids):
            checkup.empty.append(story.id)
        for article_id in story.article_ids:
            if article_id in listed and listed[article_id] != story.id:
                checkup.doubled.append(article_id)
            listed.setdefault(article_id, story.id)
    checkup.orphans = sorted(i for i, story_id in columns.items() if story_id is None)
    checkup.mismatched = sorted(
        i
        for i, story_id in columns.items()
        if story_id is not None and listed.get(i) != story_id and i not in checkup.doubled
    )
    return checkup


def repair_store(store: Store, clusterer: StoryClusterer | None = None) -> Checkup:
    """Find problems and repair them in one locked transaction."""
    with store.writing() as writing:
        stories = writing.stories()
        checkup = _examine(writing.session, stories)
        if not checkup.problems:
            return checkup
        checkup.repaired = True
        columns = dict(writing.session.execute(select(ArticleRow.id, ArticleRow.story_id)).all())
        cleaned, changed = _cleaned(stories, columns)
        for story_id in checkup.empty:
            writing.delete_story(story_id)
        clusterer = clusterer or StoryClusterer()
        touched = clusterer.load(
            cleaned,
            writing.analyses_without_cache(),
            cached=writing.cluster_cache(),
        )
        by_id = {s.id: s for s in cleaned}
        for story_id in touched:
            by_id[story_id] = clusterer.story(story_id)
        rewrite = list(dict.fromkeys([*changed, *touched]))
        writing.put_stories([by_id[i] for i in rewrite if i in by_id])
        listed = {i for story in cleaned for i in story.article_ids}
        checkup.placed = len(set(columns) - listed - set(clusterer.unplaced))
        checkup.stories_changed = len(rewrite)
        checkup.unplaced = sorted(clusterer.unplaced)
    return checkup


def _cleaned(stories: list[Story], columns: dict[str, str | None]) -> tuple[list[Story], list[str]]:
    """Stories without missing or doubled members (an article stays in the story its
    column names, else in the first story listing it), and the ids of those to rewrite."""
    owner: dict[str, str] = {}
    for story in sorted(stories, key=lambda s: s.id):
        for article_id in story.article_ids:
            if article_id in columns and (
                article_id not in owner or columns[article_id] == story.id
            ):
                owner[article_id] = story.id
    cleaned: list[Story] = []
    changed: list[str] = []
    for story in stories:
        members = [i for i in story.article_ids if owner.get(i) == story.id]
        if not members:
            continue
        copies = {c: o for c, o in story.copies.items() if c in members and o in members}
        if (
            members != story.article_ids
            or copies != story.copies
            or any(columns.get(i) != story.id for i in members)
        ):
            story = story.model_copy(update={"article_ids": members, "copies": copies})
            changed.append(story.id)
        cleaned.append(story)
    return cleaned, changed
