from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from crible.errors import ResourceError
from crible.model import TimeExpression
from crible.nlp.pipeline import load_pipeline
from crible.nlp.time.expressions import find_times
from crible.nlp.time.lexicon import load_lexicon, parse_lexicon

THURSDAY = date(2023, 10, 12)
MONDAY = date(2023, 10, 16)

Expected = list[tuple[str, str | None, str]]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline(components=["times"])


def run(nlp: Language, text: str, published: date | None) -> list[TimeExpression]:
    doc = nlp.make_doc(text)
    doc._.crible_published = published
    doc = nlp(doc)
    times: list[TimeExpression] = doc._.crible_times
    return times


def triples(times: list[TimeExpression]) -> Expected:
    return [(t.text, t.value, t.grain) for t in times]


# published Thursday 2023-10-12; every expression the sentence holds, in order
PUBLISHED_THURSDAY: list[tuple[str, Expected]] = [
    ("La délégation est arrivée mercredi à Genève.", [("mercredi", "2023-10-11", "day")]),
    ("Le vote a eu lieu mardi soir.", [("mardi soir", "2023-10-10", "part_of_day")]),
    ("Les tirs ont repris tôt mercredi.", [("tôt mercredi", "2023-10-11", "part_of_day")]),
    ("Il a quitté la ville il y a quatre jours.", [("il y a quatre jours", "2023-10-08", "day")]),
    ("Le port a été fermé le 7 octobre.", [("7 octobre", "2023-10-07", "day")]),
    ("Le port a été fermé le 7 octobre 2021.", [("7 octobre 2021", "2021-10-07", "day")]),
    ("Le contrat est daté du 7/10/2023.", [("7/10/2023", "2023-10-07", "day")]),
    ("Le bilan publié hier reste provisoire.", [("hier", "2023-10-11", "day")]),
    ("Le maire s'était exprimé avant-hier.", [("avant-hier", "2023-10-10", "day")]),
    ("Les syndicats seront reçus demain.", [("demain", "2023-10-13", "day")]),
    ("Ils préparent la réunion de demain.", [("demain", "2023-10-13", "day")]),
    ("Le texte a été déposé jeudi dernier.", [("jeudi dernier", "2023-10-05", "day")]),
    ("Le conseil se réunira lundi prochain.", [("lundi prochain", "2023-10-16", "day")]),
    ("Des orages sont attendus ce week-end.", [("ce week-end", "2023-10-14", "week")]),
    ("Les ventes ont chuté la semaine dernière.", [("semaine dernière", "2023-10-02", "week")]),
    ("Les tarifs augmentent le mois prochain.", [("mois prochain", "2023-11-01", "month")]),
    ("La mine a fermé en 2022.", [("2022", "2022-01-01", "year")]),
    ("La récolte a commencé en octobre.", [("octobre", "2023-10-01", "month")]),
    ("Le match a commencé mardi 20h.", [("mardi 20h", "2023-10-10T20:00", "hour")]),
    ("Il a pris la parole mardi à 20 h 30.", [("mardi à 20 h 30", "2023-10-10T20:30", "minute")]),
    ("La conférence de presse débute à 14h.", [("14h", "2023-10-12T14:00", "hour")]),
    ("Le préfet a parlé ce matin.", [("ce matin", "2023-10-12", "part_of_day")]),
    ("Un incendie a éclaté cette nuit.", [("cette nuit", "2023-10-11", "part_of_day")]),
    ("La foire fermera dimanche 12 novembre.", [("dimanche 12 novembre", "2023-11-12", "day")]),
    ("Le colis est parti il y a deux semaines.", [("il y a deux semaines", "2023-09-25", "week")]),
    ("Le chantier reprendra dans trois jours.", [("dans trois jours", "2023-10-15", "day")]),
    ("Elle a déménagé il y a un an.", [("il y a un an", "2022-01-01", "year")]),
    ("Elle reviendra dans deux mois.", [("dans deux mois", "2023-12-01", "month")]),
    ("Le prix a doublé l'an dernier.", [("an dernier", "2022-01-01", "year")]),
    ("Le budget sera voté l'année prochaine.", [("année prochaine", "2024-01-01", "year")]),
    ("Les agents ont manifesté cette semaine.", [("cette semaine", "2023-10-09", "week")]),
    ("Les loyers ont baissé ce mois-ci.", [("ce mois-ci", "2023-10-01", "month")]),
    ("Les exportations ont reculé cette année.", [("cette année", "2023-01-01", "year")]),
    ("Le juge statuera ce soir à 21h.", [("ce soir à 21h", "2023-10-12T21:00", "hour")]),
    ("Il a été libéré hier soir.", [("hier soir", "2023-10-11", "part_of_day")]),
    ("Il a atterri hier vers 22 h 15.", [("hier vers 22 h 15", "2023-10-11T22:15", "minute")]),
    ("Le sommet s'ouvrira demain matin.", [("demain matin", "2023-10-13", "part_of_day")]),
    (
        "L'alerte a été levée mardi dans la soirée.",
        [("mardi dans la soirée", "2023-10-10", "part_of_day")],
    ),
    (
        "Le train a déraillé mercredi après-midi.",
        [("mercredi après-midi", "2023-10-11", "part_of_day")],
    ),
    ("Le rapport est sorti le 1er mars.", [("1er mars", "2023-03-01", "day")]),
    ("La loi date du 2 février 2019.", [("2 février 2019", "2019-02-02", "day")]),
    ("Le procès débutera le 20 novembre.", [("20 novembre", "2023-11-20", "day")]),
    ("La fusée est partie vers Mars lundi.", [("lundi", "2023-10-09", "day")]),
    ("Mars a lancé une nouvelle barre chocolatée.", []),
    ("Les négociations ont repris fin mars.", [("mars", "2023-03-01", "month")]),
    ("Il était une fois un jour sans pluie.", []),
    ("Elle a toujours défendu ce projet.", []),
    ("Quatre jours après l'attaque, le calme est revenu.", [("Quatre jours après", None, "day")]),
    ("Deux semaines plus tard, il démissionnait.", [("Deux semaines plus tard", None, "week")]),
    ("Il avait signé la veille.", [("veille", None, "day")]),
    ("Le lendemain au soir, tout était calme.", [("lendemain au soir", None, "part_of_day")]),
    ("Ce jour-là, personne n'était prêt.", []),
    ("Ce matin-là, la brume couvrait la vallée.", [("Ce matin-là", None, "part_of_day")]),
    ("Le président a parlé ce mercredi.", [("ce mercredi", "2023-10-11", "day")]),
    ("La vente se tiendra ce samedi.", [("ce samedi", "2023-10-14", "day")]),
    ("Le dossier est clos depuis 2019.", [("2019", "2019-01-01", "year")]),
    ("Quelque 2022 personnes ont signé la pétition.", []),
    ("Il a couru 10 h sans s'arrêter.", []),
    ("Le scrutin du 2023-10-01 a été annulé.", [("2023-10-01", "2023-10-01", "day")]),
    ("Les secours sont arrivés à minuit.", [("minuit", "2023-10-12T00:00", "hour")]),
    ("Il rentre à 8 h du soir.", [("8 h du soir", "2023-10-12T20:00", "hour")]),
    (
        "La séance de mardi a repris à 15 h 45.",
        [
            ("mardi", "2023-10-10", "day"),
            ("15 h 45", "2023-10-10T15:45", "minute"),
        ],
    ),
    (
        "Le convoi est passé mardi. La route a rouvert à 9h.",
        [
            ("mardi", "2023-10-10", "day"),
            ("9h", "2023-10-12T09:00", "hour"),
        ],
    ),
    ("Il y a quelques jours, la digue a cédé.", [("Il y a quelques jours", None, "day")]),
    ("Le blessé a été opéré il y a deux heures.", [("il y a deux heures", None, "hour")]),
    (
        "Les combats ont duré toute la nuit dernière.",
        [("nuit dernière", "2023-10-11", "part_of_day")],
    ),
    ("Le comité a siégé le mardi précédent.", [("mardi précédent", None, "day")]),
    ("Rendez-vous le week-end prochain.", [("week-end prochain", "2023-10-14", "week")]),
    ("Ils se sont vus le week-end dernier.", [("week-end dernier", "2023-10-07", "week")]),
    ("Ils se retrouvent mi-octobre 2024.", [("octobre 2024", "2024-10-01", "month")]),
    ("Le traité a été signé en décembre dernier.", [("décembre dernier", "2022-12-01", "month")]),
    ("Le chantier finira en octobre prochain.", [("octobre prochain", "2024-10-01", "month")]),
    ("Les primes tombent en mars prochain.", [("mars prochain", "2024-03-01", "month")]),
    ("Le parc a rouvert en juin dernier.", [("juin dernier", "2023-06-01", "month")]),
    ("La sonde a photographié Mars en 2020.", [("2020", "2020-01-01", "year")]),
    ("Aujourd’hui, la grève continue.", [("Aujourd’hui", "2023-10-12", "day")]),
    ("Les résultats de septembre 2023 sont bons.", [("septembre 2023", "2023-09-01", "month")]),
    ("Le 31 avril n'existe pas.", []),
    ("Le 29/02/2023 non plus.", []),
]


