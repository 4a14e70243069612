"""Precision and recall of the claims component against annotated articles.

Gold format: docs/formats/claims-gold.md (one JSON file per article). A predicted claim matches a
gold claim when their contents overlap by at least `MIN_OVERLAP` of their union (character
intersection / character union); pairs are made greedily, best overlap first, one to one.

Two matchings are scored:
- **reported speech** (the "quote" score): gold claims that have a source, against predicted
  claims that have a source; speaker accuracy is measured on these pairs;
- **all claims**, the outlet's own asserted statements included; type and certainty accuracy are
  measured on these pairs.

The speaker of a matched pair is right (`same_speaker`) when the predicted source's entity id
equals the gold `entity`; or, when the gold entity is null, when the predicted source span
overlaps the gold source span; or when the predicted source's canonical entity has a mention
overlapping the gold source span (same person, another mention); or when the predicted source
overlaps a mention that the gold file's `speakers` table lists for the gold `speaker` (named
speakers only, not the anonymous bucket).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from spacy.language import Language

from crible.errors import UsageError
from crible.model import Claim, Entity

MIN_OVERLAP = 0.3
_TYPES = {"direct", "indirect", "mixed", "according_to", None}
_CERTAINTIES = {"asserted", "reported", "hedged", "unconfirmed", "denied"}
_UNNAMED_SPEAKER_KINDS = {"anon", "anonymous"}  # a bucket of unnamed sources, not one speaker
ASSERTED = "asserted"  # the per-type key of the outlet's own statements (type null)

Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class GoldClaim:
    start: int
    end: int
    source: tuple[int, int, str | None] | None  # start, end, entity id
    type: str | None
    certainty: str
    speaker: str | None = None  # canonical name, when the file gives it
    speaker_mentions: Spans = ()  # the mentions the `speakers` table lists for that name


@dataclass(frozen=True)
class GoldArticle:
    name: str
    text: str
    claims: list[GoldClaim]


@dataclass(frozen=True)
class TypeScores:
    """Per claim type (`asserted` for the outlet's own statements): recall over the gold claims
    of that type, precision over the predicted claims of that type (all-claims matching)."""

    gold: int
    predicted: int
    found: int  # gold claims of the type that were matched
    correct: int  # predicted claims of the type matched to a gold claim of the same type
    speaker_right: int  # matched gold claims of the type whose speaker is right

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {**asdict(self), "recall": self.recall, "precision": self.precision}


ErrorKind = Literal["miss", "false_alarm", "wrong_speaker"]


@dataclass(frozen=True)
class ClaimError:
    """One place where the prediction differs from the gold, for a person to look at."""

    file: str
    kind: ErrorKind
    start: int
    end: int
    text: str
    gold_speaker: str | None = None
    predicted_speaker: str | None = None
    why: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ClaimScores:
    # reported speech: gold claims with a source against predicted claims with a source
    quote_precision: float
    quote_recall: float
    quote_f1: float
    quote_gold: int
    quote_predicted: int
    quote_matched: int
    speaker_accuracy: float  # on the reported-speech pairs
    # all claims, the outlet's own statements included
    precision: float
    recall: float
    f1: float
    type_accuracy: float  # on the all-claims pairs
    certainty_accuracy: float
    gold: int
    predicted: int
    matched: int
    articles: int
    by_type: dict[str, TypeScores] = field(default_factory=dict)
    errors: tuple[ClaimError, ...] = ()

    def to_dict(self, *, errors: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            k: v for k, v in asdict(self).items() if k not in ("by_type", "errors")
        }
        out["by_type"] = {k: v.to_dict() for k, v in self.by_type.items()}
        if errors:
            out["errors"] = [e.to_dict() for e in self.errors]
        return out


def load_gold(gold_dir: Path) -> list[GoldArticle]:
    """Every `*.json` article of `gold_dir`, validated; a bad file raises `UsageError` naming it."""
    if not gold_dir.is_dir():
        raise UsageError(f"gold folder {gold_dir} does not exist", hint="pass --gold DIR")
    paths = sorted(gold_dir.glob("*.json"))
    if not paths:
        raise UsageError(
            f"no *.json gold file in {gold_dir}", hint="see docs/formats/claims-gold.md"
        )
    return [_read(path) for path in paths]


def _read(path: Path) -> GoldArticle:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        text = data["text"]
        speakers = _speaker_mentions(data.get("speakers") or {}, text)
        claims = [_gold_claim(item, text, speakers) for item in data["claims"]]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as exc:
        raise UsageError(
            f"{path.name}: not a claims gold file ({type(exc).__name__}: {exc})",
            hint="see docs/formats/claims-gold.md",
        ) from exc
    except ValueError as exc:
        raise UsageError(f"{path.name}: {exc}", hint="see docs/formats/claims-gold.md") from exc
    if not isinstance(text, str):
        raise UsageError(f"{path.name}: 'text' must be a string")
    return GoldArticle(path.name, text, claims)


def _checked_span(item: dict[str, Any], text: str, what: str) -> tuple[int, int]:
    start, end = int(item["start"]), int(item["end"])
    if not 0 <= start < end <= len(text):
        raise ValueError(f"{what} offsets {start}-{end} are outside the text")
    if "text" in item and item["text"] != text[start:end]:
        raise ValueError(f"{what} text {item['text']!r} differs from text[{start}:{end}]")
    return start, end


def _speaker_mentions(table: dict[str, Any], text: str) -> dict[str, Spans]:
    """Named speaker -> the spans of its mentions (the optional `speakers` table)."""
    found: dict[str, Spans] = {}
    for name, entry in table.items():
        if entry.get("kind") in _UNNAMED_SPEAKER_KINDS:
            continue
        mentions = entry.get("mentions") or []
        found[name] = tuple(_checked_span(m, text, f"speaker {name!r} mention") for m in mentions)
    return found


def _gold_claim(item: dict[str, Any], text: str, speakers: Mapping[str, Spans]) -> GoldClaim:
    start, end = _checked_span(item["content"], text, "content")
    source = None
    if item.get("source") is not None:
        s_start, s_end = _checked_span(item["source"], text, "source")
        source = (s_start, s_end, item["source"].get("entity"))
    claim_type = item.get("type")
    certainty = item["certainty"]
    if claim_type not in _TYPES:
        raise ValueError(f"unknown claim type {claim_type!r}")
    if certainty not in _CERTAINTIES:
        raise ValueError(f"unknown certainty {certainty!r}")
    speaker = item.get("speaker")
    if speaker is not None and not isinstance(speaker, str):
        raise ValueError(f"speaker {speaker!r} is not a name")
    mentions = speakers.get(speaker, ()) if speaker else ()
    return GoldClaim(start, end, source, claim_type, certainty, speaker, mentions)


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Character intersection over character union of two spans."""
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return 0.0
    return inter / (max(a[1], b[1]) - min(a[0], b[0]))


def match(gold: list[GoldClaim], predicted: list[Claim]) -> list[tuple[GoldClaim, Claim]]:
    """Greedy one-to-one pairs whose content overlap is at least `MIN_OVERLAP`."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            ratio = overlap((g.start, g.end), (p.content.start, p.content.end))
            if ratio >= MIN_OVERLAP:
                candidates.append((ratio, gi, pi))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _ratio, gi, pi in candidates:
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        pairs.append((gold[gi], predicted[pi]))
    return pairs


def _touches(span: tuple[int, int], spans: Sequence[tuple[int, int]]) -> bool:
    return any(min(span[1], e) > max(span[0], s) for s, e in spans)


def same_speaker(
    gold: GoldClaim, predicted: Claim, entity_mentions: Mapping[str, Spans] | None = None
) -> bool:
    """Is the predicted source the gold speaker? `entity_mentions` (entity id -> mention spans of
    the article's canonical entities) lets another mention of the same entity count."""
    if gold.source is None or predicted.source is None:
        return gold.source is None and predicted.source is None
    g_start, g_end, g_entity = gold.source
    p = predicted.source
    if g_entity is not None:
        return p.entity == g_entity
    if p.start is None or p.end is None:
        return False
    spans: list[tuple[int, int]] = [(p.start, p.end)]
    if p.entity is not None and entity_mentions:
        spans += entity_mentions.get(p.entity, ())
    targets = [(g_start, g_end), *gold.speaker_mentions]
    return any(_touches(span, targets) for span in spans)


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _ratio(hits: int, total: int) -> float:
    return hits / total if total else 0.0


@dataclass
class _Tally:
    """Counts gathered article by article, turned into `ClaimScores` at the end."""

    articles: int = 0
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    type_right: int = 0
    certainty_right: int = 0
    quote_gold: int = 0
    quote_predicted: int = 0
    quote_matched: int = 0
    speaker_right: int = 0
    by_type: dict[str, list[int]] = field(default_factory=dict)  # gold, pred, found, correct, spk
    errors: list[ClaimError] = field(default_factory=list)

    def _type(self, key: str | None) -> list[int]:
        return self.by_type.setdefault(key or ASSERTED, [0, 0, 0, 0, 0])

    def add(
        self, article: GoldArticle, predicted: list[Claim], mentions: Mapping[str, Spans]
    ) -> None:
        self.articles += 1
        self.gold += len(article.claims)
        self.predicted += len(predicted)
        for g in article.claims:
            self._type(g.type)[0] += 1
        for p in predicted:
            self._type(p.type)[1] += 1
        pairs = match(article.claims, predicted)
        self.matched += len(pairs)
        for g, p in pairs:
            self.type_right += g.type == p.type
            self.certainty_right += g.certainty == p.certainty
            self._type(g.type)[2] += 1
            self._type(p.type)[3] += g.type == p.type
            self._type(g.type)[4] += same_speaker(g, p, mentions)
        gold_sourced = [g for g in article.claims if g.source is not None]
        pred_sourced = [p for p in predicted if p.source is not None]
        quote_pairs = match(gold_sourced, pred_sourced)
        self.quote_gold += len(gold_sourced)
        self.quote_predicted += len(pred_sourced)
        self.quote_matched += len(quote_pairs)
        self._errors(article, predicted, pairs, quote_pairs, mentions)

    def _errors(
        self,
        article: GoldArticle,
        predicted: list[Claim],
        pairs: list[tuple[GoldClaim, Claim]],
        quote_pairs: list[tuple[GoldClaim, Claim]],
        mentions: Mapping[str, Spans],
    ) -> None:
        text, name = article.text, article.name
        found = {id(g) for g, _ in pairs}
        made = {id(p) for _, p in pairs}
        for g in article.claims:
            if id(g) not in found:
                self.errors.append(
                    ClaimError(name, "miss", g.start, g.end, text[g.start : g.end], _gold_who(g))
                )
        for p in predicted:
            if id(p) not in made:
                c = p.content
                who = p.source.text if p.source else None
                self.errors.append(
                    ClaimError(name, "false_alarm", c.start, c.end, c.text, None, who, p.why)
                )
        for g, p in quote_pairs:
            if same_speaker(g, p, mentions):
                self.speaker_right += 1
                continue
            who = p.source.text if p.source else None
            span = text[g.start : g.end]
            self.errors.append(
                ClaimError(name, "wrong_speaker", g.start, g.end, span, _gold_who(g), who, p.why)
            )

    def scores(self) -> ClaimScores:
        precision, recall = _ratio(self.matched, self.predicted), _ratio(self.matched, self.gold)
        q_precision = _ratio(self.quote_matched, self.quote_predicted)
        q_recall = _ratio(self.quote_matched, self.quote_gold)
        order = ["direct", "indirect", "mixed", "according_to", ASSERTED]
        keys = sorted(self.by_type, key=lambda k: order.index(k) if k in order else len(order))
        return ClaimScores(
            quote_precision=q_precision,
            quote_recall=q_recall,
            quote_f1=_f1(q_precision, q_recall),
            quote_gold=self.quote_gold,
            quote_predicted=self.quote_predicted,
            quote_matched=self.quote_matched,
            speaker_accuracy=_ratio(self.speaker_right, self.quote_matched),
            precision=precision,
            recall=recall,
            f1=_f1(precision, recall),
            type_accuracy=_ratio(self.type_right, self.matched),
            certainty_accuracy=_ratio(self.certainty_right, self.matched),
            gold=self.gold,
            predicted=self.predicted,
            matched=self.matched,
            articles=self.articles,
            by_type={k: TypeScores(*self.by_type[k]) for k in keys},
            errors=tuple(self.errors),
        )


def _gold_who(gold: GoldClaim) -> str | None:
    return gold.speaker if gold.speaker else ("(outlet)" if gold.source is None else None)


def entity_spans(entities: Sequence[Entity] | None) -> dict[str, Spans]:
    """Entity id -> the spans of its mentions in the article."""
    return {e.id: tuple((m.start, m.end) for m in e.mentions) for e in entities or ()}


def score_articles(
    articles: Sequence[GoldArticle],
    predictions: Sequence[list[Claim]],
    entities: Sequence[Sequence[Entity] | None] | None = None,
) -> ClaimScores:
    """Scores of predicted claims (one list per article) against the gold articles."""
    tally = _Tally()
    for k, (article, predicted) in enumerate(zip(articles, predictions, strict=True)):
        mentions = entity_spans(entities[k]) if entities is not None else {}
        tally.add(article, predicted, mentions)
    return tally.scores()


def evaluate_claims(gold_dir: Path, nlp: Language | None = None) -> ClaimScores:
    """Run `nlp` (default: the entities and claims components) on every gold article and score
    its claims. Raises `UsageError` for a missing folder or a malformed file."""
    articles = load_gold(gold_dir)
    if nlp is None:
        from crible.nlp.pipeline import load_pipeline

        nlp = load_pipeline(components=["entities", "claims"])
    predictions: list[list[Claim]] = []
    entities: list[Sequence[Entity] | None] = []
    for doc in nlp.pipe(a.text for a in articles):
        predictions.append(doc._.crible_claims or [])
        entities.append(doc._.crible_entities)
    return score_articles(articles, predictions, entities)
