from __future__ import annotations

import py3langid
import pytest

from crible.ingest.language import UNKNOWN, _identifier, detect_language

TEXTS = {
    "fr": "Le conseil régional a voté jeudi un budget en hausse pour les lycées et les transports.",
    "en": "The regional council voted on Thursday for a larger budget for schools and transport.",
    "es": "El consejo regional votó el jueves un presupuesto mayor para escuelas y transporte.",
    "de": "Der Regionalrat hat am Donnerstag einen höheren Haushalt für Schulen beschlossen.",
    "it": "Il consiglio regionale ha votato giovedì un bilancio più alto per scuole e trasporti.",
    "nl": "De regionale raad heeft donderdag een hogere begroting voor scholen goedgekeurd.",
}


@pytest.mark.parametrize("lang, text", TEXTS.items())
def test_languages(lang: str, text: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize("text", TEXTS.values())
def test_same_answer_as_py3langid(text: str) -> None:
    assert detect_language(text) == _identifier().classify(text)[0]
    assert py3langid.classify(text)[0] == detect_language(text)


@pytest.mark.parametrize("text", ["", "12 34 !!", "ok"])
def test_too_little_text(text: str) -> None:
    assert detect_language(text) == UNKNOWN
