"""Near-duplicate detection: syndicated or republished copies of one article.

A wire story reprinted by ten sites is one source, not ten. We compare word
shingles with MinHash LSH (sub-linear lookup, so it scales to large stores) and
confirm candidates with the estimated Jaccard similarity. The earliest published
(then first seen) article of a copy group is the original.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cmp_to_key
from typing import TYPE_CHECKING

import numpy as np

from counterpoint.records import AnalyzedArticle, Article

if TYPE_CHECKING:  # datasketch imports scipy (0.4 s): loaded when first used
    from datasketch import MinHash, MinHashLSH

SHINGLE_WORDS = 5
NUM_PERM = 128
# Share of 5-word shingles two texts must have in common to be copies. Rewrites
# by different reporters share well under 0.2; a copy with a changed headline,
# byline and footer stays well above 0.5.
COPY_THRESHOLD = 0.5
_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """Lower-cased word n-grams of a text (the whole text when it is shorter)."""
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def signature(text: str) -> MinHash:
    """MinHash signature of a text's shingles."""
    from datasketch import MinHash

    minhash = MinHash(num_perm=NUM_PERM, seed=1)
    minhash.update_batch([shingle.encode("utf-8") for shingle in shingles(text)])
    return minhash


# how far into a text a wire credit ("(Meridian Press)") is looked for
CREDIT_CHARS = 400


@dataclass
class CopyDetector:
    """Incremental copy finder: `add` each article once, get back its original if any."""

    threshold: float = COPY_THRESHOLD
    _lsh: MinHashLSH = field(init=False)
    _signatures: dict[str, MinHash] = field(default_factory=dict, init=False)
    _published: dict[str, date | None] = field(default_factory=dict, init=False)
    _original_of: dict[str, str] = field(default_factory=dict, init=False)
    _order: dict[str, int] = field(default_factory=dict, init=False)
    # for same-day copies: who credits whom, and who added paragraphs
    _outlet: dict[str, str] = field(default_factory=dict, init=False)
    _head: dict[str, str] = field(default_factory=dict, init=False)
    _words: dict[str, int] = field(default_factory=dict, init=False)
    # originals that arrived after their copies: new original -> the roots it displaced
    _displaced: dict[str, set[str]] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        from datasketch import MinHashLSH

        self._lsh = MinHashLSH(threshold=self.threshold, num_perm=NUM_PERM)

    def __contains__(self, article_id: str) -> bool:
        return article_id in self._signatures

    def add(self, article: Article) -> str | None:
        """Index an article; return the id of the article it copies, or None."""
        if article.id in self._signatures:
            return self._original_of.get(article.id)
        self._outlet[article.id] = article.outlet.lower()
        self._head[article.id] = article.text[:CREDIT_CHARS].lower()
        self._words[article.id] = len(article.text.split())
        return self.add_signature(article.id, signature(article.text), article.published)

    def signature_of(self, article_id: str) -> MinHash | None:
        """The indexed signature of an article (to keep it in a store)."""
        return self._signatures.get(article_id)

    def add_signature(
        self, article_id: str, minhash: MinHash, published: date | None
    ) -> str | None:
        """`add` for a signature computed earlier (a warm start from the store)."""
        if article_id in self._signatures:
            return self._original_of.get(article_id)
        if minhash.is_empty():  # no words (a headline-only item): nothing to copy
            self._signatures[article_id] = minhash
            self._published[article_id] = published
            self._order[article_id] = len(self._order)
            return None
        candidates = [
            other
            for other in self._lsh.query(minhash)
            if minhash.jaccard(self._signatures[other]) >= self.threshold
        ]
        self._lsh.insert(article_id, minhash)
        self._signatures[article_id] = minhash
        self._published[article_id] = published
        self._order[article_id] = len(self._order)
        if not candidates:
            return None
        # Link to the root of the group, so a copy of a copy points at the original.
        roots = {self._original_of.get(c, c) for c in candidates}
        root: str = min(roots, key=cmp_to_key(self._compare_age))
        if self._compare_age(article_id, root) < 0:
            # The new article is older than what we had: it becomes the original.
            for copy, original in list(self._original_of.items()):
                if original in roots:
                    self._original_of[copy] = article_id
            for other in roots:
                self._original_of[other] = article_id
            self._displaced[article_id] = set(roots)
            return None
        self._original_of[article_id] = root
        return root

    def original_of(self, article_id: str) -> str | None:
        """The original an indexed article copies, or None."""
        return self._original_of.get(article_id)

    def displaced(self, article_id: str) -> set[str]:
        """Earlier-indexed articles that turned out to copy this later-arriving original."""
        return set(self._displaced.get(article_id, ()))

    def copies(self) -> dict[str, str]:
        """All copy -> original links found so far."""
        return dict(self._original_of)

    def _compare_age(self, a: str, b: str) -> int:
        """Negative when `a` is the original of the pair, positive when `b` is.

        Earlier publication wins. On the same day, a wire copy credits its source
        near the top ("HAVENMOUTH (Meridian Press) -"), and a copy adds paragraphs
        rather than cutting them; only then does reading order decide.
        """
        day_a = self._published.get(a) or date.max
        day_b = self._published.get(b) or date.max
        if day_a != day_b:
            return -1 if day_a < day_b else 1
        a_credits_b = self._outlet.get(b, "\0") in self._head.get(a, "")
        b_credits_a = self._outlet.get(a, "\0") in self._head.get(b, "")
        if a_credits_b != b_credits_a:
            return 1 if a_credits_b else -1
        words_a, words_b = self._words.get(a), self._words.get(b)
        if words_a and words_b and abs(words_a - words_b) > 0.03 * max(words_a, words_b):
            return -1 if words_a < words_b else 1
        return self._order.get(a, 0) - self._order.get(b, 0)


def signature_to_text(minhash: MinHash) -> str:
    """A signature as text ("scheme:dtype:base64 values"), for the store."""
    values = np.asarray(minhash.hashvalues)
    scheme = getattr(minhash, "scheme", "legacy")
    return f"{scheme}:{values.dtype.str}:" + base64.b64encode(values.tobytes()).decode()


def signature_from_text(text: str) -> MinHash:
    """Inverse of signature_to_text."""
    from datasketch import MinHash

    scheme, dtype, payload = text.split(":", 2)
    values = np.frombuffer(base64.b64decode(payload), dtype=np.dtype(dtype)).copy()
    return MinHash(num_perm=NUM_PERM, seed=1, hashvalues=values, scheme=scheme)


def find_copies(articles: Iterable[Article | AnalyzedArticle]) -> dict[str, str]:
    """Copy -> original links among a set of articles."""
    detector = CopyDetector()
    for item in articles:
        detector.add(item.article if isinstance(item, AnalyzedArticle) else item)
    return detector.copies()
