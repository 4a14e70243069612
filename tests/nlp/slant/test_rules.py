"""The slant rules through the public pipeline: loaded wording, persuasion cues, paragraphs,
genre and frames. One pipeline per module; every case is a literal sentence (tests/nlp/slant/
cases.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from crible.errors import ModelError
from crible.model import Paragraph, SlantFinding
from crible.nlp.pipeline import load_pipeline
from crible.nlp.slant import api
from crible.nlp.slant.lexicon import (
    EMOTIVE_CATEGORIES,
    EMOTIVE_SOURCES,
    SIDES,
    load_emotive_entries,
    load_slant_terms,
)
from crible.nlp.slant.scheme import CATEGORY_OF, FRAMES, TECHNIQUES

from .cases import (
    EMOTIVE_NEUTRAL,
    EMOTIVE_POSITIVE,
    LEXICON_NEUTRAL,
    LEXICON_POSITIVE,
    NEUTRAL_PARAGRAPHS,
    TECHNIQUE_CASES,
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline(components=["slant"])


def _findings(nlp: Language, text: str) -> list[SlantFinding]:
    findings: list[SlantFinding] = nlp(text)._.crible_slant
    return findings


# --- the sample --------------------------------------------------------------------------------

SAMPLE_EXPECTED = [
    # (text, occurrence, technique, side, neutral)
    ("territoires occupés", 0, "Loaded_Language", "pro-Palestinian", "Israël"),
    ("territoires occupés", 1, "Loaded_Language", "pro-Palestinian", "Israël"),
    (
        "forces de résistance",
        0,
        "Name_Calling-Labeling",
        "pro-Palestinian",
        "les combattants du Hamas",
    ),
    ("sionistes", 0, "Name_Calling-Labeling", "pro-Palestinian", "Israéliens"),
    (
        "opération éclair de la tempête Al-Aqsa",
        0,
        "Loaded_Language",
        "pro-Palestinian",
        "l'attaque du Hamas du 7 octobre",
    ),
]


def _nth(text: str, needle: str, n: int) -> int:
    pos = -1
    for _ in range(n + 1):
        pos = text.index(needle, pos + 1)
    return pos


@pytest.mark.parametrize("needle, occurrence, technique, side, neutral", SAMPLE_EXPECTED)
def test_sample_slanted_wording(
    nlp: Language,
    sample_text: str,
    needle: str,
    occurrence: int,
    technique: str,
    side: str,
    neutral: str,
) -> None:
    doc = nlp(sample_text)
    start = _nth(sample_text, needle, occurrence)
    hits = [f for f in doc._.crible_slant if f.start <= start < f.end]
    assert len(hits) == 1, hits
    f = hits[0]
    assert needle in f.text
    assert f.text == sample_text[f.start : f.end]
    assert (f.technique, f.category, f.side, f.neutral) == (
        technique,
        CATEGORY_OF[technique],
        side,
        neutral,
    )
    assert f"'{neutral}'" in f.why and technique in f.why
    assert 0.5 <= f.score <= 1.0


def test_sample_territory_near_israeli_towns_is_more_certain(
    nlp: Language, sample_text: str
) -> None:
    doc = nlp(sample_text)
    first, second = (
        next(f for f in doc._.crible_slant if f.start == _nth(sample_text, "territoires occ", n))
        for n in (0, 1)
    )
    assert second.score > first.score  # Sderot and Ashkelon are named next to the second


def test_sample_has_no_other_slant(nlp: Language, sample_text: str) -> None:
    doc = nlp(sample_text)
    assert len(doc._.crible_slant) == len(SAMPLE_EXPECTED)
    assert doc._.crible_genre == "reporting"


# --- neutral news ------------------------------------------------------------------------------


@pytest.mark.parametrize("text", NEUTRAL_PARAGRAPHS)
def test_neutral_paragraph_has_no_slant(nlp: Language, text: str) -> None:
    doc = nlp(text)
    assert doc._.crible_slant == []
    assert [p.techniques for p in doc._.crible_paragraphs] == [[]]
    assert doc._.crible_genre == "reporting"


# --- lexicon -----------------------------------------------------------------------------------


@pytest.mark.parametrize("text, flagged, technique, side", LEXICON_POSITIVE)
def test_lexicon_entry(
    nlp: Language, text: str, flagged: str, technique: str, side: str | None
) -> None:
    hits = [(f.text, f.technique, f.side) for f in _findings(nlp, text)]
    assert (flagged, technique, side) in hits


@pytest.mark.parametrize("text", LEXICON_NEUTRAL)
def test_lexicon_term_in_neutral_context(nlp: Language, text: str) -> None:
    assert _findings(nlp, text) == []


def test_lexicon_is_well_formed() -> None:
    terms = load_slant_terms("fr")
    assert len(terms) >= 150
    assert {t.side for t in terms if t.side} <= set(SIDES)
    assert {t.technique for t in terms} <= set(TECHNIQUES)
    assert all(
        t.neutral or t.technique in ("Loaded_Language", "Slogans", "Name_Calling-Labeling")
        for t in terms
    )


# --- persuasion cues ---------------------------------------------------------------------------

POSITIVE = [(t, s) for t, (pos, _) in TECHNIQUE_CASES.items() for s in pos]
NEGATIVE = [(t, s) for t, (_, neg) in TECHNIQUE_CASES.items() for s in neg]


def test_every_technique_has_cases() -> None:
    assert set(TECHNIQUE_CASES) == set(TECHNIQUES)
    assert all(len(pos) >= 2 and len(neg) >= 1 for pos, neg in TECHNIQUE_CASES.values())


@pytest.mark.parametrize("technique, text", POSITIVE)
def test_technique_fires(nlp: Language, technique: str, text: str) -> None:
    doc = nlp(text)
    hits = [f for f in doc._.crible_slant if f.technique == technique]
    assert hits, [(f.technique, f.text) for f in doc._.crible_slant]
    for f in hits:
        assert f.category == CATEGORY_OF[technique]
        assert f.text == text[f.start : f.end] and f.why
    if hits[0].score >= 0.5:
        assert technique in doc._.crible_paragraphs[0].techniques


@pytest.mark.parametrize("technique, text", NEGATIVE)
def test_technique_does_not_fire(nlp: Language, technique: str, text: str) -> None:
    assert technique not in {f.technique for f in _findings(nlp, text)}


# --- paragraphs, genre, frames -----------------------------------------------------------------

TWO_PARAGRAPHS = (
    "Le conseil municipal a voté le budget jeudi soir.\n"
    "\n"
    "   \n"
    "Selon l'opposition, ce n'est qu'un simple détail comptable.\n"
)


def test_paragraphs_are_non_blank_lines(nlp: Language) -> None:
    doc = nlp(TWO_PARAGRAPHS)
    assert api.paragraph_spans(doc) == [(0, 49), (55, 114)]
    assert doc._.crible_paragraphs == [
        Paragraph(start=0, end=49, techniques=[]),
        Paragraph(start=55, end=114, techniques=["Exaggeration-Minimisation"]),
    ]
    assert [TWO_PARAGRAPHS[p.start : p.end] for p in doc._.crible_paragraphs][1].startswith("Selon")


GENRES = [
    ("", None),
    (
        "Le Sénat a adopté mardi le projet de loi sur l'eau. Le texte revient à l'Assemblée.",
        "reporting",
    ),
    (
        "Je pense que cette réforme est une faute. À mon avis, le gouvernement se trompe ! "
        "Personnellement, je refuse de me taire. Qui peut encore croire ces promesses ?",
        "opinion",
    ),
    (
        "Selon une étude totalement imaginaire, les pigeons de Paris voteront en 2027. "
        "Article satirique : toute ressemblance serait fortuite.",
        "satire",
    ),
    # Evaluative density outside quotes, no first person: an editorial voice.
    (
        "Cette réforme est une mascarade. Le gouvernement brade nos services publics avec une "
        "arrogance inouïe. Quel gâchis pour le pays.",
        "opinion",
    ),
    # The same charged words, but in the quotes a dispatch reports: reporting.
    (
        "« C'est une mascarade, un gâchis, une arrogance inouïe », a déclaré mardi le député. "
        "Selon le ministère, la réforme entrera en vigueur en janvier. Le texte a été adopté "
        "par 312 voix contre 204.",
        "reporting",
    ),
    # A rubric presents the text as opinion.
    (
        "Tribune : pour une école qui tient ses promesses. Nous devons revoir les programmes, "
        "et vite.",
        "opinion",
    ),
    # Deadpan absurdity cues: satire.
    (
        "Le ministre, visiblement ému, a présenté le plus sérieusement du monde le nouveau "
        "ministère de la Sieste, qui ouvrira à 15 heures.",
        "satire",
    ),
    # One cue of absurdity alone is not enough.
    (
        "Le maire, visiblement ému, a inauguré la nouvelle médiathèque samedi.",
        "reporting",
    ),
]


@pytest.mark.parametrize("text, genre", GENRES)
def test_genre(nlp: Language, text: str, genre: str | None) -> None:
    assert nlp(text)._.crible_genre == genre


FRAME_CASES = [
    (
        "L'armée a repoussé une offensive près du front. Les soldats ont abattu deux drones et "
        "des missiles ont visé la base militaire.",
        "Security_and_defense",
    ),
    (
        "Le tribunal a jugé l'affaire lundi. Le juge a rappelé la loi, et l'avocat de la défense "
        "fera recours devant la cour d'appel.",
        "Legality_Constitutionality_and_jurisprudence",
    ),
    (
        "L'inflation ralentit, mais le chômage progresse. Le budget prévoit une hausse des impôts "
        "pour réduire le déficit.",
        "Economic",
    ),
]


@pytest.mark.parametrize("text, frame", FRAME_CASES)
def test_frames(nlp: Language, text: str, frame: str) -> None:
    frames = nlp(text)._.crible_frames
    assert frame in frames
    assert set(frames) <= set(FRAMES)


def test_one_keyword_is_not_a_frame(nlp: Language) -> None:
    assert nlp("Il a plu sur la ville pendant la nuit, sans dégâts.")._.crible_frames == []


# --- API and component -------------------------------------------------------------------------


def test_api_matches_component(nlp: Language, sample_text: str) -> None:
    doc = nlp(sample_text)
    spans = api.paragraph_spans(doc)
    findings = api.rule_findings(doc)
    assert findings == doc._.crible_slant
    assert api.paragraph_techniques(doc, findings, spans) == [
        p.techniques for p in doc._.crible_paragraphs
    ]
    assert api.rule_genre(doc, findings) == doc._.crible_genre
    assert api.rule_frames(doc) == doc._.crible_frames


def test_pipeline_analysis_is_clean(nlp: Language) -> None:
    problems = nlp.analyze_pipes(pretty=False)["problems"]
    assert problems["crible_slant"] == []


def test_missing_model_dir_is_a_model_error(nlp: Language, tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="does not exist"):
        nlp.add_pipe(
            "crible_slant",
            name="slant_with_model",
            config={"model_dir": str(tmp_path / "nowhere")},
        )
    assert "slant_with_model" not in nlp.pipe_names


# --- emotive wording and syntactic cues --------------------------------------------------------


@pytest.mark.parametrize("text, flagged, technique, reason", EMOTIVE_POSITIVE)
def test_emotive_wording(
    nlp: Language, text: str, flagged: str, technique: str, reason: str
) -> None:
    hits = [f for f in _findings(nlp, text) if f.technique == technique and f.text == flagged]
    assert hits, [(f.text, f.technique) for f in _findings(nlp, text)]
    finding = hits[0]
    assert text[finding.start : finding.end] == flagged
    assert reason in finding.why and 0.5 <= finding.score <= 1.0
    assert technique in nlp(text)._.crible_paragraphs[0].techniques


@pytest.mark.parametrize("text, word", EMOTIVE_NEUTRAL)
def test_emotive_word_in_neutral_context(nlp: Language, text: str, word: str) -> None:
    at = text.index(word)
    assert [f for f in _findings(nlp, text) if f.start <= at < f.end] == []


def test_negation_weakens_an_emotive_word(nlp: Language) -> None:
    plain = _findings(nlp, "La situation est catastrophique.")
    negated = _findings(nlp, "La situation n'est pas catastrophique.")
    assert [f.text for f in plain] == ["catastrophique"]
    assert negated == [] or negated[0].score < plain[0].score


def test_emotive_lexicon_is_well_formed() -> None:
    entries = load_emotive_entries("fr")
    assert len(entries) >= 1000
    assert sum(len(e.variants) for e in entries) >= 2500
    by_source = {s: [e for e in entries if e.source == s] for s in EMOTIVE_SOURCES}
    assert len(by_source["crible"]) >= 500 and len(by_source["textblob-fr"]) >= 500
    # A derived word alone is never flagged (it only strengthens intensifiers and superlatives).
    assert max(e.weight for e in by_source["textblob-fr"]) < 0.5
    assert {e.technique for e in entries} <= set(TECHNIQUES)
    assert {e.category for e in entries} == set(EMOTIVE_CATEGORIES)
    assert sum(1 for e in by_source["crible"] if e.neutral) >= 150


def test_a_partisan_term_keeps_its_side_over_the_emotive_word(nlp: Language) -> None:
    text = "Le régime de Kiev mène une politique absurde."
    findings = _findings(nlp, text)
    kiev = [f for f in findings if "Kiev" in f.text]
    assert len(kiev) == 1 and kiev[0].side == "pro-Russian"
    assert any(f.text == "absurde" for f in findings)


def test_emotive_wording_in_the_sample_stays_silent(nlp: Language, sample_text: str) -> None:
    # The sample is neutral wire copy: no emotive finding besides its partisan terms.
    findings = _findings(nlp, sample_text)
    assert all(f.side is not None for f in findings), [f.text for f in findings]
