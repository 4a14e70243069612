"""One row per finding, for spreadsheet users (`crible analyze --format csv --table …`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from crible.model import Document

Row = dict[str, Any]


def _articles(document: Document) -> Iterator[Row]:
    for a in document.articles:
        yield {
            "source": document.source,
            "article": a.id,
            "start": a.start,
            "end": a.end,
            "title": a.title,
            "language": a.language,
            "truncated": a.truncated,
            "duplicate_of": a.duplicate_of,
            "published": a.published,
            "entities": len(a.entities),
            "claims": len(a.claims),
            "slant": len(a.slant),
            "errors": "; ".join(e.message for e in document.errors),
        }


def _entities(document: Document) -> Iterator[Row]:
    for a in document.articles:
        for e in a.entities:
            yield {
                "source": document.source,
                "article": a.id,
                "id": e.id,
                "name": e.name,
                "type": e.type,
                "kind": e.kind,
                "wikidata": e.wikidata,
                "geonames": e.geonames,
                "mentions": len(e.mentions),
                "first_start": e.mentions[0].start if e.mentions else None,
                "variants": " | ".join(e.variants),
                "roles": " | ".join(e.roles),
            }


def _claims(document: Document) -> Iterator[Row]:
    for a in document.articles:
        for c in a.claims:
            yield {
                "source": document.source,
                "article": a.id,
                "start": c.content.start,
                "end": c.content.end,
                "content": c.content.text,
                "type": c.type,
                "certainty": c.certainty,
                "speaker": c.source.text if c.source else None,
                "speaker_entity": c.source.entity if c.source else None,
                "speaker_kind": c.source.kind if c.source else None,
                "cue": c.cue.text if c.cue else None,
                "why": c.why,
            }


def _slant(document: Document) -> Iterator[Row]:
    for a in document.articles:
        for s in a.slant:
            yield {
                "source": document.source,
                "article": a.id,
                "start": s.start,
                "end": s.end,
                "text": s.text,
                "technique": s.technique,
                "category": s.category,
                "neutral": s.neutral,
                "side": s.side,
                "score": s.score,
                "why": s.why,
            }


def _times(document: Document) -> Iterator[Row]:
    for a in document.articles:
        for t in a.times:
            yield {
                "source": document.source,
                "article": a.id,
                "start": t.start,
                "end": t.end,
                "text": t.text,
                "value": t.value,
                "grain": t.grain,
            }


TABLES: dict[str, tuple[list[str], Callable[[Document], Iterator[Row]]]] = {
    "articles": (
        [
            "source",
            "article",
            "start",
            "end",
            "title",
            "language",
            "truncated",
            "duplicate_of",
            "published",
            "entities",
            "claims",
            "slant",
            "errors",
        ],
        _articles,
    ),
    "entities": (
        [
            "source",
            "article",
            "id",
            "name",
            "type",
            "kind",
            "wikidata",
            "geonames",
            "mentions",
            "first_start",
            "variants",
            "roles",
        ],
        _entities,
    ),
    "claims": (
        [
            "source",
            "article",
            "start",
            "end",
            "content",
            "type",
            "certainty",
            "speaker",
            "speaker_entity",
            "speaker_kind",
            "cue",
            "why",
        ],
        _claims,
    ),
    "slant": (
        [
            "source",
            "article",
            "start",
            "end",
            "text",
            "technique",
            "category",
            "neutral",
            "side",
            "score",
            "why",
        ],
        _slant,
    ),
    "times": (["source", "article", "start", "end", "text", "value", "grain"], _times),
}
