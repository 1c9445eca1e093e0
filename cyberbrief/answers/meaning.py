"""The meaning signal at question time: how close a question is to records in meaning.

Records' vectors are stored when they are written (:mod:`cyberbrief.knowledge.vectors`), so a
question costs one embedding (its own) and a read of its candidates' vectors. The model is
loaded once per process, only when a question needs it.
"""

from __future__ import annotations

import threading

import numpy as np

from cyberbrief.knowledge.embedding import (  # re-exported: tests reload the model
    Model,
    StaticEmbeddings,
    _load_wordllama,
    embed,
)

__all__ = ["Meaning", "Model", "StaticEmbeddings", "_load_wordllama"]

TEXTS_KEPT = 32
"""Question vectors kept: one answer asks for its question's vector at each stage (the
evidence gate, the candidates ranked for verification, a described entity's phrase). Only a
few: they serve the answer being given, not questions asked again later."""
WORDS_KEPT = 8192
"""Word vectors kept for :meth:`Meaning.close_words` (a record's words are compared with
what is asked several times while one question is answered, and common words every time);
past this many the kept ones are dropped and kept anew (about 8 MB at most)."""


class Meaning:
    """Cosine similarity between a question and records (0 when disabled)."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self._model: Model | None = None
        self._loaded = False
        self._lock = threading.Lock()
        self._texts: dict[str, np.ndarray] = {}
        self._words: dict[str, np.ndarray] = {}
        """Each word's vector, embedded alone: a text's vector does not depend on the other
        texts embedded beside it (padding is masked out), so a kept one is the same."""

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

    @property
    def model(self) -> Model | None:
        return self._get()

    def vector(self, text: str) -> np.ndarray | None:
        """``text``'s unit vector (read-only), or None without a model."""
        model = self._get()
        if model is None:
            return None
        kept = self._texts
        if text not in kept:
            if len(kept) >= TEXTS_KEPT:
                kept = self._texts = {}  # other threads keep the dict they hold
            vector: np.ndarray = embed(model, [text])[0]
            vector.flags.writeable = False  # shared by every caller: never changed in place
            kept[text] = vector
        return kept[text]

    def close_words(self, wanted: list[str], among: list[str], at: float) -> set[str]:
        """The words of ``wanted`` whose vector is at least ``at`` close to that of some
        word of ``among`` (word-level meaning: "sick" is close to "ill"); none without a model."""
        model = self._get()
        if model is None or not wanted or not among:
            return set()
        vectors = self._word_vectors(model, [*wanted, *among])
        close = vectors[: len(wanted)] @ vectors[len(wanted) :].T
        return {w for w, row in zip(wanted, close, strict=True) if float(row.max()) >= at}

    def closest(self, wanted: list[str], among: list[str]) -> list[float] | None:
        """For each word of ``wanted``, how close the closest word of ``among`` is in meaning
        (word vectors embedded once and kept); None without a model."""
        model = self._get()
        if model is None or not wanted or not among:
            return None
        vectors = self._word_vectors(model, [*wanted, *among])
        close = vectors[: len(wanted)] @ vectors[len(wanted) :].T
        return [float(row.max()) for row in close]

    def _word_vectors(self, model: Model, texts: list[str]) -> np.ndarray:
        """The vectors of ``texts`` (words), one row each, embedding only those not kept."""
        kept = self._words
        new = [t for t in dict.fromkeys(texts) if t not in kept]
        if new:
            if len(kept) + len(new) > WORDS_KEPT:
                kept = self._words = {}  # other threads keep the dict they hold
            for text, vector in zip(new, embed(model, new), strict=True):
                kept[text] = vector
        return np.stack([kept[t] for t in texts])

    def similarity(self, question: str, texts: list[str]) -> list[float]:
        """How close each text is in meaning to ``question``, -1 to 1 (all 0 without a model)."""
        model = self._get()
        if model is None or not texts:
            return [0.0] * len(texts)
        vectors = embed(model, [question, *texts])
        return [float(v) for v in vectors[1:] @ vectors[0]]
