"""Our five multi-paragraph articles (tests/data/claims/*.json, the gold format of
docs/formats/claims-gold.md): every gold claim is found with its type, certainty and speaker, and
nothing else is reported."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from crible.learn.claims_eval import GoldArticle, load_gold, match, same_speaker
from crible.nlp.pipeline import load_pipeline

DATA = Path(__file__).resolve().parents[2] / "data" / "claims"
ARTICLES = load_gold(DATA)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline(components=["claims"])


def test_there_are_five_articles_with_several_paragraphs() -> None:
    assert len(ARTICLES) >= 5
    assert all(a.text.count("\n") >= 3 for a in ARTICLES)


@pytest.mark.parametrize("article", ARTICLES, ids=[a.name for a in ARTICLES])
def test_article_claims(nlp: Language, article: GoldArticle) -> None:
    predicted = nlp(article.text)._.crible_claims
    pairs = match(article.claims, predicted)
    found = {(g.start, g.end) for g, _ in pairs}
    missed = [
        article.text[g.start : g.end] for g in article.claims if (g.start, g.end) not in found
    ]
    assert missed == []
    for gold, claim in pairs:
        got = (claim.type, claim.certainty, same_speaker(gold, claim))
        assert got == (gold.type, gold.certainty, True), (claim.content.text, claim.why)
    assert len(predicted) == len(article.claims), [c.content.text for c in predicted]


def test_bundled_example_first_article() -> None:
    """examples/exemple-fr.txt through the public API: one claim per report, in order."""
    from crible import analyze

    example = Path(__file__).resolve().parents[3] / "examples" / "exemple-fr.txt"
    result = analyze(example.read_text(encoding="utf-8"), published="2024-06-13")
    claims = result.documents[0].articles[0].claims
    got = [(c.type, c.certainty, c.source.text if c.source else None) for c in claims]
    assert got == [
        ("according_to", "hedged", "Le Phare du Sud"),
        ("direct", "reported", "Julien Marchetti"),
        ("according_to", "hedged", "des sources syndicales"),
        ("indirect", "unconfirmed", "La direction générale de l'aviation civile"),
        ("mixed", "reported", "Marchetti"),
        ("indirect", "denied", "Marchetti"),
        (None, "asserted", None),
    ]
    assert claims[2].source is not None and claims[2].source.kind == "anonymous"
    assert claims[1].content.text.startswith("Nous ferons tout")
    assert claims[4].content.text.endswith("de ces « preneurs d'otages »")
    assert claims[5].content.text == "toute négociation secrète avec les syndicats"
    assert claims[6].content.text.startswith("Plus de 420 vols")