@pytest.mark.parametrize("text, expected", PUBLISHED_THURSDAY)
def test_resolves_against_a_thursday(nlp: Language, text: str, expected: Expected) -> None:
    assert triples(run(nlp, text, THURSDAY)) == expected


# the governing verb in the future tense turns a bare day or date forward
FUTURE_TENSE: list[tuple[str, Expected]] = [
    ("Le ministre se rendra à Kiev mercredi.", [("mercredi", "2023-10-18", "day")]),
    ("Mercredi, le président recevra les syndicats.", [("Mercredi", "2023-10-18", "day")]),
    ("Le ministre s'est rendu à Kiev mercredi.", [("mercredi", "2023-10-11", "day")]),
    ("Il va annoncer sa décision mardi.", [("mardi", "2023-10-17", "day")]),
    ("La loi sera votée mardi soir.", [("mardi soir", "2023-10-17", "part_of_day")]),
    ("Les élections se tiendront le 7 octobre.", [("7 octobre", "2024-10-07", "day")]),
    ("Les élections se sont tenues le 7 octobre.", [("7 octobre", "2023-10-07", "day")]),
    ("Le salon ouvrira en mars.", [("mars", "2024-03-01", "month")]),
    ("Le salon a ouvert en mars.", [("mars", "2023-03-01", "month")]),
    ("Vendredi, nous discuterons du budget.", [("Vendredi", "2023-10-13", "day")]),
    ("Jeudi, nous discuterons du budget.", [("Jeudi", "2023-10-12", "day")]),
]


