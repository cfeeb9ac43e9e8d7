"""Token tagger: how likely each word is part of a cue, a source or a content.

Why: the cue scorer and the content rules see one word and its parse. Frequent verbs
in unusual uses, cue nouns, and where an indirect content stops depend on the sentence
and the paragraph around them. A small BiLSTM reads the whole article over frozen
MiniLM-L6 word-piece vectors (layers 3 and 6 of the wheel we already ship) plus parse
one-hots, and gives every spaCy token five probabilities (LABELS); three such
networks trained with different seeds are averaged, which steadies the figures. The cue scorer
averages its own probability with the tagger's cue probability (cues.find_cues), and an
indirect content moves an edge to where the tagger sees a content begin or end
(refine_edges). scripts/train_tagger.py trains it on PolNeAR train; the weights ship as
float16 (about 5.5 MB) with a card holding the decision settings.

Set COUNTERPOINT_ATTRIBUTION_TAGGER=off to run without it (faster, less accurate).
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import numpy as np
from spacy.tokens import Doc

from counterpoint.analyze.doctext import doc_text
from counterpoint.package_files import package_file
from counterpoint.settings import flag

CharRange = tuple[int, int]
WEIGHTS_PATH = package_file("counterpoint.analyze.attribution", "tagger_weights.npz")
CARD_PATH = package_file("counterpoint.analyze.attribution", "tagger_card.json")
LABELS = ("cue", "source", "content", "content_begin", "content_end")
CUE, SOURCE, CONTENT, BEGIN, END = range(len(LABELS))
LAYERS = (3, 6)
MAX_PIECES = 512
BATCH = 32
# Frozen copy: the marks the shipped weights' "is a quote mark" feature was trained with
# (changing it needs `make train-attribution`); counterpoint.lexicon holds the shared list.
QUOTE_MARKS = set("“”\"‘’'«»")
POS_TAGS = (
    "ADJ ADP ADV AUX CCONJ DET INTJ NOUN NUM PART PRON PROPN PUNCT SCONJ SYM VERB X SPACE"
).split()
DEPENDENCIES = (
    "ROOT acl acomp advcl advmod agent amod appos attr aux auxpass case cc ccomp compound "
    "conj csubj csubjpass dative dep det dobj expl intj mark meta neg nmod npadvmod nsubj "
    "nsubjpass nummod oprd parataxis pcomp pobj poss preconj predet prep prt punct "
    "quantmod relcl xcomp"
).split()
FLAGS = ("in_quote", "sentence_start", "paragraph_start", "quote_mark", "title_case", "root")
FEATURES = len(POS_TAGS) + len(DEPENDENCIES) + len(FLAGS)


def token_features(doc: Doc, inside: list[int]) -> np.ndarray:
    """Parse one-hots and flags per token (float32, shape tokens x FEATURES);
    `inside` is cues.quote_index (>= 0 for tokens inside quotation marks)."""
    pos_index = {tag: n for n, tag in enumerate(POS_TAGS)}
    dep_index = {dep: len(POS_TAGS) + n for n, dep in enumerate(DEPENDENCIES)}
    flags = len(POS_TAGS) + len(DEPENDENCIES)
    out = np.zeros((len(doc), FEATURES), dtype=np.float32)
    for token in doc:
        out[token.i, pos_index.get(token.pos_, pos_index["X"])] = 1.0
        if token.dep_ in dep_index:
            out[token.i, dep_index[token.dep_]] = 1.0
        before = doc[token.i - 1].text_with_ws if token.i else ""
        values = (
            inside[token.i] >= 0,
            bool(token.is_sent_start),
            "\n" in before,
            token.text in QUOTE_MARKS,
            token.is_title,
            token.head.i == token.i,
        )
        out[token.i, flags : flags + len(FLAGS)] = values
    return out


def encode_tokens(doc: Doc, use_bf16: bool | None = None) -> np.ndarray:
    """MiniLM layers LAYERS per spaCy token (mean of its word pieces, encoded over its
    sentence); zeros for tokens with no piece (white space, cut-off long sentences)."""
    import torch

    from counterpoint.models import bf16_is_fast, token_encoder

    tokenizer, model = token_encoder()
    if use_bf16 is None:
        use_bf16 = bf16_is_fast()
    width = model.config.hidden_size * len(LAYERS)
    out = np.zeros((len(doc), width), dtype=np.float32)
    sentences = sorted(doc.sents, key=len)
    for first in range(0, len(sentences), BATCH):
        chunk = sentences[first : first + BATCH]
        encoded = tokenizer(
            [sentence.text for sentence in chunk],
            padding=True,
            truncation=True,
            max_length=MAX_PIECES,
            return_offsets_mapping=True,
            return_tensors="pt",
        )
        offsets = encoded.pop("offset_mapping").numpy()
        with torch.inference_mode(), torch.autocast("cpu", torch.bfloat16, enabled=use_bf16):
            states = model(**encoded, output_hidden_states=True).hidden_states
        hidden = torch.cat([states[layer] for layer in LAYERS], dim=-1).float().numpy()
        for number, sentence in enumerate(chunk):
            _pool(sentence, offsets[number], hidden[number], out)
    return out


def _pool(sentence: Any, offsets: np.ndarray, hidden: np.ndarray, out: np.ndarray) -> None:
    """Average each token's word pieces into out[token.i]."""
    real = offsets[:, 1] > offsets[:, 0]
    if not real.any():
        return
    base = sentence.start_char
    starts = np.array([token.idx - base for token in sentence])
    owner = np.searchsorted(starts, offsets[real, 0], side="right") - 1
    sums = np.zeros((len(starts), hidden.shape[1]), dtype=np.float32)
    counts = np.zeros(len(starts), dtype=np.float32)
    np.add.at(sums, owner, hidden[real])
    np.add.at(counts, owner, 1.0)
    have = counts > 0
    out[sentence.start + np.flatnonzero(have)] = sums[have] / counts[have, None]


