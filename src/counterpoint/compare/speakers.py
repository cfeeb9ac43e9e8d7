"""One identity per speaker across a story's articles, and misquote checks.

Why: a reader wants each speaker's statements from every outlet side by side, and
to know when two outlets put different words in the same mouth for what is clearly
the same remark. Entity keys are already unified across the story (same key = same
identity), so grouping is by key; a remark is "the same" when the two quotations
share most of their words in order (word-level sequence similarity), and the
differing words are shown. Quoting only part of a remark (trimming its start or end)
is ordinary practice and is not flagged; words changed, added or dropped inside it are,
and so is a quote that ends as a whole sentence ("... them quickly.") where the other
outlet's shows the sentence going on ("... them quickly, but I will not prejudge ...").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from difflib import SequenceMatcher
from functools import cache
from itertools import combinations

from counterpoint.analyze.attribution.quotes import find_quotes
from counterpoint.analyze.attribution.speaker_words import ROLE_ABBREVIATIONS
from counterpoint.records import (
    AUTHOR_SPEAKER,
    AnalyzedArticle,
    Attribution,
    Entity,
    EntityLabel,
    Misquote,
    Speaker,
    StatementRef,
)

SAME_REMARK = 0.6  # word-sequence similarity above which two quotes are one remark
MIN_WORDS = 5  # shorter quotes are too generic to call misquoted
QUOTED_KINDS = {"direct", "mixed", "statement", "denial"}
# "one in three" is "1 in 3": outlets differ in house style, not in the words quoted
NUMBER_WORDS = {
    word: str(number)
    for number, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve".split()
    )
}
ELISION = "…"  # a reporter's cut inside a quotation: words may differ there
ELLIPSIS = re.compile(r"\.\s?\.\s?\.|…|\[\.\.\.\]")
WORD = re.compile(r"[\w’'%$.-]+|…")
SENTENCE_END = re.compile(r"[.!?][\s”“\"’‘'»«)]*$")

Similarity = Callable[[list[str], list[str]], float]


def build_speakers(
    analyses: list[AnalyzedArticle], copies: Mapping[str, str] | None = None
) -> tuple[list[Speaker], list[Misquote]]:
    """Speakers of a story (grouped by entity key) and the misquotes among them.

    `copies` (copy article id -> original id) keeps syndicated copies out of the
    misquote check: a copy repeats its original's quotes, so it would only repeat
    each finding."""
    groups: dict[str, list[tuple[AnalyzedArticle, Attribution, Entity | None]]] = {}
    for analysis in analyses:
        by_id = {entity.id: entity for entity in analysis.entities}
        for attribution in analysis.attributions:
            entity = by_id.get(attribution.speaker_entity or "")
            key = entity.key if entity is not None else _name_key(attribution.speaker)
            if not key or key == AUTHOR_SPEAKER or (entity is None and _unnamed(key)):
                continue  # nobody to name, or the writer's own voice
            groups.setdefault(key, []).append((analysis, attribution, entity))
    speakers = [_speaker(key, members) for key, members in groups.items()]
    speakers.sort(key=lambda s: (-len(s.statements), s.key))
    misquotes: list[Misquote] = []
    for key, members in groups.items():
        originals = [m for m in members if m[0].article.id not in (copies or {})]
        misquotes.extend(find_misquotes(key, originals))
    return speakers, misquotes


def _speaker(
    key: str, members: list[tuple[AnalyzedArticle, Attribution, Entity | None]]
) -> Speaker:
    names = Counter(
        entity.name if entity is not None else attribution.speaker
        for _, attribution, entity in members
    )
    labels = Counter(entity.label for _, _, entity in members if entity is not None)
    # a person's fullest plain name ("Nancy Pelosi", not "Pelosi" or "Speaker Pelosi"),
    # else the most frequent name; ties go to the longer (fuller) name
    people = [
        entity.name
        for _, _, entity in members
        if entity is not None
        and entity.label is EntityLabel.PERSON
        and "," not in entity.name
        and ":speaker:" not in entity.id
    ]
    if people:
        name = max(people, key=lambda n: (len(n.split()), names[n], len(n)))
    else:
        name = max(names, key=lambda n: (names[n], len(n)))
    aliases = sorted(
        {n for n in names if n != name}
        | {a for _, _, e in members if e is not None for a in e.aliases if a != name}
    )
    return Speaker(
        key=key,
        name=name,
        label=labels.most_common(1)[0][0] if labels else EntityLabel.PERSON,
        aliases=aliases,
        statements=[
            StatementRef(article_id=analysis.article.id, attribution_id=attribution.id)
            for analysis, attribution, _ in members
        ],
    )


def quoted_text(attribution: Attribution) -> str:
    """The text inside quotation marks of a statement (all of it if unmarked)."""
    text = attribution.content.text
    quotes = find_quotes(text)
    if quotes:
        text = " ".join(text[slice(*quote.inner(text))] for quote in quotes)
    return text


def _word_matches(text: str) -> list[re.Match[str]]:
    return [m for m in WORD.finditer(text) if m.group(0) == ELISION or _word(m)]


def _word(match: re.Match[str]) -> str:
    word = match.group(0)
    return word if word == ELISION else word.strip(".-")


@cache
def _abbreviations() -> dict[str, str]:
    """ "sen" -> "senator": a title written short in one outlet and in full in another."""
    return {
        short.strip("."): full for full, shorts in ROLE_ABBREVIATIONS.items() for short in shorts
    }


def words_of(text: str) -> list[str]:
    """A quote's words as the misquote checks compare them: lower-cased, curly and
    straight apostrophes one, "same-sex" = "same sex", "Sen." = "senator", and a
    reporter's elision ("...", "…") kept as one ELISION mark."""
    return [word for word, _, _ in _located_words(text)]