@pytest.mark.parametrize("text, expected", FUTURE_TENSE)
def test_future_tense_looks_forward(nlp: Language, text: str, expected: Expected) -> None:
    assert triples(run(nlp, text, THURSDAY)) == expected


# published Monday 2023-10-16: the week-end just past, last week's Monday
PUBLISHED_MONDAY: list[tuple[str, Expected]] = [
    ("Les manifestants ont défilé ce week-end.", [("ce week-end", "2023-10-14", "week")]),
    ("Le festival aura lieu ce week-end.", [("ce week-end", "2023-10-21", "week")]),
    ("Le stade a rouvert lundi.", [("lundi", "2023-10-16", "day")]),
    ("Le stade a rouvert lundi dernier.", [("lundi dernier", "2023-10-09", "day")]),
    ("Il a neigé vendredi.", [("vendredi", "2023-10-13", "day")]),
    ("Ils se sont vus le week-end dernier.", [("week-end dernier", "2023-10-14", "week")]),
]


@pytest.mark.parametrize("text, expected", PUBLISHED_MONDAY)
def test_resolves_against_a_monday(nlp: Language, text: str, expected: Expected) -> None:
    assert triples(run(nlp, text, MONDAY)) == expected


# no publication date: spans and grains stay, only absolute dates get a value
UNPUBLISHED: list[tuple[str, Expected]] = [
    ("Le port a été fermé le 7 octobre 2021.", [("7 octobre 2021", "2021-10-07", "day")]),
    ("Le port a été fermé le 7 octobre.", [("7 octobre", None, "day")]),
    ("Le vote a eu lieu mardi soir.", [("mardi soir", None, "part_of_day")]),
    ("Les syndicats seront reçus demain.", [("demain", None, "day")]),
    ("La mine a fermé en 2022.", [("2022", "2022-01-01", "year")]),
    (
        "Le contrat est daté du 7/10/2023 à 9 h 05.",
        [("7/10/2023 à 9 h 05", "2023-10-07T09:05", "minute")],
    ),
    ("La conférence débute à 14h.", [("14h", None, "hour")]),
    ("Les ventes ont chuté la semaine dernière.", [("semaine dernière", None, "week")]),
]


