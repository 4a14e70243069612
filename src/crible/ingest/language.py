"""Offline language identification (py3langid ships its model inside the package)."""

from __future__ import annotations

from functools import lru_cache

import py3langid

# Enough text to decide; classifying a whole long article costs time for nothing.
_SAMPLE_CHARS = 2000
UNKNOWN = "und"


@lru_cache(maxsize=1)
def _identifier() -> py3langid.langid.LanguageIdentifier:
    return py3langid.langid.LanguageIdentifier.from_pickled_model(
        py3langid.langid.MODEL_FILE, norm_probs=True
    )


def detect_language(text: str) -> str:
    """ISO 639-1 code of `text`, or 'und' when there is too little text to tell."""
    sample = text[:_SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < 20:
        return UNKNOWN
    lang, prob = _identifier().classify(sample)
    return str(lang) if prob >= 0.5 else UNKNOWN
