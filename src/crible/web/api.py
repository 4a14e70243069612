"""POST /api/analyze and GET /healthz. Errors are raised and the envelope handlers answer."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from crible.version import __version__
from crible.web.envelope import ErrorEnvelope, ResultEnvelope, error_response, result_response
from crible.web.requests import AnalyzeRequest, job_from_request

router = APIRouter()

_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorEnvelope, "description": text}
    for status, text in {
        400: "Bad JSON, an empty text or an empty file",
        413: "The request is above the size limit (--max-size)",
        415: "Not JSON nor a form, or a file crible cannot read (binary, unknown type)",
        422: "The JSON does not match the schema (text not a string, published not a date)",
        503: "The analysis ran over the time limit (--timeout)",
    }.items()
}

_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": AnalyzeRequest.model_json_schema()},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "file": {
                            "type": "string",
                            "format": "binary",
                            "description": "txt, html, jsonl, csv or an RSS/Atom feed",
                        },
                        "text": {"type": "string", "description": "Instead of a file"},
                        "published": {"type": "string", "description": "YYYY-MM-DD"},
                        "source": {"type": "string"},
                    },
                }
            },
        },
    }
}


@router.post(
    "/api/analyze",
    response_model=ResultEnvelope,
    responses=_ERRORS,
    openapi_extra=_BODY,
    summary="Analyse a text or a file",
)
async def analyze(request: Request) -> Response:
    """The result model of `crible analyze` (see `crible schema`), inside the envelope."""
    settings = request.app.state.settings
    job = await job_from_request(request, settings.max_bytes)
    outcome = await request.app.state.pool.run(job, settings.timeout)
    if outcome.failure is not None:
        return error_response(outcome.failure.code, outcome.failure.message)
    return result_response(outcome.json)


@router.get("/healthz", summary="The server and its analysis workers")
async def healthz(request: Request) -> dict[str, Any]:
    settings = request.app.state.settings
    return {
        "ok": True,
        "result": {
            "status": "ok",
            "crible_version": __version__,
            "workers": request.app.state.pool.status(),
            "limits": {"max_bytes": settings.max_bytes, "timeout_seconds": settings.timeout},
        },
    }
