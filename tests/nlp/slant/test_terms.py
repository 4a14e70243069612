"""TermMatcher: one-word terms by their key, longer terms by their first two keys; forms and
lemmas both match, longest match wins."""

from __future__ import annotations

from crible.nlp.pipeline import load_pipeline
from crible.nlp.slant.terms import TermMatcher


def test_terms_of_one_two_and_more_tokens() -> None:
    nlp = load_pipeline("fr", components=[])
    matcher = TermMatcher(
        "fr",
        [
            (["fiasco"], "one"),
            (["territoire occupé"], "two"),
            (["coup de poignard dans le dos"], "long"),
            (["coup de"], "prefix"),  # shorter, overlapping: loses to the long one
            (["tirer à boulets rouges"], "lemma"),  # « tirent » reaches it through its lemma
        ],
    )
    doc = nlp(
        "Un fiasco dans les territoires occupés, un coup de poignard dans le dos, "
        "et ils tirent à boulets rouges sur le coup de vent."
    )
    found = [(doc[m.start : m.end].text, m.value) for m in matcher(doc)]
    assert found == [
        ("fiasco", "one"),
        ("territoires occupés", "two"),
        ("coup de poignard dans le dos", "long"),
        ("tirent à boulets rouges", "lemma"),
        ("coup de", "prefix"),
    ]
    # A term cut by the end of the text does not match.
    assert matcher(nlp("Un coup")) == []