def token_inputs(doc: Doc, inside: list[int]) -> np.ndarray:
    """The network's input per token: MiniLM vectors then parse features (training and
    use must build it the same way)."""
    return np.concatenate([encode_tokens(doc), token_features(doc, inside)], axis=1)


def build_net(inputs: int, hidden: int) -> Any:
    """The tagger network: projection, two-layer BiLSTM, one logit per label."""
    from torch import nn

    class TaggerNet(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.drop = nn.Dropout(0.3)
            self.proj = nn.Linear(inputs, 256)
            self.lstm = nn.LSTM(
                256, hidden, num_layers=2, bidirectional=True, batch_first=True, dropout=0.2
            )
            self.out = nn.Linear(2 * hidden, len(LABELS))

        def forward(self, x: Any) -> Any:
            import torch

            states, _ = self.lstm(torch.relu(self.proj(self.drop(x))))
            return self.out(self.drop(states))

    return TaggerNet()


def enabled() -> bool:
    """True when the weights ship and COUNTERPOINT_ATTRIBUTION_TAGGER is not 'off'."""
    if not flag("COUNTERPOINT_ATTRIBUTION_TAGGER"):
        return False
    return WEIGHTS_PATH.is_file() and CARD_PATH.is_file()


@cache
def card() -> dict[str, Any]:
    """Training card: hyperparameters, decision settings, metrics."""
    data: dict[str, Any] = json.loads(CARD_PATH.read_text(encoding="utf-8"))
    return data


@cache
def _nets() -> list[Any]:
    """The ensemble: one BiLSTM per training seed, stored as member{k}.{parameter}."""
    import torch

    settings = card()
    stored = np.load(WEIGHTS_PATH)
    nets = []
    for number in range(int(settings["members"])):
        net = build_net(int(settings["inputs"]), int(settings["hidden"]))
        prefix = f"member{number}."
        net.load_state_dict(
            {
                name[len(prefix) :]: torch.from_numpy(stored[name].astype(np.float32))
                for name in stored.files
                if name.startswith(prefix)
            }
        )
        net.eval()
        nets.append(net)
    return nets


def token_probabilities(doc: Doc, inside: list[int]) -> np.ndarray | None:
    """Per-token probabilities (tokens x LABELS), averaged over the ensemble, or None
    when the tagger is off."""
    if not enabled() or len(doc) == 0:
        return None
    import torch

    batch = torch.from_numpy(token_inputs(doc, inside))[None]
    with torch.inference_mode():
        probabilities = [torch.sigmoid(net(batch)[0]).numpy() for net in _nets()]
    averaged: np.ndarray = np.mean(probabilities, axis=0)
    return averaged


def cue_probability(scorer: float, tagged: np.ndarray, token_index: int) -> float:
    """The cue scorer's probability averaged with the tagger's (weight from the card)."""
    weight = float(card()["cue_scorer_weight"])
    return weight * scorer + (1.0 - weight) * float(tagged[token_index, CUE])


def cue_threshold() -> float:
    """Decision threshold for the averaged cue probability (card)."""
    return float(card()["cue_threshold"])


def refine_edges(
    doc: Doc, fragment: CharRange, tagged: np.ndarray, fences: list[CharRange]
) -> CharRange:
    """Move an indirect content's first / last token to the likeliest content begin /
    end nearby (same sentence, within the card's windows), when the tagger doubts the
    current edge and is confident about another. Quotations keep their marks, and an
    edge never crosses a fence (the attribution's cue and source)."""
    text = doc_text(doc)
    start, end = fragment
    if end <= start or text[start] in QUOTE_MARKS or text[end - 1] in QUOTE_MARKS:
        return fragment
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return fragment
    settings = card()
    threshold = float(settings["edge_threshold"])
    first, last = span[0].i, span[-1].i
    low = max([doc[first].sent.start_char] + [e for _, e in fences if e <= start])
    high = min([doc[last].sent.end_char] + [s for s, _ in fences if s >= end])
    if tagged[first, BEGIN] < threshold:
        window = int(settings["begin_window"])
        options = range(max(0, first - window), min(last, first + window + 1))
        allowed = [i for i in options if doc[i].idx >= low]
        first = _best(doc, allowed, tagged[:, BEGIN], threshold, first)
    if tagged[last, END] < threshold:
        window = int(settings["end_window"])
        options = range(max(first, last - window), min(len(doc), last + window + 1))
        allowed = [i for i in options if doc[i].idx + len(doc[i].text) <= high]
        last = _best(doc, allowed, tagged[:, END], threshold, last)
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def _best(doc: Doc, options: list[int], scores: np.ndarray, threshold: float, current: int) -> int:
    candidates = [i for i in options if not doc[i].is_space]
    if not candidates:
        return current
    best = max(candidates, key=lambda i: scores[i])
    return best if scores[best] >= threshold else current


def nearest_source(
    doc: Doc, head_index: int, tagged: np.ndarray, taken: list[CharRange]
) -> CharRange | None:
    """For a cue whose parse gave no speaker: the run of likely source tokens in the
    cue's sentence nearest to the cue, outside its cue and content ("The Clinton
    campaign plans ..." where the parse attached the subject elsewhere)."""
    threshold = float(card()["source_threshold"])
    sentence = doc[head_index].sent
    best: tuple[int, CharRange] | None = None
    index = sentence.start
    while index < sentence.end:
        token = doc[index]
        if tagged[index, SOURCE] < threshold or token.is_space or token.is_punct:
            index += 1
            continue
        last = index
        while last + 1 < sentence.end and tagged[last + 1, SOURCE] >= threshold:
            last += 1
        following = last + 1
        while last > index and (doc[last].is_punct or doc[last].is_space):
            last -= 1
        span = (token.idx, doc[last].idx + len(doc[last].text))
        if not any(span[0] < end and start < span[1] for start, end in taken):
            distance = min(abs(index - head_index), abs(last - head_index))
            if best is None or distance < best[0]:
                best = (distance, span)
        index = following
    return best[1] if best else None
