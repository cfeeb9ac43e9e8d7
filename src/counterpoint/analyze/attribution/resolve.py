"""Speaker resolution: turn a source phrase into the entity that spoke.

Why this order: a source that names an entity is that entity; a pronoun ("she
added") goes to the most recent compatible speaker, because news text re-cites the
speaker it just quoted; a nominal ("the ministry", "the official") goes to an earlier
entity or nominal speaker with the same head word; anything else ("a senior Pentagon
official") becomes a new entity so later mentions can link back to it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Token
from spacy.tokens import Span as Span_

from counterpoint.analyze.attribution.speaker_words import (
    ALL_PRONOUNS,
    DETERMINERS,
    GROUP_PRONOUNS,
    ORGANISATION_NOUNS,
    PERSON_ROLE_NOUNS,
    PERSONAL_PRONOUNS,
    ROLE_ABBREVIATIONS,
    STATEMENT_WORDS,
    THING_PRONOUNS,
)
from counterpoint.analyze.doctext import doc_text
from counterpoint.analyze.entities import entity_key
from counterpoint.analyze.names import is_party_tag, same_person, strip_title
from counterpoint.package_files import read_text
from counterpoint.records import AUTHOR_SPEAKER, Entity, EntityLabel, Span

CharRange = tuple[int, int]
RELATIVE_PRONOUNS = {"which", "who", "that", "whom"}
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
POSSESSIVE = re.compile(r"(?:’s|'s|’|')$")
TRAILING_JOINER = re.compile(r"(?:[\s,]+(?:and|or|but))+$")
SPEAKER_LABELS = {EntityLabel.PERSON, EntityLabel.ORG, EntityLabel.GPE, EntityLabel.NORP}
LABEL_PREFERENCE = {
    EntityLabel.PERSON: 0,
    EntityLabel.ORG: 1,
    EntityLabel.NORP: 2,
    EntityLabel.GPE: 3,
}
RECENT_SPEAKERS = 4  # how many earlier speakers a pronoun may skip back over
INDEFINITE = {"a", "an", "another", "one", "some"}
FIRST_NAME_VOTES = 3  # as strong as one honorific: the text's own pronouns can overrule it
UNNAMED_SPEAKER = "unnamed source"  # shown where nobody can be named, rather than a guess
ROLE_WINDOW = 60  # characters around a name searched for its role noun ("spokesman X")
# words that put a name inside a phrase about someone else ("an adviser to Mr. Reid")
LINKING_WORDS = {"a", "an", "the", "to", "for", "of", "from", "with", "by", "at", "and", "or"}
POSTMODIFIERS = {"prep", "appos", "acl", "relcl"}
FORMER_WORDS = {"former", "ex", "late", "then"}
# what a person's own voice is issued through: "Reid's office said" is Reid speaking
OWNED_VOICES = {"office", "campaign"}
ORGANISATION_WINDOW = 400  # characters back to an organisation "the group" can mean


@dataclass
class Resolution:
    """Who spoke: display name and entity id (None when nobody can be named)."""

    name: str
    entity_id: str | None


@dataclass
class _Speaker:
    entity: Entity
    offset: int


@dataclass
class SpeakerResolver:
    """Resolves source phrases of one article, in text order, remembering speakers."""

    doc: Doc
    entities: list[Entity]
    article_id: str
    new_entities: list[Entity] = field(default_factory=list)
    history: list[_Speaker] = field(default_factory=list)
    genders: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.genders = guess_genders(self.doc, self.entities)

    def resolve(self, source: CharRange | None, offset: int) -> Resolution:
        """Speaker of a source span at `offset` (the cue position)."""
        if source is None:
            return self._pronoun("", offset) if self.history else Resolution(UNNAMED_SPEAKER, None)
        text = doc_text(self.doc)[source[0] : source[1]]
        words = _normal_words(text)
        entity: Entity | None
        if words in (["i"], ["me"], ["my"]):
            return Resolution(AUTHOR_SPEAKER, None)  # sources inside quotes never get here
        if len(words) == 1 and words[0] in ALL_PRONOUNS:
            return self._pronoun(words[0], offset)
        if len(words) == 1 and words[0] in RELATIVE_PRONOUNS:
            antecedent = _antecedent(self.doc, source)
            if antecedent is not None:
                return self.resolve(antecedent, offset)
        entity = self._named(source) or self._person_by_name(source, offset)
        if entity is None:
            entity = self._nominal(words, source, offset)
        self.history.append(_Speaker(entity, offset))
        return Resolution(display(entity.name), entity.id)

    # -- named sources -------------------------------------------------------------
    def _named(self, source: CharRange) -> Entity | None:
        span = _source_span(self.doc, source)
        head = span.root if span is not None else None
        best: tuple[int, int, Entity] | None = None
        for entity in self.entities + self.new_entities:
            if entity.label not in SPEAKER_LABELS:
                continue
            for mention in entity.mentions:
                if mention.end <= source[0] or mention.start >= source[1]:
                    continue
                holds_head = head is not None and mention.start <= head.idx < mention.end
                rank = (0 if holds_head else 1, LABEL_PREFERENCE.get(entity.label, 9))
                if best is None or rank < best[:2]:
                    best = (rank[0], rank[1], entity)
        if best is None or best[0] == 1:
            # "a senior Pentagon official": the official speaks, not the Pentagon; but
            # "an aide, Elizabeth Lauten," names the aide, and a source that opens with a
            # person's name is that person however the parser attached the rest
            # ("Senator Harry Reid of Nevada, the Senate majority leader ... facing ...")
            if span is None:
                return None
            return self._leading_person(span, source) or self._apposed_person(span)
        return best[2]

    def _leading_person(self, span: Span_, source: CharRange) -> Entity | None:
        """The person whose name opens the source, only titles and capitalised words
        before it ("Senator Harry Reid of Nevada, ..."; not "an adviser to Mr. Reid")."""
        text = doc_text(self.doc)
        first: tuple[int, Entity] | None = None
        for entity in self.entities:
            if entity.label is not EntityLabel.PERSON:
                continue
            for mention in entity.mentions:
                if source[0] <= mention.start < source[1] and (
                    first is None or mention.start < first[0]
                ):
                    first = (mention.start, entity)
        if first is not None:
            before = text[source[0] : first[0]]
            words = before.split()
            plain_role = not LINKING_WORDS & {w.lower().strip(",") for w in words}
            # "Tea party activist Alex Poulter, who ..." names Poulter; "an adviser to
            # Mr. Reid", "the aide, Elizabeth Lauten" and "Obama spokesman Bill Burton"
            # (the name only qualifies the noun after it) do not
            end = self._mention_end(first[1], first[0])
            name = self.doc.char_span(first[0], end, alignment_mode="expand")
            modifier = name is not None and any(
                t.head.i > t.i and t.head.idx >= end and t.head.pos_ in ("NOUN", "PROPN")
                for t in name
            )
            if plain_role and "," not in before and not modifier:
                return first[1]
        return self._leading_name(span)

    @staticmethod
    def _mention_end(entity: Entity, start: int) -> int:
        return next((m.end for m in entity.mentions if m.start == start), start)

    def _leading_name(self, span: Span_) -> Entity | None:
        """A source opening with a full name the tagger missed, then a comma ("Rahm
        Emanuel, the mayor of Chicago ..."): the person of that surname already named,
        or a new person."""
        names = []
        for token in span:
            if token.pos_ != "PROPN" or not token.text[:1].isupper():
                break
            names.append(token)
        rest = span[len(names) :] if len(names) < len(span) else None
        if not names or rest is None or rest[0].text != ",":
            return None
        name = doc_text(self.doc)[names[0].idx : names[-1].idx + len(names[-1].text)]
        core, _ = strip_title(name)
        known = [
            entity
            for entity in self.entities
            if entity.label is EntityLabel.PERSON and same_person(core, entity.name)
        ]
        if len(known) == 1 or (known and len(core.split()) >= 2):
            return known[0]  # "Lauten, who works for ...": the Lauten already named
        return self._new_person(names[-1]) if len(core.split()) >= 2 else None

    def _apposed_person(self, span: Span_) -> Entity | None:
        """The person named in apposition to a role noun in the source ("the aide,
        Elizabeth Lauten, 31, ..."); a proper name there the tagger missed or took for
        an organisation ("One of its members, Demetrios Minor,") becomes a person."""
        for token in span:
            if token.dep_ != "appos" or token.head.pos_ not in ("NOUN", "PROPN", "NUM"):
                continue
            for entity in self.entities:
                if entity.label == EntityLabel.PERSON and any(
                    mention.start <= token.idx < mention.end for mention in entity.mentions
                ):
                    return entity
            if token.pos_ == "PROPN" and token.head.pos_ != "PROPN":
                return self._new_person(token)
        return None

    def _new_person(self, token: Token) -> Entity | None:
        """A person entity for a proper name with its compound first names."""
        words = [t for t in token.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
        if not words or not all(t.text[:1].isupper() for t in [*words, token]):
            return None  # a bare word ("Minor") is too little to name a person by
        start, end = words[0].idx, token.idx + len(token.text)
        name = doc_text(self.doc)[start:end]
        key = entity_key(name, EntityLabel.PERSON)
        for entity in self.new_entities:
            if entity.key == key:
                return entity
        entity = Entity(
            id=f"{self.article_id}:speaker:{len(self.new_entities)}",
            key=key,
            name=name,
            label=EntityLabel.PERSON,
            mentions=[Span(start=start, end=end, text=name)],
        )
        self.new_entities.append(entity)
        return entity

    def _person_by_name(self, source: CharRange, offset: int) -> Entity | None:
        """'Harlow', 'Mr Paget', 'Sen. Schumer' where the NER missed the name: the person
        already named whose name it shortens; of two sharing the surname, the one named
        nearest before."""
        text = display(doc_text(self.doc)[source[0] : source[1]]).strip(" ,")
        words = text.split()
        if not words or len(words) > 4 or not all(w[:1].isupper() for w in words):
            return None
        people = [
            e for e in self.entities if e.label == EntityLabel.PERSON and same_person(text, e.name)
        ]
        if not people:
            return None
        before = [(m.start, e) for e in people for m in e.mentions if m.start < offset]
        if before:
            return max(before, key=lambda pair: pair[0])[1]
        return people[0] if len(people) == 1 else None

    # -- pronouns ------------------------------------------------------------------
    def _pronoun(self, word: str, offset: int) -> Resolution:
        recent = [s for s in reversed(self.history) if s.offset <= offset][:RECENT_SPEAKERS]
        wanted = _compatible_labels(word)
        for speaker in recent:
            if (
                speaker.entity.label in wanted
                and _agrees_in_number(word, speaker.entity)
                and self._agrees_in_gender(word, speaker.entity)
            ):
                self.history.append(_Speaker(speaker.entity, offset))
                return Resolution(display(speaker.entity.name), speaker.entity.id)
        if recent:
            # machine-translated text calls a ministry "she": the only recent speaker
            # wins, unless a person has been named since it spoke
            distinct = {s.entity.id for s in recent}
            named_since = self._person_named_between(recent[0].offset, offset)
            if (len(distinct) == 1 and not named_since) or not wanted:
                chosen = recent[0].entity
                self.history.append(_Speaker(chosen, offset))
                return Resolution(display(chosen.name), chosen.id)
        mention = self._nearest_mention(wanted, offset, word) or self._nearest_mention(
            wanted, offset
        )
        if mention is not None:
            self.history.append(_Speaker(mention, offset))
            return Resolution(display(mention.name), mention.id)
        return Resolution(UNNAMED_SPEAKER, None)  # no compatible speaker: say so, never guess

    def _recent_person(self, offset: int) -> Entity | None:
        """The last named person who spoke, within the last few speakers."""
        recent = [s for s in reversed(self.history) if s.offset <= offset][:RECENT_SPEAKERS]
        for speaker in recent[:1]:
            entity = speaker.entity
            if entity.label == EntityLabel.PERSON and ":speaker:" not in entity.id:
                return entity
        return None

    def _recent_organisation(self, offset: int) -> Entity | None:
        """The organisation named last before `offset`, if within the last paragraph or
        two ("The St. Louis Tea Party responded. The group said ..."); one that was a
        sentence's subject wins over one merely mentioned since ("The St. Louis Tea Party
        had a response to the NAACP's plan. The group has drafted ...")."""
        best: tuple[int, Entity] | None = None
        subject: tuple[int, Entity] | None = None
        for entity in self.entities:
            if entity.label != EntityLabel.ORG:
                continue
            for mention in entity.mentions:
                if mention.end > offset or offset - mention.end > ORGANISATION_WINDOW:
                    continue
                if best is None or mention.end > best[0]:
                    best = (mention.end, entity)
                if (subject is None or mention.end > subject[0]) and self._is_subject(mention):
                    subject = (mention.end, entity)
        chosen = subject or best
        return chosen[1] if chosen else None

    def _is_subject(self, mention: Span) -> bool:
        """The mention is (the head of) its clause's subject."""
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        return span is not None and len(span) > 0 and span.root.dep_ in ("nsubj", "nsubjpass")

    def _only_person_before(self, offset: int) -> Entity | None:
        """The one person the article has named before `offset`, if only one."""
        people = {
            entity.id: entity
            for entity in self.entities
            if entity.label == EntityLabel.PERSON
            and any(mention.end <= offset for mention in entity.mentions)
        }
        return next(iter(people.values())) if len(people) == 1 else None

    def _person_named_between(self, start: int, end: int) -> bool:
        return any(
            start < mention.start < end
            for entity in self.entities
            if entity.label == EntityLabel.PERSON
            for mention in entity.mentions
        )

    def _agrees_in_gender(self, word: str, entity: Entity) -> bool:
        wanted = PRONOUN_GENDER.get(word)
        known = self.genders.get(entity.id)
        return wanted is None or known is None or wanted == known

    def _nearest_mention(
        self, labels: set[EntityLabel], offset: int, word: str = ""
    ) -> Entity | None:
        best: tuple[int, Entity] | None = None
        for entity in self.entities + self.new_entities:
            if entity.label not in labels or not self._agrees_in_gender(word, entity):
                continue
            for mention in entity.mentions:
                if mention.end <= offset and (best is None or mention.end > best[0]):
                    best = (mention.end, entity)
        return best[1] if best else None

    # -- nominal sources -----------------------------------------------------------
    def _nominal(self, words: list[str], source: CharRange, offset: int) -> Entity:
        content = [w for w in words if w not in DETERMINERS]
        head = _head_noun(self.doc, source) or (content[-1] if content else "")
        definite = bool(words) and words[0] in {"the", "this", "that", "these", "those"}
        if definite and head in STATEMENT_WORDS:
            author = next((sp.entity for sp in reversed(self.history) if sp.offset <= offset), None)
            if author is not None:
                return author  # "the statement said": whoever issued it, just cited
        if definite and head:
            earlier = self._earlier_with_head(head, offset)
            if earlier is None and head in PERSON_ROLE_NOUNS and not head.endswith("s"):
                # "the Texas governor" after Perry spoke; but "the former vice president"
                # is the last speaker only if that person is titled so
                recent = self._recent_person(offset)
                # "the former vice president", "the mayor of Washington, DC": a qualified
                # role is the last speaker only if that person is titled so ("the Texas
                # governor" is still the governor who just spoke)
                qualified = bool(FORMER_WORDS & set(words)) or _postmodified(self.doc, source)
                if recent is not None and (not qualified or self._has_role(recent, head)):
                    earlier = recent
                if earlier is None and not qualified and recent is None:
                    earlier = self._only_person_before(offset)  # "the lawmaker", one named
            if earlier is None and head in ORGANISATION_NOUNS and len(content) == 1:
                earlier = self._recent_organisation(offset)  # "the group" after "the X Tea Party"
            owners = _person_qualifiers(self.doc, source)
            if earlier is not None and owners and not owners <= _names_of(earlier):
                earlier = None  # "the Obama campaign" is not whoever "the campaign" was
            if earlier is not None:
                return earlier
        if head in STATEMENT_WORDS | OWNED_VOICES:
            owner = self._possessive_person(source)
            if owner is not None:
                return owner  # "a statement from Harry Reid's office": Reid's words
        key = " ".join(content) or doc_text(self.doc)[source[0] : source[1]].lower()
        for entity in self.new_entities:
            if entity.key == key:
                return entity
        indefinite = bool(words) and words[0] in INDEFINITE
        if not indefinite and head:
            wider = self._wider_name(set(content), head, offset)
            if wider is not None:
                return wider
        label = EntityLabel.PERSON if head in PERSON_ROLE_NOUNS else EntityLabel.ORG
        name = _display_name(doc_text(self.doc)[source[0] : source[1]])
        entity = Entity(
            id=f"{self.article_id}:speaker:{len(self.new_entities)}",
            key=key,
            name=name,
            label=label,
            mentions=[
                Span(start=source[0], end=source[1], text=doc_text(self.doc)[source[0] : source[1]])
            ],
        )
        self.new_entities.append(entity)
        return entity

    def _possessive_person(self, source: CharRange) -> Entity | None:
        """The person named as the owner ("Harry Reid's office") inside a source."""
        span = _source_span(self.doc, source)
        if span is None:
            return None
        for token in span:
            if token.dep_ != "poss" or token.pos_ != "PROPN":
                continue
            people = [e for e in self.entities if e.label is EntityLabel.PERSON]
            for entity in people:
                if any(m.start <= token.idx < m.end for m in entity.mentions):
                    return entity
            namesakes = [e for e in people if same_person(token.text, e.name)]
            if len(namesakes) == 1:
                return namesakes[0]  # "Weiner's office" where the tagger missed "Weiner"
        return None

    def _wider_name(self, words: set[str], head: str, offset: int) -> Entity | None:
        """An earlier speaker or entity whose name holds all these words ("Foreign
        Ministry" -> "Iraqi Foreign Ministry", "senior officials" -> "senior US
        officials")."""
        for speaker in reversed(self.history):
            names = set(_normal_words(speaker.entity.name)) | set(speaker.entity.key.split())
            if speaker.offset <= offset and head in names and words <= names:
                return speaker.entity
        for entity in self.entities:
            if entity.label in (EntityLabel.ORG, EntityLabel.PERSON):
                names = set(_normal_words(entity.name))
                if head in names and words <= names and len(names) > len(words):
                    return entity
        return None

    def _earlier_with_head(self, head: str, offset: int) -> Entity | None:
        """Most recent speaker (or entity) before `offset` that `the <head>` refers to."""
        for speaker in reversed(self.history):
            if speaker.offset > offset:
                continue
            if head in _normal_words(speaker.entity.name) or head in speaker.entity.key.split():
                return speaker.entity
            if (
                head in PERSON_ROLE_NOUNS
                and speaker.entity.label == EntityLabel.PERSON
                and self._has_role(speaker.entity, head)
            ):
                return speaker.entity
        singular = head[:-1] if head.endswith("s") else head
        best: tuple[int, Entity] | None = None
        for entity in self.entities:
            if entity.label not in SPEAKER_LABELS:
                continue
            names = {w.rstrip("s") for w in _normal_words(entity.name)}
            if singular in names or (
                entity.label == EntityLabel.PERSON and self._has_role(entity, head)
            ):
                for mention in entity.mentions:
                    if mention.end <= offset and (best is None or mention.end > best[0]):
                        best = (mention.end, entity)
        return best[1] if best else None

    def _has_role(self, entity: Entity, head: str) -> bool:
        """True when a role noun ("spokesman") stands next to one of the person's names."""
        if head not in PERSON_ROLE_NOUNS:
            return False
        text = doc_text(self.doc)
        forms = [re.escape(head)] + [re.escape(a) for a in ROLE_ABBREVIATIONS.get(head, ())]
        role = rf"(?i:{'|'.join(forms)})(?!\w)"
        # the role as the name's title ("Texas Gov. Rick Perry", "spokesman Eric Lo") or in
        # apposition after it ("Rick Perry, the governor,"); not merely nearby ("former
        # Vice President Dick Cheney's daughter Liz Cheney" gives Liz no title)
        title = re.compile(rf"\b{role}\s+(?:[A-Z][\w.'’-]*\s+){{0,2}}$")
        modifier = r"(?:an?|the|its|his|her|former|senior|deputy|acting|chief|top|[A-Z][\w.'’-]*)"
        apposed = re.compile(rf"^,\s+(?:{modifier}\s+){{0,4}}?{role}")
        for mention in entity.mentions:
            if title.search(text[max(0, mention.start - ROLE_WINDOW) : mention.start]):
                return True
            if apposed.search(text[mention.end : mention.end + ROLE_WINDOW]):
                return True
        return False


@cache
def first_name_genders() -> dict[str, str]:
    """Lower-cased first name -> "f" / "m", from first_names.txt (rules kept as data)."""
    genders: dict[str, str] = {}
    for line in read_text("counterpoint.analyze.attribution", "first_names.txt").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        gender, *names = line.split()
        genders.update((name.lower(), gender) for name in names)
    return genders


def guess_genders(doc: Doc, entities: list[Entity]) -> dict[str, str]:
    """Grammatical gender of people: a common first name ("Elizabeth Warren"),
    honorifics ("Mr.", "Mrs.") before a mention, and the pronouns in the sentence
    naming only that person and in the next one. Why: "she said" after a man and a
    woman spoke goes to the woman."""
    votes: dict[str, int] = {}
    sentences = list(doc.sents)
    starts = [sentence.start_char for sentence in sentences]
    people = [e for e in entities if e.label == EntityLabel.PERSON]
    names = first_name_genders()
    for entity in people:
        words = entity.name.split()
        prior = names.get(words[0].lower()) if len(words) >= 2 else None
        if prior is not None:
            votes[entity.id] = votes.get(entity.id, 0) + (
                FIRST_NAME_VOTES if prior == "m" else -FIRST_NAME_VOTES
            )
        for mention in entity.mentions:
            before = doc_text(doc)[max(0, mention.start - 5) : mention.start].lower()
            if re.search(r"\bmr\.?\s*$", before):
                votes[entity.id] = votes.get(entity.id, 0) + 3
            elif re.search(r"\b(mrs|ms)\.?\s*$", before):
                votes[entity.id] = votes.get(entity.id, 0) - 3
            number = max(0, bisect_right(starts, mention.start) - 1)
            sentence = sentences[number]
            others = [
                o
                for o in people
                if o is not entity
                for m in o.mentions
                if sentence.start_char <= m.start < sentence.end_char
            ]
            if others:
                continue
            window = [t for t in sentence if t.idx >= mention.end]
            if number + 1 < len(sentences):
                window += list(sentences[number + 1])[:6]
            for token in window:
                gender = PRONOUN_GENDER.get(token.lower_)
                if gender:
                    votes[entity.id] = votes.get(entity.id, 0) + (1 if gender == "m" else -1)
    return {key: ("m" if value > 0 else "f") for key, value in votes.items() if abs(value) >= 2}


def display(name: str) -> str:
    """A speaker name as shown: no possessive ending, no line breaks."""
    name = TRAILING_JOINER.sub("", " ".join(name.split()).strip(" ,;:"))
    return POSSESSIVE.sub("", name) or name


def _compatible_labels(word: str) -> set[EntityLabel]:
    if word in PERSONAL_PRONOUNS:
        return {EntityLabel.PERSON}
    if word in GROUP_PRONOUNS:
        return {EntityLabel.ORG, EntityLabel.PERSON, EntityLabel.NORP, EntityLabel.GPE}
    if word in THING_PRONOUNS:
        return {EntityLabel.ORG, EntityLabel.GPE}
    return set()


def _agrees_in_number(word: str, entity: Entity) -> bool:
    if word in GROUP_PRONOUNS and entity.label == EntityLabel.PERSON:
        return entity.key.endswith("s") and " " in entity.key  # "senior us officials"
    if word in PERSONAL_PRONOUNS and entity.label == EntityLabel.PERSON:
        return not (entity.key.endswith("s") and entity.id.count(":speaker:"))
    return True


def _antecedent(doc: Doc, source: CharRange) -> CharRange | None:
    """The noun phrase a relative pronoun stands for ("his department, which
    said ..." -> "his department"), from the relative clause's attachment."""
    span = _source_span(doc, source)
    if span is None or len(span) != 1 or span[0].head.dep_ != "relcl":
        return None
    noun = span[0].head.head
    if noun.pos_ not in {"NOUN", "PROPN"}:
        return None
    return noun.left_edge.idx, noun.idx + len(noun.text)


def _postmodified(doc: Doc, source: CharRange) -> bool:
    """The source's head noun has a phrase after it ("the mayor of Washington, DC")."""
    span = _source_span(doc, source)
    if span is None:
        return False
    root = span.root
    return any(t.head.i == root.i and t.i > root.i and t.dep_ in POSTMODIFIERS for t in span)


def _person_qualifiers(doc: Doc, source: CharRange) -> set[str]:
    """People named as a nominal source's owner ("the Obama campaign" -> obama); places
    and organisations ("the Texas governor") describe a role and are left out."""
    span = _source_span(doc, source)
    if span is None:
        return set()
    return {t.lower_ for t in span if t.ent_type_ == "PERSON" and t.i != span.root.i}


def _names_of(entity: Entity) -> set[str]:
    words = set(entity.key.split())
    for text in [entity.name, *(mention.text for mention in entity.mentions)]:
        words.update(_normal_words(text))
    return words


def _head_noun(doc: Doc, source: CharRange) -> str:
    span = _source_span(doc, source)
    return span.root.lower_ if span is not None else ""


def _source_span(doc: Doc, source: CharRange) -> Span_ | None:
    """The tokens of a source's character range (None when it covers no token)."""
    span = doc.char_span(source[0], source[1], alignment_mode="expand")
    return span if span is not None and len(span) else None


def _normal_words(text: str) -> list[str]:
    return [w for w in re.split(r"[^\w.\-’']+", text.lower()) if w]


def _display_name(text: str) -> str:
    """A nominal speaker as shown: "an aide", "senior US officials" (a leading "the",
    "this" or "these" is dropped; "a" / "an" is kept, so the role reads as one)."""
    words = text.split()
    while words and words[0].lower() in DETERMINERS and words[0].lower() not in ("a", "an"):
        if len(words) > 1 and words[1].lower() == "of":
            break  # "One of the nation's largest civil rights groups" keeps its "One"
        words = words[1:]
    while len(words) > 1 and is_party_tag(words[-1].strip(",")):
        words = words[:-1]  # "Cleaver, D-Mo.": the party and state are no part of the name
    return display(" ".join(words) or text)
