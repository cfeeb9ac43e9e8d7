"""Who said what on real news: BASIL quotes with their gold speaker, scored on the product path.

Run:  nice -n 10 .venv/bin/python benchmarks/speakers.py [--split tune|test|all] [--limit N]
          [--errors N] [--exclude-ids-from DIR] [--cache DIR]

Data: $COUNTERPOINT_DATA/stories/basil (default <repo>/../shared/data): BASIL (Fan et al.
2019) 2010-2014, articles and annotations whose quote spans carry the gold speaker's name
("Nancy_Pelosi"); generic speakers ("other_pro", "other_anti") are left out. Skips cleanly
when the data is absent.

What runs is the product's own path, the one the desk runs: each article goes through
read_text_input -> extract -> analyze_article (entities, attributions, speaker resolution),
then the story's three articles through compare.identities.unify and
compare.speakers.build_speakers, and the speaker a reader is shown is the story speaker's
name. No benchmark-only entity helper is involved.

Split: 2014 (10 triplets, ~20%) is the test split, kept aside; tuning reads errors from
2010-2013 only, less any stories named by --exclude-ids-from (another held-out set, e.g.
the coordinator's gold test stories). Both splits are reported.

Metrics (per split):
* speaker accuracy: over gold quotes one of our statements covers (half of its characters
  or more), the shown speaker is the gold speaker (counterpoint.analyze.names: same person
  with titles, nicknames and particles allowed, or the same organisation); `legacy` is the
  older, looser check (the names share a word) kept to compare with earlier figures.
  Coverage (attributed / gold quotes) is reported beside it.
  `named gold` is the same over quotes whose gold speaker is a person or organisation, not a
  group ("Republican Lawmakers", "Catholics": BASIL names the side a quote speaks for even
  where the article names the member who said it).
* where resolution was needed: the same over quotes whose source phrase was a pronoun, a
  role noun ("the spokesman"), a surname only ("Pelosi", "Mr. Obama") or missing.
  `group rule` (a separate row, an upper bound): a group-gold quote also counts when shown
  under a named speaker who is no other gold speaker of the story; membership of the group
  is not checked, so this row is never the headline figure.
* identity splits, per story: the gold speakers (people and bodies, not groups) that more
  than one shown identity stands for by its name or an alias, however long the phrase
  ("Harry Reid" and "Senator Harry Reid of Nevada, the Senate majority leader ..."), over
  the gold speakers some identity stands for. Merges: shown identities that hold quotes of
  two gold people, or that carry one gold person's name while holding a namesake's quote
  ("Sasha Obama" holding the president's words), over the identities shown.
* junk rate: over every statement the product shows (all articles of the split): speakers
  that are neither a named entity, a titled role / group noun ("a senior Pentagon
  official", "Democrats") nor plainly unnamed; and statements under three words that are
  not quotations.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "benchmarks"))

from basil_stories import data_root, story_text, triplets  # noqa: E402

if TYPE_CHECKING:
    from counterpoint.records import AnalyzedArticle, Article

TEST_YEARS = range(2014, 2015)
TUNE_YEARS = range(2010, 2014)
QUOTE_MARKS = '“”"‘’«»'


@dataclass
class Tally:
    gold: int = 0
    attributed: int = 0
    correct: int = 0
    legacy: int = 0
    named_attributed: int = 0  # gold speaker is a person or organisation, not a group
    named_correct: int = 0
    group_rule: int = 0  # correct, or a group's quote under someone who is no other gold speaker
    needs: Counter[str] = field(default_factory=Counter)
    needs_ok: Counter[str] = field(default_factory=Counter)
    gold_speakers: int = 0
    splits: int = 0
    identities: int = 0
    merges: int = 0
    statements: int = 0
    junk_speakers: int = 0
    junk_statements: int = 0
    unnamed: int = 0
    errors: list[dict[str, str]] = field(default_factory=list)
    split_examples: list[str] = field(default_factory=list)
    merge_examples: list[str] = field(default_factory=list)
    junk_examples: list[str] = field(default_factory=list)

    def report(self) -> dict[str, object]:
        needed = sum(self.needs.values())
        needed_ok = sum(self.needs_ok.values())
        return {
            "gold_quotes": self.gold,
            "attributed": self.attributed,
            "coverage": _ratio(self.attributed, self.gold),
            "speaker_accuracy": _ratio(self.correct, self.attributed),
            "speaker_accuracy_legacy": _ratio(self.legacy, self.attributed),
            "named_gold_quotes": self.named_attributed,
            "speaker_accuracy_named_gold": _ratio(self.named_correct, self.named_attributed),
            "speaker_accuracy_group_rule": _ratio(self.group_rule, self.attributed),
            "needs_resolution": needed,
            "resolution_accuracy": _ratio(needed_ok, needed),
            "resolution_by_kind": {
                kind: {"n": n, "accuracy": _ratio(self.needs_ok[kind], n)}
                for kind, n in sorted(self.needs.items())
            },
            "gold_speakers": self.gold_speakers,
            "splits": self.splits,
            "split_rate": _ratio(self.splits, self.gold_speakers),
            "identities": self.identities,
            "merges": self.merges,
            "merge_rate": _ratio(self.merges, self.identities),
            "statements_shown": self.statements,
            "junk_speaker_rate": _ratio(self.junk_speakers, self.statements),
            "junk_statement_rate": _ratio(self.junk_statements, self.statements),
            "unnamed_rate": _ratio(self.unnamed, self.statements),
            "split_examples": self.split_examples[:10],
            "merge_examples": self.merge_examples[:10],
            "junk_examples": self.junk_examples[:20],
        }


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def gold_quotes(article_path: Path, text: str) -> list[tuple[int, int, str]]:
    """(start, end, gold speaker) of an article's named-speaker quotes, found in `text`."""
    year = article_path.parent.name
    ann = data_root() / "stories" / "basil" / "annotations" / year
    ann_path = ann / article_path.name.replace(".json", "_ann.json")
    if not ann_path.exists():
        return []
    annotations = json.loads(ann_path.read_text(encoding="utf-8"))
    found = []
    for phrase in annotations.get("phrase-level-annotations", []):
        speaker = phrase.get("speaker", "")
        quote = phrase.get("txt", "").strip()
        if phrase.get("quote") != "yes" or not speaker or speaker.lower().startswith("other"):
            continue
        start = text.find(quote) if quote else -1
        if start >= 0:
            found.append((start, start + len(quote), speaker.replace("_", " ")))
    return found


