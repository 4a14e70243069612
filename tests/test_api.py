"""The library API end to end, with every component of the real pipeline."""

from __future__ import annotations

import itertools
import json

import jsonschema
import pytest

import crible
from crible.ingest.document import RawDocument
from crible.model import Result, json_schema

TWICE = (
    "Le syndicat des transports a annoncé jeudi une grève de deux jours sur le réseau de Lille, "
    "pour protester contre la suppression de quarante postes de conducteurs."
)


@pytest.fixture(scope="module")
def sample_result(sample_text: str) -> Result:
    return crible.analyze(sample_text, published="2023-10-12", source="sample")


def test_sample_articles_and_offsets(sample_result: Result, sample_text: str) -> None:
    [document] = sample_result.documents
    assert document.text == sample_text
    assert [a.truncated for a in document.articles] == [True, False, True]
    assert all(a.language == "fr" and a.published == "2023-10-12" for a in document.articles)
    for article in document.articles:
        for entity in article.entities:
            for mention in entity.mentions:
                assert sample_text[mention.start : mention.end] == mention.text
                assert article.start <= mention.start < mention.end <= article.end
        for claim in article.claims:
            assert sample_text[claim.content.start : claim.content.end] == claim.content.text
        for finding in article.slant:
            assert sample_text[finding.start : finding.end] == finding.text
        for time in article.times:
            assert sample_text[time.start : time.end] == time.text


def test_result_matches_the_exported_schema(sample_result: Result) -> None:
    jsonschema.validate(json.loads(sample_result.model_dump_json()), json_schema())


def test_every_contract_field_is_present(sample_result: Result) -> None:
    data = json.loads(sample_result.model_dump_json())
    assert set(data) == {"crible_version", "documents"}
    document = data["documents"][0]
    assert {"source", "text", "articles", "errors"} <= set(document)
    article = document["articles"][0]
    assert {
        "id",
        "start",
        "end",
        "title",
        "language",
        "truncated",
        "duplicate_of",
        "published",
        "entities",
        "claims",
        "slant",
        "times",
    } <= set(article)


def test_empty_text_is_an_error_document() -> None:
    [document] = crible.analyze("   ").documents
    assert document.articles == [] and document.errors[0].code == "empty"


def test_bad_published_date_is_a_usage_error() -> None:
    with pytest.raises(crible.errors.UsageError, match="YYYY-MM-DD"):
        crible.analyze("Un texte.", published="12/10/2023")


@pytest.mark.parametrize("n_process", [1, 2])
def test_analyze_many_streams_in_order_and_marks_duplicates(n_process: int) -> None:
    items = [
        RawDocument(source="a", text=TWICE),
        RawDocument(
            source="b", text="Il pleut sur Brest depuis trois jours et la Penfeld déborde."
        ),
        RawDocument(source="c", text=TWICE.replace("jeudi", "vendredi")),
    ]
    settings = crible.Settings(n_process=n_process, batch_size=1)
    documents = list(crible.analyze_many(items, settings))
    assert [d.source for d in documents] == ["a", "b", "c"]
    assert documents[2].articles[0].duplicate_of == "a"
    assert documents[0].articles[0].duplicate_of is None
    # the real pipeline ran in every process: the slant component always writes paragraphs
    assert all(d.articles[0].paragraphs and d.articles[0].genre for d in documents)


def test_non_french_article_is_segmented_and_reported() -> None:
    text = (
        "The city council of Leeds approved on Monday a plan to rebuild three primary schools, "
        "the deputy mayor said."
    )
    [article] = crible.analyze(text).documents[0].articles
    assert article.language == "en"
    assert article.entities == [] and article.claims == []


def test_long_article_is_analysed_in_pieces_and_merged(monkeypatch: pytest.MonkeyPatch) -> None:
    from crible import analysis

    monkeypatch.setattr(analysis, "PIECE_CHARS", 300)
    paragraph = (
        "Le maire de Nantes, Paul Mercier, a inauguré lundi un pont sur la Loire. "
        "Selon la préfecture, les travaux auraient coûté quarante millions d'euros.\n"
    )
    text = paragraph * 6
    assert len(analysis._pieces(text, 0, len(text))) > 1
    [article] = crible.analyze(text, published="2024-03-07").documents[0].articles
    assert (article.start, article.end) == (0, len(text.rstrip()))
    [mercier] = [e for e in article.entities if e.name == "Paul Mercier"]  # one, merged
    assert len(mercier.mentions) == 6
    assert len([c for c in article.claims if c.certainty == "hedged"]) == 6
    for claim in article.claims:
        assert text[claim.content.start : claim.content.end] == claim.content.text
    for entity in article.entities:
        for mention in entity.mentions:
            assert text[mention.start : mention.end] == mention.text


@pytest.mark.parametrize("limit", [50, 120, 1000])
def test_pieces_cover_the_text_at_boundaries(monkeypatch: pytest.MonkeyPatch, limit: int) -> None:
    from crible import analysis

    monkeypatch.setattr(analysis, "PIECE_CHARS", limit)
    text = ("Une phrase courte. " * 20 + "\n") * 5 + "x" * 130
    pieces = analysis._pieces(text, 3, len(text))
    assert pieces[0][0] == 3 and pieces[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(pieces))
    assert all(0 < e - s <= limit for s, e in pieces)
