"""The pure parts: quotation scanning, the conditional rule, the lexicons, the component."""

from __future__ import annotations

import pytest
from spacy.language import Language

from crible.nlp.claims.certainty import is_conditional
from crible.nlp.claims.lexicon import load_lexicon
from crible.nlp.claims.quotes import find_quotes, is_scare_quote
from crible.nlp.pipeline import load_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline(components=["claims"])


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Il dit « non merci » puis part.", ["non merci"]),
        ("« Le mot “jamais” revient », dit-il.", ["Le mot “jamais” revient"]),
        ('Elle cite "trois raisons" et "une excuse".', ["trois raisons", "une excuse"]),
        (
            "« Premier paragraphe.\n« Second paragraphe. »\nSuite.",
            ["Premier paragraphe.\n« Second paragraphe."],
        ),
        ("« Laissé ouvert.\nAutre paragraphe.", ["Laissé ouvert."]),
        ("Pas de citation ici.", []),
    ],
)
def test_find_quotes(text: str, expected: list[str]) -> None:
    assert [text[q.start : q.end] for q in find_quotes(text)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Il s'en prend à ces « preneurs d'otages » sans relâche.", True),
        ("La police a arrêté des « casseurs » mardi.", True),
        ("Il a parlé de cette « réforme » longtemps.", True),
        ("Le ministre dénonce une « provocation » inutile.", False),  # the speaker's word
        ("Il vise ces « gens qui ne respectent rien du tout ».", False),  # too long for a label
        ("« Casseurs » : le mot revient souvent.", False),
    ],
)
def test_scare_quote(text: str, expected: bool) -> None:
    assert is_scare_quote(text, find_quotes(text)[0]) is expected


@pytest.mark.parametrize(
    "text, word, expected",
    [
        ("Le groupe envisagerait une vente.", "envisagerait", True),
        ("Le juge rendrait sa décision lundi.", "rendrait", True),
        ("Elle exprimerait ses regrets.", "exprimerait", True),
        ("Le bilan serait lourd.", "serait", True),
        ("Il déclarait souvent la même chose.", "déclarait", False),
        ("Elle montrait les photos.", "montrait", False),
        ("Il entrait dans la salle.", "entrait", False),
    ],
)
def test_conditional_rule(nlp: Language, text: str, word: str, expected: bool) -> None:
    token = next(t for t in nlp(text) if t.text == word)
    assert is_conditional(token, load_lexicon("fr")) is expected


@pytest.mark.parametrize(
    "form, lemma, certainty",
    [
        ("dément", "démentir", "denied"),
        ("nient", "nier", "denied"),
        ("annonçait", "annoncer", "reported"),
        ("affirme", "affirmer", "reported"),
        ("confirmé", "confirmer", "reported"),
    ],
)
def test_reporting_verb_forms(form: str, lemma: str, certainty: str) -> None:
    verb = load_lexicon("fr").verb(form, form)
    assert verb is not None and (verb.lemma, verb.certainty) == (lemma, certainty)


def test_unknown_language_has_no_lexicon() -> None:
    from crible.errors import ResourceError

    with pytest.raises(ResourceError):
        load_lexicon("xx")


def test_pipeline_analysis() -> None:
    # alone, claims lacks crible_entities (it then falls back on NER labels); after it, nothing
    alone = load_pipeline(components=["claims"]).analyze_pipes()["problems"]
    assert alone["crible_claims"] == ["doc._.crible_entities"]
    full = load_pipeline(components=["entities", "claims"]).analyze_pipes()["problems"]
    assert full["crible_claims"] == []


def test_empty_and_whitespace_docs(nlp: Language) -> None:
    assert nlp("")._.crible_claims == []
    assert nlp("   \n\n ")._.crible_claims == []
