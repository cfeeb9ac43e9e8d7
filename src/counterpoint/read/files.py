"""Read local files, folders and glob patterns into RawItems.

Why this module is careful: users point counterpoint at whatever folder they have,
so it meets PDFs, images, empty files, huge dumps and legacy encodings. Each bad
file becomes ONE ReadProblem with a reason a person can act on, and the run goes
on. Good files are decoded once here (UTF-8 with or without BOM, then charset
detection, then cp1252) and handed on as UTF-8 bytes, so later stages never guess
an encoding again. Walking a folder skips hidden files and the folder's own
documentation (README, LICENSE, ...), which are not articles.
"""

from __future__ import annotations

import fnmatch
import glob
import os
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import charset_normalizer
import lxml.html
from lxml.etree import ParserError

from counterpoint.records import RawItem, ReadProblem

if TYPE_CHECKING:
    from counterpoint.read import ReadOptions

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
SNIFF_BYTES = 4096
# A folder's own documentation files (by name, any extension) are not articles.
FOLDER_DOCUMENT_NAMES = frozenset(
    {"README", "LICENSE", "LICENCE", "COPYING", "CHANGELOG", "CHANGES", "CONTRIBUTING",
     "AUTHORS", "NOTICE", "CODE_OF_CONDUCT", "SECURITY", "MANIFEST"}
)  # fmt: skip

# Leading bytes of common binary formats -> what to tell the user.
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"RIFF", "a RIFF media file (WebP/WAV/AVI)"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX/EPUB)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"BZh", "a bzip2-compressed file"),
    (b"\xfd7zXZ\x00", "an xz-compressed file"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x28\xb5\x2f\xfd", "a zstd-compressed file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document (DOC/XLS)"),
    (b"\x7fELF", "an executable (ELF)"),
    (b"MZ", "a Windows executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 audio file"),
    (b"\x00\x00\x00\x18ftyp", "an MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "an MP4 video"),
    (b"{\\rtf", "an RTF document"),
)

# Encodings charset detection may pick for Western text; cp1252 is the usual truth.
WESTERN_SINGLE_BYTE = frozenset(
    {"cp1250", "cp1252", "latin_1", "iso8859_2", "iso8859_15", "cp850", "mac_roman", "cp437"}
)

HTML_SNIFF = re.compile(
    r"<\s*(?:!doctype\s+html|html|head|body|meta|title|article|div|p|section|main)\b",
    re.IGNORECASE,
)
URL_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
MAX_GARBAGE_RATIO = 0.02
MIN_WORDLIKE_RATIO = 0.5


def accepts(spec: str, options: ReadOptions) -> bool:
    """Take any existing local path, or a glob pattern (which may match nothing)."""
    if URL_SCHEME.match(spec):
        return False
    path = os.path.expanduser(spec)
    return os.path.exists(path) or glob.has_magic(path)


def read(spec: str, options: ReadOptions) -> Iterator[RawItem | ReadProblem]:
    """Yield one RawItem or ReadProblem per file under `spec`, in sorted order."""
    path = os.path.expanduser(spec)
    if os.path.isdir(path):
        yield from _read_folder(Path(path), options)
        return
    if os.path.exists(path):
        yield read_file(Path(path), options)
        return
    magic_from = _first_magic_part(Path(path))
    matches = sorted(_glob(path))
    matches = [m for m in matches if not _is_hidden(Path(m).parts[magic_from:])]
    if not matches:
        yield ReadProblem(origin=spec, reason="no files match this pattern")
        return
    walked: list[str] = []  # 'DIR/**' matches DIR and everything in it: walk DIR once
    for match in matches:
        if any(match == w or match.startswith(w.rstrip(os.sep) + os.sep) for w in walked):
            continue
        if os.path.isdir(match):
            walked.append(match)
            yield from _read_folder(Path(match), options)
        else:
            yield read_file(Path(match), options)


def _glob(pattern: str) -> list[str]:
    """glob.glob, except that '**' walks each real folder once: a symlink loop under
    the pattern (a -> ..) would otherwise be walked until the paths grow too long."""
    parts = Path(pattern).parts
    if "**" not in parts:
        return glob.glob(pattern)
    first = parts.index("**")
    found: list[str] = []
    for base in glob.glob(str(Path(*parts[:first])) if first else os.curdir):
        for path in _walk_once(base):
            relative = Path(os.path.relpath(path, base)).parts if path != base else ()
            if _parts_match(parts[first:], relative):
                found.append(path if first else os.path.relpath(path))
    return found


def _walk_once(base: str) -> Iterator[str]:
    """The folder `base` and everything under it, following symlinks but never into a
    folder already visited (by device and inode); unreadable folders are left out."""
    visited: set[tuple[int, int]] = set()
    stack = [base]
    while stack:
        folder = stack.pop()
        try:
            info = os.stat(folder)
        except OSError:
            continue
        if (info.st_dev, info.st_ino) in visited:
            continue
        visited.add((info.st_dev, info.st_ino))
        yield folder
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name, reverse=True)
        except OSError:
            continue
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                stack.append(entry.path)
            else:
                yield entry.path


