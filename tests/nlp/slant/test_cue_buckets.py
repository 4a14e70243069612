"""The bucketed persuasion matcher must find exactly what the single alternation finds."""

from __future__ import annotations

import pytest

from crible.nlp.cues import first_chars, literal_prefix, starts_with_word
from crible.nlp.slant.genre import GenreCues
from crible.nlp.slant.lexicon import load_genre_cues, load_persuasion_cues
from crible.nlp.slant.persuasion import CueSet

from .cases import LEXICON_NEUTRAL, NEUTRAL_PARAGRAPHS, TECHNIQUE_CASES


@pytest.mark.parametrize(
    "pattern, expected",
    [
        ("prétendu", {"p"}),
        ("(?:soi-disant|prétendu) \\w+", {"s", "p"}),
        ("(?:très )?grave", {"t", "g"}),
        ("[a-c]x", {"a", "b", "c"}),
        ("(?!non)[^\\W\\d_]+", None),  # any letter: not enumerated
        ("(?:a)?", None),  # can match nothing
    ],
)
def test_first_chars(pattern: str, expected: set[str] | None) -> None:
    result = first_chars(pattern)
    assert (set(result) if result is not None else None) == expected


@pytest.mark.parametrize(
    "pattern, expected",
    [
        ("prétendu", "pr"),
        ("(?<!\\w)selon", "se"),  # a zero-width assertion before the letters does not count
        ("s(?:oi|e)", None),  # the second letter is not fixed
        ("(?:soi-disant|prétendu)", None),
        ("[a-c]x", None),
        ("a", None),  # shorter than two letters
    ],
)
def test_literal_prefix(pattern: str, expected: str | None) -> None:
    assert literal_prefix(pattern, 2) == expected


@pytest.mark.parametrize(
    "pattern, expected",
    [
        ("(?!nous\\b)(?P<rep>[^\\W\\d_]{3,})\\s+(?P=rep)", True),  # letters only
        ("[\\w-]+ de salon|[\\w-]+ du dimanche", True),
        ("\\W+x", False),
        ("(?:a)?b", False),  # unsure: the optional part may be absent
        (".x", False),
        ("[^a]x", False),
    ],
)
def test_starts_with_word(pattern: str, expected: bool) -> None:
    assert starts_with_word(pattern) is expected


def _texts() -> list[str]:
    texts = [t for pos, neg in TECHNIQUE_CASES.values() for t in pos + neg]
    texts += LEXICON_NEUTRAL + NEUTRAL_PARAGRAPHS
    return [*texts, " ".join(texts), " ".join(texts).upper()]


def test_buckets_match_the_single_alternation() -> None:
    cues = CueSet(load_persuasion_cues("fr"))
    found = 0
    for text in _texts():
        bucketed = [(f.start, f.end, f.technique) for f in cues(text)]
        single = [
            (m.start(), m.end(), technique)
            for m in cues.pattern.finditer(text)
            for cue in [cues.cues[int((m.lastgroup or "c0")[1:])]]
            for technique in (cue.technique, *cue.also)
        ]
        assert bucketed == single, text[:80]
        found += len(single)
    assert found > 50  # the comparison covers real matches, not only empty lists


def test_genre_cue_buckets_match_the_single_alternation() -> None:
    cues = GenreCues(load_genre_cues("fr"))
    texts = [
        "Tribune : je pense que nous devons agir. Selon le ministre, rien ne change (AFP).",
        "Le plus sérieusement du monde, le ministre, visiblement ému, a annoncé la réforme.",
        "À mon avis, soyons lucides : il est temps de changer. Article satirique.",
    ]
    found = 0
    for text in [*texts, " ".join(texts).upper()]:
        single = [(m.start(), m.end(), m.lastgroup) for m in cues.pattern.finditer(text)]
        assert [(m.start(), m.end(), m.lastgroup) for m in cues.matches(text)] == single
        found += len(single)
    assert found >= 12
