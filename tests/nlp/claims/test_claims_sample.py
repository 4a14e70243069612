"""The glued sample from ../shared (read through the fixture, never copied)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from crible.model import Claim
from crible.nlp.pipeline import load_pipeline


@pytest.fixture(scope="module")
def claims(sample_text: str) -> list[Claim]:
    nlp: Language = load_pipeline(components=["claims"])
    result: list[Claim] = nlp(sample_text)._.crible_claims
    return result


def _holding(claims: list[Claim], words: str) -> Claim:
    found = [c for c in claims if words in c.content.text]
    assert len(found) == 1, [c.content.text for c in claims]
    return found[0]


def test_offsets_index_the_text(claims: list[Claim], sample_text: str) -> None:
    assert claims
    for claim in claims:
        assert sample_text[claim.content.start : claim.content.end] == claim.content.text
        if claim.source is not None and claim.source.start is not None:
            assert sample_text[claim.source.start : claim.source.end] == claim.source.text


def test_axios_report_is_according_to_and_hedged(claims: list[Claim]) -> None:
    claim = _holding(claims, "envisage de se rendre")
    assert claim.type == "according_to"
    assert claim.source is not None and claim.source.text == "Axios"
    assert claim.source.kind == "outlet"
    assert claim.certainty == "hedged"
    assert claim.cue is not None and "Axios" in claim.cue.text


@pytest.mark.parametrize("words", ["aurait adressé", "serait perçu", "exprimerait"])
def test_continuation_carries_axios_and_hedge(claims: list[Claim], words: str) -> None:
    claim = _holding(claims, words)
    assert claim.type == "according_to"
    assert claim.source is not None and claim.source.text == "Axios"
    assert claim.certainty == "hedged"


def test_government_statement_is_unconfirmed(claims: list[Claim]) -> None:
    found = [c for c in claims if c.cue is not None and "ni confirmé ni démenti" in c.cue.text]
    assert len(found) == 1
    claim = found[0]
    assert claim.type == "indirect"
    assert claim.certainty == "unconfirmed"
    assert claim.source is not None and claim.source.kind == "organisation"
    assert claim.source.text == "le gouvernement ukrainien"


def test_quotation_after_colon_is_direct(claims: list[Claim]) -> None:
    claim = _holding(claims, "Je remercie")
    assert claim.type == "direct"
    assert claim.content.text.startswith("Je remercie")
    assert claim.content.text.endswith("à l’Ukraine.")  # runs to the end of the paragraph
    assert claim.cue is not None and claim.cue.text == "a déclaré"
    assert claim.source is not None and claim.source.kind == "person"


def test_sentences_inside_the_quotation_are_not_claims_of_their_own(claims: list[Claim]) -> None:
    quote = _holding(claims, "Je remercie")
    inside = [
        c
        for c in claims
        if c is not quote and quote.content.start <= c.content.start < quote.content.end
    ]
    assert inside == []


def test_event_sentences_are_asserted(claims: list[Claim]) -> None:
    claim = _holding(claims, "se sont affrontés")
    assert (claim.type, claim.source, claim.certainty) == (None, None, "asserted")
