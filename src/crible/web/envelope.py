"""One envelope for every answer of the API, success or error:

    {"ok": true, "result": …}
    {"ok": false, "error": {"code": "…", "message": "…"}}

with the HTTP status that goes with the code. Error codes are those of `crible.errors` where one
exists (`empty`, `too_large`, `binary`, `timeout`…); the rest are about the request itself.
FastAPI's own errors (validation, 404, 405) and unexpected failures go through it too.
"""

from __future__ import annotations

import logging
from typing import Literal

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from crible.errors import CribleError
from crible.model import Result

log = logging.getLogger(__name__)

STATUS: dict[str, int] = {
    # the request cannot be read, or holds nothing to analyse
    "bad_json": 400,
    "bad_request": 400,
    "empty": 400,
    "no_text": 400,
    "malformed_record": 400,
    "unreadable": 400,
    "input_error": 400,
    "usage": 400,
    "not_found": 404,
    "method_not_allowed": 405,
    "too_large": 413,
    # a kind of content crible does not read
    "unsupported_media_type": 415,
    "binary": 415,
    "undecodable": 415,
    # well-formed, but not what the schema says
    "invalid": 422,
    "timeout": 503,
    "analysis_failed": 500,
    "resource": 500,
    "model": 500,
    "internal": 500,
}

_HTTP_CODES = {
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
}


class ErrorInfo(BaseModel):
    code: str
    message: str


class ErrorEnvelope(BaseModel):
    ok: Literal[False]
    error: ErrorInfo


class ResultEnvelope(BaseModel):
    ok: Literal[True]
    result: Result


class ApiError(Exception):
    """A request the API refuses; `code` decides the status unless one is given."""

    def __init__(self, code: str, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status or STATUS.get(code, 400)


def status_of(code: str) -> int:
    return STATUS.get(code, 500)


def result_response(result_json: str) -> Response:
    """The success envelope around a `Result` already serialised (by the worker)."""
    body = '{"ok":true,"result":' + result_json + "}"
    return Response(body.encode("utf-8"), media_type="application/json")


def error_response(code: str, message: str, status: int | None = None) -> JSONResponse:
    return JSONResponse(
        {"ok": False, "error": {"code": code, "message": message}},
        status_code=status or status_of(code),
    )


def install(app: FastAPI) -> None:
    """Route every error of `app` through the envelope."""

    async def api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return error_response(exc.code, exc.message, exc.status)

    async def crible_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, CribleError)
        return error_response(exc.code, exc.line())

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        code = _HTTP_CODES.get(
            exc.status_code, "bad_request" if exc.status_code < 500 else "internal"
        )
        if exc.status_code == 404:
            message = f"nothing at {request.url.path}: the API is POST /api/analyze (see /docs)"
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        else:
            message = str(exc.detail)
        return error_response(code, message, exc.status_code)

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return error_response("invalid", describe_validation(exc.errors()))

    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(
            "internal", "the server failed on this request; please report it with the input"
        )

    app.add_exception_handler(ApiError, api_error)
    app.add_exception_handler(CribleError, crible_error)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(Exception, unexpected)


def describe_validation(errors: object) -> str:
    """The first schema error as one line: 'published: not a date (YYYY-MM-DD)'."""
    if isinstance(errors, list | tuple) and errors:
        first = errors[0]
        if isinstance(first, dict):
            where = ".".join(str(p) for p in first.get("loc", ()) if p != "body") or "body"
            return f"{where}: {first.get('msg', 'invalid value')}"
    return "the request does not match the schema (see /docs)"
