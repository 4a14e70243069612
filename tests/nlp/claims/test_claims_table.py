"""Table of our own French sentences: type, certainty and source of the claim holding a fragment.

Each row: text, then (fragment, type, certainty, source text, source kind). The claim checked is
the one whose content contains `fragment`; `None` for type/source means an asserted statement.
Rows with no claim expected use `NO_CLAIM`.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from crible.model import Claim
from crible.nlp.pipeline import load_pipeline

NO_CLAIM = None
Expected = tuple[str, str | None, str, str | None, str | None] | None


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline(components=["claims"])


def _claim_with(claims: list[Claim], fragment: str) -> Claim:
    found = [c for c in claims if fragment in c.content.text]
    assert len(found) == 1, [c.content.text for c in claims]
    return found[0]


def _xfail(text: str, expected: Expected, reason: str) -> object:
    return pytest.param(text, expected, marks=pytest.mark.xfail(reason=reason, strict=True))


CASES = [
    # --- direct quotations: « », “ ”, " ", colon, incises, nesting
    (
        "« Nous ne céderons rien », a déclaré le Premier ministre.",
        ("céderons", "direct", "reported", "le Premier ministre", "person"),
    ),
    (
        "Le maire a dit : « Nous allons reconstruire l'école avant l'hiver. »",
        ("reconstruire", "direct", "reported", "Le maire", "person"),
    ),
    (
        "“Les caisses de l'association sont vides”, a reconnu le trésorier.",
        ("caisses", "direct", "reported", "le trésorier", "person"),
    ),
    (
        '"Nous avons perdu trois semaines de travail", a regretté la directrice de l\'usine.',
        ("trois semaines", "direct", "reported", "la directrice de l'usine", "person"),
    ),
    (
        "Le syndicat a prévenu : « La grève continuera lundi dans tous les dépôts. »",
        ("grève", "direct", "reported", "Le syndicat", "organisation"),
    ),
    (
        "« Cette histoire de pots-de-vin est un mensonge », a démenti le porte-parole.",
        ("mensonge", "direct", "denied", "le porte-parole", "person"),
    ),
    (
        "« Les négociations reprendront demain matin », a indiqué le ministre à l'AFP.",
        ("négociations", "direct", "reported", "le ministre", "person"),
    ),
    (
        "« Le texte dit “aucune hausse d'impôt” et nous le respecterons », a assuré le ministre.",
        ("aucune hausse", "direct", "reported", "le ministre", "person"),
    ),
    (
        "« Je ne démissionnerai pas, quoi qu'il arrive », a-t-il lancé devant la presse.",
        ("démissionnerai", "direct", "reported", "-il", "person"),
    ),
    (
        "Léa Vasseur dirige la mission. « Il faut agir vite, affirme-t-elle. Les digues cèdent. »",
        ("agir vite", "direct", "reported", "Léa Vasseur", "person"),
    ),
    (
        "Marc Olivier a pris la parole. Il a déclaré : Nous resterons ici tant que les familles "
        "seront menacées.",
        ("resterons", "direct", "reported", "Marc Olivier", "person"),
    ),
    (
        "La porte-parole Inès Carpentier a répondu : « Aucun accord n'a été trouvé cette nuit. »",
        ("Aucun accord", "direct", "reported", "Inès Carpentier", "person"),
    ),
    (
        "« Les chiffres parlent d'eux-mêmes, la pollution a doublé », "
        "selon l'ingénieur Hugo Ferrand.",
        ("pollution", "direct", "reported", "Hugo Ferrand", "person"),
    ),
    (
        "« Nous aurions pu éviter ce drame si les alertes avaient été écoutées », "
        "a confié un pompier.",
        ("drame", "direct", "reported", "un pompier", "anonymous"),
    ),
    (
        "Un habitant a raconté : « L'eau est montée d'un mètre en une heure. »",
        ("un mètre", "direct", "reported", "Un habitant", "anonymous"),
    ),
    (
        "« Le bilan pourrait s'alourdir dans la nuit », aurait confié un secouriste.",
        ("bilan", "direct", "hedged", "un secouriste", "anonymous"),
    ),
    (
        "« Je n'ai jamais touché cet argent », a nié l'ancien trésorier du parti.",
        ("cet argent", "direct", "denied", "l'ancien trésorier du parti", "person"),
    ),
    # --- indirect speech
    (
        "La ministre estime que la réforme des retraites est nécessaire.",
        ("réforme", "indirect", "reported", "La ministre", "person"),
    ),
    (
        "Le syndicat dénonce des conditions de travail indignes dans les entrepôts.",
        ("conditions", "indirect", "reported", "Le syndicat", "organisation"),
    ),
    (
        "Le directeur assure que l'usine ne fermera pas avant 2030.",
        ("l'usine", "indirect", "reported", "Le directeur", "person"),
    ),
    (
        "Le parquet a confirmé l'ouverture d'une enquête pour corruption.",
        ("ouverture", "indirect", "reported", "Le parquet", "organisation"),
    ),
    (
        "L'entreprise nie toute responsabilité dans l'accident de mardi.",
        ("responsabilité", "indirect", "denied", "L'entreprise", "organisation"),
    ),
    (
        "Le gouvernement a démenti ces informations sur une hausse de la TVA.",
        ("informations", "indirect", "denied", "Le gouvernement", "organisation"),
    ),
    (
        "Le président a annoncé que les élections auraient lieu en mars.",
        ("élections", "indirect", "reported", "Le président", "person"),
    ),
    (
        "Le président annonce que les élections pourraient être reportées.",
        ("élections", "indirect", "hedged", "Le président", "person"),
    ),
    (
        "Le porte-parole aurait affirmé que l'accord était déjà signé.",
        ("l'accord", "indirect", "hedged", "Le porte-parole", "person"),
    ),
    (
        "Le préfet Marc Dubois est arrivé à Nantes. Il a expliqué que le pont était fermé.",
        ("pont", "indirect", "reported", "Marc Dubois", "person"),
    ),
    (
        "La ministre a affirmé que les salaires augmenteraient de 3 % en janvier.",
        ("salaires", "indirect", "reported", "La ministre", "person"),
    ),
    (
        "Le maire Paul Girard a reconnu que les travaux avaient pris du retard.",
        ("travaux", "indirect", "reported", "Paul Girard", "person"),
    ),
    (
        "Le club a annoncé le départ de son entraîneur.",
        ("départ", "indirect", "reported", "Le club", "organisation"),
    ),
    (
        "L'association craint que les loyers ne flambent encore cet été.",
        ("loyers", "indirect", "reported", "L'association", "organisation"),
    ),
    (
        "Le ministère n'a pas confirmé la fermeture de l'ambassade.",
        ("fermeture", "indirect", "unconfirmed", "Le ministère", "organisation"),
    ),
    (
        "Le groupe pétrolier conteste les chiffres publiés par l'ONG.",
        ("chiffres", "indirect", "denied", "Le groupe pétrolier", "organisation"),
    ),
    (
        "Les enquêteurs pensent que l'incendie est d'origine criminelle.",
        ("incendie", "indirect", "reported", "Les enquêteurs", "person"),
    ),
    (
        "Le sénateur Alain Roche prétend que le rapport a été caché.",
        ("rapport", "indirect", "hedged", "Alain Roche", "person"),
    ),
    (
        "Le gouvernement n'a ni confirmé ni démenti la livraison des chars.",
        ("livraison", "indirect", "unconfirmed", "Le gouvernement", "organisation"),
    ),
    (
        "Des experts jugent que la digue ne tiendra pas une nouvelle crue.",
        ("digue", "indirect", "reported", "Des experts", "anonymous"),
    ),
    (
        "La Banque de France estime que la croissance atteindra 1 % cette année.",
        ("croissance", "indirect", "reported", "Banque de France", "organisation"),
    ),
    (
        "La direction dément tout plan de licenciement.",
        ("licenciement", "indirect", "denied", "La direction", "organisation"),
    ),
    # --- according to, incises without quotes
    (
        "Selon le quotidien Le Monde, le projet de loi a été abandonné.",
        ("projet de loi", "according_to", "reported", "Le Monde", "outlet"),
    ),
    (
        "D'après l'agence Reuters, trois navires ont été saisis dans le port.",
        ("navires", "according_to", "reported", "Reuters", "outlet"),
    ),
    (
        "Selon le rapport de la Cour des comptes, la dette atteint 3 000 milliards d'euros.",
        ("dette", "according_to", "reported", "le rapport de la Cour des comptes", "document"),
    ),
    (
        "Selon un communiqué du ministère, 40 écoles resteront fermées lundi.",
        ("écoles", "according_to", "reported", "un communiqué du ministère", "document"),
    ),
    (
        "Selon des sources proches du dossier, l'accord serait signé vendredi.",
        ("l'accord", "according_to", "hedged", "des sources proches du dossier", "anonymous"),
    ),
    (
        "Selon nos informations, le directeur va quitter ses fonctions.",
        ("directeur", "according_to", "reported", "nos informations", "anonymous"),
    ),
    (
        "De source diplomatique, les pourparlers sont rompus depuis mardi.",
        ("pourparlers", "according_to", "reported", "De source diplomatique", "anonymous"),
    ),
    (
        "De source non officielle, le bilan s'élève à douze morts.",
        ("bilan", "according_to", "unconfirmed", "De source non officielle", "anonymous"),
    ),
    (
        "Le projet de stade sera abandonné, rapporte le journal Ouest-France.",
        ("stade", "according_to", "reported", "Ouest-France", "outlet"),
    ),
    (
        "Trois villages ont été évacués dans la nuit, selon la préfecture.",
        ("villages", "according_to", "reported", "la préfecture", "organisation"),
    ),
    (
        "Selon des rumeurs, le club serait vendu à un fonds américain.",
        ("club", "according_to", "hedged", "des rumeurs", "anonymous"),
    ),
    (
        "Le stock de vaccins est épuisé, a indiqué la ministre à la radio.",
        ("stock", "according_to", "reported", "la ministre", "person"),
    ),
    (
        "D'après une étude de l'Inserm, un adulte sur trois dort mal.",
        ("adulte", "according_to", "reported", "une étude de l'Inserm", "document"),
    ),
    (
        "Selon un responsable de la sécurité, l'attaque a fait quatre blessés.",
        ("attaque", "according_to", "reported", "un responsable de la sécurité", "anonymous"),
    ),
    (
        "Selon la police, 5 000 personnes ont défilé à Lille.",
        ("personnes", "according_to", "reported", "la police", "organisation"),
    ),
    (
        "Selon le site Mediapart, le ministre aurait menti aux enquêteurs.",
        ("menti", "according_to", "hedged", "Mediapart", "outlet"),
    ),
    (
        "Selon le site d'information Orbis, le sommet aurait été reporté. Selon ce média, "
        "la date serait fixée en juin.",
        ("la date", "according_to", "hedged", "Orbis", "outlet"),
    ),
    (
        "Selon l'hebdomadaire Le Point, la fusion n'a pas été confirmée par les actionnaires.",
        ("fusion", "according_to", "unconfirmed", "Le Point", "outlet"),
    ),
    (
        "Selon la maire de Rennes, Nathalie Appéré, les bus seront gratuits le dimanche.",
        ("bus", "according_to", "reported", "Nathalie Appéré", "person"),
    ),
    # --- carry-over of an attribution while the conditional goes on
    (
        "Selon le journal Libération, le maire aurait détourné des fonds. Il aurait aussi "
        "menti aux enquêteurs.",
        ("menti", "according_to", "hedged", "Libération", "outlet"),
    ),
    (
        "Selon le site Mediapart, le ministre aurait menti. Le contrat aurait été signé en 2019.",
        ("contrat", "according_to", "hedged", "Mediapart", "outlet"),
    ),
    (
        "Selon le journal Libération, le maire aurait détourné des fonds. Le maire est né à Lyon "
        "en 1970.",
        ("né à Lyon", None, "asserted", None, None),
    ),
    (
        "D'après l'agence Belga, le convoi aurait été arrêté.\nLes chauffeurs seraient retenus "
        "à la frontière.",
        ("chauffeurs", "according_to", "hedged", "Belga", "outlet"),
    ),
    # --- the outlet's own statements: asserted, hedged, unconfirmed
    (
        "La police a arrêté 12 personnes mardi à Marseille.",
        ("arrêté", None, "asserted", None, None),
    ),
    (
        "Le chômage a baissé de 0,3 point au troisième trimestre.",
        ("chômage", None, "asserted", None, None),
    ),
    (
        "Le gouvernement envisage de fermer 12 centrales à charbon.",
        ("centrales", None, "hedged", None, None),
    ),
    (
        "Il semblerait que la centrale de Cordemais ait fermé en 2019.",
        ("centrale", None, "hedged", None, None),
    ),
    ("Le bilan pourrait dépasser 50 morts.", ("bilan", None, "hedged", None, None)),
    (
        "Emmanuel Macron devrait se rendre à Berlin la semaine prochaine.",
        ("Berlin", None, "hedged", None, None),
    ),
    (
        "La Commission européenne rendrait son avis sur le texte en avril.",
        ("avis", None, "hedged", None, None),
    ),
    (
        "Le groupe Renault envisagerait de fermer son usine de Flins.",
        ("usine", None, "hedged", None, None),
    ),
    (
        "La Commission européenne exprimerait des réserves sur le plan espagnol.",
        ("réserves", None, "hedged", None, None),
    ),
    (
        "Une hausse de 8 % des tarifs n'a pas été confirmée à ce stade.",
        ("hausse", None, "unconfirmed", None, None),
    ),
    (
        "L'incendie a détruit 300 hectares de forêt dans le Var.",
        ("hectares", None, "asserted", None, None),
    ),
    (
        "Le Parlement européen a adopté le texte par 350 voix contre 210.",
        ("voix", None, "asserted", None, None),
    ),
    (
        "Le présumé auteur des faits, âgé de 25 ans, a été interpellé à Toulouse.",
        ("interpellé", None, "hedged", None, None),
    ),
    ("Il fait doux ce matin sur la ville.", NO_CLAIM),
    ("Que faire maintenant ?", NO_CLAIM),
    ("Les feuilles tombent lentement.", NO_CLAIM),
    # --- pronouns and role nouns resolved to earlier people
    (
        "Anne Leroy dirige l'hôpital de Brest. Elle affirme que 40 lits ont été fermés.",
        ("lits", "indirect", "reported", "Anne Leroy", "person"),
    ),
    (
        "La ministre Sophie Lambert a reçu le maire Paul Girard. Elle a déclaré que le dialogue "
        "était rompu.",
        ("dialogue", "indirect", "reported", "Sophie Lambert", "person"),
    ),
    (
        "Le maire Paul Girard a reçu la ministre Sophie Lambert. Il a annoncé que la piscine "
        "rouvrirait.",
        ("piscine", "indirect", "reported", "Paul Girard", "person"),
    ),
    (
        "Le président Jean Morel a visité l'usine. Le président a promis que les emplois "
        "seraient sauvés.",
        ("emplois", "indirect", "reported", "Jean Morel", "person"),
    ),
    (
        "La ministre Sophie Lambert a rencontré Paul Girard. La ministre a assuré que le "
        "dialogue continuerait.",
        ("dialogue", "indirect", "reported", "Sophie Lambert", "person"),
    ),
    (
        "Claire Dumas préside le comité. « Nous voterons contre ce budget », a-t-elle prévenu.",
        ("budget", "direct", "reported", "Claire Dumas", "person"),
    ),
    (
        "Le juge Thomas Petit a entendu les parties. Selon lui, le dossier est incomplet.",
        ("dossier", "according_to", "reported", "Thomas Petit", "person"),
    ),
    (
        "Julie Moreau a quitté le parti. Elle dément avoir reçu de l'argent.",
        ("avoir reçu", "indirect", "denied", "Julie Moreau", "person"),
    ),
    (
        "Le Premier ministre Luc Bernard a parlé à Lille. "
        "Il aurait promis une aide de 2 milliards.",
        # a promise with a noun-phrase object is reported speech (nominal indirect speech);
        # this row expected an outlet's hedged statement before promettre took objects
        ("une aide", "indirect", "hedged", "Il", "person"),
    ),
    (
        "Le patron de l'entreprise, Hervé Lenoir, a été entendu. Le patron estime qu'il n'a commis "
        "aucune faute.",
        ("faute", "indirect", "reported", "Hervé Lenoir", "person"),
    ),
    # --- mixed: words quoted inside a reported clause; a whole quoted statement stays direct
    (
        "Le maire Paul Girard a affirmé que la commune manquait de « moyens humains et "
        "financiers » pour rouvrir la piscine.",
        ("piscine", "mixed", "reported", "Paul Girard", "person"),
    ),
    (
        "La directrice a assuré que l'établissement « ne fermera pas ses portes » cet été.",
        ("cet été", "mixed", "reported", "La directrice", "person"),
    ),
    (
        "Selon le maire, la ville « n'a jamais été aussi propre » depuis dix ans.",
        ("dix ans", "mixed", "reported", "le maire", "person"),
    ),
    (
        "Le gouvernement « ne cédera pas au chantage », a assuré le ministre.",
        ("Le gouvernement", "mixed", "reported", "le ministre", "person"),
    ),
    (
        "Le maire estime que la situation est grave : « Nous n'avons plus d'eau potable "
        "depuis hier. »",
        ("eau potable", "direct", "reported", "Le maire", "person"),
    ),
    # --- coordinated reports: a second reporting verb with the same subject
    (
        "Le porte-parole a promis que la réforme serait votée et a démenti tout passage en force.",
        ("passage en force", "indirect", "denied", "Le porte-parole", "person"),
    ),
    (
        "Le porte-parole a promis que la réforme serait votée et a démenti tout passage en force.",
        ("réforme", "indirect", "reported", "Le porte-parole", "person"),
    ),
    (
        "La syndicaliste a assuré que la grève serait suivie et a annoncé une manifestation jeudi.",
        ("manifestation", "indirect", "reported", "La syndicaliste", "person"),
    ),
    (
        "Le porte-parole a confirmé que le sommet aurait lieu mais n'a pas confirmé la venue du "
        "président.",
        ("sommet", "indirect", "reported", "Le porte-parole", "person"),
    ),
    (
        "Le porte-parole a confirmé que le sommet aurait lieu mais n'a pas confirmé la venue du "
        "président.",
        ("venue", "indirect", "unconfirmed", "Le porte-parole", "person"),
    ),
    (
        "Le directeur affirme que les ventes ont chuté et les salariés ont fait grève.",
        ("salariés", "indirect", "reported", "Le directeur", "person"),
    ),
    (
        "Le maire a annoncé que les travaux commenceraient lundi et que la route serait fermée.",
        ("route", "indirect", "reported", "Le maire", "person"),
    ),
    # --- denials
    (
        "Le ministre Luc Bernard nie avoir rencontré l'industriel.",
        ("industriel", "indirect", "denied", "Luc Bernard", "person"),
    ),
    (
        "Le club a démenti les rumeurs selon lesquelles l'entraîneur serait limogé.",
        ("limogé", "indirect", "denied", "Le club", "organisation"),
    ),
    # --- scare quotes: a short label after 'ces'/'des' is nobody's statement
    (
        "La police a interpellé trois de ces « casseurs » samedi à Lyon.",
        ("casseurs", None, "asserted", None, None),
    ),
    (
        "Le ministre a dénoncé l'action de ces « voyous » devant la presse.",
        ("voyous", "indirect", "reported", "Le ministre", "person"),
    ),
    (
        "Le président a rappelé que la loi protège des « lanceurs d'alerte » depuis 2016.",
        ("lanceurs", "indirect", "reported", "Le président", "person"),
    ),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_claim_table(nlp: Language, text: str, expected: Expected) -> None:
    claims: list[Claim] = nlp(text)._.crible_claims
    if expected is None:
        assert claims == []
        return
    fragment, claim_type, certainty, source_text, source_kind = expected
    claim = _claim_with(claims, fragment)
    assert claim.content.text == text[claim.content.start : claim.content.end]
    got = (
        claim.type,
        claim.certainty,
        claim.source.text if claim.source else None,
        claim.source.kind if claim.source else None,
    )
    assert got == (claim_type, certainty, source_text, source_kind), claim.why
    assert claim.why


def test_table_is_large_enough() -> None:
    assert len(CASES) >= 80


# Every claim of the sentence, in order: (type, certainty, source text, exact content).
ALL_CLAIMS = [
    (
        "Interrogée jeudi, la maire Claire Dumas a assuré que la ville « ne reculera pas face aux "
        "menaces » de ces « agitateurs » et a démenti tout accord avec les promoteurs.",
        [
            (
                "mixed",
                "reported",
                "Claire Dumas",
                "la ville « ne reculera pas face aux menaces » de ces « agitateurs »",
            ),
            ("indirect", "denied", "Claire Dumas", "tout accord avec les promoteurs"),
        ],
    ),
    (
        "Le ministre Paul Girard a affirmé que son ministère avait besoin de « plusieurs "
        "centaines de postes » pour fonctionner.",
        [
            (
                "mixed",
                "reported",
                "Paul Girard",
                "son ministère avait besoin de « plusieurs centaines de postes » pour fonctionner",
            ),
        ],
    ),
    (
        "Le préfet a déclaré : « Les routes resteront fermées jusqu'à demain. »",
        [("direct", "reported", "Le préfet", "Les routes resteront fermées jusqu'à demain.")],
    ),
    (
        "Le porte-parole a démenti « toute négociation secrète ».",
        [("mixed", "denied", "Le porte-parole", "« toute négociation secrète »")],
    ),
]


@pytest.mark.parametrize("text, expected", ALL_CLAIMS)
def test_all_claims(nlp: Language, text: str, expected: list[tuple[str, str, str, str]]) -> None:
    claims: list[Claim] = nlp(text)._.crible_claims
    got = [
        (c.type, c.certainty, c.source.text if c.source else None, c.content.text) for c in claims
    ]
    assert got == expected, [c.why for c in claims]
