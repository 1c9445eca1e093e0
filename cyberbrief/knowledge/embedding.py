"""Meaning as numbers: WordLlama's 256-d static embeddings, shipped in its wheel.

Records are embedded when they are written (:mod:`cyberbrief.knowledge.vectors`) and
questions when they are asked, so "what holds back APEC's cooperation" can be matched to
"APEC still lacks clear policy statements" although they share only two words. The weights
and tokenizer are read from the package's own folder (nothing is fetched, at run time or in
tests), once per process. Without the package there are no vectors and answers fall back to
full-text search alone.
"""

from __future__ import annotations

import functools
import importlib.util
import os
from typing import Any, Protocol

import numpy as np

WEIGHTS = ("weights", "l2_supercat_256.safetensors")
TOKENIZER = ("tokenizers", "l2_supercat_tokenizer_config.json")


class Model(Protocol):
    def embed(self, texts: list[str], norm: bool = ...) -> Any: ...


class StaticEmbeddings:
    """WordLlama's 256-d token embeddings and tokenizer, read straight from its wheel.

    The vectors equal ``WordLlama.load(cache_dir=<package>, disable_download=True).embed``
    (a text is the mean of its tokens' vectors), but reading the two files directly skips
    the package's import of its download and configuration machinery: 0.5 s instead of
    1.5-2.5 s, which matters for ``bot.py ask``. There is no network code on this path.
    """

    def __init__(self, folder: str) -> None:
        from safetensors import safe_open
        from tokenizers import Tokenizer

        with safe_open(os.path.join(folder, *WEIGHTS), framework="np") as weights:
            self.vectors = np.ascontiguousarray(
                weights.get_tensor("embedding.weight"), dtype=np.float32
            )
        self.tokenizer = Tokenizer.from_file(os.path.join(folder, *TOKENIZER))
        self.tokenizer.enable_padding()
        self.tokenizer.no_truncation()

    def embed(self, texts: list[str], norm: bool = True) -> Any:
        encoded = self.tokenizer.encode_batch(texts, add_special_tokens=False)
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.float32)
        np.clip(ids, 0, len(self.vectors) - 1, out=ids)
        summed = (self.vectors[ids] * mask[:, :, None]).sum(axis=1)
        pooled = summed / np.maximum(mask.sum(axis=1, keepdims=True), 1e-9)
        if norm:
            pooled /= np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-9)
        return pooled


DIMS = 256


@functools.cache
def _load_wordllama() -> Model | None:
    """The model, once per process: it is read-only, so every answerer can share it."""
    spec = importlib.util.find_spec("wordllama")
    if spec is None or spec.origin is None:
        return None
    folder = os.path.dirname(spec.origin)
    if not all(os.path.exists(os.path.join(folder, *f)) for f in (WEIGHTS, TOKENIZER)):
        return None
    return StaticEmbeddings(folder)


def shared_model() -> Model | None:
    """The process's model (read-only, shared by every thread), or None without the package."""
    return _load_wordllama()


def embed(model: Model, texts: list[str], batch: int = 256) -> np.ndarray:
    """Unit-length float32 vectors, one row per text, embedded in batches (padding a batch to
    its longest text is the memory cost, so a bulk load is cut into pieces)."""
    if not texts:
        return np.zeros((0, DIMS), dtype=np.float32)
    parts = [
        np.asarray(model.embed(texts[i : i + batch], norm=True), dtype=np.float32)
        for i in range(0, len(texts), batch)
    ]
    return np.concatenate(parts)
