"""Features for the persuasion, frame and genre models: pure functions over a parsed `Doc`.

A *unit* is the stretch of text one prediction is made for: a paragraph (techniques) or a whole
article (frames, genre). Each unit gives these kinds of evidence, stacked by `Featurizer` into
one sparse row:

- its lemmas (lowercase, punctuation kept: `?`, `!` and quotes carry style), for a TF-IDF over
  lemma unigrams and bigrams; a language without a spaCy model gives lowercase words instead;
- character n-grams (2-5, inside word boundaries) of its lowercase text: they need no model,
  catch inflections and work for every language;
- context: the lemmas of the whole article, through the same TF-IDF vocabulary, scaled down (a
  paragraph of an opinion piece about a war is read differently from one of a court report),
  and the rule counts of the neighbouring paragraphs and of the whole article;
- surface cues: position in the article (title, first paragraph, relative position), length,
  share of characters inside quotes, exclamations, questions, first and second person,
  capitals, digits, and the density of emotive wording (emotive.tsv, when the language has it);
- the mean of the static word vectors of the spaCy model over the unit, L2-normalised (zeros
  for a language without vectors);
- counts of the rule detectors' findings per technique inside the unit (log-scaled), when the
  rules (`crible.nlp.slant.api`) have data for the language.
"""

from __future__ import annotations

import importlib
import math
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, fields
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse  # type: ignore[import-untyped]
from sklearn.feature_extraction.text import TfidfVectorizer
from spacy.tokens import Doc

from crible.errors import CribleError
from crible.model import SlantFinding
from crible.nlp.slant.scheme import FRAMES, GENRES, TECHNIQUES

Vector = npt.NDArray[np.float32]
_TECHNIQUE_INDEX = {t: i for i, t in enumerate(TECHNIQUES)}
RULES_MODULE = "crible.nlp.slant.api"
_QUOTED = re.compile(r"«[^»\n]*»|“[^”\n]*”|\"[^\"\n]*\"")
_FIRST_SINGULAR = re.compile(r"(?<!\w)(?:je|j['’]|moi|me|m['’]|mon|ma|mes|i|my|me)(?!\w)", re.I)
_FIRST_PLURAL = re.compile(r"(?<!\w)(?:nous|notre|nos|we|our|us)(?!\w)", re.I)
_SECOND = re.compile(r"(?<!\w)(?:vous|votre|vos|tu|te|t['’]|you|your)(?!\w)", re.I)
_WORD = re.compile(r"\w+")

SURFACE_NAMES: tuple[str, ...] = (
    "is_title",
    "is_first_paragraph",
    "relative_position",
    "log_length",
    "quote_share",
    "exclamations",
    "questions",
    "first_person_singular",
    "first_person_plural",
    "second_person",
    "capitals",
    "digits",
    "emotive_density",
    "strong_emotive",
)


# Article-level cues (frames and genre): the frame keywords of frames.tsv (distinct keywords per
# frame, log-scaled) and the genre rules' evidence per sentence (crible.nlp.slant.genre).
GENRE_CUE_NAMES: tuple[str, ...] = (
    "voice",
    "evaluative",
    "reporting",
    "opinion",
    "satire",
    "quote_share",
)
DOC_CUE_NAMES: tuple[str, ...] = (
    *FRAMES,
    *GENRE_CUE_NAMES,
    *(f"rules_say_{genre}" for genre in GENRES),
)


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
    chars: bool = True
    char_min: int = 2
    char_max: int = 5
    char_max_features: int = 60_000
    char_weight: float = 1.0
    context: bool = True
    context_weight: float = 0.4
    surface: bool = True
    surface_weight: float = 1.0
    doc_cues: bool = False
    doc_cues_weight: float = 1.0

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FeatureConfig:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


@dataclass(frozen=True)
class Unit:
    """The raw evidence of one unit, before vectorisation."""

    lemmas: str
    vector: Vector
    rules: Vector
    text: str = ""
    context: str = ""
    neighbours: Vector = field(default_factory=lambda: np.zeros(2 * len(TECHNIQUES), np.float32))
    surface: Vector = field(default_factory=lambda: np.zeros(len(SURFACE_NAMES), np.float32))
    doc_cues: Vector = field(default_factory=lambda: np.zeros(len(DOC_CUE_NAMES), np.float32))


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
    """The rule detectors' findings for `doc`; none when the rules have no data for its
    language."""
    api = rules_api()
    if api is None:
        return []
    try:
        findings: list[SlantFinding] = api.rule_findings(doc)
    except CribleError:
        return []
    return findings


