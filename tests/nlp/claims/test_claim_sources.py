"""Sources linked to canonical entities: needs the entities component (crible_entities)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from crible.model import Claim
from crible.nlp.pipeline import load_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline(components=["entities", "claims"])


@pytest.fixture(scope="module")
def claims(nlp: Language, sample_text: str) -> list[Claim]:
    result: list[Claim] = nlp(sample_text)._.crible_claims
    return result


def _holding(claims: list[Claim], words: str) -> Claim:
    found = [c for c in claims if words in c.content.text]
    assert len(found) == 1, [c.content.text for c in claims]
    return found[0]


def test_axios_is_an_outlet_entity(claims: list[Claim]) -> None:
    claim = _holding(claims, "envisage de se rendre")
    assert claim.source is not None
    assert claim.source.kind == "outlet"
    assert claim.source.entity is not None
    continued = _holding(claims, "exprimerait")
    assert continued.source is not None and continued.source.entity == claim.source.entity


def test_il_a_declare_is_zelensky(claims: list[Claim]) -> None:
    claim = _holding(claims, "Je remercie")
    assert claim.type == "direct"
    assert claim.source is not None
    assert claim.source.entity == "Q3874799"
    assert claim.source.kind == "person"


@pytest.mark.parametrize(
    "text, fragment, name",
    [
        (
            "La ministre Sophie Lambert a reçu le maire Paul Girard. Elle a déclaré que le "
            "dialogue était rompu.",
            "dialogue",
            "Sophie Lambert",
        ),
        (
            "Le maire Paul Girard a reçu la ministre Sophie Lambert. Il a annoncé que la piscine "
            "rouvrirait.",
            "piscine",
            "Paul Girard",
        ),
    ],
)
def test_pronoun_links_to_the_entity(nlp: Language, text: str, fragment: str, name: str) -> None:
    doc = nlp(text)
    claim = _holding(doc._.crible_claims, fragment)
    entity = next(e for e in doc._.crible_entities if e.name == name)
    assert claim.source is not None and claim.source.entity == entity.id


@pytest.mark.timeout(120)
def test_a_descriptor_walk_that_reaches_the_root_ends(nlp: Language) -> None:
    # Leading emoji make the parser hang the name on a root noun; the walk up the heads used to
    # compare Token objects (always distinct) and never stopped there.
    claims: list[Claim] = nlp("🇫🇷😀 Selon Le Monde, Emmanuel Macron a parlé.")._.crible_claims
    assert [(c.content.text, c.source and c.source.text) for c in claims] == [
        ("Emmanuel Macron a parlé", "Le Monde")
    ]
