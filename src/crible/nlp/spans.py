"""Shared, cached views of a parsed `Doc` that several components need.

`Doc.text` joins the text of every token on each access; every component needs the text, so it is
built once per doc (`doc_text`).

`Span.ents` and `Doc.ents` rebuild the entity tuple by walking every token on each call; the
claims rules ask for the entities of every sentence, which made that walk the largest cost of
crible's components. The boundaries are computed once per doc and kept in `doc.user_data` as
plain tuples (so the doc still serialises). They reflect `doc.ents` as the NER left it: crible's
components read the entities but never reassign `doc.ents`.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

_ENTS_KEY = "crible_ent_bounds"
_TEXT_KEY = "crible_text"


def remember_text(doc: Doc, text: str) -> None:
    """Seed `doc_text` with the string the doc was made from (it must be that string)."""
    doc.user_data[_TEXT_KEY] = text


def doc_text(doc: Doc) -> str:
    """`doc.text`, built once per doc (tokenisation never changes a doc's text afterwards)."""
    cached: str | None = doc.user_data.get(_TEXT_KEY)
    if cached is None:
        cached = doc.text
        doc.user_data[_TEXT_KEY] = cached
    return cached


def entity_bounds(doc: Doc) -> tuple[tuple[int, int, str], ...]:
    """(start token, end token, label) of every NER entity, in order; computed once per doc."""
    cached: tuple[tuple[int, int, str], ...] | None = doc.user_data.get(_ENTS_KEY)
    if cached is None:
        cached = tuple((ent.start, ent.end, ent.label_) for ent in doc.ents)
        doc.user_data[_ENTS_KEY] = cached
    return cached


def entities(doc: Doc) -> list[Span]:
    """`doc.ents`, from the cache."""
    return [Span(doc, s, e, label=label) for s, e, label in entity_bounds(doc)]


def entities_within(span: Span) -> list[Span]:
    """`span.ents` (the entities wholly inside `span`), from the cache."""
    doc = span.doc
    return [
        Span(doc, s, e, label=label)
        for s, e, label in entity_bounds(doc)
        if s >= span.start and e <= span.end
    ]


def has_entity(span: Span) -> bool:
    return any(s >= span.start and e <= span.end for s, e, _ in entity_bounds(span.doc))