def names_match(shown: str, label: str | None, gold: str) -> bool:
    """The shown speaker is the gold one: the same person (titles, nicknames, particles
    allowed) or the same organisation."""
    from counterpoint.analyze.names import fold, same_org, same_person

    if fold(shown) == fold(gold) or same_org(shown, gold) or same_org(gold, shown):
        return True
    if label in (None, "PERSON") and same_person(shown, gold):
        return True
    gold_words = set(fold(gold).split())
    return (
        label not in (None, "PERSON")
        and len(gold_words) > 1
        and gold_words <= set(fold(shown).split())
    )


def is_group(gold: str) -> bool:
    """A gold speaker that is a group ("Republican Lawmakers", "internet companies",
    "Catholics"): BASIL names the side a quote speaks for, where the article quotes one
    member, so naming the member is not wrong; such quotes are reported apart."""
    from counterpoint.analyze.attribution.speaker_words import GROUP_NOUNS, PERSON_ROLE_NOUNS

    head = gold.split()[-1].lower() if gold.split() else ""
    return head.endswith("s") and (head in GROUP_NOUNS or head in PERSON_ROLE_NOUNS)


def _legacy(shown: str, gold: str) -> bool:
    stop = {"the", "a", "an", "of", "mr", "mrs", "ms", "dr", "and"}

    def words(text: str) -> set[str]:
        return {w.strip(".,’'\"“”").lower() for w in text.split()} - stop - {""}

    return bool(words(shown) & words(gold))


def _cached_doc(cache: Path, path: Path, text: str, nlp: object) -> object:
    """The parsed article, kept in `cache` between runs (tuning only)."""
    from spacy.tokens import Doc

    cached = cache / (path.stem + ".spacy")
    vocab = nlp.vocab  # type: ignore[attr-defined]
    if cached.exists():
        doc = Doc(vocab).from_bytes(cached.read_bytes())
        if doc.text == text:
            return doc
    doc = nlp(text)  # type: ignore[operator]
    cache.mkdir(parents=True, exist_ok=True)
    partial = cached.with_suffix(".part")
    partial.write_bytes(doc.to_bytes())
    partial.replace(cached)  # whole or absent, for a second run sharing the cache
    return doc


