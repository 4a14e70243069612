"""The page: GET / shows the form, POST / analyses what it was given and shows the result with
the report's own templates. Errors are shown on the page, with the status the API would give."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException

from crible.errors import CribleError
from crible.model import Result
from crible.render.html import assets, render
from crible.render.views import document_views
from crible.web.envelope import ApiError, status_of
from crible.web.requests import UPLOAD_SUFFIXES, job_from_form, read_form

router = APIRouter(include_in_schema=False)

_TITLES = {
    400: "Nothing to analyse",
    413: "Too large",
    415: "crible cannot read this",
    422: "Please check the form",
    503: "The analysis took too long",
}


@dataclass(frozen=True)
class FormValues:
    text: str = ""
    published: str = ""


@dataclass(frozen=True)
class PageError:
    title: str
    message: str


def render_page(
    request: Request,
    template: str,
    status: int = 200,
    *,
    images: bool = False,
    current: str | None = None,
    **context: Any,
) -> HTMLResponse:
    """A page of the site: `template` extends base.html; navigation and policy come with it.
    `images`: the page shows pictures served by this server (`img-src 'self'`; no other page
    may). `current`: the navigation link to mark, when it is not the page's own path."""
    body = "".join(
        render(
            template,
            served=True,
            nav=request.app.state.nav,
            current=current or request.url.path,
            **context,
        )
    )
    headers = {
        "Content-Security-Policy": assets().policy(served=True, images=images),
        "X-Frame-Options": "DENY",
    }
    return HTMLResponse(body, status_code=status, headers=headers)


def _analyze_page(request: Request, status: int = 200, **context: Any) -> HTMLResponse:
    settings = request.app.state.settings
    context.setdefault("form", FormValues())
    context.setdefault("error", None)
    context.setdefault("documents", [])
    return render_page(
        request,
        "page.html",
        status,
        title="crible: analyse a news text",
        action=request.url_for("submit").path + "#result",
        accept=",".join(UPLOAD_SUFFIXES),
        max_mb=f"{settings.max_bytes / 1e6:g}",
        **context,
    )


@router.get("/", response_class=HTMLResponse)
async def home(request: Request) -> HTMLResponse:
    return _analyze_page(request)


@router.post("/", response_class=HTMLResponse)
async def submit(request: Request) -> HTMLResponse:
    settings = request.app.state.settings
    values = FormValues()
    try:
        form = await read_form(request, settings.max_bytes)
        values = _values(form)
        job = await job_from_form(form, pasted=True)
        outcome = await request.app.state.pool.run(job, settings.timeout)
    except ApiError as error:
        return _failed(request, values, error.status, error.message)
    except CribleError as error:
        return _failed(request, values, status_of(error.code), error.line())
    except HTTPException as error:  # a form Starlette could not parse
        return _failed(request, values, error.status_code, str(error.detail))
    if outcome.failure is not None:
        failure = outcome.failure
        return _failed(request, values, status_of(failure.code), failure.message)
    result = Result.model_validate_json(outcome.json)
    return _analyze_page(request, form=values, documents=list(document_views(result.documents)))


def _failed(request: Request, values: FormValues, status: int, message: str) -> HTMLResponse:
    title = _TITLES.get(status, "Something went wrong")
    return _analyze_page(request, status, form=values, error=PageError(title, message))


def _values(form: FormData) -> FormValues:
    text, published = form.get("text"), form.get("published")
    return FormValues(
        text=text if isinstance(text, str) else "",
        published=published if isinstance(published, str) else "",
    )
