"""A prefix-tree alternation must match exactly what the longest-first alternation matches."""

from __future__ import annotations

import re

import pytest

from crible.nlp.phrases import phrase_alternation

PHRASES = [
    "ministre",
    "ministre délégué",
    "ministre délégué chargé",
    "ministre de l'Intérieur",
    "premier ministre",
    "première ministre",
    "porte-parole",
    "porte",
    "secrétaire d'État",
    "secrétaire général",
    "secrétaire générale",
    "Le Monde",
    "Le Monde diplomatique",
    "Libération",
    "l'Obs",
]

TEXTS = [
    "Le ministre délégué chargé du Numérique et la première ministre ont parlé.",
    "La ministre déléguée, le ministre  délégué et les ministres délégués.",
    "Le porte-parole, la porte, les porte-paroles et le ministre de l’Intérieur.",
    "Selon Le Monde diplomatique, Le Monde et Libération ; l'Obs et l’Obs aussi.",
    "LE MINISTRE DÉLÉGUÉ, le Premier Ministre, la secrétaire d’État et le secrétaire généralement.",
    "le monde\tdiplomatique, Le  Monde, le secrétaire\tgénéral",
]


def _longest_first(phrases: list[str], space: str) -> str:
    def literal(p: str) -> str:
        return re.escape(p).replace("'", "['’]").replace(r"\ ", space)

    return "|".join(literal(p) for p in sorted(set(phrases), key=len, reverse=True))


# what follows the alternation can send the engine back to a shorter phrase ('ministre'
# when 'ministre délégué' is not followed by a word boundary)
@pytest.mark.parametrize("after", ["", r"s?(?![\w-])", r"(?![\w-])", r"[ \t]+\w+"])
@pytest.mark.parametrize("fold_case", [False, True])
@pytest.mark.parametrize("space", [r"[ \t]+", " "])
def test_same_matches_as_the_longest_first_alternation(
    after: str, fold_case: bool, space: str
) -> None:
    flags = re.IGNORECASE if fold_case else 0
    tree = re.compile(
        rf"(?<![\w-])(?:{phrase_alternation(PHRASES, fold_case=fold_case, space=space)}){after}",
        flags,
    )
    plain = re.compile(rf"(?<![\w-])(?:{_longest_first(PHRASES, space)}){after}", flags)
    found = 0
    for text in TEXTS:
        expected = [m.span() for m in plain.finditer(text)]
        assert [m.span() for m in tree.finditer(text)] == expected, text
        found += len(expected)
    assert found >= 8


def test_the_longer_phrase_wins() -> None:
    tree = re.compile(phrase_alternation(["ministre", "ministre délégué"]))
    longer, shorter = tree.match("ministre délégué"), tree.match("ministre des Armées")
    assert longer is not None and longer.group() == "ministre délégué"
    assert shorter is not None and shorter.group() == "ministre"


def test_no_phrases_match_nothing() -> None:
    assert re.search(phrase_alternation([]), "anything") is None


def test_either_apostrophe_matches_either() -> None:
    tree = re.compile(phrase_alternation(["l’Obs", "l'Express"]))
    assert all(tree.fullmatch(s) for s in ("l'Obs", "l’Obs", "l'Express", "l’Express"))


@pytest.mark.parametrize("bad", ["", "Le  Monde", " Le Monde"])
def test_phrases_that_would_break_the_order_are_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        phrase_alternation(["Libération", bad])