def _speakers_only(article: Article, doc: Any) -> AnalyzedArticle:
    """analyze_article's entity and attribution steps on a cached parse, claims left out
    (they play no part in speakers): for quick tuning runs (--cache)."""
    from counterpoint.analyze.attribution import find_attributions
    from counterpoint.analyze.entities import find_entities
    from counterpoint.analyze.sentences import split_sentences
    from counterpoint.records import AnalyzedArticle

    sentences = split_sentences(doc)
    entities = find_entities(doc, article.id)
    attributions, new = find_attributions(doc, sentences, entities, article.id)
    return AnalyzedArticle(
        article=article,
        sentences=sentences,
        entities=entities + new,
        attributions=attributions,
        claims=[],
    )


def score_story(
    story_id: str, paths: list[Path], nlp: object, tally: Tally, cache: Path | None = None
) -> None:
    from counterpoint.analyze.article import analyze_article
    from counterpoint.analyze.attribution.speaker_words import is_reader_speaker, source_kind
    from counterpoint.compare.identities import unify
    from counterpoint.compare.speakers import build_speakers
    from counterpoint.extract import extract
    from counterpoint.read.files import read_text_input

    analyses = []
    golds = {}
    for path in paths:
        raw = json.loads(path.read_text(encoding="utf-8"))
        item = read_text_input(story_text(raw), origin=f"{story_id}/{raw['source']}.txt")
        article = extract(item)
        if cache is None:
            analysis = analyze_article(article, nlp)  # type: ignore[arg-type]
        else:
            analysis = _speakers_only(article, _cached_doc(cache, path, article.text, nlp))
        analyses.append(analysis)
        golds[analysis.article.id] = gold_quotes(path, analysis.article.text)
    analyses = unify(analyses)
    speakers, _ = build_speakers(analyses)
    shown: dict[tuple[str, str], tuple[str, str, str]] = {}  # -> key, name, label
    for speaker in speakers:
        for ref in speaker.statements:
            shown[(ref.article_id, ref.attribution_id)] = (
                speaker.key,
                speaker.name,
                speaker.label.value,
            )
    per_key: dict[str, set[str]] = defaultdict(set)
    key_names = {speaker.key: speaker.name for speaker in speakers}
    story_golds = {gold for found in golds.values() for _, _, gold in found}
    for analysis in analyses:
        text = analysis.article.text
        by_id = {e.id: e for e in analysis.entities}
        for att in analysis.attributions:
            tally.statements += 1
            entity = by_id.get(att.speaker_entity or "")
            if not is_reader_speaker(att.speaker, entity):
                tally.junk_speakers += 1
                tally.junk_examples.append(f"speaker {att.speaker!r}")
            if att.speaker.startswith("unnamed") or att.speaker_entity is None:
                tally.unnamed += 1
            words = att.content.text.split()
            if len(words) < 3 and not any(c in QUOTE_MARKS for c in att.content.text):
                tally.junk_statements += 1
                tally.junk_examples.append(f"statement {att.content.text!r}")
        for start, end, gold in golds[analysis.article.id]:
            tally.gold += 1
            best = None
            for att in analysis.attributions:
                shared = max(0, min(end, att.content.end) - max(start, att.content.start))
                if shared >= 0.5 * (end - start) and (best is None or shared > best[0]):
                    best = (shared, att)
            if best is None:
                continue
            att = best[1]
            tally.attributed += 1
            key, name, label = shown.get((analysis.article.id, att.id), ("", att.speaker, None))
            ok = names_match(name, label, gold)
            tally.correct += ok
            tally.group_rule += ok or (
                is_group(gold)
                and bool(key)
                and not any(names_match(name, label, other) for other in story_golds)
            )
            tally.legacy += _legacy(name, gold)
            if not is_group(gold):
                tally.named_attributed += 1
                tally.named_correct += ok
            source = att.source.text if att.source else ""
            kind = source_kind(source)
            if kind != "named":
                tally.needs[kind] += 1
                tally.needs_ok[kind] += ok
            if not ok:
                tally.errors.append(
                    {
                        "story": story_id,
                        "outlet": analysis.article.outlet or "",
                        "gold": gold,
                        "shown": name,
                        "source": source,
                        "kind": kind,
                        "quote": text[start:end][:120],
                        "context": text[max(0, att.content.start - 150) : att.content.end + 80],
                    }
                )
            if key and not is_group(gold):
                per_key[key].add(gold)
    score_identities(story_id, speakers, story_golds, per_key, key_names, tally)


