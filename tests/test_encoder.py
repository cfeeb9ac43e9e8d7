"""The plain-PyTorch MiniLM and its tokenizer compute what transformers computes, and
`embed` gives sentence-transformers' vectors from the one shared encoder."""

from __future__ import annotations

import numpy as np
import pytest

TEXTS = [
    "The minister said on Tuesday that twelve people were injured in the collapse.",
    "Officials denied the report.",
    "“We will rebuild the bridge within a year,” the mayor told reporters, adding that "
    "the inquiry would publish its findings before the council meets again in March.",
    "short",
]


@pytest.fixture(scope="module")
def shared() -> tuple[object, object]:
    from counterpoint.models import token_encoder

    return token_encoder()


@pytest.mark.slow
def test_same_pieces_and_states_as_transformers(shared: tuple[object, object]) -> None:
    torch = pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    from counterpoint.models import minilm_path

    tokenizer, model = shared
    path = minilm_path()
    reference_tokenizer = transformers.AutoTokenizer.from_pretrained(path)
    reference = transformers.AutoModel.from_pretrained(path).eval()

    ours = tokenizer(TEXTS, truncation=True, max_length=24, return_offsets_mapping=True)  # type: ignore[operator]
    theirs = reference_tokenizer(
        TEXTS, padding=True, truncation=True, max_length=24, return_offsets_mapping=True,
        return_tensors="pt",
    )  # fmt: skip
    for key, value in ours.items():
        assert torch.equal(value, theirs[key]), key

    pairs = tokenizer(
        TEXTS, TEXTS[::-1], truncation="only_first", max_length=64, pad_to_multiple_of=16
    )  # type: ignore[operator]
    expected = reference_tokenizer(
        TEXTS, TEXTS[::-1], padding=True, truncation="only_first", max_length=64,
        pad_to_multiple_of=16, return_tensors="pt",
    )  # fmt: skip
    for key, value in pairs.items():
        assert torch.equal(value, expected[key]), key

    ours.pop("offset_mapping")
    with torch.inference_mode():
        mine = model(**ours, output_hidden_states=True).hidden_states  # type: ignore[operator]
        want = reference(**ours, output_hidden_states=True).hidden_states
    mask = ours["attention_mask"].bool()
    for layer in (3, 6):
        assert torch.allclose(mine[layer][mask], want[layer][mask], atol=1e-4)


@pytest.mark.slow
def test_embed_matches_sentence_transformers() -> None:
    st = pytest.importorskip("sentence_transformers")
    from counterpoint.models import embed, mean_pooled, minilm_path

    reference = st.SentenceTransformer(minilm_path(), device="cpu")
    want = reference.encode(TEXTS, normalize_embeddings=True)
    assert np.abs(mean_pooled(TEXTS, bf16=False) - want).max() < 1e-4  # fp32: the same function
    got = embed(TEXTS)  # bf16 autocast where the CPU has it: the same directions
    assert got.shape == (len(TEXTS), 384)
    assert (got * want).sum(axis=1).min() > 0.9999
    assert np.abs(got @ got.T - want @ want.T).max() < 0.005
    again = embed(list(reversed(TEXTS)))  # served from the cache, same vectors
    assert np.array_equal(again, got[::-1])