def _located_words(text: str) -> list[tuple[str, str, int]]:
    """(compared form, word as written, offset in `text`) of each word of a quote."""
    plain = text.replace("’", "'").replace("‘", "'")
    plain = ELLIPSIS.sub(lambda m: ELISION.ljust(len(m.group(0))), plain)  # keeps offsets
    words: list[tuple[str, str, int]] = []
    for match in _word_matches(plain):
        word = _word(match).lower()
        if word == ELISION:
            words.append((word, word, match.start()))
            continue
        for part in word.split("-"):
            part = part.strip(".'")
            if part:
                written = text[match.start() : match.end()].strip(".-")
                part = NUMBER_WORDS.get(part, _abbreviations().get(part, part))
                words.append((part, written, match.start()))
    return words


def cut_short(short_text: str, long_text: str) -> list[str]:
    """Words the longer quote goes on with where the shorter one, presented as a whole
    sentence ("... them quickly."), stops in mid-sentence ("... them quickly, but I will
    not prejudge the investigation"); [] when it is not such a cut."""
    if not SENTENCE_END.search(short_text):
        return []
    short = words_of(short_text)
    located = _located_words(long_text)
    long = [word for word, _, _ in located]
    opcodes = SequenceMatcher(None, short, long, autojunk=False).get_opcodes()
    if len(opcodes) < 2 or opcodes[-1][0] != "insert" or opcodes[-2][0] != "equal":
        return []
    if any(tag != "equal" for tag, *_ in opcodes[1:-1]):
        return []  # reworded inside as well: reported as a rewording
    cut = opcodes[-1][3]
    if SENTENCE_END.search(long_text[: located[cut][2]]):
        return []  # the shorter quote stops where a sentence of the longer one does
    kept = dict.fromkeys((offset, written) for _, written, offset in located[cut:])
    return [written for _, written in kept if written != ELISION]


def sequence_similarity(a: list[str], b: list[str]) -> float:
    """How much of the shorter quote appears, in order, in the longer one (0..1)."""
    a, b = [w for w in a if w != ELISION], [w for w in b if w != ELISION]
    if not a or not b:
        return 0.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    shared = sum(block.size for block in matcher.get_matching_blocks())
    return shared / min(len(a), len(b))