def denotes(name: str, gold: str) -> bool:
    """A shown speaker name that stands for the gold speaker, however long the phrase
    around it ("Senator Harry Reid of Nevada, the Senate majority leader ...", "a
    statement from Harry Reid's office"): the gold's full name is in it, or its surname
    with no other first name before it ("Sasha Obama" is not Barack Obama)."""
    from counterpoint.analyze.attribution.resolve import OWNED_VOICES
    from counterpoint.analyze.names import name_data, person_words, same_first_name

    if names_match(name, None, gold):
        return True
    gold_words = person_words(gold)
    if is_group(gold) or len(gold_words) < 2:
        return False
    raw = name.split()
    for number, word in enumerate(raw):
        possessive = word.endswith(("’s", "'s"))
        bare = (word[:-2] if possessive else word).strip(".,;:()’'\"“”")
        if bare.lower() != gold_words[-1]:
            continue
        before = raw[number - 1].strip(".,;:()") if number else ""
        after = raw[number + 1].lower() if number + 1 < len(raw) else ""
        # the name's end: the phrase stops, or goes on with an apposition or "of
        # Nevada"; "Reid's office" is Reid's voice, "Weiner's spokesman" is another
        # person and "Obama administration" a body
        ends = not after or word.endswith((",", ")")) or after in ("of", "(")
        if possessive:
            ends = after.strip(".,;:") in OWNED_VOICES
        titled = not before or before.lower() in name_data().title_words
        first = before[:1].isupper() and same_first_name(before.lower(), gold_words[0])
        if ends and (titled or first or not before[:1].isupper()):
            return True
    return False


