"""Precision and recall of the claims component against annotated articles.

Gold format: docs/formats/claims-gold.md (one JSON file per article). A predicted claim matches a
gold claim when their contents overlap by at least `MIN_OVERLAP` of their union (character
intersection / character union); pairs are made greedily, best overlap first, one to one.
On matched pairs: the speaker is right when the canonical entity ids agree (when the gold entity is
null, when the source spans overlap; a null gold source needs a null predicted source), and the
type and certainty are right when equal.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language

from crible.errors import UsageError
from crible.model import Claim

MIN_OVERLAP = 0.3
_TYPES = {"direct", "indirect", "mixed", "according_to", None}
_CERTAINTIES = {"asserted", "reported", "hedged", "unconfirmed", "denied"}


@dataclass(frozen=True)
class GoldClaim:
    start: int
    end: int
    source: tuple[int, int, str | None] | None  # start, end, entity id
    type: str | None
    certainty: str


@dataclass(frozen=True)
class GoldArticle:
    name: str
    text: str
    claims: list[GoldClaim]


@dataclass(frozen=True)
class ClaimScores:
    precision: float
    recall: float
    f1: float
    speaker_accuracy: float
    type_accuracy: float
    certainty_accuracy: float
    gold: int
    predicted: int
    matched: int
    articles: int

    def to_dict(self) -> dict[str, float | int]:
        return asdict(self)


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
        claims = [_gold_claim(item, text) for item in data["claims"]]
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


def _gold_claim(item: dict[str, Any], text: str) -> GoldClaim:
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
    return GoldClaim(start, end, source, claim_type, certainty)


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


def same_speaker(gold: GoldClaim, predicted: Claim) -> bool:
    if gold.source is None or predicted.source is None:
        return gold.source is None and predicted.source is None
    g_start, g_end, g_entity = gold.source
    if g_entity is not None:
        return predicted.source.entity == g_entity
    p = predicted.source
    if p.start is None or p.end is None:
        return False
    return min(g_end, p.end) > max(g_start, p.start)


def score(
    pairs: list[tuple[GoldClaim, Claim]], gold: int, predicted: int, articles: int
) -> ClaimScores:
    matched = len(pairs)
    precision = matched / predicted if predicted else 0.0
    recall = matched / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    def rate(hits: int) -> float:
        return hits / matched if matched else 0.0

    return ClaimScores(
        precision=precision,
        recall=recall,
        f1=f1,
        speaker_accuracy=rate(sum(same_speaker(g, p) for g, p in pairs)),
        type_accuracy=rate(sum(g.type == p.type for g, p in pairs)),
        certainty_accuracy=rate(sum(g.certainty == p.certainty for g, p in pairs)),
        gold=gold,
        predicted=predicted,
        matched=matched,
        articles=articles,
    )


def evaluate_claims(gold_dir: Path, nlp: Language | None = None) -> ClaimScores:
    """Run `nlp` (default: the entities and claims components) on every gold article and score
    its claims. Raises `UsageError` for a missing folder or a malformed file."""
    articles = load_gold(gold_dir)
    if nlp is None:
        from crible.nlp.pipeline import load_pipeline

        nlp = load_pipeline(components=["entities", "claims"])
    pairs: list[tuple[GoldClaim, Claim]] = []
    n_gold = n_pred = 0
    for article, doc in zip(articles, nlp.pipe(a.text for a in articles), strict=True):
        predicted: list[Claim] = doc._.crible_claims or []
        pairs += match(article.claims, predicted)
        n_gold += len(article.claims)
        n_pred += len(predicted)
    return score(pairs, n_gold, n_pred, len(articles))
