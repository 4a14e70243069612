"""GET /api/corpus/<view>: the rows of a corpus view in the envelope; GET /corpus/chart/<name>.svg
(or .png): its chart. Both take the view's filters as query parameters (`corpus_query`).

The routes are plain functions: FastAPI runs them in its thread pool, so a slow view (stories
over a large corpus) never holds the event loop. Each request opens the database read-only and
closes it before answering.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any

from fastapi import APIRouter, Request
from fastapi import Path as PathParameter
from fastapi.responses import Response
from pydantic import BaseModel, Field, TypeAdapter, create_model

from crible.corpus import charts, views
from crible.corpus.store import Connection
from crible.web.corpus_query import LIMIT, VIEWS, CorpusView, Param, corpus, options, rows
from crible.web.envelope import ApiError, ErrorEnvelope

router = APIRouter()

_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorEnvelope, "description": text}
    for status, text in {
        404: "No such view (or chart), or nothing to draw for these parameters",
        422: "A parameter the view does not take or given twice; a value of the wrong form "
        "(a since that is not a date, a negative limit); a timeline without an entity or a "
        "term, or of an entity the corpus does not know",
        500: "The corpus database cannot be read (removed or replaced since the server started)",
        503: "The database is being written by a running crible batch (store_locked): try "
        "again when the batch has finished",
    }.items()
}

_SCHEMAS: dict[str, dict[str, Any]] = {
    "text": {"type": "string"},
    "date": {"type": "string", "format": "date"},
    "count": {"type": "integer", "minimum": 0},
    "share": {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
    "days": {"type": "integer", "minimum": 0},
    "flag": {"type": "boolean"},
    "choice": {"type": "string"},
}


def parameters(view: CorpusView, params: Sequence[Param]) -> list[dict[str, Any]]:
    """The OpenAPI description of the query parameters."""
    described = []
    for param in params:
        schema = dict(_SCHEMAS[param.type])
        if param.choices:
            schema["enum"] = list(param.choices)
        if param is LIMIT:
            schema["default"] = view.limit
        described.append(
            {
                "name": param.name,
                "in": "query",
                "required": False,
                "description": param.help,
                "schema": schema,
            }
        )
    return described


@cache
def _adapter(row: type) -> TypeAdapter[list[Any]]:
    return TypeAdapter(list[row])  # type: ignore[valid-type]


def _envelope(view: CorpusView) -> type[BaseModel]:
    """The answer's model, for the OpenAPI spec: the envelope around the view's rows."""
    title = view.name.capitalize()
    result = create_model(
        f"Corpus{title}Result",
        view=(str, Field(json_schema_extra={"const": view.name})),
        rows=(list[view.row], ...),  # type: ignore[name-defined]
    )
    return create_model(
        f"Corpus{title}Envelope", ok=(bool, Field(json_schema_extra={"const": True})), result=result
    )


def rows_response(view: CorpusView, found: list[Any]) -> Response:
    body = (
        b'{"ok":true,"result":{"view":"'
        + view.name.encode("ascii")
        + b'","rows":'
        + _adapter(view.row).dump_json(found)
        + b"}}"
    )
    return Response(body, media_type="application/json")


def _view_endpoint(view: CorpusView) -> Callable[[Request], Response]:
    def endpoint(request: Request) -> Response:
        asked = options(view, request.query_params)
        with corpus(request.app.state.corpus_db) as con:
            return rows_response(view, rows(con, view, asked))

    return endpoint


for _view in VIEWS.values():
    router.add_api_route(
        f"/api/corpus/{_view.name}",
        _view_endpoint(_view),
        methods=["GET"],
        name=f"corpus_{_view.name}",
        summary=f"Corpus view: {_view.title.lower()}",
        description=f"{_view.summary} Same rows as `crible corpus {_view.name} -f json`.",
        response_model=_envelope(_view),
        responses=_ERRORS,
        openapi_extra={"parameters": parameters(_view, _view.params)},
    )


@router.get(
    "/api/corpus",
    summary="The corpus: its views and what it holds",
    responses={503: _ERRORS[503]},
)
def corpus_index(request: Request) -> dict[str, Any]:
    """Counts of documents and articles, the outlets and the dates the corpus spans, and every
    view with its parameters."""
    with corpus(request.app.state.corpus_db) as con:
        held = views.overview(con)
    return {
        "ok": True,
        "result": {
            "documents": held.documents,
            "failed": held.failed,
            "articles": held.articles,
            "outlets": held.outlets,
            "first": held.first.isoformat() if held.first else None,
            "last": held.last.isoformat() if held.last else None,
            "views": [
                {
                    "name": view.name,
                    "path": f"/api/corpus/{view.name}",
                    "summary": view.summary,
                    "parameters": [p.name for p in view.params],
                }
                for view in VIEWS.values()
            ],
        },
    }


@router.get("/api/corpus/{name}", include_in_schema=False)
def unknown_view(name: str) -> Response:
    raise ApiError("not_found", f"no corpus view {name!r}: the views are {', '.join(VIEWS)}", 404)


# --- charts -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Chart:
    name: str
    view: CorpusView
    draw: Callable[[Connection, dict[str, Any], list[Any], charts.ChartFormat], bytes]
    alt: str  # what the picture shows, for the page's alt text

    @property
    def params(self) -> tuple[Param, ...]:
        # A chart draws every row of its view: no limit.
        return tuple(p for p in self.view.params if p is not LIMIT)


def _timeline(
    con: Connection, asked: dict[str, Any], found: list[Any], fmt: charts.ChartFormat
) -> bytes:
    entity = asked.get("entity")
    label = views.entity_label(con, entity) if entity else str(asked.get("term"))
    return charts.timeline_chart(found, label, fmt)


CHARTS = {
    chart.name: chart
    for chart in (
        Chart(
            "outlets",
            VIEWS["outlets"],
            lambda con, asked, found, fmt: charts.outlets_chart(found, fmt),
            "Bar chart, per outlet: the percentage of its claims that are hedged, from an "
            "anonymous source or unconfirmed, and its slanted spans per 1,000 words. "
            "The table gives the same figures.",
        ),
        Chart(
            "techniques",
            VIEWS["techniques"],
            lambda con, asked, found, fmt: charts.techniques_chart(found, fmt),
            "Bar chart of the most frequent slant techniques, in spans per 1,000 words of "
            "each outlet. The table gives the same figures.",
        ),
        Chart(
            "timeline",
            VIEWS["timeline"],
            _timeline,
            "Line chart of the mentions per day. The table gives the same figures.",
        ),
    )
}
_MEDIA = {"svg": "image/svg+xml", "png": "image/png"}
Format = Annotated[
    str, PathParameter(description="svg or png", json_schema_extra={"enum": list(_MEDIA)})
]
# The SVG is matplotlib's: style attributes and a <style> element, never a script. Opened on its
# own (not through <img>), it may use its own styles and nothing else.
_CHART_POLICY = "default-src 'none'; style-src 'unsafe-inline'"


def _chart_endpoint(chart: Chart) -> Callable[[Request, str], Response]:
    def endpoint(request: Request, fmt: Format) -> Response:
        if fmt not in _MEDIA:
            raise ApiError(
                "not_found", f"a chart is {chart.name}.svg or {chart.name}.png, not .{fmt}", 404
            )
        asked = options(chart.view, request.query_params, chart.params)
        with corpus(request.app.state.corpus_db) as con:
            found = rows(con, chart.view, asked)
            if not found:
                raise ApiError(
                    "not_found",
                    f"nothing to chart: the {chart.view.name} view has no rows for these "
                    "parameters",
                    404,
                )
            picture = chart.draw(con, asked, found, "svg" if fmt == "svg" else "png")
        return Response(
            picture,
            media_type=_MEDIA[fmt],
            headers={"Content-Security-Policy": _CHART_POLICY, "Cache-Control": "no-cache"},
        )

    return endpoint


for _chart in CHARTS.values():
    router.add_api_route(
        f"/corpus/chart/{_chart.name}.{{fmt}}",
        _chart_endpoint(_chart),
        methods=["GET"],
        name=f"corpus_chart_{_chart.name}",
        summary=f"Chart of the {_chart.name} view (fmt: svg or png)",
        description=f"{_chart.alt} Same picture as `crible corpus chart {_chart.name}`.",
        response_class=Response,
        responses={
            200: {
                "description": "The chart",
                "content": {"image/svg+xml": {}, "image/png": {}},
            },
            **_ERRORS,
        },
        openapi_extra={"parameters": parameters(_chart.view, _chart.params)},
    )
