"""What the web desk does with the Desk: list, report (cached), show, ingest.

The HTML pages and the JSON API both call these functions, so the two can never
disagree. Reports run models and take seconds, so each is kept in memory under its
story id plus the exact article ids it covers: a story that gained an article gets
a new key and a fresh report. Model work (reports, ingest) runs one at a time under
a lock, because the pipeline's models are not meant to be shared between threads; an
upload takes it once per article and waiters are served in arrival order, so one long
upload does not starve the other requests.
"""

from __future__ import annotations

import logging
import re
import shutil
import tempfile
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from counterpoint.present.report import Report
from counterpoint.records import AnalyzedArticle, ReadProblem, Story
from counterpoint.web.turns import FairLock

if TYPE_CHECKING:
    from counterpoint.desk import Desk

LOG = logging.getLogger(__name__)
UPLOAD_SUFFIXES = (".txt", ".html", ".htm", ".md")
HEADER_FIELDS = ("outlet", "title", "date", "author", "url")


class StorySummary(BaseModel):
    """One row of the stories list."""

    id: str
    title: str
    first_published: date | None = None
    last_published: date | None = None
    articles: int
    outlets: list[str]
    disputes: int | None = Field(
        default=None, description="Number of disputes, when the report has been computed"
    )


class IngestOutcome(BaseModel):
    """What an ingest request added, where it went, and what was refused."""

    article_ids: list[str]
    story_ids: list[str]
    problems: list[ReadProblem]


@dataclass
class Upload:
    """An uploaded file's name and bytes (the size limit was enforced before this)."""

    name: str
    data: bytes


class ReportCache:
    """Least-recently-used reports keyed by story id and its article ids."""

    def __init__(self, size: int = 64) -> None:
        self.size = size
        self._reports: OrderedDict[tuple[str, tuple[str, ...]], Report] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def key(story: Story) -> tuple[str, tuple[str, ...]]:
        return story.id, tuple(sorted(story.article_ids))

    def get(self, story: Story) -> Report | None:
        with self._lock:
            report = self._reports.get(self.key(story))
            if report is not None:
                self._reports.move_to_end(self.key(story))
            return report

    def put(self, story: Story, report: Report) -> None:
        with self._lock:
            self._reports[self.key(story)] = report
            self._reports.move_to_end(self.key(story))
            while len(self._reports) > self.size:
                self._reports.popitem(last=False)

    def clear(self) -> None:
        """Forget every report (e.g. after the models behind them changed)."""
        with self._lock:
            self._reports.clear()

    def disputes(self, story: Story) -> int | None:
        report = self.get(story)
        return None if report is None else len(report.disputes)


def pasted_document(text: str, fields: dict[str, str]) -> str:
    """Pasted text with a `Key: value` header built from the form's metadata fields."""
    header = []
    for key in HEADER_FIELDS:
        value = " ".join((fields.get(key) or "").split())  # no newlines: one header line each
        if value:
            header.append(f"{key.capitalize()}: {value}")
    body = text.replace("\r\n", "\n").strip()
    return ("\n".join(header) + "\n\n" + body) if header else body


def safe_name(name: str, index: int) -> str:
    """A harmless file name for an upload: base name only, plain characters."""
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(name or "").name).strip("._") or "upload"
    return f"{index:03d}-{base[:80]}"


