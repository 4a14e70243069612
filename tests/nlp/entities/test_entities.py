"""crible_entities on sentences written for crible (real model, no mocks)."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from crible.errors import ResourceError
from crible.model import Entity
from crible.nlp.entities.aliases import load_alias_table
from crible.nlp.entities.names import norm_key, phonetic_key
from crible.nlp.pipeline import load_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline(components=["entities"])


def entities(nlp: Language, text: str) -> list[Entity]:
    doc = nlp(text)
    found: list[Entity] = doc._.crible_entities
    for ent in found:
        for mention in ent.mentions:
            assert text[mention.start : mention.end] == mention.text
            assert mention.why
    return found


def entity_of(found: list[Entity], surface: str) -> Entity | None:
    for ent in found:
        if any(m.text == surface for m in ent.mentions):
            return ent
    return None


# text, surface, expected wikidata (None = not checked here), type, kind
FOUND = [
    (
        "Volodymyr Zelensky a parlé hier soir à Kiev.",
        "Volodymyr Zelensky",
        "Q3874799",
        "PER",
        "person",
    ),
    (
        "Le chef de l'État, Volodymyr Zelenskyy, est arrivé.",
        "Volodymyr Zelenskyy",
        "Q3874799",
        "PER",
        "person",
    ),
    (
        "Selon Volodymyr Zelenskiy, la ligne de front tient.",
        "Volodymyr Zelenskiy",
        "Q3874799",
        "PER",
        "person",
    ),
    (
        "Benjamin Netanyahu a réuni son cabinet dimanche.",
        "Benjamin Netanyahu",
        "Q43723",
        "PER",
        "person",
    ),
    (
        "Benjamin Nétanyahou a réuni son cabinet dimanche.",
        "Benjamin Nétanyahou",
        "Q43723",
        "PER",
        "person",
    ),
    (
        "Le bureau de Benyamin Netanyahou n'a pas répondu.",
        "Benyamin Netanyahou",
        "Q43723",
        "PER",
        "person",
    ),
    ("Les dirigeants du Hamas ont rejeté l'offre.", "Hamas", "Q38799", "ORG", "organisation"),
    ("Les ministres de l'OTAN se réunissent à Bruxelles.", "OTAN", "Q7184", "ORG", "organisation"),
    ("Les ministres de l’OTAN se réunissent à Bruxelles.", "OTAN", "Q7184", "ORG", "organisation"),
    ("L'OTAN a renforcé sa présence à l'est.", "OTAN", "Q7184", "ORG", "organisation"),
    ("Washington a demandé à la NATO de réagir.", "NATO", "Q7184", "ORG", "organisation"),
    ("Le traité fondateur de l'O.T.A.N. date de 1949.", "O.T.A.N.", "Q7184", "ORG", "organisation"),
    ("Une dépêche de l'AFP annonce un accord.", "AFP", None, "ORG", "outlet"),
    (
        "Selon l'Agence France-Presse, les pourparlers ont repris.",
        "Agence France-Presse",
        None,
        "ORG",
        "outlet",
    ),
    ("Un photographe de Reuters a été blessé.", "Reuters", None, "ORG", "outlet"),
    ("D'après le site Axios, la visite est prévue.", "Axios", None, "ORG", "outlet"),
    ("Selon des sources d’Axios, rien n'est décidé.", "Axios", None, "ORG", "outlet"),
    ("Le Monde a publié une enquête sur ce sujet.", "Le Monde", None, "ORG", "outlet"),
    ("Interrogé par franceinfo, le député a nié.", "franceinfo", None, "ORG", "outlet"),
    ("Un article du New York Times évoque des tensions.", "New York Times", None, "ORG", "outlet"),
    ("La BBC a diffusé les images en direct.", "BBC", None, "ORG", "outlet"),
    ("Des roquettes sont tombées sur Sderot dans la nuit.", "Sderot", None, "LOC", "place"),
    ("Des roquettes sont tombées sur Sdérot dans la nuit.", "Sdérot", None, "LOC", "place"),
    ("Les habitants d'Ashkelon ont passé la nuit aux abris.", "Ashkelon", None, "LOC", "place"),
    ("Les habitants d'Ashkélon ont passé la nuit aux abris.", "Ashkélon", None, "LOC", "place"),
    ("Des frappes ont visé Gaza mardi.", "Gaza", None, "LOC", "place"),
    ("Le sommet se tiendra à Paris en juin.", "Paris", None, "LOC", "place"),
    ("Les diplomates de l'ONU se sont réunis à Genève.", "ONU", None, "ORG", "organisation"),
    ("Les ministres de l'UE ont voté le texte.", "UE", None, "ORG", "organisation"),
    ("L'Ukraine réclame davantage de munitions.", "Ukraine", None, "LOC", "place"),
    (
        "Le premier ministre a reçu Jens Stoltenberg à Oslo.",
        "Jens Stoltenberg",
        None,
        "PER",
        "person",
    ),
]


@pytest.mark.parametrize("text, surface, wikidata, etype, kind", FOUND)
def test_entity_found(
    nlp: Language, text: str, surface: str, wikidata: str | None, etype: str, kind: str
) -> None:
    ent = entity_of(entities(nlp, text), surface)
    assert ent is not None, f"no entity with mention {surface!r}"
    assert (ent.type, ent.kind) == (etype, kind)
    if wikidata is not None:
        assert ent.wikidata == wikidata
        assert ent.id == wikidata


# places and organisations whose id must come from the data (not checked by value here)
@pytest.mark.parametrize(
    "text, surface",
    [
        ("Une sirène a retenti à Ashkelon ce matin.", "Ashkelon"),
        ("Les experts de l'ONU publieront un rapport.", "ONU"),
        ("Les ministres de l'UE ont voté le texte.", "UE"),
    ],
)
def test_entity_has_wikidata_from_table(nlp: Language, text: str, surface: str) -> None:
    ent = entity_of(entities(nlp, text), surface)
    assert ent is not None
    assert ent.wikidata is not None and ent.wikidata.startswith("Q")
    assert ent.id == ent.wikidata


# text, first surface, second surface, same entity?
MERGES = [
    (
        "Volodymyr Zelensky est à Bruxelles. Zelensky y rencontre les alliés.",
        "Volodymyr Zelensky",
        "Zelensky",
        True,
    ),
    (
        "Volodymyr Zelensky est à Bruxelles. Zelenskiy y rencontre les alliés.",
        "Volodymyr Zelensky",
        "Zelenskiy",
        True,
    ),
    (
        "Volodymyr Zelensky est à Bruxelles. Zelenskyy y rencontre les alliés.",
        "Volodymyr Zelensky",
        "Zelenskyy",
        True,
    ),
    (
        "Volodymyr Zelensky est à Bruxelles. V. Zelensky y rencontre les alliés.",
        "Volodymyr Zelensky",
        "V. Zelensky",
        True,
    ),
    (
        "Volodymyr Zelensky est à Bruxelles. Plus tard, Volodymyr Zelenskiy a parlé aux élus.",
        "Volodymyr Zelensky",
        "Volodymyr Zelenskiy",
        True,
    ),
    (
        "Benjamin Netanyahu a parlé. Netanyahu a ensuite quitté la salle.",
        "Benjamin Netanyahu",
        "Netanyahu",
        True,
    ),
    (
        "Benjamin Netanyahu a parlé. Nétanyahou a ensuite quitté la salle.",
        "Benjamin Netanyahu",
        "Nétanyahou",
        True,
    ),
    ("Les ministres de l'OTAN ont parlé. Le chef de la NATO a conclu.", "OTAN", "NATO", True),
    (
        "L'ONU a condamné l'attaque. Les Nations unies enverront des observateurs.",
        "ONU",
        "Nations unies",
        True,
    ),
    (
        "L'UE a voté le texte. L'Union européenne le publiera demain.",
        "UE",
        "Union européenne",
        True,
    ),
    ("Le convoi a quitté Sderot. Plus tard, il est revenu à Sdérot.", "Sderot", "Sdérot", True),
    (
        "Le convoi a quitté Ashkelon. Plus tard, il est revenu à Ashkélon.",
        "Ashkelon",
        "Ashkélon",
        True,
    ),
    (
        "Une dépêche de l'AFP est tombée. L'Agence France-Presse précise que le bilan est faux.",
        "AFP",
        "Agence France-Presse",
        True,
    ),
    (
        "Marine Le Pen a parlé à Lyon. Jean-Marie Le Pen a répondu depuis Nice.",
        "Marine Le Pen",
        "Jean-Marie Le Pen",
        False,
    ),
    (
        "Pierre Martin a témoigné hier. Sophie Martin a contesté sa version.",
        "Pierre Martin",
        "Sophie Martin",
        False,
    ),
    (
        "Anne Dubois a quitté Lyon. Marc Dubois est resté à Paris.",
        "Anne Dubois",
        "Marc Dubois",
        False,
    ),
    (
        "Le Hamas a tiré des roquettes. Le Hezbollah a riposté depuis le Liban.",
        "Hamas",
        "Hezbollah",
        False,
    ),
    ("Des roquettes ont visé Sderot puis Ashkelon.", "Sderot", "Ashkelon", False),
    (
        "Volodymyr Zelensky a rencontré Benjamin Netanyahu.",
        "Volodymyr Zelensky",
        "Benjamin Netanyahu",
        False,
    ),
    ("Un journaliste de Reuters et un autre de l'AFP étaient présents.", "Reuters", "AFP", False),
    ("Claire Moreau a été élue. Moreau a promis des réformes.", "Claire Moreau", "Moreau", True),
    (
        "Antoine Lefèvre a été élu. Lefevre a promis des réformes.",
        "Antoine Lefèvre",
        "Lefevre",
        True,
    ),
]


@pytest.mark.parametrize("text, first, second, same", MERGES)
def test_merges(nlp: Language, text: str, first: str, second: str, same: bool) -> None:
    found = entities(nlp, text)
    a, b = entity_of(found, first), entity_of(found, second)
    assert a is not None and b is not None, [e.variants for e in found]
    assert (a.id == b.id) is same
    if same:
        assert a is b and {first, second} <= set(a.variants)


def test_ambiguous_surname_is_not_merged(nlp: Language) -> None:
    text = "Marine Le Pen a parlé à Lyon. Jean-Marie Le Pen a répondu. Le Pen a quitté la salle."
    found = entities(nlp, text)
    marine, jean_marie = entity_of(found, "Marine Le Pen"), entity_of(found, "Jean-Marie Le Pen")
    bare = [e for e in found if any(m.text == "Le Pen" for m in e.mentions)]
    assert marine is not None and jean_marie is not None and marine.id != jean_marie.id
    assert len(bare) == 1 and bare[0].id not in (marine.id, jean_marie.id)
    assert "ambiguous" in (bare[0].mentions[0].why or "")


# text, name, role
ROLES = [
    (
        "Le président ukrainien, Volodymyr Zelensky, est arrivé à Bruxelles.",
        "Volodymyr Zelensky",
        "président ukrainien",
    ),
    (
        "Il a salué le Premier ministre israélien, Benjamin Netanyahu, hier.",
        "Benjamin Netanyahu",
        "Premier ministre israélien",
    ),
    (
        "Je remercie le secrétaire général de l'OTAN, Jens Stoltenberg, pour son soutien.",
        "Jens Stoltenberg",
        "secrétaire général de l'OTAN",
    ),
    (
        "Sophie Martin, la porte-parole du gouvernement, a démenti.",
        "Sophie Martin",
        "porte-parole du gouvernement",
    ),
    ("Paul Girard, le maire de Lille, a inauguré la gare.", "Paul Girard", "maire de Lille"),
    (
        "La ministre de la Santé, Claire Moreau, a présenté le plan.",
        "Claire Moreau",
        "ministre de la Santé",
    ),
    (
        "Selon le chancelier allemand Olaf Scholz, l'accord est proche.",
        "Olaf Scholz",
        "chancelier allemand",
    ),
]


@pytest.mark.parametrize("text, name, role", ROLES)
def test_roles(nlp: Language, text: str, name: str, role: str) -> None:
    ent = entity_of(entities(nlp, text), name)
    assert ent is not None
    assert role in ent.roles


# role phrases and junk spans the model marks as entities must not become entities
@pytest.mark.parametrize(
    "text, junk",
    [
        (
            "Il a salué le Premier ministre israélien, Benjamin Netanyahu, hier.",
            "Premier ministre israélien",
        ),
        ("Il a réuni les ministres de la Défense de l’OTAN mercredi.", "de la Défense"),
        ("Les ministres de l’OTAN se réunissent à Bruxelles.", "l’OTAN"),
    ],
)
def test_no_junk_mention(nlp: Language, text: str, junk: str) -> None:
    assert entity_of(entities(nlp, text), junk) is None


def test_sample(nlp: Language, sample_text: str) -> None:
    found = entities(nlp, sample_text)
    by_id = {e.id: e for e in found}
    assert len(by_id) == len(found)
    zelensky = by_id["Q3874799"]
    assert {"Volodymyr Zelensky", "Zelensky", "Volodymyr Zelenskiy"} == set(zelensky.variants)
    assert "président ukrainien" in zelensky.roles
    netanyahu = by_id["Q43723"]
    assert {"Benjamin Netanyahu", "Netanyahu"} == set(netanyahu.variants)
    assert "Premier ministre israélien" in netanyahu.roles
    assert set(by_id["Q7184"].variants) == {"OTAN"}
    assert by_id["Q38799"].type == "ORG"
    axios = entity_of(found, "Axios")
    assert axios is not None and axios.kind == "outlet" and len(axios.mentions) == 2
    sderot = entity_of(found, "Sderot")
    assert sderot is not None and sderot.type == "LOC" and "Sdéro" in sderot.variants
    ashkelon = entity_of(found, "Ashkelon")
    assert ashkelon is not None and ashkelon.type == "LOC" and ashkelon.wikidata
    assert ashkelon.geonames is not None
    for ent in found:
        assert ent.type == "LOC" or not {"Gaza", "Sderot"} & set(ent.variants)
        assert not any(m.text.startswith(("l’", "l'")) for m in ent.mentions)
    people = [e for e in found if e.type == "PER"]
    assert {e.id for e in people} == {"Q3874799", "Q43723", "jens-stoltenberg"}


@pytest.mark.parametrize(
    "a, b",
    [
        ("Zelensky", "Zelenskiy"),
        ("Zelensky", "Zelenskyy"),
        ("Zelensky", "Zelenski"),
        ("Zelensky", "Selenskyj"),
        ("Volodymyr", "Wolodymyr"),
        ("Netanyahu", "Nétanyahou"),
        ("Sderot", "Sdéro"),
    ],
)
def test_phonetic_keys_agree(a: str, b: str) -> None:
    assert phonetic_key(a) == phonetic_key(b)


@pytest.mark.parametrize(
    "text, expected",
    [("l’O.T.A.N.", "l'otan"), ("Sdérot", "sderot"), ("Jean-Marie  Le Pen", "jean marie le pen")],
)
def test_norm_key(text: str, expected: str) -> None:
    assert norm_key(text) == expected


def test_user_aliases_override(tmp_path: Path) -> None:
    extra = tmp_path / "mine.tsv"
    extra.write_text(
        "# name\ttype\tkind\twikidata\tgeonames\tlang\tprior\taliases\n"
        "Bureau des Essais\tORG\torganisation\t\t\tfr\t5\tBDE\tOTAN\n",
        encoding="utf-8",
    )
    table = load_alias_table((str(extra),))
    assert [r.name for r in table.exact("OTAN")] == ["Bureau des Essais"]
    assert [r.name for r in table.exact("BDE")] == ["Bureau des Essais"]
    assert table.exact("Hamas")[0].wikidata == "Q38799"  # shipped rows still there


def test_user_aliases_in_pipeline(tmp_path: Path) -> None:
    extra = tmp_path / "mine.tsv"
    extra.write_text("Cécile Fabre\tPER\tperson\t\t\tfr\t1\tC. Fabre\n", encoding="utf-8")
    nlp = load_pipeline(components=["entities"], extra_aliases=[str(extra)])
    doc = nlp("Hier, Cécile Fabre a présenté son rapport devant les élus.")
    ent = entity_of(doc._.crible_entities, "Cécile Fabre")
    assert ent is not None and ent.id == "cecile-fabre"
    assert "alias table" in (ent.mentions[0].why or "")


@pytest.mark.parametrize(
    "content, problem",
    [
        ("Nom seul\n", "at least 2"),
        ("Quelqu'un\tPERSON\n", "column 2 (type)"),
        ("Quelqu'un\tPER\tperson\tX12\n", "column 4 (wikidata)"),
        ("Quelqu'un\tPER\tperson\t\tabc\n", "column 5 (geonames)"),
        ("# ok\nQuelqu'un\tPER\tchef\n", "column 3 (kind)"),
    ],
)
def test_bad_user_file(tmp_path: Path, content: str, problem: str) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(ResourceError) as info:
        load_alias_table((str(bad),))
    message = str(info.value)
    assert str(bad) in message and problem in message
    assert f"line {content.count(chr(10))}" in message


def test_missing_user_file(tmp_path: Path) -> None:
    with pytest.raises(ResourceError, match="does not exist"):
        load_alias_table((str(tmp_path / "absent.tsv"),))


# text, portfolio word that must not be an entity (nor part of one)
PORTFOLIOS = [
    ("Le ministre des Transports, Julien Marchetti, a visité la gare.", "Transports"),
    ("La ministre ukrainienne de l'Énergie, Olena Kovaltchouk, est arrivée hier.", "Énergie"),
    ("Le commissaire européen à la Justice a répondu aux députés.", "Justice"),
    ("La secrétaire d'État aux Affaires étrangères a démenti l'information.", "État"),
    ("Le ministre de la Culture et de la Communication a inauguré le musée.", "Culture"),
    ("Le ministre de l'Économie Bruno Lemaire a présenté le budget.", "Économie"),
    ("Les ministres de la Santé se réunissent à Bruxelles.", "Santé"),
]


@pytest.mark.parametrize("text, portfolio", PORTFOLIOS)
def test_portfolio_is_not_an_entity(nlp: Language, text: str, portfolio: str) -> None:
    found = entities(nlp, text)
    assert not any(portfolio in m.text for e in found for m in e.mentions), [
        e.variants for e in found
    ]


# a ministry named by its portfolio is one organisation, never linked (every country has one)
@pytest.mark.parametrize(
    "text, ministry",
    [
        ("Le ministère de l'Intérieur a publié un communiqué lundi.", "ministère de l'Intérieur"),
        (
            "Le ministère russe de la Défense affirme avoir abattu un drone.",
            "ministère russe de la Défense",
        ),
        ("Selon le ministère de la Santé, le virus recule.", "ministère de la Santé"),
    ],
)
def test_ministry_is_an_organisation(nlp: Language, text: str, ministry: str) -> None:
    ent = entity_of(entities(nlp, text), ministry)
    assert ent is not None
    assert (ent.type, ent.kind, ent.wikidata) == ("ORG", "organisation", None)


# names after a title but outside the portfolio stay entities
@pytest.mark.parametrize(
    "text, name",
    [
        ("Il a réuni les ministres de la Défense de l’Union européenne à Paris.", "Paris"),
        ("Le directeur de Santé publique France a parlé.", "Santé publique France"),
    ],
)
def test_names_near_portfolios_kept(nlp: Language, text: str, name: str) -> None:
    assert entity_of(entities(nlp, text), name) is not None


# outlets missing from the list, introduced by an outlet noun: text, name
OUTLET_NOUNS = [
    ("Selon le quotidien régional Le Phare du Sud, la grève continue.", "Le Phare du Sud"),
    ("L'hebdomadaire Marianne a publié une longue enquête.", "Marianne"),
    ("D'après le site d'information Blast, la vente est conclue.", "Blast"),
    ("La radio Sud Radio a interrogé le maire ce matin.", "Sud Radio"),
    ("La chaîne LCP a diffusé le débat en direct.", "LCP"),
    ("Le mensuel Causeur consacre sa une au scrutin.", "Causeur"),
]


@pytest.mark.parametrize("text, name", OUTLET_NOUNS)
def test_outlet_noun_makes_an_outlet(nlp: Language, text: str, name: str) -> None:
    ent = entity_of(entities(nlp, text), name)
    assert ent is not None
    assert (ent.type, ent.kind) == ("ORG", "outlet")
    assert "introduced as an outlet" in (ent.mentions[0].why or "")


def test_outlet_noun_then_bare_name(nlp: Language) -> None:
    text = "Le quotidien Le Phare du Sud a enquêté. Le Phare du Sud publiera la suite demain."
    found = entities(nlp, text)
    outlets = [e for e in found if "Le Phare du Sud" in e.variants]
    assert len(outlets) == 1 and len(outlets[0].mentions) == 2
    assert (outlets[0].type, outlets[0].kind) == ("ORG", "outlet")


# display names: French names for French readers (ids are not checked here)
DISPLAY_NAMES = [
    ("Washington a demandé à la NATO de réagir.", "NATO", "OTAN"),
    ("Les habitants d'Ashkelon ont passé la nuit aux abris.", "Ashkelon", "Ashkélon"),
    ("La Belgique a rappelé son ambassadeur.", "Belgique", "Belgique"),
    ("Le gouvernement d'Israel a réuni son cabinet.", "Israel", "Israël"),
    ("La France et l'Allemagne ont signé l'accord.", "France", "France"),
    ("La France et l'Allemagne ont signé l'accord.", "Allemagne", "Allemagne"),
    ("Les États-Unis ont envoyé un émissaire.", "États-Unis", "États-Unis"),
    ("Le rapport de la WHO sera publié lundi.", "WHO", "OMS"),
    ("Les diplomates de l'ONU se sont réunis à Genève.", "ONU", "ONU"),
    ("Les ministres de l'UE ont voté le texte.", "UE", "UE"),
    ("Le sommet se tiendra à London en juin.", "London", "Londres"),
    ("Une délégation est arrivée à Beijing mardi.", "Beijing", "Pékin"),
    ("L'Ukraine et la Russie ont échangé des prisonniers.", "Russie", "Russie"),
]


@pytest.mark.parametrize("text, surface, name", DISPLAY_NAMES)
def test_display_name(nlp: Language, text: str, surface: str, name: str) -> None:
    ent = entity_of(entities(nlp, text), surface)
    assert ent is not None, surface
    assert ent.name == name
    assert ent.wikidata is not None
