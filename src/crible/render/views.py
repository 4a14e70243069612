"""What the HTML templates print, built from the result model: per article the highlighted text
and the detail card of each finding, per document the summary tables.

Plain data and pure functions: the templates only loop and print (autoescaped), so everything a
reader sees is decided here and tested without a browser.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from markupsafe import Markup

from crible.model import (
    Article,
    Certainty,
    Claim,
    Document,
    Entity,
    SlantFinding,
    TimeExpression,
)
from crible.render.marks import Mark, Piece, merge_marks, nest

CERTAINTIES: tuple[Certainty, ...] = ("asserted", "reported", "hedged", "unconfirmed", "denied")
ENTITY_TYPES = {"PER": "Person", "ORG": "Organisation", "LOC": "Place", "MISC": "Other"}
ENTITY_GROUPS = {"PER": "People", "ORG": "Organisations", "LOC": "Places", "MISC": "Other names"}
CLAIM_TYPES = {
    "direct": "direct quote",
    "indirect": "indirect speech",
    "mixed": "partly quoted",
    "according_to": "“according to” report",
}
SOURCE_KINDS = {
    "person": "person",
    "organisation": "organisation",
    "outlet": "news outlet",
    "document": "document",
    "anonymous": "unnamed source",
    "unknown": "unknown",
}
# A CSS modifier per SemEval category (its colour); any other category gets "other".
CATEGORY_STYLES = {
    "Attack_on_Reputation": "attack",
    "Justification": "justification",
    "Simplification": "simplification",
    "Distraction": "distraction",
    "Call": "call",
    "Manipulative_Wording": "wording",
}


def slant_style(category: str) -> str:
    return CATEGORY_STYLES.get(category, "other")


def label(name: str | None) -> str:
    """A SemEval label as words: 'Name_Calling-Labeling' -> 'Name Calling-Labeling'."""
    return (name or "").replace("_", " ")


@dataclass
class ClaimView:
    key: str
    claim: Claim
    source_entity: Entity | None  # the canonical entity of the source, when it has one

    @property
    def source_label(self) -> str:
        if self.claim.source is None:
            return "the outlet itself (no source given)"
        if self.source_entity is not None:
            return self.source_entity.name
        return self.claim.source.text or "an unidentified source"


@dataclass
class ArticleView:
    article: Article
    number: int
    key: str
    pieces: list[Piece]
    entities: list[tuple[str, Entity]]
    claims: list[ClaimView]
    slant: list[tuple[str, SlantFinding]]
    times: list[tuple[str, TimeExpression]]

    @property
    def heading(self) -> str:
        return self.article.title or ""


@dataclass
class EntityRow:
    entity: Entity  # the first article's entity; counts below cover the whole document
    mentions: int = 0
    variants: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    articles: list[int] = field(default_factory=list)


@dataclass
class SourceRow:
    label: str
    kind: str
    wikidata: str | None
    certainty: Counter[str] = field(default_factory=Counter)

    @property
    def claims(self) -> int:
        return sum(self.certainty.values())

    @property
    def mix(self) -> list[tuple[str, int]]:
        return [(c, self.certainty[c]) for c in CERTAINTIES if self.certainty[c]]


@dataclass
class TechniqueRow:
    technique: str
    category: str
    spans: int = 0
    paragraphs: int = 0


@dataclass
class Gap:
    """Text of the document that no article covers (separators, leftovers of the split)."""

    start: int
    end: int
    text: str


@dataclass
class DocumentView:
    document: Document
    number: int
    key: str
    articles: list[ArticleView]
    gaps: list[Gap]
    entity_rows: list[EntityRow]
    source_rows: list[SourceRow]
    technique_rows: list[TechniqueRow]
    data: Markup  # the document as JSON, safe inside <script type="application/json">


def document_views(documents: Iterable[Document]) -> Iterator[DocumentView]:
    for number, document in enumerate(documents, start=1):
        yield document_view(document, number)


def document_view(document: Document, number: int) -> DocumentView:
    key = f"d{number}"
    articles = [
        article_view(document.text, article, n, f"{key}a{n}")
        for n, article in enumerate(document.articles, start=1)
    ]
    return DocumentView(
        document=document,
        number=number,
        key=key,
        articles=articles,
        gaps=_gaps(document),
        entity_rows=entity_rows(document),
        source_rows=source_rows(document),
        technique_rows=technique_rows(document),
        data=script_json(document.model_dump_json()),
    )


def article_view(text: str, article: Article, number: int, key: str) -> ArticleView:
    entities = [(f"{key}-e{i}", e) for i, e in enumerate(article.entities, start=1)]
    by_id = {e.id: e for e in article.entities}
    claims = [
        ClaimView(f"{key}-c{i}", c, by_id.get(c.source.entity or "") if c.source else None)
        for i, c in enumerate(article.claims, start=1)
    ]
    slant = [(f"{key}-s{i}", s) for i, s in enumerate(article.slant, start=1)]
    times = [(f"{key}-t{i}", t) for i, t in enumerate(article.times, start=1)]
    marks = merge_marks(_marks(entities, claims, slant, times))
    return ArticleView(
        article=article,
        number=number,
        key=key,
        pieces=nest(text, article.start, article.end, marks),
        entities=entities,
        claims=claims,
        slant=slant,
        times=times,
    )


def _marks(
    entities: list[tuple[str, Entity]],
    claims: list[ClaimView],
    slant: list[tuple[str, SlantFinding]],
    times: list[tuple[str, TimeExpression]],
) -> Iterator[Mark]:
    for key, entity in entities:
        for m in entity.mentions:
            yield Mark(m.start, m.end, "entity", f"ent-{entity.type}", entity.type, (key,), m.why)
    for view in claims:
        c = view.claim
        yield Mark(c.content.start, c.content.end, "claim", "claim", c.certainty, (view.key,))
        source = c.source
        if source is not None and source.start is not None and source.end is not None:
            yield Mark(source.start, source.end, "source", "claim", "source", (view.key,))
    for key, s in slant:
        yield Mark(s.start, s.end, "slant", "slant", slant_style(s.category), (key,))
    for key, t in times:
        yield Mark(t.start, t.end, "time", "time", t.grain, (key,))


def entity_rows(document: Document) -> list[EntityRow]:
    """Entities of the whole document, one row per canonical entity (the same person named in
    two articles is one row), most mentioned first."""
    rows: dict[str, EntityRow] = {}
    for n, article in enumerate(document.articles, start=1):
        for entity in article.entities:
            row = rows.setdefault(entity.id, EntityRow(entity))
            row.mentions += len(entity.mentions)
            row.variants += [v for v in entity.variants if v not in row.variants]
            row.roles += [r for r in entity.roles if r not in row.roles]
            if n not in row.articles:
                row.articles.append(n)
    return sorted(rows.values(), key=lambda r: (-r.mentions, r.entity.name))


def source_rows(document: Document) -> list[SourceRow]:
    """Who is cited, with how many claims and how firmly; the outlet's own statements last."""
    rows: dict[str, SourceRow] = {}
    for article in document.articles:
        by_id = {e.id: e for e in article.entities}
        for claim in article.claims:
            source = claim.source
            if source is None:
                key, row = "", SourceRow("the outlet itself (no source given)", "", None)
            elif source.entity and source.entity in by_id:
                entity = by_id[source.entity]
                key = "entity:" + entity.id
                row = SourceRow(entity.name, SOURCE_KINDS[source.kind], entity.wikidata)
            else:
                text = source.text or "an unidentified source"
                key = "text:" + " ".join(text.casefold().split())
                row = SourceRow(text, SOURCE_KINDS[source.kind], None)
            rows.setdefault(key, row).certainty[claim.certainty] += 1
    outlet = rows.pop("", None)
    ordered = sorted(rows.values(), key=lambda r: (-r.claims, r.label))
    return ordered + ([outlet] if outlet else [])


