"""Story grouping on literal claims: which pairs are the same claim, and which are not."""

from __future__ import annotations

import datetime as dt

import pytest

from crible.corpus.stories import ClaimRecord, find_stories, terms


def claim(
    n: int,
    text: str,
    *,
    entities: tuple[str, ...] = (),
    day: int = 5,
    article: int | None = None,
) -> ClaimRecord:
    return ClaimRecord(
        doc_key=f"doc{article if article is not None else n}",
        article_n=1,
        n=n,
        article=f"a{article if article is not None else n}",
        outlet=f"outlet{n}",
        published=dt.date(2024, 3, day),
        language="fr",
        text=text,
        certainty="asserted",
        entities=frozenset(entities),
    )


def test_terms_drop_accents_case_function_words_and_endings() -> None:
    assert terms("La maire aurait démissionné de son poste", "fr") == ["maire", "demiss", "poste"]
    assert terms("Hélène MARCHETTI a remis sa démission", "fr") == [
        "helene",
        "marche",
        "remis",
        "demiss",
    ]


@pytest.mark.parametrize(
    ("first", "second", "linked"),
    [
        # the same event, hedged and stated
        (
            "Le groupe Korlan fermerait son usine de Lorient",
            "Le groupe Korlan ferme son usine de Lorient",
            True,
        ),
        (
            "La crue a fait trois blessés à Redon",
            "Selon la préfecture, la crue aurait fait trois blessés à Redon",
            True,
        ),
        # alike words, another event
        (
            "Le festival de Quimper pourrait être annulé",
            "Le groupe Korlan ferme son usine de Lorient",
            False,
        ),
        ("Les conducteurs de bus sont en grève", "La récolte du sel a commencé", False),
    ],
)
def test_claims_link_when_they_say_the_same(first: str, second: str, linked: bool) -> None:
    stories = find_stories([claim(1, first), claim(2, second)])
    assert bool(stories) is linked


def test_claims_naming_different_entities_are_different_events() -> None:
    rennes = claim(1, "Le maire a démissionné mardi soir", entities=("helene-marchetti", "Q647"))
    brest = claim(2, "Le maire a démissionné mardi soir", entities=("yann-le-goff", "Q140147"))
    assert find_stories([rennes, brest]) == []
    again = claim(3, "Le maire a démissionné mardi soir", entities=("Q647",))
    [story] = find_stories([rennes, brest, again])
    assert story.members == (0, 2)
    unnamed = claim(4, "Le maire a démissionné mardi soir")  # names nobody: compared on words
    assert len(find_stories([rennes, unnamed])) == 1


def test_claims_far_apart_in_time_or_in_one_article_are_not_linked() -> None:
    early = claim(1, "Le groupe Korlan ferme son usine de Lorient", day=1)
    late = claim(2, "Le groupe Korlan ferme son usine de Lorient", day=29)
    assert find_stories([early, late]) == []
    assert len(find_stories([early, late], window_days=None)) == 1
    same_article = [
        claim(1, "Korlan ferme Lorient", article=7),
        claim(2, "Korlan ferme Lorient", article=7),
    ]
    assert find_stories(same_article) == []


def test_groups_are_connected_claims_largest_first() -> None:
    claims = [
        claim(1, "La crue a fait trois blessés à Redon"),
        claim(2, "Le groupe Korlan ferme son usine de Lorient"),
        claim(3, "La crue aurait fait trois blessés à Redon"),
        claim(4, "Le groupe Korlan fermerait son usine de Lorient"),
        claim(5, "Selon la préfecture, la crue a fait trois blessés à Redon"),
    ]
    stories = find_stories(claims)
    assert [s.members for s in stories] == [(0, 2, 4), (1, 3)]
    assert all(0.5 <= link.similarity <= 1 for s in stories for link in s.links)
