from __future__ import annotations

from crible.ingest.dedup import DuplicateIndex

STORY = (
    "Le conseil municipal de Lyon a voté mardi un budget de douze millions d'euros pour rénover "
    "trois écoles du quartier de la Guillotière, selon le maire adjoint chargé de l'éducation. "
    "Les travaux commenceront au printemps et dureront deux ans."
)
OTHER = (
    "La récolte de pommes a baissé de vingt pour cent en Normandie cette année à cause de la "
    "sécheresse et des gelées tardives du printemps, selon la chambre d'agriculture."
)


def test_reposted_story_with_small_edits_is_a_duplicate() -> None:
    index = DuplicateIndex()
    assert index.check_and_add("a", STORY) is None
    assert index.check_and_add("b", "Mis à jour : " + STORY.replace("mardi", "lundi")) == "a"


def test_different_stories_are_not_duplicates() -> None:
    index = DuplicateIndex()
    assert index.check_and_add("a", STORY) is None
    assert index.check_and_add("b", OTHER) is None


def test_same_topic_rewritten_is_not_a_duplicate() -> None:
    rewritten = (
        "À Lyon, trois écoles de la Guillotière seront rénovées : les élus ont adopté mardi "
        "une enveloppe de douze millions d'euros, un chantier prévu pour durer deux ans."
    )
    index = DuplicateIndex()
    index.check_and_add("a", STORY)
    assert index.check_and_add("b", rewritten) is None


def test_short_texts_are_never_compared() -> None:
    index = DuplicateIndex()
    assert index.check_and_add("a", "Brève.") is None
    assert index.check_and_add("b", "Brève.") is None
