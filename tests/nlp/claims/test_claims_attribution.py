"""Tables of our own sentences for the attribution stage (speakers.py) and the patterns of
issue 10: for each, the claim that holds a fragment, with its exact content, speaker, type and
certainty. The speaker is the text of the resolved source (a pronoun or a role noun resolved to
the person's name). Negative rows check that the object or topic of a quote never wins, that a
question is no claim and that 'selon moi' is the author's own view, not a report.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from crible.model import Claim
from crible.nlp.pipeline import load_pipeline

# text, fragment of the content, exact content, speaker, type, certainty
Row = tuple[str, str, str, str | None, str | None, str]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline(components=["entities", "claims"])


def _claim_with(claims: list[Claim], fragment: str) -> Claim:
    found = [c for c in claims if fragment in c.content.text]
    assert len(found) == 1, [c.content.text for c in claims]
    return found[0]


def _check(nlp: Language, row: Row) -> Claim:
    text, fragment, content, speaker, claim_type, certainty = row
    claim = _claim_with(nlp(text)._.crible_claims, fragment)
    got = (
        claim.content.text,
        claim.source.text if claim.source else None,
        claim.type,
        claim.certainty,
    )
    assert got == (content, speaker, claim_type, certainty), claim.why
    return claim


INCISES: list[Row] = [
    (
        "Le ministre Paul Girard a visité le chantier. « Les délais seront tenus. Nous "
        "livrerons en juin », a-t-il ajouté.",
        "délais",
        "Les délais seront tenus. Nous livrerons en juin",
        "Paul Girard",
        "direct",
        "reported",
    ),
    (
        "« Un festival qui faisait vivre la vallée, enterré en un soir », a réagi sur les "
        "réseaux sociaux la chanteuse Lucie Marchal.",
        "festival",
        "Un festival qui faisait vivre la vallée, enterré en un soir",
        "Lucie Marchal",
        "direct",
        "reported",
    ),
    (
        "« Personne ne ferme une école par plaisir », lui a répondu sur X la rectrice de "
        "l'académie, Odile Ferrand.",
        "plaisir",
        "Personne ne ferme une école par plaisir",
        "Odile Ferrand",
        "direct",
        "reported",
    ),
    (
        "Bernard Lagarde quitte la présidence du club. « Je pars sans regret, le club est "
        "en bonne santé », sourit-il.",
        "sans regret",
        "Je pars sans regret, le club est en bonne santé",
        "Bernard Lagarde",
        "direct",
        "reported",
    ),
    (
        "« Nous ne signerons rien en l'état », a prévenu la syndicaliste Karine Dumont devant "
        "l'usine.",
        "signerons",
        "Nous ne signerons rien en l'état",
        "Karine Dumont",
        "direct",
        "reported",
    ),
]

COLONS_AND_BLOCKS: list[Row] = [
    (
        "Le député Julien Fabre s'en est pris à la ministre Sandrine Oberlé : « Elle découvre "
        "le budget après l'avoir voté deux fois. »",
        "découvre",
        "Elle découvre le budget après l'avoir voté deux fois.",
        "Julien Fabre",
        "direct",
        "reported",
    ),
    (
        "La décision a fait réagir le maire, Marc Vidal, qui a publié ce message sur Facebook :\n"
        "« Fermer la piscine, c'est priver nos enfants de l'apprentissage de la nage. »",
        "piscine",
        "Fermer la piscine, c'est priver nos enfants de l'apprentissage de la nage.",
        "Marc Vidal",
        "direct",
        "reported",
    ),
    (
        "Le président de la commission, Henri Castel, a détaillé ses conclusions : « Aucun "
        "soignant n'a commis de faute.\n« C'est l'organisation qui a failli. »",
        "soignant",
        "Aucun soignant n'a commis de faute.\n« C'est l'organisation qui a failli.",
        "Henri Castel",
        "direct",
        "reported",
    ),
    (
        "Interrogé sur la ministre Claire Vautrin, le porte-parole Antoine Mercier a répondu : "
        "Il n'y a aucune tension entre nous.",
        "tension",
        "Il n'y a aucune tension entre nous.",
        "Antoine Mercier",
        "direct",
        "reported",
    ),
]

PARAGRAPH_SPEAKER: list[Row] = [
    (
        "La maire Nathalie Perrin a répondu à son rival, Frédéric Caron : « Certains "
        "promettent de tout raser. » « Frédéric Caron n'a jamais siégé au conseil. Il découvre "
        "la ville. »",
        "jamais siégé",
        "Frédéric Caron n'a jamais siégé au conseil. Il découvre la ville.",
        "Nathalie Perrin",
        "direct",
        "reported",
    ),
    (
        "Pour la déléguée syndicale Karima Benali, l'annonce est « un coup de massue ». "
        "« On nous a parlé de réorganisation pendant des mois. »",
        "réorganisation",
        "On nous a parlé de réorganisation pendant des mois.",
        "Karima Benali",
        "direct",
        "reported",
    ),
    (
        "Le maire Paul Girard a défendu le projet : « La ville en a besoin. »\n"
        "« Nous ne reviendrons pas en arrière, quoi qu'en dise l'opposition. »",
        "arrière",
        "Nous ne reviendrons pas en arrière, quoi qu'en dise l'opposition.",
        "Paul Girard",
        "direct",
        "reported",
    ),
]

PRONOUNS_AND_ROLES: list[Row] = [
    (
        "La ministre Claire Fontenay a répondu au député Julien Castagnet. « Ce n'est pas aux "
        "familles de payer », a rétorqué l'élu.",
        "familles",
        "Ce n'est pas aux familles de payer",
        "Julien Castagnet",
        "direct",
        "reported",
    ),
    (
        "Le sénateur Gérard Pommier a reçu Inès Morvan. Elle a affirmé que le texte serait "
        "retiré.",
        "texte",
        "le texte serait retiré",
        "Inès Morvan",
        "indirect",
        "reported",
    ),
    (
        "Inès Morvan a reçu Gérard Pommier. Il a affirmé que le texte serait retiré.",
        "texte",
        "le texte serait retiré",
        "Gérard Pommier",
        "indirect",
        "reported",
    ),
    (
        "La préfète Corinne Maillard a visité la digue. Elle s'est dite « très inquiète » pour "
        "les riverains.",
        "inquiète",
        "« très inquiète » pour les riverains",
        "Corinne Maillard",
        "mixed",
        "reported",
    ),
    (
        "Le député Arnaud Pellerin a critiqué la loi. « M. Pellerin défend les propriétaires », "
        "a répliqué la députée Margaux Delorme. Elle a rappelé que les loyers avaient doublé.",
        "loyers",
        "les loyers avaient doublé",
        "Margaux Delorme",
        "indirect",
        "reported",
    ),
]

# first names given to both sexes (Dominique, Claude): the agreement tells who 'elle' is
AGREEMENT: list[Row] = [
    (
        "Dominique Roux est arrivée mardi à Nantes. Claude Besson est resté à Paris. Elle a "
        "affirmé que le barrage tiendrait.",
        "barrage",
        "le barrage tiendrait",
        "Dominique Roux",
        "indirect",
        "reported",
    ),
    (
        "Claude Besson est resté à Paris. Dominique Roux est arrivée mardi à Nantes. Il a "
        "affirmé que le barrage tiendrait.",
        "barrage",
        "le barrage tiendrait",
        "Claude Besson",
        "indirect",
        "reported",
    ),
    (
        "Interrogée mardi, Dominique Roux n'a rien dit. Claude Besson est resté à Paris. Elle a "
        "affirmé que le barrage tiendrait.",
        "barrage",
        "le barrage tiendrait",
        "Dominique Roux",
        "indirect",
        "reported",
    ),
]

FRAGMENTS: list[Row] = [
    (
        "Le député Arnaud Pellerin a accusé sur X Margaux Delorme de « tuer l'économie des "
        "stations ».",
        "tuer",
        "Margaux Delorme de « tuer l'économie des stations »",
        "Arnaud Pellerin",
        "mixed",
        "reported",
    ),
    (
        "Le directeur, Julien Cazenave, a démenti toute privation de soins, qualifiant cette "
        "accusation d'« infondée ».",
        "infondée",
        "cette accusation d'« infondée »",
        "Julien Cazenave",
        "mixed",
        "reported",
    ),
    (
        "Pour l'association Alpes Vivantes, rien ne prouve que des loups soient en cause.",
        "loups",
        "rien ne prouve que des loups soient en cause",
        "Alpes Vivantes",
        "according_to",
        "reported",
    ),
    (
        "La présidente de l'association, Véronique Lamy, a salué un texte « enfin à la "
        "hauteur ».",
        "hauteur",
        "un texte « enfin à la hauteur »",
        "Véronique Lamy",
        "mixed",
        "reported",
    ),
]

NOMINAL_AND_PASSIVE: list[Row] = [
    (
        "Le gouvernement hongrois a réclamé mercredi l'abandon des sanctions.",
        "abandon",
        "l'abandon des sanctions",
        "Le gouvernement hongrois",
        "indirect",
        "reported",
    ),
    (
        "L'entreprise Kerlan a démenti ces accusations.",
        "accusations",
        "ces accusations",
        "Kerlan",
        "indirect",
        "denied",
    ),
    (
        "Ce calendrier a été confirmé mercredi par Antoine Mercier.",
        "calendrier",
        "Ce calendrier",
        "Antoine Mercier",
        "indirect",
        "reported",
    ),
    (
        "Cette information a été démentie par la porte-parole du gouvernement, Aurélie Lambert.",
        "information",
        "Cette information",
        "Aurélie Lambert",
        "indirect",
        "denied",
    ),
    (
        "Sa publication avait été réclamée par la famille du patient.",
        "publication",
        "Sa publication",
        "la famille du patient",
        "indirect",
        "reported",
    ),
    (
        "La sénatrice Anne Roche a demandé des dérogations pour les maraîchers.",
        "dérogations",
        "des dérogations pour les maraîchers",
        "Anne Roche",
        "indirect",
        "reported",
    ),
]

CLAUSES: list[Row] = [
    (
        "Le syndicat affirme que 600 élèves devront changer d'école, mais le ministère conteste "
        "ce chiffre.",
        "600",
        "600 élèves devront changer d'école",
        "Le syndicat",
        "indirect",
        "reported",
    ),
    (
        "Le syndicat affirme que 600 élèves devront changer d'école, mais le ministère conteste "
        "ce chiffre.",
        "chiffre",
        "ce chiffre",
        "le ministère",
        "indirect",
        "denied",
    ),
    (
        "Selon la préfecture, 4 200 personnes ont défilé, tandis que la fédération affirme que "
        "le cortège en comptait 11 000.",
        "4 200",
        "4 200 personnes ont défilé",
        "la préfecture",
        "according_to",
        "reported",
    ),
    (
        "Selon la préfecture, 4 200 personnes ont défilé, tandis que la fédération affirme que "
        "le cortège en comptait 11 000.",
        "11 000",
        "le cortège en comptait 11 000",
        "la fédération",
        "indirect",
        "reported",
    ),
    (
        "La maire Sophie Lenoir a salué un accord « historique », tout en réclamant des moyens "
        "pour les écoles.",
        "moyens",
        "des moyens pour les écoles",
        "Sophie Lenoir",
        "indirect",
        "reported",
    ),
]

DOCUMENTS_AND_BODIES: list[Row] = [
    (
        "Dans un rapport publié jeudi, l'ONG Eaux claires affirme que 312 communes ont dépassé "
        "les seuils.",
        "312",
        "312 communes ont dépassé les seuils",
        "Eaux claires",
        "indirect",
        "reported",
    ),
    (
        "Le rapport pointe un manque de 6 000 infirmiers. Selon le document, 30 services ont "
        "fermé la nuit.",
        "30 services",
        "30 services ont fermé la nuit",
        "le document",
        "according_to",
        "reported",
    ),
    (
        "L'entourage du Premier ministre Marc Delpierre assure que le calendrier sera tenu.",
        "calendrier",
        "le calendrier sera tenu",
        "L'entourage du Premier ministre Marc Delpierre",
        "indirect",
        "reported",
    ),
]

CASES = (
    INCISES
    + COLONS_AND_BLOCKS
    + PARAGRAPH_SPEAKER
    + PRONOUNS_AND_ROLES
    + AGREEMENT
    + FRAGMENTS
    + NOMINAL_AND_PASSIVE
    + CLAUSES
    + DOCUMENTS_AND_BODIES
)


@pytest.mark.parametrize("row", CASES, ids=[f"{k}-{r[1]}" for k, r in enumerate(CASES)])
def test_attribution_table(nlp: Language, row: Row) -> None:
    claim = _check(nlp, row)
    assert "speaker rule: " in claim.why, claim.why


def test_the_unnamed_entourage_is_not_the_minister(nlp: Language) -> None:
    claim = _check(nlp, DOCUMENTS_AND_BODIES[2])
    assert claim.source is not None and claim.source.kind == "anonymous"


# --- negative rows: the object or topic never wins; questions and 'selon moi' are no report


@pytest.mark.parametrize(
    "text, fragment, not_speaker",
    [
        (
            "Le député Julien Fabre s'en est pris à Sandrine Oberlé : « Elle découvre la "
            "censure. »",
            "découvre",
            "Sandrine Oberlé",
        ),
        (
            "Marine Lefort a répondu à Matteo Rossi. « Matteo Rossi n'a rien compris à nos "
            "électeurs. » « Il confond fermeté et brutalité. »",
            "confond",
            "Matteo Rossi",
        ),
        (
            "Le porte-parole Antoine Mercier a parlé de la Première ministre Claire Vautrin. "
            "« Elle a toute la confiance du président », a-t-il déclaré.",
            "confiance",
            "Claire Vautrin",
        ),
    ],
)
def test_object_or_topic_never_wins(
    nlp: Language, text: str, fragment: str, not_speaker: str
) -> None:
    claim = _claim_with(nlp(text)._.crible_claims, fragment)
    assert claim.source is not None and claim.source.text != not_speaker, claim.why
    assert claim.source.text is not None and claim.source.kind == "person"


@pytest.mark.parametrize(
    "text",
    [
        "La ministre a-t-elle menti aux députés ?",
        "Faut-il fermer la centrale de Cordemais en 2027 ?",
        "Que répondez-vous à ceux qui vous accusent de freiner la transition ?",
    ],
)
def test_a_question_is_not_a_claim(nlp: Language, text: str) -> None:
    assert nlp(text)._.crible_claims == []


def test_selon_moi_is_the_author(nlp: Language) -> None:
    text = "Selon moi, la réforme des retraites de 2023 a creusé les inégalités."
    claims: list[Claim] = nlp(text)._.crible_claims
    assert all(c.source is None for c in claims), [c.why for c in claims]


def test_interview_answers_are_the_interviewee(nlp: Language) -> None:
    text = (
        "Entretien avec une glaciologue\n"
        "Camille Rivoire étudie les glaciers des Alpes depuis 2008 au laboratoire de Grenoble.\n"
        "— Le glacier a perdu 40 mètres d'épaisseur. Êtes-vous surprise ?\n"
        "Pas vraiment. Mon collègue Marc Ollier annonçait sa disparition dès 2015.\n"
        "— Peut-on encore le sauver ?\n"
        "Non. On peut seulement ralentir la fonte des grands glaciers.\n"
    )
    claims: list[Claim] = nlp(text)._.crible_claims
    answers = [c for c in claims if c.type == "direct"]
    assert [c.content.text for c in answers] == [
        "Pas vraiment. Mon collègue Marc Ollier annonçait sa disparition dès 2015.",
        "Non. On peut seulement ralentir la fonte des grands glaciers.",
    ]
    assert all(c.source is not None and c.source.text == "Camille Rivoire" for c in answers)
    assert all("interviewee" in c.why for c in answers)
    assert not [c for c in claims if "?" in c.content.text]  # questions are nobody's claim
    assert not [c for c in claims if c.source is not None and c.source.text == "Marc Ollier"]


def test_tables_cover_every_pattern() -> None:
    assert len(CASES) >= 35
