"""The result model: the single source of crible's JSON shape.

Every output (the JSON and JSONL writers, the CSV tables, the HTML report and the web API, later the
corpus store) is produced from these classes, and `crible schema` exports their JSON Schema.

Offsets: every `start`/`end` in a `Document` indexes `Document.text`, the decoded input. Inside the
spaCy pipeline the same classes are used with offsets relative to the article's `Doc`; the analysis
layer shifts them in place (see `shift_offsets`) when it assembles the document.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

EntityType = Literal["PER", "ORG", "LOC", "MISC"]
EntityKind = Literal["person", "organisation", "outlet", "place", "other"]
SourceKind = Literal["person", "organisation", "outlet", "document", "anonymous", "unknown"]
ClaimType = Literal["direct", "indirect", "mixed", "according_to"]
Certainty = Literal["asserted", "reported", "hedged", "unconfirmed", "denied"]
TimeGrain = Literal["minute", "hour", "part_of_day", "day", "week", "month", "year"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TextSpan(_Model):
    """A stretch of the document text: `text == document.text[start:end]`."""

    start: int
    end: int
    text: str


class Mention(TextSpan):
    """One occurrence of an entity; `why` explains how it was tied to its entity."""

    why: str | None = None


class Entity(_Model):
    """One real-world referent in an article, however many ways it is spelled."""

    id: str = Field(description="Wikidata id when known, else a stable slug of the canonical name")
    name: str
    type: EntityType
    kind: EntityKind = Field(
        default="other", description="finer than type: tells an outlet from another organisation"
    )
    wikidata: str | None = None
    geonames: int | None = None
    mentions: list[Mention] = Field(default_factory=list)
    variants: list[str] = Field(default_factory=list, description="distinct spellings seen")
    roles: list[str] = Field(default_factory=list, description="roles given by appositions")


class ClaimSource(_Model):
    text: str | None = None
    start: int | None = None
    end: int | None = None
    entity: str | None = Field(default=None, description="id of the canonical entity")
    kind: SourceKind = "unknown"


class Claim(_Model):
    """One reported or asserted statement, its source and how firmly it is made."""

    content: TextSpan
    source: ClaimSource | None = Field(
        default=None, description="null for the outlet's own (asserted) statements"
    )
    cue: TextSpan | None = Field(default=None, description="the words that mark the report")
    type: ClaimType | None = Field(default=None, description="null for asserted statements")
    certainty: Certainty
    why: str


class SlantFinding(_Model):
    """Charged wording or a persuasion technique found in a span."""

    start: int
    end: int
    text: str
    technique: str
    category: str
    why: str
    neutral: str | None = None
    side: str | None = None
    score: float = 1.0


class TimeExpression(_Model):
    start: int
    end: int
    text: str
    value: str | None = Field(description="YYYY-MM-DD or YYYY-MM-DDTHH:MM; null when unresolvable")
    grain: TimeGrain


class Paragraph(_Model):
    start: int
    end: int
    techniques: list[str] = Field(default_factory=list)


class Article(_Model):
    id: str
    start: int
    end: int
    title: str | None = None
    language: str
    truncated: bool = False
    duplicate_of: str | None = None
    published: str | None = Field(default=None, description="YYYY-MM-DD")
    entities: list[Entity] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    slant: list[SlantFinding] = Field(default_factory=list)
    times: list[TimeExpression] = Field(default_factory=list)
    paragraphs: list[Paragraph] = Field(default_factory=list)
    genre: str | None = None
    frames: list[str] = Field(default_factory=list)


class ErrorInfo(_Model):
    code: str
    message: str


class Document(_Model):
    source: str = Field(description="where the text came from: a path, path:line, URL or <stdin>")
    text: str
    id: str | None = Field(default=None, description="the record's own id, when it had one")
    url: str | None = None
    outlet: str | None = Field(default=None, description="the publisher, when the input says")
    articles: list[Article] = Field(default_factory=list)
    errors: list[ErrorInfo] = Field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.errors)


class Result(_Model):
    """What `crible.analyze` returns and what `crible analyze --format json` prints."""

    crible_version: str
    documents: list[Document] = Field(default_factory=list)


def shift_offsets(item: BaseModel, delta: int) -> None:
    """Move every nested `start`/`end` of `item` by `delta`, in place.

    In place because it runs on every finding of every article: rebuilding the objects through
    `model_dump`/`model_validate` cost more than some components.
    """
    if delta == 0:
        return
    _shift(item, delta)


def _shift(value: Any, delta: int) -> None:
    if isinstance(value, BaseModel):
        fields = value.__dict__
        for key, sub in fields.items():
            if key in ("start", "end") and isinstance(sub, int):
                fields[key] = sub + delta
            elif isinstance(sub, BaseModel | list):
                _shift(sub, delta)
    elif isinstance(value, list):
        for sub in value:
            _shift(sub, delta)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of `Result`, as exported by `crible schema`."""
    schema = Result.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "crible result"
    return schema
