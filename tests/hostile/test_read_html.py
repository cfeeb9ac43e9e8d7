"""HTML nested past the parser's depth limit: the problem names the limit."""

from __future__ import annotations

from counterpoint.read import ReadOptions, read_inputs
from counterpoint.read.files import HTML_MAX_DEPTH, html_depth
from counterpoint.records import RawItem, ReadProblem


def nested(depth: int) -> str:
    return (
        "<html><body>" + "<div>" * depth + "The council approved the bridge on Monday."
        + "</div>" * depth + "</body></html>"
    )  # fmt: skip


def test_html_deeper_than_the_parser_limit_says_the_limit(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text(nested(300))
    [entry] = list(read_inputs([str(path)], ReadOptions()))
    assert isinstance(entry, ReadProblem)
    assert f"limit of {HTML_MAX_DEPTH} levels" in entry.reason
    assert "302 levels deep" in entry.reason


def test_html_within_the_limit_reads(tmp_path):
    path = tmp_path / "ok.html"
    path.write_text(nested(200))
    [entry] = list(read_inputs([str(path)], ReadOptions()))
    assert isinstance(entry, RawItem)


def test_html_without_text_is_still_broken_or_empty(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><body><div><script>x()</script></div></body></html>")
    [entry] = list(read_inputs([str(path)], ReadOptions()))
    assert isinstance(entry, ReadProblem) and "no text" in entry.reason


def test_html_depth_ignores_void_and_self_closing_tags():
    assert html_depth("<div><br><img src=x/><p>a</p><hr/></div>") == 2
