"""A meaning signal for paraphrases: WordLlama's 256-d static embeddings, shipped in its wheel.

Full-text search finds the candidates; this re-scores them by how close in meaning each is to
the question, so "what holds back APEC's cooperation" can be answered by "APEC still lacks
clear policy statements" although they share only two words. The model is loaded from the
package's own folder with downloads disabled (nothing is fetched, at run time or in tests),
once per process and only when a question needs it. Without the package, answers fall back
to full-text search alone.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import threading
from typing import Any, Protocol

import numpy as np


class Model(Protocol):
    def embed(self, texts: list[str], norm: bool = ...) -> Any: ...


@functools.cache
def _load_wordllama() -> Model | None:
    """The model, once per process: it is read-only, so every answerer can share it."""
    if importlib.util.find_spec("wordllama") is None:
        return None
    import wordllama

    folder = os.path.dirname(wordllama.__file__)
    model: Model = wordllama.WordLlama.load(dim=256, cache_dir=folder, disable_download=True)
    return model


class Meaning:
    """Cosine similarity between a question and candidate texts (0 when disabled)."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self._model: Model | None = None
        self._loaded = False
        self._lock = threading.Lock()

    def _get(self) -> Model | None:
        if not self.enabled:
            return None
        with self._lock:
            if not self._loaded:
                self._model = _load_wordllama()
                self._loaded = True
        return self._model

    @property
    def available(self) -> bool:
        return self._get() is not None

    def similarity(self, question: str, texts: list[str]) -> list[float]:
        """How close each text is in meaning to ``question``, -1 to 1 (all 0 without a model)."""
        model = self._get()
        if model is None or not texts:
            return [0.0] * len(texts)
        vectors = np.asarray(model.embed([question, *texts], norm=True), dtype=np.float32)
        return [float(v) for v in vectors[1:] @ vectors[0]]