def _emotive_weights(doc: Doc) -> list[float] | None:
    """Per token, the weight of the emotive word starting there (0 elsewhere); None when the
    language has no emotive lexicon."""
    try:
        from crible.nlp.slant.resources import slant_resources

        matcher = slant_resources(doc.lang_).emotive
    except CribleError:
        return None
    weights = [0.0] * len(doc)
    for m in matcher(doc):
        if m.value.category != "intensifier":
            weights[m.start] = m.value.weight
    return weights


def doc_cues(doc: Doc) -> Vector:
    """Frame keyword counts and genre evidence for a whole article; zeros when the language has
    no slant data. The rules run here whatever findings the caller has, so that the cues are
    the same at training and at prediction time."""
    out = np.zeros(len(DOC_CUE_NAMES), dtype=np.float32)
    try:
        from crible.nlp.slant.frames import frame_counts
        from crible.nlp.slant.genre import decide_genre, genre_signals
        from crible.nlp.slant.resources import slant_resources

        res = slant_resources(doc.lang_)
    except CribleError:
        return out
    findings = rule_findings(doc)
    counts = frame_counts(doc, res.frames)
    for i, frame in enumerate(FRAMES):
        out[i] = math.log1p(counts.get(frame, (0, 0))[0])
    signals = genre_signals(doc.text, findings, res.genre_cues)
    sentences = max(1.0, signals["sentences"])
    for j, name in enumerate(GENRE_CUE_NAMES):
        value = signals[name]
        out[len(FRAMES) + j] = value if name == "quote_share" else value / sentences
    decided = decide_genre(doc.text, findings, res.genre_cues)
    if decided in GENRES:
        out[len(FRAMES) + len(GENRE_CUE_NAMES) + GENRES.index(decided)] = 1.0
    return out


def _rule_counts(findings: Sequence[SlantFinding], start: int, end: int) -> Vector:
    rules = np.zeros(len(TECHNIQUES), dtype=np.float32)
    for finding in findings:
        index = _TECHNIQUE_INDEX.get(finding.technique)
        if index is not None and finding.start < end and finding.end > start:
            rules[index] += 1.0
    return np.log1p(rules).astype(np.float32)


def _surface(
    text: str,
    n_tokens: int,
    emotive: Sequence[float] | None,
    *,
    index: int,
    count: int,
) -> Vector:
    chars = max(1, len(text))
    words = max(1, len(_WORD.findall(text)))
    quoted = sum(len(m.group()) for m in _QUOTED.finditer(text))
    unquoted = _QUOTED.sub(" ", text)
    strong = sum(1 for w in emotive or () if w >= 0.5)
    values = [
        1.0 if index == 0 and count > 1 else 0.0,
        1.0 if index == 1 else 0.0,
        index / (count - 1) if count > 1 else 0.0,
        math.log1p(n_tokens) / 5.0,
        quoted / chars,
        math.log1p(unquoted.count("!")),
        math.log1p(unquoted.count("?")),
        min(1.0, 10 * len(_FIRST_SINGULAR.findall(unquoted)) / words),
        min(1.0, 10 * len(_FIRST_PLURAL.findall(unquoted)) / words),
        min(1.0, 10 * len(_SECOND.findall(unquoted)) / words),
        sum(1 for c in text if c.isupper()) / chars,
        sum(1 for c in text if c.isdigit()) / chars,
        min(1.0, 10 * sum(emotive or ()) / max(1, n_tokens)),
        math.log1p(strong),
    ]
    return np.asarray(values, dtype=np.float32)


def _lemmas(tokens: Sequence[Any]) -> str:
    return " ".join(_lemma(t.lemma_ or t.text) for t in tokens if not t.is_space)


def _mean_vector(doc: Doc, span: Any) -> Vector:
    vector = np.zeros(doc.vocab.vectors_length or 1, dtype=np.float32)
    if span is not None and len(span) and doc.vocab.vectors_length:
        vector = np.asarray(span.vector, dtype=np.float32)
        norm = float(np.linalg.norm(vector))
        if norm > 0:
            vector = vector / norm
    return vector


