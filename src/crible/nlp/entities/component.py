"""The `crible_entities` component: finds name candidates, resolves them, sets
`doc._.crible_entities` (a list of crible.model.Entity, offsets relative to the Doc)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from crible.nlp.entities.aliases import load_alias_table
from crible.nlp.entities.lexicons import load_outlets, load_role_nouns, load_role_words
from crible.nlp.entities.resolve import resolve_entities
from crible.nlp.entities.roles import compile_role_patterns
from crible.nlp.entities.rules import (
    compile_context_patterns,
    compile_outlet_pattern,
    find_candidates,
)
from crible.nlp.spans import doc_text


class EntityResolver:
    """Thin: every resource is loaded once here; the linguistics live in pure functions."""

    def __init__(
        self,
        nlp: Language,
        name: str,
        *,
        extra_aliases: list[str],
        use_shipped_aliases: bool,
    ) -> None:
        self.name = name
        lang = nlp.lang
        self.table = load_alias_table(tuple(extra_aliases), use_shipped=use_shipped_aliases)
        self.outlet_pattern = compile_outlet_pattern(load_outlets(lang))
        nouns = load_role_nouns(lang)
        self.role_nouns = frozenset(nouns)
        self.role_patterns = compile_role_patterns(nouns)
        self.context = compile_context_patterns(
            nouns,
            load_role_words(lang, "ministry"),
            load_role_words(lang, "portfolio"),
            load_role_words(lang, "outlet"),
        )

    def _known_acronym(self, text: str) -> bool:
        return any(r.type in ("ORG", "LOC") and r.wikidata for r in self.table.exact(text))

    def __call__(self, doc: Doc) -> Doc:
        candidates = find_candidates(
            doc, self.outlet_pattern, self.role_nouns, self._known_acronym, self.context
        )
        doc._.crible_entities = resolve_entities(
            doc_text(doc), candidates, self.table, self.role_patterns
        )
        return doc