def score_identities(
    story_id: str,
    speakers: list[Any],
    story_golds: set[str],
    per_key: dict[str, set[str]],
    key_names: dict[str, str],
    tally: Tally,
) -> None:
    """Splits: a gold person or body (not a group) that more than one shown identity
    stands for, by name or alias ("Harry Reid" and "Senator Harry Reid of Nevada, the
    Senate majority leader ..."); merges: one shown identity that holds quotes of two
    gold speakers, or is shown under one gold person's name while holding another's
    quote ("Sasha Obama" holding the president's words)."""
    from counterpoint.analyze.names import fold, same_person

    named = [g for g in story_golds if not is_group(g)]
    distinct: list[str] = []
    for gold in sorted(named, key=len, reverse=True):
        if not any(same_person(gold, d) or fold(gold) == fold(d) for d in distinct):
            distinct.append(gold)
    for gold in distinct:
        holders = [sp for sp in speakers if any(denotes(n, gold) for n in [sp.name, *sp.aliases])]
        if not holders:
            continue
        tally.gold_speakers += 1
        if len(holders) > 1:
            tally.splits += 1
            tally.split_examples.append(f"{story_id}: {gold} -> {sorted(h.name for h in holders)}")
    for speaker in speakers:
        tally.identities += 1
        held = [
            g
            for g in distinct
            if any(same_person(g, h) or fold(g) == fold(h) for h in per_key.get(speaker.key, ()))
        ]
        shown_as = [g for g in distinct if denotes(speaker.name, g)]
        wrong_namesake = [
            g
            for g in held
            if shown_as
            and g not in shown_as
            and any(same_person(g.split()[-1], s) for s in shown_as)
        ]
        if len(held) > 1 or wrong_namesake:
            tally.merges += 1
            tally.merge_examples.append(f"{story_id}: {key_names[speaker.key]} <- {sorted(held)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("tune", "test", "all"), default="all")
    parser.add_argument("--limit", type=int, default=None, help="stories per split")
    parser.add_argument("--errors", type=int, default=0, help="print N tune-split errors")
    parser.add_argument(
        "--exclude-ids-from",
        type=Path,
        default=None,
        help="a folder whose entries are named by story id (ID or ID.json): those stories are "
        "left out of the tune split and their errors never printed (someone else's held-out set)",
    )
    parser.add_argument(
        "--cache",
        type=Path,
        default=None,
        help="keep parses here and skip claims (quick tuning runs; reported figures run without)",
    )
    parser.add_argument(
        "--out", type=Path, default=REPO / "benchmarks" / "results" / "speakers.json"
    )
    args = parser.parse_args()
    root = data_root() / "stories" / "basil"
    if not root.exists():
        print(f"BASIL not found at {root}; set COUNTERPOINT_DATA. Skipping.")
        return
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    from counterpoint.models import spacy_english

    nlp = spacy_english()
    hidden = (
        {p.name.split(".")[0] for p in args.exclude_ids_from.iterdir()}
        if args.exclude_ids_from
        else set()
    )
    splits = {"tune": TUNE_YEARS, "test": TEST_YEARS}
    chosen = list(splits) if args.split == "all" else [args.split]
    results: dict[str, dict[str, object]] = {}
    started = time.perf_counter()
    tallies: dict[str, Tally] = {}
    for split in chosen:
        tally = Tally()
        stories = sorted(triplets(splits[split]).items())
        if split == "tune":
            stories = [(sid, paths) for sid, paths in stories if sid not in hidden]
        stories = stories[: args.limit]
        for story_id, paths in stories:
            score_story(story_id, paths, nlp, tally, args.cache)
        tallies[split] = tally
        results[split] = {"stories": len(stories), **tally.report()}
    elapsed = time.perf_counter() - started
    print_table(results)
    if args.errors and "tune" in tallies:
        shown = [e for e in tallies["tune"].errors if e["story"] not in hidden]
        for error in shown[: args.errors]:
            print(json.dumps(error, ensure_ascii=False))
    payload = {
        "data": str(root),
        "command": "benchmarks/speakers.py " + " ".join(sys.argv[1:]),
        "seconds": round(elapsed, 1),
        "results": results,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(payload, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"wrote {args.out}")


def print_table(results: dict[str, dict[str, object]]) -> None:
    rows = [
        ("stories", "stories"),
        ("gold quotes", "gold_quotes"),
        ("coverage", "coverage"),
        ("speaker accuracy", "speaker_accuracy"),
        ("  legacy (shares a word)", "speaker_accuracy_legacy"),
        ("quotes, gold not a group", "named_gold_quotes"),
        ("  speaker accuracy there", "speaker_accuracy_named_gold"),
        ("accuracy, group rule (*)", "speaker_accuracy_group_rule"),
        ("resolution needed (n)", "needs_resolution"),
        ("  accuracy there", "resolution_accuracy"),
        ("gold speakers shown", "gold_speakers"),
        ("  split (n)", "splits"),
        ("identity split rate", "split_rate"),
        ("identities shown", "identities"),
        ("  merged (n)", "merges"),
        ("identity merge rate", "merge_rate"),
        ("junk speaker rate", "junk_speaker_rate"),
        ("junk statement rate", "junk_statement_rate"),
        ("unnamed rate", "unnamed_rate"),
    ]
    splits = list(results)
    print(
        "(*) group rule: a quote whose gold speaker is a group (BASIL names the side, e.g.\n"
        "    'Republican Lawmakers') also counts when it is shown under a named speaker who\n"
        "    is no other gold speaker of the story; membership is not checked (upper bound)."
    )
    print(f"{'BASIL speakers':<28}" + "".join(f"{s:>10}" for s in splits))
    for label, key in rows:
        print(f"{label:<28}" + "".join(f"{results[s][key]!s:>10}" for s in splits))
    for split in splits:
        kinds = results[split]["resolution_by_kind"]
        assert isinstance(kinds, dict)
        parts = ", ".join(f"{k} {v['accuracy']} over {v['n']}" for k, v in kinds.items())
        print(f"{split}: by source kind: {parts}")
        for name in ("split_examples", "merge_examples"):
            examples = results[split][name]
            assert isinstance(examples, list)
            for example in examples[:5]:
                print(f"{split}: {name[:-9]}: {example}")


if __name__ == "__main__":
    main()
