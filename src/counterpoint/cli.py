"""The `counterpoint` command line: compare, check, ingest, doctor, stories, show, demo, schema,
serve."""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from counterpoint.package_files import package_file
from counterpoint.records import ReadProblem

app = typer.Typer(
    help="Who said what, and where the sources disagree.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()
errors = Console(stderr=True)

FormatOption = Annotated[
    str, typer.Option("--format", "-f", help="terminal, json, markdown or html")
]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write the export to this file")
]
DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Store URL or SQLite file (default: user data dir)"),
]


def _db_url(db: str | None) -> str | None:
    if db is None or "://" in db:
        return db
    return f"sqlite:///{Path(db).expanduser().resolve()}"


def _emit(report: object, fmt: str, output: Path | None) -> None:
    from counterpoint.present.render import FORMATS, render_text
    from counterpoint.present.report import Report
    from counterpoint.present.terminal import render_terminal

    assert isinstance(report, Report)
    if fmt not in FORMATS:
        errors.print(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        raise typer.Exit(2)
    if fmt == "terminal":
        render_terminal(report, console)
        return
    text = render_text(report, fmt)
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        errors.print(f"wrote {output}")


def _problems(problems: list[ReadProblem]) -> None:
    """One unwrapped line per skipped input, so it can be grepped and read in logs."""
    for problem in problems:
        typer.echo(f"skipped {problem.origin}: {problem.reason}", err=True)


def _stage_bar() -> Progress:
    """The CLI's progress display on stderr: stage, bar, count, elapsed, time left.

    Transient (gone when the work ends) and silent when stderr is not a terminal."""
    return Progress(
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
        TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn(),
        console=errors, transient=True, refresh_per_second=4,
    )  # fmt: skip


def _compare(inputs: list[str], fmt: str, output: Path | None) -> None:
    with _stage_bar() as bar:
        task = bar.add_task("starting", total=None)
        from counterpoint.desk import Desk

        desk = Desk()
        bar.update(task, description="reading")
        items, problems = desk.read(inputs)
        bar.update(task, description="analysing", total=len(items), completed=0)
        analyses, more = desk.analyze(items, progress=lambda _origin: bar.advance(task))
        if analyses:
            bar.update(task, description="comparing", total=None)
            report = desk.compare_analyses(analyses, problems + more)
    _problems(problems)
    _problems(more)
    if not analyses:
        errors.print("no usable article among the inputs")
        raise typer.Exit(1)
    _emit(report, fmt, output)


@app.command()
def compare(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, globs, feeds or URLs")],
    fmt: FormatOption = "terminal",
    output: OutputOption = None,
) -> None:
    """Compare the given articles as one story and print the report."""
    _compare(inputs, fmt, output)


@app.command()
def check(
    claim: Annotated[str, typer.Argument(help="The claim to check, in quotes")],
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, globs, feeds or URLs")],
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Which articles support, dispute or only discuss a claim (the article judge)."""
    from counterpoint.desk import Desk

    checks, problems = Desk().check_claim(claim, inputs)
    _problems(problems)
    if not checks:
        errors.print("no usable article among the inputs")
        raise typer.Exit(1)
    if as_json:
        typer.echo(json.dumps([c.model_dump() for c in checks], indent=2))
        return
    table = Table(title=f"Claim: {claim}")
    table.add_column("Outlet")
    table.add_column("Title", max_width=40, no_wrap=True, overflow="ellipsis")
    for column in ("Stance", "p(related)", "agree", "contradict", "neutral"):
        table.add_column(column, no_wrap=True)
    for c in checks:
        table.add_row(
            c.outlet,
            c.title,
            c.stance,
            f"{c.related:.2f}",
            f"{c.agree:.2f}",
            f"{c.contradict:.2f}",
            f"{c.neutral:.2f}",
        )
    console.print(table)


@app.command()
def demo(fmt: FormatOption = "terminal", output: OutputOption = None) -> None:
    """Run `compare` on each event of the sample corpus that ships with counterpoint."""
    samples = package_file("counterpoint", "samples")
    events = sorted(
        (p for p in samples.iterdir() if p.is_dir() and not p.name.startswith("_")),
        key=lambda p: p.name,
    )
    for event in events:
        files = sorted(str(f) for f in event.iterdir() if f.name.endswith((".txt", ".html")))
        console.rule(f"[bold]sample event: {event.name}")
        _compare(files, fmt, output.with_stem(f"{output.stem}-{event.name}") if output else None)


@app.command()
def ingest(
    inputs: Annotated[
        list[str], typer.Argument(help="Files, folders, globs, feeds, WARC, JSONL or URLs")
    ],
    db: DbOption = None,
    engine: Annotated[str, typer.Option(help="local or ray")] = "local",
    workers: Annotated[int, typer.Option(help="Worker processes")] = 1,
    out: Annotated[str | None, typer.Option(help="With --engine ray: write Parquet here")] = None,
    allow_private_urls: Annotated[bool, typer.Option(help="Allow loopback/private URLs")] = False,
) -> None:
    """Store articles and group them into stories; re-ingesting is a no-op.

    Exit code: 0 when every usable input is in the store (new or already stored), 1 when
    nothing usable was read, 3 when the store could not be written (e.g. disk full)."""
    from counterpoint.desk import Desk

    desk = Desk(_db_url(db))
    desk.read_options.allow_private_urls = allow_private_urls
    with _store_failures("ingest"), Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), console=errors,
    ) as bar:  # fmt: skip
        task = bar.add_task("ingesting", total=None, rate="")

        def progress(
            done: int, total: int | None = None, rate: float | None = None, **_: object
        ) -> None:
            bar.update(task, completed=done, total=total, rate=f"{rate:.1f}/s" if rate else "")

        report = desk.ingest(inputs, engine=engine, workers=workers, progress=progress, out=out)
    console.print(report.summary() if hasattr(report, "summary") else report)
    _problems(report.problems)
    for note in getattr(report, "notes", []):
        typer.echo(f"note {note.origin}: {note.reason}", err=True)
    if getattr(report, "orphans", 0):
        typer.echo(
            f"{report.orphans} stored articles belong to no story: `counterpoint doctor` "
            "repairs that",
            err=True,
        )
    if not getattr(report, "stored_anything", True):
        typer.echo("nothing usable was stored", err=True)
        raise typer.Exit(1)


@contextlib.contextmanager
def _store_failures(command: str) -> Iterator[None]:
    """The store could not be written (disk full, read-only, locked): one line, exit 3.
    The store stays consistent: the failed transaction is rolled back whole."""
    from counterpoint.store.store import write_failure

    try:
        yield
    except Exception as exc:
        reason = write_failure(exc)
        if reason is None:
            raise
        typer.echo(
            f"{command} stopped: {reason}; what was stored before stays, and running the "
            "same command again resumes",
            err=True,
        )
        raise typer.Exit(3) from None


@app.command()
def doctor(
    db: DbOption = None,
    check: Annotated[bool, typer.Option("--check", help="Only report; change nothing")] = False,
) -> None:
    """Find and repair articles that belong to no story and broken story rows.

    Exit code: 0 when the store is sound (after the repair), 1 when problems remain,
    3 when the store could not be written."""
    from counterpoint.store import Store
    from counterpoint.store.doctor import check_store, repair_store

    with _store_failures("doctor"), Store(_db_url(db)) as store:
        checkup = check_store(store) if check else repair_store(store)
    for line in checkup.lines():
        typer.echo(line)
    if checkup.problems_left:
        raise typer.Exit(1)


@app.command()
def stories(db: DbOption = None, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """List stored stories."""
    from counterpoint.desk import Desk

    found = Desk(_db_url(db)).stories()
    if as_json:
        sys.stdout.write(json.dumps([s.model_dump(mode="json") for s in found], indent=2) + "\n")
        return
    table = Table(title=f"{len(found)} stories")
    for column in ("ID", "Title", "Articles", "First", "Last"):
        table.add_column(column)
    for story in found:
        table.add_row(
            story.id, story.title, str(len(story.article_ids)),
            str(story.first_published or ""), str(story.last_published or ""),
        )  # fmt: skip
    console.print(table)


@app.command()
def show(
    story_id: str, db: DbOption = None, fmt: FormatOption = "terminal", output: OutputOption = None
) -> None:
    """Print the report of a stored story."""
    from counterpoint.desk import Desk

    desk = Desk(_db_url(db))
    try:
        report = desk.report(story_id)
    except LookupError:
        errors.print(f"no story {story_id!r}; `counterpoint stories` lists them")
        raise typer.Exit(1) from None
    _emit(report, fmt, output)


@app.command()
def merge(story_a: str, story_b: str, db: DbOption = None) -> None:
    """Merge two stories into one."""
    from counterpoint.desk import Desk

    story = Desk(_db_url(db)).merge_stories(story_a, story_b)
    console.print(f"merged into {story.id}: {story.title} ({len(story.article_ids)} articles)")


@app.command()
def split(story_id: str, article_ids: list[str], db: DbOption = None) -> None:
    """Move the given articles out of a story into a new one."""
    from counterpoint.desk import Desk

    story = Desk(_db_url(db)).split_story(story_id, article_ids)
    console.print(f"new story {story.id}: {story.title} ({len(story.article_ids)} articles)")


@app.command()
def schema() -> None:
    """Print the JSON schema of the report (the --format json output)."""
    from counterpoint.present.report import Report

    sys.stdout.write(json.dumps(Report.model_json_schema(), indent=2) + "\n")


@app.command()
def settings() -> None:
    """Print every setting (environment variable) with its default: the README's table."""
    from counterpoint.settings import markdown_table

    sys.stdout.write(markdown_table())


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface (non-loopback: --token)")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port")] = 8765,
    db: DbOption = None,
    token: Annotated[str | None, typer.Option(envvar="COUNTERPOINT_TOKEN", help="Token")] = None,
    max_upload_mb: Annotated[float, typer.Option(help="Reject larger request bodies (413)")] = 10.0,
) -> None:
    """Serve the web desk: stories, reports, articles and an add-articles form."""
    from counterpoint.web.server import serve as run_server

    try:
        run_server(host=host, port=port, db=_db_url(db), token=token, max_upload_mb=max_upload_mb)
    except ValueError as exc:
        errors.print(str(exc))
        raise typer.Exit(2) from None


if __name__ == "__main__":
    app()
