"""Offline language identification (py3langid ships its model inside the package)."""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import py3langid

# Enough text to decide; classifying a whole long article costs time for nothing.
_SAMPLE_CHARS = 300
UNKNOWN = "und"
_LETTERS = re.compile(r"[^\W\d_]")


@lru_cache(maxsize=1)
def _identifier() -> py3langid.langid.LanguageIdentifier:
    return py3langid.langid.LanguageIdentifier.from_pickled_model(
        py3langid.langid.MODEL_FILE, norm_probs=True
    )


def detect_language(text: str) -> str:
    """ISO 639-1 code of `text`, or 'und' when there is too little text to tell."""
    sample = text[:_SAMPLE_CHARS]
    if len(_LETTERS.findall(sample)) < 20:
        return UNKNOWN
    ident = _identifier()
    features = ident.instance2fv(sample)
    # py3langid multiplies the dense feature vector by the whole (features x languages) matrix;
    # a text sets a few hundred of its ~7,500 features, so only those rows are needed. Same
    # result, a fraction of the time, and no multi-threaded BLAS call fighting spaCy for cores.
    rows = np.flatnonzero(features)
    scores = features[rows].astype(np.float64) @ ident.nb_ptc[rows] + ident.nb_pc
    probs = ident.norm_probs(scores)
    best = int(np.argmax(probs))
    return str(ident.nb_classes[best]) if probs[best] >= 0.5 else UNKNOWN
