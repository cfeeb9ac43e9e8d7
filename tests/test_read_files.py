"""Local files, folders and globs: good files become RawItems, each bad one ONE ReadProblem."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest

from counterpoint.read import ReadOptions, read_inputs
from counterpoint.read.files import accepts, decode_bytes, read, read_file, read_text_input
from counterpoint.records import RawItem, ReadProblem

ARTICLE = (
    "<html><head><title>Talks</title></head><body><p>The talks ended on Friday.</p></body></html>"
)


def only(path: Path, options: ReadOptions | None = None) -> RawItem | ReadProblem:
    results = list(read(str(path), options or ReadOptions()))
    assert len(results) == 1
    return results[0]


def test_plain_text_and_html_by_extension(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Officials met on Friday.\n", encoding="utf-8")
    (tmp_path / "b.html").write_text(ARTICLE, encoding="utf-8")
    text, html = only(tmp_path / "a.txt"), only(tmp_path / "b.html")
    assert isinstance(text, RawItem) and text.media_type == "text"
    assert text.data == b"Officials met on Friday.\n"
    assert isinstance(html, RawItem) and html.media_type == "html"


def test_extensionless_file_is_sniffed(tmp_path: Path) -> None:
    (tmp_path / "page").write_text("<!DOCTYPE html>" + ARTICLE, encoding="utf-8")
    (tmp_path / "note").write_text("Just words about the talks.", encoding="utf-8")
    page, note = only(tmp_path / "page"), only(tmp_path / "note")
    assert isinstance(page, RawItem) and page.media_type == "html"
    assert isinstance(note, RawItem) and note.media_type == "text"


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \n\n\t ")
    empty, blank = only(tmp_path / "empty.txt"), only(tmp_path / "blank.txt")
    assert isinstance(empty, ReadProblem) and empty.reason == "empty file"
    assert isinstance(blank, ReadProblem) and "whitespace" in blank.reason


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        ("photo.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        ("bundle", b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "ZIP"),
        ("story.txt", gzip.compress(b"The talks ended."), "gzip"),
        ("blob.txt", b"abc\x00\x01\x02def" * 10, "NUL"),
    ],
)
def test_binary_files_are_named(tmp_path: Path, name: str, data: bytes, expected: str) -> None:
    (tmp_path / name).write_bytes(data)
    problem = only(tmp_path / name)
    assert isinstance(problem, ReadProblem)
    assert expected in problem.reason


def test_file_over_max_bytes_is_refused_without_reading(tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    with big.open("wb") as handle:  # sparse: 3 GiB on paper, nothing on disk
        handle.truncate(3 * 1024**3)
    problem = only(big)
    assert isinstance(problem, ReadProblem)
    assert "larger than" in problem.reason and "3.0 GiB" not in problem.reason
    assert "3072.0 MiB" in problem.reason
    small_limit = ReadOptions(max_bytes=10)
    (tmp_path / "a.txt").write_text("More than ten bytes of text.", encoding="utf-8")
    problem = only(tmp_path / "a.txt", small_limit)
    assert isinstance(problem, ReadProblem) and "max_bytes" in problem.reason


def test_legacy_encodings_are_decoded_to_utf8(tmp_path: Path) -> None:
    (tmp_path / "bom.txt").write_bytes("\ufeffCafé talks resumed.".encode())
    (tmp_path / "cp1252.txt").write_bytes(
        "The minister’s “naïve” remark about the café – and the façade.".encode("cp1252")
    )
    (tmp_path / "cyrillic.txt").write_bytes(
        "Министр иностранных дел заявил, что переговоры продолжатся в пятницу.".encode("cp1251")
    )
    bom, western, cyrillic = (only(tmp_path / n) for n in ("bom.txt", "cp1252.txt", "cyrillic.txt"))
    assert isinstance(bom, RawItem) and bom.data.decode("utf-8") == "Café talks resumed."
    assert isinstance(western, RawItem)
    assert western.data.decode("utf-8") == (
        "The minister’s “naïve” remark about the café – and the façade."
    )
    assert isinstance(cyrillic, RawItem)
    assert "переговоры" in cyrillic.data.decode("utf-8")


def test_garbage_bytes_are_refused(tmp_path: Path) -> None:
    noise = bytes((i * 37 + 11) % 255 + 1 for i in range(3000))  # no NUL, mostly controls/high
    (tmp_path / "noise.txt").write_bytes(noise)
    problem = only(tmp_path / "noise.txt")
    assert isinstance(problem, ReadProblem)
    assert "decode" in problem.reason
    assert decode_bytes(noise) is None


def test_html_without_text_is_refused(tmp_path: Path) -> None:
    (tmp_path / "scripts.html").write_text(
        "<html><head><script>var a = 1;</script></head><body><style>p{}</style></body></html>"
    )
    (tmp_path / "tags.html").write_text("<<<</div></span>>>", encoding="utf-8")
    for name in ("scripts.html", "tags.html"):
        problem = only(tmp_path / name)
        assert isinstance(problem, ReadProblem), name
        assert "HTML" in problem.reason


def test_folder_walk_is_recursive_sorted_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "z.md").write_text("Zulu report on the talks.")
    (tmp_path / "a.txt").write_text("Alpha report on the talks.")
    (tmp_path / "c.htm").write_text(ARTICLE)
    (tmp_path / ".hidden.txt").write_text("Hidden text.")
    (tmp_path / ".git" / "x.txt").write_text("Git internals.")
    (tmp_path / "image.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (tmp_path / "empty.txt").write_bytes(b"")
    results = list(read(str(tmp_path), ReadOptions()))
    origins = [Path(r.origin).relative_to(tmp_path).as_posix() for r in results]
    assert origins == ["a.txt", "c.htm", "empty.txt", "b/z.md"] or origins == [
        "a.txt",
        "b/z.md",
        "c.htm",
        "empty.txt",
    ]
    assert [type(r).__name__ for r in results].count("ReadProblem") == 1


def test_glob_pattern(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text("First report.")
    (tmp_path / "two.txt").write_text("Second report.")
    (tmp_path / "three.html").write_text(ARTICLE)
    pattern = str(tmp_path / "*.txt")
    assert accepts(pattern, ReadOptions())
    results = list(read(pattern, ReadOptions()))
    assert [Path(r.origin).name for r in results] == ["one.txt", "two.txt"]
    nothing = list(read(str(tmp_path / "*.xml"), ReadOptions()))
    assert len(nothing) == 1 and isinstance(nothing[0], ReadProblem)


def test_claims_paths_not_urls(tmp_path: Path) -> None:
    options = ReadOptions()
    assert accepts(str(tmp_path), options)
    assert not accepts(str(tmp_path / "missing.txt"), options)
    assert not accepts("https://example.com/news?id=1", options)


def test_bad_items_do_not_stop_the_run(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"%PDF-1.4 binary")
    (tmp_path / "b.txt").write_text("The ministry confirmed the talks.")
    results = list(read_inputs([str(tmp_path), str(tmp_path / "nope.txt")]))
    kinds = [type(r).__name__ for r in results]
    assert kinds == ["ReadProblem", "RawItem", "ReadProblem"]


def test_read_text_input_sniffs_html() -> None:
    assert read_text_input("Plain words.", "clipboard").media_type == "text"
    pasted = read_text_input(ARTICLE, "clipboard")
    assert pasted.media_type == "html" and pasted.origin == "clipboard"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("secret")
    path.chmod(0)
    try:
        problem = read_file(path, ReadOptions())
    finally:
        path.chmod(0o600)
    assert isinstance(problem, ReadProblem) and "cannot open" in problem.reason


def test_special_file_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    problem = only(fifo)
    assert isinstance(problem, ReadProblem) and "regular file" in problem.reason


def test_glob_under_a_hidden_folder_the_user_named(tmp_path: Path) -> None:
    base = tmp_path / ".cache"
    base.mkdir()
    (base / "story.txt").write_text("The talks ended.")
    (base / ".draft.txt").write_text("Hidden draft.")
    results = list(read(str(base / "*.txt"), ReadOptions()))
    assert [Path(r.origin).name for r in results] == ["story.txt"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder")
def test_unreadable_subfolder_is_reported(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The talks ended.")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        results = list(read(str(tmp_path), ReadOptions()))
    finally:
        locked.chmod(0o700)
    assert any(isinstance(r, ReadProblem) and "cannot open folder" in r.reason for r in results)
