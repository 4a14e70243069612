"""The claims component: finds reported and asserted statements, writes `doc._.crible_claims`."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from crible.nlp.claims.extract import extract_claims
from crible.nlp.claims.lexicon import ClaimLexicon, load_lexicon


class ClaimExtractor:
    """Thin: the linguistics live in the sibling modules; lexicons load once, here."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.lexicon: ClaimLexicon = load_lexicon(nlp.lang)

    def __call__(self, doc: Doc) -> Doc:
        doc._.crible_claims = extract_claims(doc, self.lexicon)
        return doc
