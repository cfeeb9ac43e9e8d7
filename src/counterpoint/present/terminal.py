"""The story report in a terminal, with Rich: sources, summary, disputes, consensus, speakers."""

from __future__ import annotations

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from counterpoint.present import wording as say
from counterpoint.present.report import ClaimView, Report


def _claim_cell(view: ClaimView) -> Text:
    text = Text()
    text.append(f"{view.outlet}", style="bold")
    if view.asserter != view.outlet:
        text.append(f" — {view.asserter}", style="italic")
    text.append("\n")
    text.append(view.sentence)
    return text


def render_terminal(report: Report, console: Console | None = None) -> None:
    """Print the whole report; content is escaped so article text cannot inject markup."""
    console = console or Console()
    console.rule(f"[bold]{escape(report.title)}")

    sources = Table(title="Sources", show_lines=False, expand=True)
    for column in ("Outlet", "Title", "Date", "Lang", "Claims", "Quotes"):
        sources.add_column(column)
    for s in report.sources:
        outlet = s.outlet + (f" (copy of {s.copy_of})" if s.copy_of else "")
        sources.add_row(
            escape(outlet), escape(s.title or "—"), str(s.published or "—"),
            s.language or "—", str(s.claims), str(s.quotes),
        )  # fmt: skip
    console.print(sources)

    if report.summary:
        parts: list[Text] = []
        for heading, sentences in report.summary_sections:
            if not heading:  # the lead paragraph
                parts.append(Text(" ".join(s.text for s in sentences)))
                continue
            parts.append(Text(f"\n{heading}", style="bold"))
            parts += [Text.assemble("• ", s.text) for s in sentences]
        console.print(Panel(Group(*parts), title=say.SUMMARY, border_style="cyan"))

    console.rule(f"[bold red]{say.DISPUTES}")
    if not report.disputes:
        console.print(say.NO_DISPUTES)
    for number, dispute in enumerate(report.disputes, 1):
        table = Table(show_header=False, expand=True, box=None, padding=(0, 1))
        table.add_column(ratio=1)
        table.add_column(ratio=1)
        table.add_row(_claim_cell(dispute.a), _claim_cell(dispute.b))
        why = "; ".join(e.detail for e in dispute.evidence) or "model judgement"
        console.print(
            Panel(
                Group(table, Text(f"why: {why}", style="dim")),
                title=f"#{number}  conflict, confidence {dispute.confidence:.2f}",
                border_style="red",
            )
        )

    console.rule(f"[bold green]{say.CONSENSUS}")
    if not report.consensus:
        console.print(say.NO_CONSENSUS)
    for item in report.consensus:
        mark = "all sources" if item.all_sources else ", ".join(item.outlets)
        console.print(Text.assemble(("✔ ", "green"), item.text, (f"  [{mark}]", "dim")))

    console.rule(f"[bold yellow]{say.UNIQUE}")
    if not report.unique:
        console.print(say.NO_UNIQUE)
    for view in report.unique:
        who = (
            view.outlet
            if view.asserter == view.outlet
            else f"{view.outlet}, {say.ATTRIBUTED} {view.asserter}"
        )
        console.print(Text.assemble(("• ", "yellow"), view.text, (f"  [{who}]", "dim")))

    console.rule(f"[bold blue]{say.SPEAKERS}")
    for speaker in report.speakers:
        lines = Text()
        for st in speaker.statements:
            lines.append(f"{st.outlet}", style="bold")
            lines.append(f" ({st.label}): ", style="dim")
            lines.append(st.text + "\n")
        aliases = f"  aka {', '.join(speaker.aliases)}" if speaker.aliases else ""
        console.print(Panel(lines, title=escape(speaker.name + aliases), border_style="blue"))

    for mq in report.misquotes:  # the two wordings as written, side by side
        console.print(
            Text.assemble(
                (
                    "⚠ quote cut short, " if mq.kind == "truncated" else "⚠ possible misquote of ",
                    "magenta",
                ),
                (mq.speaker, "bold"),
                f": {mq.a.outlet} {say.quoted(mq.a.text)} vs {mq.b.outlet} {say.quoted(mq.b.text)}",
            )
        )
    for problem in report.problems:
        console.print(Text(f"skipped {problem.origin}: {problem.reason}", style="dim red"))
