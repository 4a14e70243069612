from __future__ import annotations

from itertools import pairwise

import pytest

from crible.ingest.split import paragraphs, split_articles

# Glued texts written for these tests. "|" marks where one article ends and the next begins.
GLUED = [
    # a cut paragraph ends its article
    "Le conseil municipal de Rennes a adopté lundi un plan de rénovation des piscines pour "
    "quatre millions d'euros. Les travaux débuteront au printemps et dureront\n|"
    "La sélection française de handball a battu la Norvège 31 à 27 samedi à Oslo, grâce à "
    "un second temps maîtrisé par Ludovic Fabregas et Dika Mem.",
    # a change of subject with new names, no cut
    "La banque centrale du Brésil a relevé son taux directeur d'un demi-point mercredi à "
    "Brasilia, pour freiner une inflation qui dépasse six pour cent.\n"
    "Cette décision était attendue par les marchés, qui anticipaient un resserrement "
    "monétaire depuis plusieurs semaines.\n|"
    "Les pompiers de la Gironde luttent depuis dimanche contre un incendie près de Landiras, "
    "où plus de mille hectares de pins ont brûlé selon la préfecture de Bordeaux.",
    # a byline opens an article
    "Le festival de Cannes a dévoilé jeudi la sélection officielle de sa prochaine édition, "
    "avec vingt et un films en compétition.\n|"
    "Par Camille Durand\n"
    "Les producteurs de lait de Bretagne ont manifesté devant la laiterie de Vitré pour "
    "réclamer une hausse du prix payé aux éleveurs.",
]

# Single articles that must stay whole: continuation cues, pronouns, a name seen before.
WHOLE = [
    "La ministre de la Santé, Anne Roussel, a présenté mardi un plan contre les déserts "
    "médicaux à Lyon.\n"
    "Elle prévoit d'ouvrir deux cents maisons de santé d'ici à trois ans.\n"
    "Toutefois, les syndicats de médecins libéraux jugent le calendrier irréaliste et "
    "réclament des moyens supplémentaires pour Grenoble et Saint-Étienne.",
    "Le Tour de France partira de Florence, en Italie, l'été prochain.\n"
    "Selon les organisateurs, les trois premières étapes traverseront la Toscane et "
    "l'Émilie-Romagne avant de rejoindre Turin.\n"
    "Les coureurs rejoindront ensuite la France par les Alpes, où deux arrivées au sommet "
    "sont prévues.",
    "Titre de l'article sur la réforme des retraites\n"
    "Le gouvernement a présenté mercredi sa réforme des retraites en conseil des ministres. "
    "L'âge légal passerait de 62 à 64 ans.\n"
    "Les syndicats ont appelé à une journée de mobilisation nationale le 19 janvier.",
]


def test_sample_holds_three_articles_two_truncated(sample_text: str) -> None:
    articles = split_articles(sample_text)
    assert len(articles) == 3
    assert [a.truncated for a in articles] == [True, False, True]
    texts = [sample_text[a.start : a.end] for a in articles]
    assert texts[0].startswith("Selon le site")
    assert texts[0].endswith("ni démenti ces")
    assert texts[1].startswith("Volodymyr Zelenskiy était en Belgique")
    assert texts[1].endswith("nécessaire à l’Ukraine.")
    assert texts[2].startswith("Les gardes-frontières israéliens")
    assert texts[2].endswith("la ville de Sdéro")
    # nothing of the text is lost between articles but the newlines that separate them
    assert "".join(sample_text[a.end : b.start] for a, b in pairwise(articles)) == "\n\n"


@pytest.mark.parametrize("glued", GLUED)
def test_glued_articles_are_split_where_marked(glued: str) -> None:
    expected = glued.split("|")
    text = glued.replace("|", "")
    articles = split_articles(text)
    assert [text[a.start : a.end] for a in articles] == [part.strip() for part in expected]


def test_cut_article_is_truncated_and_complete_one_is_not() -> None:
    text = GLUED[0].replace("|", "")
    assert [a.truncated for a in split_articles(text)] == [True, False]


@pytest.mark.parametrize("text", WHOLE)
def test_single_articles_stay_whole(text: str) -> None:
    articles = split_articles(text)
    assert len(articles) == 1
    assert (articles[0].start, articles[0].end) == (0, len(text))
    assert not articles[0].truncated


def test_title_line_is_the_articles_title() -> None:
    [article] = split_articles(WHOLE[2])
    assert article.title == "Titre de l'article sur la réforme des retraites"


def test_wrapped_paragraphs_are_blocks() -> None:
    text = (
        "Le préfet a ordonné la fermeture\nde la route départementale\njusqu'à nouvel ordre.\n\n"
        "Les habitants devront emprunter\nla déviation par le village voisin.\n"
    )
    paras = paragraphs(text)
    assert len(paras) == 2
    assert split_articles(text)[0].truncated is False


@pytest.mark.parametrize("text", ["", "\n\n  \n"])
def test_blank_text_has_no_article(text: str) -> None:
    assert split_articles(text) == []