def technique_rows(document: Document) -> list[TechniqueRow]:
    rows: dict[str, TechniqueRow] = {}
    for article in document.articles:
        for s in article.slant:
            rows.setdefault(s.technique, TechniqueRow(s.technique, s.category)).spans += 1
        for paragraph in article.paragraphs:
            for technique in paragraph.techniques:
                row = rows.setdefault(technique, TechniqueRow(technique, ""))
                row.paragraphs += 1
    return sorted(rows.values(), key=lambda r: (-r.spans - r.paragraphs, r.technique))


def _gaps(document: Document) -> list[Gap]:
    gaps = []
    pos = 0
    for article in sorted(document.articles, key=lambda a: a.start):
        if article.start > pos:
            gaps.append(Gap(pos, article.start, document.text[pos : article.start]))
        pos = max(pos, article.end)
    if document.articles and pos < len(document.text):
        gaps.append(Gap(pos, len(document.text), document.text[pos:]))
    return [g for g in gaps if g.text.strip()]


def script_json(data: str) -> Markup:
    """JSON text made safe inside a <script> element: no '<' at all (so neither '</script>'
    nor '<!--' can end or change the element), and no '>' or '&' either. The escapes are JSON
    escapes: the value parses back unchanged."""
    safe = data.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    safe = safe.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(safe)


def json_value(value: object) -> Markup:
    return script_json(json.dumps(value, ensure_ascii=False))
