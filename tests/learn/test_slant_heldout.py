"""The slant rules on our persuasion gold corpus: the figures measured blind on the held-out
half (examples/semeval-fr-gold/heldout/README.md) are floors, and the tuning half keeps its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from crible.learn import semeval
from crible.learn.metrics import f1_scores
from crible.learn.rules_eval import run_rules
from crible.nlp.pipeline import load_pipeline
from crible.nlp.slant.scheme import TECHNIQUES

GOLD = Path(__file__).resolve().parents[2] / "examples" / "semeval-fr-gold"
LOADED = "Loaded_Language"


@pytest.mark.parametrize(
    "half, min_recall, min_precision",
    [
        # Blind: 0.549 and 0.703 (28 of 51 paragraphs, 26 of 37 spans); the issue asks 0.40, 0.6.
        ("heldout", 0.53, 0.68),
        ("dev", 0.73, 0.88),  # tuned on: 0.755 and 0.903
    ],
)
def test_rules_find_loaded_language(half: str, min_recall: float, min_precision: float) -> None:
    folder = GOLD / half
    records = semeval.read_technique_labels(folder / "techniques.txt")
    articles = semeval.read_articles(folder / "articles", ids={r.article_id for r in records})
    assert len(articles) == 20
    gold = {(r.article_id, r.line): set(r.techniques) for r in records}
    run = run_rules(
        load_pipeline("fr", components=[]),
        articles,
        semeval.read_technique_spans(folder / "spans.txt"),
    )
    loaded = f1_scores(gold, run.predicted, TECHNIQUES).counts[LOADED]
    right, total = run.span_precision(LOADED)
    assert loaded.support > 40 and total > 30
    assert loaded.recall >= min_recall
    assert right / total >= min_precision