def _parts_match(pattern: tuple[str, ...], parts: tuple[str, ...]) -> bool:
    """glob semantics on path components: '**' spans zero or more components."""
    if not pattern:
        return not parts
    head, rest = pattern[0], pattern[1:]
    if head == "**":
        return any(_parts_match(rest, parts[i:]) for i in range(len(parts) + 1))
    return bool(parts) and fnmatch.fnmatchcase(parts[0], head) and _parts_match(rest, parts[1:])


def read_text_input(text: str, origin: str = "pasted text") -> RawItem:
    """Wrap text a user pasted (plain text or HTML) as a RawItem."""
    media_type: Literal["html", "text"] = "html" if looks_like_html(text) else "text"
    return RawItem(origin=origin, data=text.encode("utf-8"), media_type=media_type)


def read_file(path: Path, options: ReadOptions) -> RawItem | ReadProblem:
    """Read one file; every way it can be unusable becomes a ReadProblem."""
    origin = str(path)
    try:
        if not path.is_file():  # a FIFO or device would block or never end
            return ReadProblem(origin=origin, reason="not a regular file")
        size = path.stat().st_size
        if size == 0:
            return ReadProblem(origin=origin, reason="empty file")
        if size > options.max_bytes:
            return ReadProblem(
                origin=origin,
                reason=f"file is {_human_size(size)}, larger than the "
                f"{_human_size(options.max_bytes)} limit (max_bytes)",
            )
        with path.open("rb") as handle:
            data = handle.read(options.max_bytes + 1)
    except OSError as exc:
        return ReadProblem(origin=origin, reason=f"cannot open file: {exc.strerror or exc}")
    if len(data) > options.max_bytes:  # grew while we looked
        return ReadProblem(origin=origin, reason="file is larger than the max_bytes limit")
    if not data.strip():
        return ReadProblem(origin=origin, reason="file contains only whitespace")
    kind = binary_kind(data)
    if kind:
        return ReadProblem(origin=origin, reason=f"not a text or HTML file: looks like {kind}")
    text = decode_bytes(data)
    if text is None:
        return ReadProblem(
            origin=origin,
            reason="cannot decode the text: not UTF-8, and no encoding gives readable text",
        )
    media_type = media_type_for(path, text)
    if media_type == "html" and not html_has_text(text):
        depth = html_depth(text)
        if depth > HTML_MAX_DEPTH:
            return ReadProblem(
                origin=origin,
                reason=f"HTML nests its tags {depth} levels deep, past the HTML parser's limit "
                f"of {HTML_MAX_DEPTH} levels, so its text cannot be read (save it as text)",
            )
        return ReadProblem(origin=origin, reason="HTML is broken or has no text in it")
    return RawItem(origin=origin, data=text.encode("utf-8"), media_type=media_type)


def binary_kind(data: bytes) -> str | None:
    """Name the binary format `data` starts with, or None if it may be text."""
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return None  # a text BOM
    for signature, name in BINARY_SIGNATURES:
        if data.startswith(signature):
            return name
    if b"\x00" in data[:SNIFF_BYTES]:
        return "a binary file (it contains NUL bytes)"
    return None


