"""The Python API: one `Desk` over the whole pipeline, used by the CLI and the web app.

    from counterpoint import Desk
    report = Desk().compare(["a.html", "b.txt"])          # one-off, nothing stored
    desk = Desk(db="sqlite:///news.db")
    desk.ingest(["feeds/", "crawl.warc.gz"])               # store + group into stories
    for story in desk.stories(): print(story.title)
    report = desk.report(story_id)
    checks = Desk().check_claim("The bridge collapsed", ["a.html", "b.txt"])

Every method returns typed records (see counterpoint.records and
counterpoint.present.report). The Desk wires stages together; it holds no logic
of its own beyond that.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from counterpoint.analyze.budget import budget_note
from counterpoint.read import ReadOptions, read_inputs
from counterpoint.read.files import read_text_input
from counterpoint.records import AnalyzedArticle, ClaimCheck, RawItem, ReadProblem, Story
from counterpoint.settings import brief_rewriting

if TYPE_CHECKING:  # the stages load models (torch, spaCy): imported when first used, so
    # an input refused while reading never pays for them
    from counterpoint.compare.relation import RelationJudge
    from counterpoint.engine import IngestReport
    from counterpoint.engine.ingestion import Turn
    from counterpoint.pipeline import Pipeline
    from counterpoint.present.report import Report
    from counterpoint.store import Store

__all__ = ["ClaimCheck", "Desk", "ProgressCallback"]

ProgressCallback = Callable[..., Any]  # called with each input's origin once it is analysed


def report_order(analysis: AnalyzedArticle) -> tuple[date, str, str]:
    """Articles in a report: oldest first, then by outlet and content id (never by path)."""
    article = analysis.article
    return (article.published or date.max, article.outlet.casefold(), article.id)


class Desk:
    """Compare coverage across outlets: read, analyze, group, compare, summarize, report."""

    def __init__(
        self,
        db: str | None = None,
        *,
        judge: RelationJudge | None = None,
        read_options: ReadOptions | None = None,
        brief_sentences: int = 8,
    ) -> None:
        self._db = db
        self._store: Store | None = None
        self._pipeline: Pipeline | None = None
        self._judge = judge
        self.read_options = read_options or ReadOptions()
        self.brief_sentences = brief_sentences

    # ------------------------------------------------------------------ plumbing
    @property
    def store(self) -> Store:
        """The article store, opened on first use (SQLite in the user data dir by default)."""
        if self._store is None:
            from counterpoint.store import Store

            self._store = Store(self._db)
        return self._store

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            from counterpoint.pipeline import Pipeline

            self._pipeline = Pipeline()
        return self._pipeline

    @property
    def judge(self) -> RelationJudge:
        if self._judge is None:
            from counterpoint.compare.judges import get_judge

            self._judge = get_judge()
        return self._judge

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    # ------------------------------------------------------------------ stages
    def read(self, inputs: Iterable[str]) -> tuple[list[RawItem], list[ReadProblem]]:
        """Read inputs into raw items; bad inputs become problems, never exceptions."""
        items: list[RawItem] = []
        problems: list[ReadProblem] = []
        for result in read_inputs(inputs, self.read_options):
            (problems if isinstance(result, ReadProblem) else items).append(result)  # type: ignore[arg-type]
        return items, problems

    def analyze(
        self, items: Iterable[RawItem], progress: ProgressCallback | None = None
    ) -> tuple[list[AnalyzedArticle], list[ReadProblem]]:
        """Extract and analyze each item; unusable items become problems (one line each,
        as `ingest` skips them), and an article cut to the analysis budget gets a note."""
        analyses: list[AnalyzedArticle] = []
        problems: list[ReadProblem] = []
        for item in items:
            try:
                analysis = self.pipeline.process(item)
            except Exception as exc:  # one bad article must not lose the whole report
                problems.append(ReadProblem.failed(item.origin, exc))
            else:
                analyses.append(analysis)
                note = budget_note(analysis.article)
                if note is not None:
                    problems.append(ReadProblem(origin=item.origin, reason=note))
            if progress is not None:
                progress(item.origin)
        return analyses, problems

    def analyze_text(self, text: str, *, origin: str = "pasted text") -> AnalyzedArticle:
        """Analyze pasted text (an optional `Outlet:`/`Title:`/`Date:` header is honoured)."""
        return self.pipeline.process(read_text_input(text, origin))

    # ------------------------------------------------------------------ one-off comparison
    def compare(self, inputs: Iterable[str], progress: ProgressCallback | None = None) -> Report:
        """Treat all inputs as one story and report on it; nothing is stored."""
        items, problems = self.read(inputs)
        analyses, more = self.analyze(items, progress)
        problems += more
        if not analyses:
            raise ValueError("no usable article among the inputs")
        return self.compare_analyses(analyses, problems)

    def compare_analyses(
        self, analyses: list[AnalyzedArticle], problems: list[ReadProblem] | None = None
    ) -> Report:
        """Report on already analysed articles taken as one story."""
        from counterpoint.group.cluster import group_as_one_story

        story = group_as_one_story(analyses)
        return self._report(story, analyses, problems or [])

    def _report(
        self, story: Story, analyses: list[AnalyzedArticle], problems: list[ReadProblem]
    ) -> Report:
        from counterpoint.compare.story import compare_story
        from counterpoint.present.report import build_report
        from counterpoint.summarize import write_brief

        # one order whichever way the articles came (CLI arguments, the store, the web
        # desk): the judge reads a pair in order, so the order must not depend on the path
        analyses = sorted(analyses, key=report_order)
        comparison = compare_story(story, analyses, self.judge)
        brief = write_brief(story, analyses, comparison, max_sentences=self.brief_sentences)
        return build_report(
            story,
            analyses,
            comparison,
            brief,
            problems=problems,
            judge=self.judge.name,
            brief_rewriting=brief_rewriting(),
        )

    # ------------------------------------------------------------------ one claim, many articles
    def check_claim(
        self, claim: str, inputs: Iterable[str]
    ) -> tuple[list[ClaimCheck], list[ReadProblem]]:
        """Does each article support, dispute or merely discuss `claim`? Nothing is stored."""
        items, problems = self.read(inputs)
        analyses, more = self.analyze(items)
        if not analyses:  # nothing to judge: the judge's model is never loaded
            return [], problems + more
        from counterpoint.compare.claimcheck import check_against
        from counterpoint.models import article_judge

        judge = article_judge()  # built once per process, on the shared encoder
        verdicts = judge.verdicts([(claim, a.article.text) for a in analyses])
        checks = []
        for a, v in zip(analyses, verdicts, strict=True):
            stance, evidence, reason = v.stance(), v.premise, ""
            if stance != "unrelated":  # the same typed checks as the disputes list
                sentences = [s.text for s in a.sentences]
                found = check_against(claim, sentences, a.article.published, v.score, stance)
                if found.stance is not None:
                    stance, evidence, reason = found.stance, found.sentence, found.reason
            checks.append(
                ClaimCheck(
                    origin=a.article.origin,
                    outlet=a.article.outlet,
                    title=a.article.title,
                    stance=stance,
                    related=round(v.related, 3),
                    agree=round(v.score.agree, 3),
                    contradict=round(v.score.contradict, 3),
                    neutral=round(v.score.neutral, 3),
                    evidence=evidence,
                    reason=reason,
                )
            )
        return checks, problems + more

    # ------------------------------------------------------------------ the store
    def ingest(
        self,
        inputs: list[str],
        *,
        engine: str = "local",
        workers: int = 1,
        progress: ProgressCallback | None = None,
        out: str | None = None,
        turn: Turn | None = None,
    ) -> IngestReport:
        """Store articles and group them into stories (re-ingesting is a no-op); `turn`:
        hold models shared with other threads one article at a time (the web desk)."""
        from counterpoint.engine import ingest

        return ingest(
            inputs,
            self.store,
            engine=engine,
            workers=workers,
            options=self.read_options,
            progress=progress,
            out=out,
            turn=turn,
        )

    def stories(self) -> list[Story]:
        """Stored stories, newest first."""
        return sorted(
            self.store.stories(), key=lambda s: s.last_published or date.min, reverse=True
        )

    def story(self, story_id: str) -> Story:
        return self.store.story(story_id)

    def report(self, story_id: str) -> Report:
        """The report for a stored story."""
        story = self.store.story(story_id)
        analyses = self.store.analyses(story.article_ids)
        return self._report(story, analyses, [])

    def merge_stories(self, a: str, b: str) -> Story:
        return self.store.merge_stories(a, b)

    def split_story(self, story_id: str, article_ids: list[str]) -> Story:
        return self.store.split_story(story_id, article_ids)
