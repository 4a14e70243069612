"""The bucketed persuasion matcher must find exactly what the single alternation finds."""

from __future__ import annotations

import pytest

from crible.nlp.cues import first_chars, literal_prefix, literal_starts, required_literals
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
        ("prétendu", {"prétendu"}),
        ("(?:soi-disant|prétendu) \\w+", {"soi-disant ", "prétendu "}),
        ("(?:très )?grave", {"grave", "très grave"}),
        ("n['’]a", {"n'a", "n’a"}),
        ("(?:le|les) pires? \\w", {"le pire ", "le pires ", "les pire ", "les pires "}),
        ("a(?:b|c)*d", {"a", "ab", "ac"}),  # what follows a repeat is not fixed
        ("ab+c", {"ab"}),
        ("(?!nous\\b)vous", {"vous"}),  # zero-width parts are skipped
        ("[a-c]x", None),  # a range: not told
        ("\\w+ de salon", None),
        ("(?:x)?", None),  # may match the empty string
    ],
)
def test_literal_starts(pattern: str, expected: set[str] | None) -> None:
    starts = literal_starts(pattern)
    assert (None if starts is None else set(starts)) == expected


@pytest.mark.parametrize(
    "pattern, expected",
    [
        ("[\\w-]+ de salon|[\\w-]+ du dimanche", {" de salon", " du dimanche"}),
        ("(?:[\\w-]+s? de salon)", {" de salon"}),
        ("(?P<rep>[^\\W\\d_]{3,})\\s+(?P=rep)", None),
        ("\\w+ d|\\w+ du dimanche", None),  # ' d' is too short to search for
    ],
)
def test_required_literals(pattern: str, expected: set[str] | None) -> None:
    needed = required_literals(pattern)
    assert (None if needed is None else set(needed)) == expected


def _texts() -> list[str]:
    texts = [t for pos, neg in TECHNIQUE_CASES.values() for t in pos + neg]
    texts += LEXICON_NEUTRAL + NEUTRAL_PARAGRAPHS
    # the cues that can open with any word: searched on their own, then merged with the others
    texts += [
        "Ces stratèges de salon et ces experts du dimanche, des héros de pacotille.",
        "Non, non, non ! Jamais, jamais. Des penseurs au petit pied, jamais jamais.",
    ]
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