def word_differences(a: list[str], b: list[str]) -> tuple[list[str], list[str]]:
    """Words only in A and only in B, ignoring a trimmed start or end (partial quotes)."""
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    opcodes = matcher.get_opcodes()
    only_a: list[str] = []
    only_b: list[str] = []
    for number, (tag, a1, a2, b1, b2) in enumerate(opcodes):
        if tag == "equal":
            continue
        at_edge = number == 0 or number == len(opcodes) - 1
        if at_edge and tag in ("delete", "insert"):
            continue  # one outlet quoted less of the remark
        if _elided(a, a1, a2) or _elided(b, b1, b2):
            continue  # one outlet marked its cut ("..."): the other's words there are no rewording
        only_a.extend(w for w in a[a1:a2] if w != ELISION)
        only_b.extend(w for w in b[b1:b2] if w != ELISION)
    return only_a, only_b


def _elided(words: list[str], start: int, end: int) -> bool:
    """The differing stretch is, or sits next to, an elision mark."""
    near = words[max(0, start - 1) : end + 1]
    return ELISION in near


def find_misquotes(
    key: str,
    members: list[tuple[AnalyzedArticle, Attribution, Entity | None]],
    similarity: Similarity = sequence_similarity,
    threshold: float = SAME_REMARK,
) -> list[Misquote]:
    """Pairs of one speaker's quotes in different outlets that are the same remark in
    different words. `similarity` may be swapped for an embedding score."""
    texts = [
        (analysis, attribution, quoted_text(attribution))
        for analysis, attribution, _ in members
        if attribution.kind in QUOTED_KINDS
    ]
    quoted = [
        (analysis, attribution, text, words_of(text)) for analysis, attribution, text in texts
    ]
    found: list[Misquote] = []
    by_article: dict[str, list[list[str]]] = {}
    for analysis, _, _, words in quoted:
        by_article.setdefault(analysis.article.id, []).append(words)
    for (art_a, att_a, text_a, words_a), (art_b, att_b, text_b, words_b) in combinations(quoted, 2):
        if art_a.article.id == art_b.article.id or art_a.article.outlet == art_b.article.outlet:
            continue
        if min(len(words_a), len(words_b)) < MIN_WORDS:
            continue
        score = similarity(words_a, words_b)
        if score < threshold:
            continue
        only_a, only_b = word_differences(words_a, words_b)
        kind = "reworded"
        if (only_a or only_b) and (
            _carries(by_article[art_b.article.id], words_a)
            or _carries(by_article[art_a.article.id], words_b)
        ):
            continue  # the other outlet also quotes these very words: two remarks, not one
        if not only_a and not only_b:
            only_a = cut_short(text_b, text_a)
            only_b = cut_short(text_a, text_b)
            kind = "truncated"
            if not only_a and not only_b:
                continue
        found.append(
            Misquote(
                speaker_key=key,
                a=StatementRef(article_id=art_a.article.id, attribution_id=att_a.id),
                b=StatementRef(article_id=art_b.article.id, attribution_id=att_b.id),
                similarity=round(score, 3),
                kind=kind,
                only_in_a=only_a,
                only_in_b=only_b,
            )
        )
    return found


def _carries(quotes: list[list[str]], words: list[str]) -> bool:
    """One of an outlet's quotes holds `words` word for word."""
    wanted = [w for w in words if w != ELISION]
    size = len(wanted)
    for quote in quotes:
        plain = [w for w in quote if w != ELISION]
        if any(plain[i : i + size] == wanted for i in range(len(plain) - size + 1)):
            return True
    return False


def _unnamed(key: str) -> bool:
    """An unresolved speaker ("unnamed speaker"): not one identity across a story."""
    return key.startswith("unnamed") or key == "unknown"


def _name_key(name: str) -> str:
    return " ".join(name.lower().split())
