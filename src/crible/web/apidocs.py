"""GET /docs: the API's OpenAPI description as a page of the site, rendered on the server.

FastAPI's default /docs is Swagger UI, whose script and style come from a CDN: on the offline
and air-gapped machines crible is meant for, that page stays blank. This one is built from the
same `app.openapi()` document with the site's own templates, requests nothing from any host,
and links to the machine-readable `/openapi.json`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from crible.web.pages import render_page

router = APIRouter(include_in_schema=False)

_METHODS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True)
class Body:
    content_type: str
    schema: str  # pretty-printed JSON


@dataclass(frozen=True)
class Answer:
    status: str
    description: str
    schema: str | None


@dataclass(frozen=True)
class Parameter:
    name: str
    where: str  # query, path
    type: str  # the schema's type, with its format or its choices
    required: bool
    description: str


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    summary: str
    description: str
    parameters: list[Parameter]
    bodies: list[Body]
    answers: list[Answer]


@dataclass(frozen=True)
class SchemaView:
    name: str
    schema: str


def operations(spec: dict[str, Any]) -> list[Operation]:
    """Every operation of an OpenAPI document, in path order."""
    found = []
    for path, item in spec.get("paths", {}).items():
        for method in _METHODS:
            op = item.get(method)
            if op is None:
                continue
            content = op.get("requestBody", {}).get("content", {})
            bodies = [Body(kind, _pretty(media.get("schema"))) for kind, media in content.items()]
            answers = [
                Answer(status, answer.get("description", ""), _schema_of(answer))
                for status, answer in sorted(op.get("responses", {}).items())
            ]
            found.append(
                Operation(
                    method=method.upper(),
                    path=path,
                    summary=op.get("summary", ""),
                    description=op.get("description", ""),
                    parameters=[_parameter(p) for p in op.get("parameters", [])],
                    bodies=bodies,
                    answers=answers,
                )
            )
    return found


def _parameter(described: dict[str, Any]) -> Parameter:
    schema = described.get("schema", {})
    kind = str(schema.get("type", ""))
    if "format" in schema:
        kind += f" ({schema['format']})"
    if "enum" in schema:
        kind += ": " + " | ".join(str(v) for v in schema["enum"])
    if "default" in schema:
        kind += f", default {schema['default']}"
    return Parameter(
        name=str(described.get("name", "")),
        where=str(described.get("in", "")),
        type=kind,
        required=bool(described.get("required")),
        description=str(described.get("description", "")),
    )


def schemas(spec: dict[str, Any]) -> list[SchemaView]:
    named = spec.get("components", {}).get("schemas", {})
    return [SchemaView(name, _pretty(named[name])) for name in sorted(named)]


def _schema_of(answer: dict[str, Any]) -> str | None:
    media = answer.get("content", {}).get("application/json")
    return _pretty(media.get("schema")) if media and media.get("schema") else None


def _pretty(schema: Any) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) if schema is not None else "{}"


@router.get("/docs", response_class=HTMLResponse)
async def api_docs(request: Request) -> HTMLResponse:
    spec = request.app.openapi()
    return render_page(
        request,
        "api_docs.html",
        title="crible: the JSON API",
        info=spec.get("info", {}),
        openapi_version=spec.get("openapi", ""),
        operations=operations(spec),
        schemas=schemas(spec),
    )
