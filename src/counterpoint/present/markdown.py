"""The story report as Markdown, for notes, tickets and newsletters."""

from __future__ import annotations

from counterpoint.present import wording as say
from counterpoint.present.report import ClaimView, Report


def _md(text: str) -> str:
    """Neutralise Markdown/HTML in untrusted article text."""
    out = text.replace("\\", "\\\\")
    for ch in "`*_[]<>|#":
        out = out.replace(ch, "\\" + ch)
    return out.replace("\n", " ")


def _who(view: ClaimView) -> str:
    if view.asserter == view.outlet:
        return f"**{_md(view.outlet)}**"
    return f"**{_md(view.outlet)}** ({say.ATTRIBUTED} {_md(view.asserter)})"


def render_markdown(report: Report) -> str:
    """The same sections as the terminal view, in Markdown."""
    lines = [f"# {_md(report.title)}", ""]
    lines += ["## Sources", "", "| Outlet | Title | Date | Language |", "|---|---|---|---|"]
    for s in report.sources:
        outlet = s.outlet + (f" (copy of {s.copy_of})" if s.copy_of else "")
        lines.append(
            f"| {_md(outlet)} | {_md(s.title or '')} | {s.published or ''} | {s.language or ''} |"
        )
    if report.summary:
        lines += ["", f"## {say.SUMMARY}"]
        for heading, sentences in report.summary_sections:
            if not heading:  # the lead paragraph
                lines += ["", " ".join(_md(s.text) for s in sentences)]
                continue
            lines += ["", f"**{heading}**", ""]
            lines += [f"- {_md(s.text)}" for s in sentences]
    lines += ["", f"## {say.DISPUTES}", ""]
    if not report.disputes:
        lines.append(say.NO_DISPUTES)
    for n, d in enumerate(report.disputes, 1):
        why = "; ".join(_md(e.detail) for e in d.evidence) or "model judgement"
        lines += [
            f"### {n}. Conflict (confidence {d.confidence:.2f})",
            "",
            f"- {_who(d.a)}: {_md(d.a.sentence)}",
            f"- {_who(d.b)}: {_md(d.b.sentence)}",
            f"- *Why:* {why}",
            "",
        ]
    lines += [f"## {say.CONSENSUS}", ""]
    if not report.consensus:
        lines.append(say.NO_CONSENSUS)
    for item in report.consensus:
        mark = "all sources" if item.all_sources else ", ".join(item.outlets)
        lines.append(f"- {_md(item.text)} — *{_md(mark)}*")
    lines += ["", f"## {say.UNIQUE}", ""]
    if not report.unique:
        lines.append(say.NO_UNIQUE)
    lines += [f"- {_md(v.text)} — {_who(v)}" for v in report.unique]
    lines += ["", f"## {say.SPEAKERS}", ""]
    for sp in report.speakers:
        aliases = f" (also: {', '.join(_md(a) for a in sp.aliases)})" if sp.aliases else ""
        lines.append(f"### {_md(sp.name)}{aliases}")
        lines += [f"- **{_md(st.outlet)}** ({st.label}): {_md(st.text)}" for st in sp.statements]
        lines.append("")
    if report.misquotes:
        lines += [f"## {say.MISQUOTES}", ""]
        for mq in report.misquotes:  # the two wordings as written, side by side
            cut = " (cut short)" if mq.kind == "truncated" else ""
            lines.append(
                f"- {_md(mq.speaker)}{cut}: {_md(mq.a.outlet)} {_md(say.quoted(mq.a.text))} vs "
                f"{_md(mq.b.outlet)} {_md(say.quoted(mq.b.text))}"
            )
    if report.problems:
        lines += ["", f"## {say.PROBLEMS}", ""]
        lines += [f"- {_md(p.origin)}: {_md(p.reason)}" for p in report.problems]
    lines += [
        "",
        f"*{report.schema_version}, generated {report.generated_at:%Y-%m-%d %H:%M} UTC; "
        f"relation judge: {report.judge or 'n/a'}; brief rewriting: {report.brief_rewriting}*",
    ]
    return "\n".join(lines) + "\n"