def decode_bytes(data: bytes) -> str | None:
    """Decode text bytes, or return None when every attempt gives garbage."""
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError:
                return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    candidates: list[str] = []
    best = charset_normalizer.from_bytes(data).best()
    if best is not None:
        if best.encoding in WESTERN_SINGLE_BYTE:
            cp1252 = _try_decode(data, "cp1252")
            if cp1252 is not None:
                candidates.append(cp1252)
        candidates.append(str(best))
    candidates.append(data.decode("cp1252", errors="replace"))
    for text in candidates:
        if not is_garbage(text):
            return text
    return None


def is_garbage(text: str) -> bool:
    """True when decoded text is clearly not language: control chars, U+FFFD, symbol soup."""
    sample = text[:20000]
    if not sample:
        return True
    bad = 0
    wordlike = 0
    for char in sample:
        category = unicodedata.category(char)
        if (
            char == "\ufffd"
            or category in ("Co", "Cn")
            or (category == "Cc" and char not in "\t\n\r\f")
        ):
            bad += 1
        elif category[0] in "LNZ" or char in "\t\n\r.,;:'\"!?()-":
            wordlike += 1
    return bad / len(sample) > MAX_GARBAGE_RATIO or wordlike / len(sample) < MIN_WORDLIKE_RATIO


def looks_like_html(text: str) -> bool:
    """Sniff markup in the first few KB: a doctype or common structural tags."""
    return bool(HTML_SNIFF.search(text[:SNIFF_BYTES]))


def media_type_for(path: Path, text: str) -> Literal["html", "text"]:
    """HTML or plain text: by extension first, by content when the extension says nothing."""
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    return "html" if looks_like_html(text) else "text"


def html_has_text(text: str) -> bool:
    """True when an HTML parser finds any visible words at all (not just stray markup)."""
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"))
    except (ParserError, ValueError):
        return False
    for junk in root.xpath("//script|//style|//noscript|//template"):
        junk.drop_tree()
    return any(char.isalnum() for char in root.text_content())


# libxml2's HTML parser drops everything nested deeper than this many elements.
HTML_MAX_DEPTH = 255
_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)[^>]*?(/?)>")
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
     "source", "track", "wbr"}
)  # fmt: skip


def html_depth(text: str) -> int:
    """How deep the tags of `text` nest (a tag scan, for explaining a parse that found
    nothing; unclosed tags count as open)."""
    depth = deepest = 0
    for match in _TAG.finditer(text):
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if name in _VOID or self_closing:
            continue
        depth = max(0, depth - 1) if closing else depth + 1
        deepest = max(deepest, depth)
    return deepest


def _read_folder(folder: Path, options: ReadOptions) -> Iterator[RawItem | ReadProblem]:
    errors: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=errors.append):
        yield from _folder_problems(errors)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or is_folder_document(name):
                continue
            path = Path(root) / name
            suffix = path.suffix.lower()
            if suffix in HTML_SUFFIXES or suffix in TEXT_SUFFIXES or _is_extensionless(path):
                yield read_file(path, options)
    yield from _folder_problems(errors)


def is_folder_document(name: str) -> bool:
    """README.md, LICENSE, CHANGELOG.txt...: a folder's own documentation, not an article.
    Skipped when walking a folder; still read when named on its own."""
    return name.split(".", 1)[0].upper() in FOLDER_DOCUMENT_NAMES


def _folder_problems(errors: list[OSError]) -> Iterator[ReadProblem]:
    while errors:
        error = errors.pop(0)
        yield ReadProblem(
            origin=str(error.filename), reason=f"cannot open folder: {error.strerror or error}"
        )


def _is_extensionless(path: Path) -> bool:
    return path.suffix == "" or not re.fullmatch(r"\.[A-Za-z][A-Za-z0-9]{0,7}", path.suffix)


def _is_hidden(parts: tuple[str, ...]) -> bool:
    return any(part.startswith(".") and part not in (".", "..") for part in parts)


def _first_magic_part(pattern: Path) -> int:
    """Index of the first path component with glob magic; hidden-file filtering starts
    there, so a pattern under a hidden folder the user named still matches."""
    for index, part in enumerate(pattern.parts):
        if glob.has_magic(part):
            return index
    return len(pattern.parts)


def _try_decode(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MiB"
    if size >= 1024:
        return f"{size / 1024:.1f} KiB"
    return f"{size} bytes"
