"""The `crible_times` component: finds time expressions and writes `doc._.crible_times`."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from crible.nlp.extensions import register_extensions
from crible.nlp.time.expressions import find_times
from crible.nlp.time.grammar import load_grammar

register_extensions()


class TimeResolver:
    """Thin: the grammar is compiled once here; the logic is `find_times`.

    Reads `doc._.crible_published` (a `datetime.date` or None, set by the caller).
    """

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.lang: str = nlp.lang or "fr"
        load_grammar(self.lang)  # fail early when the language has no time lexicon

    def __call__(self, doc: Doc) -> Doc:
        doc._.crible_times = find_times(doc, doc._.crible_published, lang=self.lang)
        return doc