def units_for(
    doc: Doc, spans: Sequence[tuple[int, int]], findings: Sequence[SlantFinding]
) -> list[Unit]:
    """The units of the character spans `spans` of `doc` (paragraphs, in article order), each
    with its article context. A single span covering the whole text is the article unit."""
    text = doc.text
    article_lemmas = _lemmas(list(doc))
    emotive = _emotive_weights(doc)
    counts = [_rule_counts(findings, start, end) for start, end in spans]
    whole = _rule_counts(findings, 0, len(text))
    article = len(spans) == 1 and spans[0] == (0, len(text))
    cues = doc_cues(doc) if article else np.zeros(len(DOC_CUE_NAMES), np.float32)
    out = []
    for i, (start, end) in enumerate(spans):
        span = doc.char_span(start, end, alignment_mode="expand")
        tokens = list(span) if span is not None else []
        previous = counts[i - 1] if i > 0 else np.zeros(len(TECHNIQUES), np.float32)
        following = counts[i + 1] if i + 1 < len(counts) else np.zeros(len(TECHNIQUES), np.float32)
        weights = emotive[span.start : span.end] if emotive is not None and span else None
        out.append(
            Unit(
                lemmas=_lemmas(tokens),
                vector=_mean_vector(doc, span),
                rules=counts[i],
                text=text[start:end].lower(),
                context=article_lemmas,
                neighbours=np.concatenate([(previous + following) / 2, whole]).astype(np.float32),
                surface=_surface(text[start:end], len(tokens), weights, index=i, count=len(spans)),
                doc_cues=cues,
            )
        )
    return out


def unit(doc: Doc, start: int, end: int, findings: Sequence[SlantFinding]) -> Unit:
    """The evidence for the characters `start:end` of `doc`, as a unit of its own."""
    return units_for(doc, [(start, end)], findings)[0]


def _lemma(text: str) -> str:
    return text.lower().replace("’", "'")


def _split(text: str) -> list[str]:
    return text.split()


class Featurizer:
    """Lemma TF-IDF, character n-grams, context, surface cues, word vectors and rule counts,
    stacked in one sparse row per unit."""

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
        self.chars = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=(config.char_min, config.char_max),
            min_df=2,
            max_features=config.char_max_features,
            sublinear_tf=True,
            lowercase=False,
            dtype=np.float32,
        )
        self.vector_length = 1

    def fit(self, units: Sequence[Unit]) -> Featurizer:
        self.tfidf.fit([u.lemmas for u in units])
        if self.config.chars:
            texts = [u.text for u in units]
            try:
                self.chars.fit(texts)
            except ValueError:  # too few units for min_df=2: keep every n-gram
                self.chars.set_params(min_df=1)
                self.chars.fit(texts)
        self.vector_length = max([1, *(len(u.vector) for u in units)])
        return self

    def transform(self, units: Sequence[Unit]) -> Any:
        config = self.config
        blocks: list[Any] = [self.tfidf.transform([u.lemmas for u in units])]
        if config.chars:
            blocks.append(self.chars.transform([u.text for u in units]) * config.char_weight)
        if config.context:
            context = self.tfidf.transform([u.context for u in units]) * config.context_weight
            blocks.append(context)
        if config.surface:
            dense = np.vstack([u.surface for u in units]) * config.surface_weight
            blocks.append(sparse.csr_matrix(dense))
        if config.doc_cues:
            dense = np.vstack([u.doc_cues for u in units]) * config.doc_cues_weight
            blocks.append(sparse.csr_matrix(dense))
        if config.vectors:
            dense = np.vstack([self._fit_length(u.vector) for u in units]) * config.vector_weight
            blocks.append(sparse.csr_matrix(dense))
        if config.rules:
            dense = np.vstack([u.rules for u in units]) * config.rules_weight
            blocks.append(sparse.csr_matrix(dense))
            if config.context:
                dense = np.vstack([u.neighbours for u in units]) * config.rules_weight / 2
                blocks.append(sparse.csr_matrix(dense))
        return sparse.hstack(blocks, format="csr")

    def _fit_length(self, vector: Vector) -> Vector:
        """Vectors of a language without them (or of another size) are zero-padded or cut."""
        if len(vector) == self.vector_length:
            return vector
        out = np.zeros(self.vector_length, dtype=np.float32)
        n = min(len(vector), self.vector_length)
        out[:n] = vector[:n]
        return out