@pytest.mark.parametrize("text, expected", UNPUBLISHED)
def test_without_publication_date(nlp: Language, text: str, expected: Expected) -> None:
    assert triples(run(nlp, text, None)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Le vote a eu lieu mardi soir.", [("mardi soir", "2023-10-10", "part_of_day")]),
        ("Le ministre se rendra à Kiev mercredi.", [("mercredi", "2023-10-11", "day")]),
    ],
)
def test_plain_text_has_no_tense(text: str, expected: Expected) -> None:
    """Without a parse the past reading is the default."""
    assert triples(find_times(text, THURSDAY)) == expected


def test_spans_are_exact_and_trimmed(nlp: Language) -> None:
    texts = [text for text, _ in PUBLISHED_THURSDAY + FUTURE_TENSE + UNPUBLISHED]
    seen = 0
    for text in texts:
        for found in run(nlp, text, THURSDAY):
            seen += 1
            assert text[found.start : found.end] == found.text
            assert found.text == found.text.strip(" \u00a0.,;:!?«»()")
    assert seen >= 80


def test_sample_article(nlp: Language, sample_text: str) -> None:
    found = run(nlp, sample_text, THURSDAY)
    by_text = {(t.text, t.value, t.grain) for t in found}
    assert ("mercredi", "2023-10-11", "day") in by_text
    assert ("mardi soir", "2023-10-10", "part_of_day") in by_text
    assert ("tôt mercredi", "2023-10-11", "part_of_day") in by_text
    assert ("demain", "2023-10-13", "day") in by_text
    assert ("quatre jours après", None, "day") in by_text
    assert all(sample_text[t.start : t.end] == t.text for t in found)
    assert not any(t.text.lower() == "jour" for t in found)  # "À ce jour" is no date


def test_pipeline_sets_nothing_but_times(nlp: Language) -> None:
    assert nlp.pipe_names[-1] == "crible_times"
    doc = nlp.make_doc("Rien à signaler.")
    doc = nlp(doc)
    assert doc._.crible_times == []


def test_lexicon_is_versioned_and_validated() -> None:
    lexicon = load_lexicon("fr")
    assert lexicon.version == "1"
    assert lexicon.words("weekday")["mercredi"] == "2"
    with pytest.raises(ResourceError, match="line 2"):
        parse_lexicon("xx", "# header\nweekday\tlundi\n")
    with pytest.raises(ResourceError, match="line 1"):
        parse_lexicon("xx", "colour\tbleu\tblue\n")
    with pytest.raises(ResourceError, match="missing"):
        load_lexicon("xx")
