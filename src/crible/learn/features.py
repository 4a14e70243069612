"""Features for the persuasion, frame and genre models: pure functions over a parsed `Doc`.

A *unit* is the stretch of text one prediction is made for: a paragraph (techniques) or a whole
article (frames, genre). Each unit gives three kinds of evidence:

- its lemmas (lowercase, punctuation kept: `?`, `!` and quotes carry style), for a TF-IDF over
  lemma unigrams and bigrams;
- the mean of the static word vectors of fr_core_news_md over the unit (`Span.vector`),
  L2-normalised;
- counts of the rule detectors' findings per technique inside the unit (log-scaled), when the
  rules (`crible.nlp.slant.api`) are available.

`Featurizer` learns the TF-IDF vocabulary and stacks the three blocks into one sparse matrix.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse  # type: ignore[import-untyped]
from sklearn.feature_extraction.text import TfidfVectorizer
from spacy.tokens import Doc

from crible.errors import CribleError
from crible.model import SlantFinding
from crible.nlp.slant.scheme import TECHNIQUES

Vector = npt.NDArray[np.float32]
_TECHNIQUE_INDEX = {t: i for i, t in enumerate(TECHNIQUES)}
RULES_MODULE = "crible.nlp.slant.api"


@dataclass(frozen=True)
class FeatureConfig:
    """What a model was trained with; stored in the manifest so prediction rebuilds the same."""

    ngram_max: int = 2
    min_df: int = 1
    max_features: int = 50_000
    vectors: bool = True
    vector_weight: float = 1.0
    rules: bool = True
    rules_weight: float = 0.5

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FeatureConfig:
        return cls(**data)


@dataclass(frozen=True)
class Unit:
    """The raw evidence of one unit, before vectorisation."""

    lemmas: str
    vector: Vector
    rules: Vector


def rules_api() -> Any | None:
    """The rule detectors' module, or None while it is not available (import it lazily)."""
    try:
        return importlib.import_module(RULES_MODULE)
    except ImportError:
        return None


def rules_usable(doc: Doc) -> bool:
    """Whether the rule detectors import and run on `doc` (their data may be missing)."""
    api = rules_api()
    if api is None:
        return False
    try:
        api.rule_findings(doc)
    except CribleError:
        return False
    return True


def rule_findings(doc: Doc) -> list[SlantFinding]:
    """The rule detectors' findings for `doc`; none when the rules are not available."""
    api = rules_api()
    if api is None:
        return []
    findings: list[SlantFinding] = api.rule_findings(doc)
    return findings


def unit(doc: Doc, start: int, end: int, findings: Sequence[SlantFinding]) -> Unit:
    """The evidence for the characters `start:end` of `doc`."""
    span = doc.char_span(start, end, alignment_mode="expand")
    tokens = list(span) if span is not None else []
    lemmas = " ".join(_lemma(t.lemma_ or t.text) for t in tokens if not t.is_space)
    vector = np.zeros(doc.vocab.vectors_length or 1, dtype=np.float32)
    if span is not None and len(span) and doc.vocab.vectors_length:
        vector = np.asarray(span.vector, dtype=np.float32)
        norm = float(np.linalg.norm(vector))
        if norm > 0:
            vector = vector / norm
    rules = np.zeros(len(TECHNIQUES), dtype=np.float32)
    for finding in findings:
        index = _TECHNIQUE_INDEX.get(finding.technique)
        if index is not None and finding.start < end and finding.end > start:
            rules[index] += 1.0
    return Unit(lemmas, vector, np.log1p(rules).astype(np.float32))


def _lemma(text: str) -> str:
    return text.lower().replace("’", "'")


def _split(text: str) -> list[str]:
    return text.split()


class Featurizer:
    """Lemma TF-IDF + word vectors + rule counts, stacked in one sparse row per unit."""

    def __init__(self, config: FeatureConfig) -> None:
        self.config = config
        self.tfidf = TfidfVectorizer(
            tokenizer=_split,
            token_pattern=None,
            lowercase=False,
            ngram_range=(1, config.ngram_max),
            min_df=config.min_df,
            max_features=config.max_features,
            sublinear_tf=True,
        )

    def fit(self, units: Sequence[Unit]) -> Featurizer:
        self.tfidf.fit([u.lemmas for u in units])
        return self

    def transform(self, units: Sequence[Unit]) -> Any:
        blocks: list[Any] = [self.tfidf.transform([u.lemmas for u in units])]
        if self.config.vectors:
            dense = np.vstack([u.vector for u in units]) * self.config.vector_weight
            blocks.append(sparse.csr_matrix(dense))
        if self.config.rules:
            dense = np.vstack([u.rules for u in units]) * self.config.rules_weight
            blocks.append(sparse.csr_matrix(dense))
        return sparse.hstack(blocks, format="csr")