class WebDesk:
    """The Desk as the web app uses it."""

    def __init__(self, desk: Desk, *, cache_size: int = 64, report_wait: float = 0.25) -> None:
        self.desk = desk
        self.cache = ReportCache(cache_size)
        self.model_lock = FairLock()  # model work, one piece at a time, first come first served
        # reports a reader asked for, being built in the background: story id -> (done, started)
        self.report_wait = report_wait
        self._building: dict[str, tuple[threading.Event, float]] = {}
        self._failed: dict[str, Exception] = {}
        self._building_lock = threading.Lock()

    # ------------------------------------------------------------------ reading
    def outlet_map(self) -> dict[str, str]:
        """Article id -> outlet, read from the store's index columns (no JSON parsing)."""
        return self.desk.store.outlets()

    def summaries(
        self,
        query: str = "",
        outlet: str = "",
        since: date | None = None,
        until: date | None = None,
    ) -> list[StorySummary]:
        """Stories newest first, filtered by words in title/outlets, outlet and dates."""
        outlets = self.outlet_map()
        words = query.lower().split()
        found: list[StorySummary] = []
        for story in self.desk.stories():
            names = sorted({outlets[a] for a in story.article_ids if a in outlets})
            haystack = " ".join([story.title, *names]).lower()
            if words and not all(w in haystack for w in words):
                continue
            if outlet and outlet not in names:
                continue
            if since and (story.last_published or story.first_published or date.min) < since:
                continue
            if until and (story.first_published or story.last_published or date.max) > until:
                continue
            found.append(
                StorySummary(
                    id=story.id,
                    title=story.title,
                    first_published=story.first_published,
                    last_published=story.last_published,
                    articles=len(story.article_ids),
                    outlets=names,
                    disputes=self.cache.disputes(story),
                )
            )
        return found

    def all_outlets(self) -> list[str]:
        return sorted(set(self.outlet_map().values()), key=str.lower)

    def story(self, story_id: str) -> Story:
        """The stored story (LookupError when unknown)."""
        return self.desk.story(story_id)

    def report(self, story_id: str) -> Report:
        """The story's report, from the cache when its articles have not changed."""
        story = self.desk.story(story_id)
        cached = self.cache.get(story)
        if cached is not None:
            return cached
        with self.model_lock:
            cached = self.cache.get(story)  # another request may have just built it
            if cached is None:
                cached = self.desk.report(story_id)
                self.cache.put(story, cached)
        return cached

    def report_soon(self, story_id: str, wait: float | None = None) -> Report | None:
        """The report if it is ready within `wait` seconds (default `report_wait`), else None
        while it is built in the background, so a page can show progress at once.

        LookupError for an unknown story; a build that failed raises its error on the next call.
        """
        story = self.desk.story(story_id)
        cached = self.cache.get(story)
        if cached is not None:
            return cached
        with self._building_lock:
            failed = self._failed.pop(story_id, None)
            if failed is not None:
                raise failed
            entry = self._building.get(story_id)
            if entry is None:
                entry = self._building[story_id] = (threading.Event(), time.monotonic())
                threading.Thread(target=self._build, args=(story_id, entry[0]), daemon=True).start()
        entry[0].wait(self.report_wait if wait is None else wait)
        return self.cache.get(story)

    def building_seconds(self, story_id: str) -> float:
        """How long the story's report has been building (0 when it is not)."""
        with self._building_lock:
            entry = self._building.get(story_id)
        return time.monotonic() - entry[1] if entry else 0.0

    def _build(self, story_id: str, done: threading.Event) -> None:
        try:
            self.report(story_id)
        except Exception as exc:
            LOG.exception("could not build the report of story %s", story_id)
            with self._building_lock:
                self._failed[story_id] = exc
        finally:
            with self._building_lock:
                self._building.pop(story_id, None)
            done.set()

    def analysis(self, article_id: str) -> AnalyzedArticle:
        """The stored analysis of one article (LookupError when unknown)."""
        return self.desk.store.analysis(article_id)

    def story_of(self, article_id: str) -> Story | None:
        return self.desk.store.story_of(article_id)

    def merge(self, story_id: str, other_id: str) -> Story:
        """Fold one story into another (a reader's correction of the grouping)."""
        if story_id == other_id:
            return self.desk.story(story_id)
        return self.desk.merge_stories(story_id, other_id)

    def split(self, story_id: str, article_ids: list[str]) -> Story:
        """Move articles out of a story into a new one; returns the new story."""
        return self.desk.split_story(story_id, article_ids)

    def warm(self, limit: int) -> None:
        """Build the reports of the newest stories ahead of the first visit."""
        for story in self.desk.stories()[:limit]:
            while self._building:  # a reader's story goes first
                time.sleep(0.05)
            try:
                self.report(story.id)
            except Exception:  # a broken story must not stop the others
                LOG.exception("could not build the report of story %s", story.id)

    # ------------------------------------------------------------------ writing
    def ingest(
        self, uploads: list[Upload], pasted: str = "", fields: dict[str, str] | None = None
    ) -> IngestOutcome:
        """Store uploaded files and pasted text, group them into stories, say where they went."""
        problems: list[ReadProblem] = []
        folder = Path(tempfile.mkdtemp(prefix="counterpoint-upload-")).resolve()
        try:
            paths: list[str] = []
            for index, upload in enumerate(uploads):
                if not upload.name and not upload.data:
                    continue
                if Path(upload.name).suffix.lower() not in UPLOAD_SUFFIXES:
                    problems.append(
                        ReadProblem(
                            origin=upload.name or "upload",
                            reason=f"only {', '.join(UPLOAD_SUFFIXES)} files are accepted",
                        )
                    )
                    continue
                path = folder / safe_name(upload.name, index)
                path.write_bytes(upload.data)
                paths.append(str(path))
            if pasted.strip():
                path = folder / f"{len(uploads):03d}-pasted.txt"
                path.write_text(pasted_document(pasted, fields or {}), encoding="utf-8")
                paths.append(str(path))
            if not paths:
                if not problems:
                    problems.append(
                        ReadProblem(origin="form", reason="nothing to add: no file and no text")
                    )
                return IngestOutcome(article_ids=[], story_ids=[], problems=problems)
            # one article at a time, so a long upload does not starve other requests
            result = self.desk.ingest(paths, turn=lambda: self.model_lock)
            told = [*result.problems, *result.notes]  # notes: articles cut to the budget
            problems += [self._shorten(p, folder) for p in told]
            article_ids = self.desk.store.articles_read_from(paths)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        story_ids: list[str] = []
        for article_id in article_ids:
            story = self.desk.store.story_of(article_id)
            if story is not None and story.id not in story_ids:
                story_ids.append(story.id)
        return IngestOutcome(article_ids=article_ids, story_ids=story_ids, problems=problems)

    @staticmethod
    def _shorten(problem: ReadProblem, folder: Path) -> ReadProblem:
        """Show the user their own file name, not our temporary path."""
        origin = problem.origin.replace(str(folder) + "/", "")
        origin = re.sub(r"^\d{3}-", "", origin)
        return ReadProblem(origin=origin, reason=problem.reason)
