"""The corpus page of `crible serve --db`: one tab per view (outlets, drift, stories, sources,
entities, timeline), a plain GET form of the view's filters, tables drawn with the report's
templates and CSS, and the charts as images from /corpus/chart/… (the page's policy allows
`img-src 'self'`, and only here). An article id links to /corpus/article, which shows the stored
article as the report does.

Errors are shown on the page with the status the API would give (422 for a bad filter, 503
while a batch holds the database).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from crible.corpus import views
from crible.corpus.store import Connection, load_document
from crible.render.views import document_views
from crible.web.corpus_api import CHARTS
from crible.web.corpus_query import FILTERS, VIEWS, CorpusView, corpus, options, rows, url
from crible.web.envelope import ApiError
from crible.web.pages import render_page

router = APIRouter(include_in_schema=False)

HOME = "/corpus"
TABS = ("outlets", "drift", "stories", "sources", "entities", "timeline")
_TITLES = {
    404: "Not in this corpus",
    422: "Please check the filters",
    500: "The corpus database cannot be read",
    503: "The corpus database is busy",
}
SUGGESTIONS = 12  # entities offered on the timeline tab before one is chosen


@dataclass(frozen=True)
class Tab:
    name: str
    title: str
    href: str
    current: bool


@dataclass(frozen=True)
class ChartImage:
    src: str
    alt: str


@dataclass(frozen=True)
class PageError:
    title: str
    message: str


@dataclass
class CorpusPage:
    """What corpus.html draws."""

    view: CorpusView
    form: dict[str, str]  # the query as given, to fill the form again
    tabs: list[Tab]
    overview: views.Overview | None = None
    rows: list[Any] = field(default_factory=list)
    techniques: list[views.TechniqueRow] = field(default_factory=list)
    suggestions: list[views.EntityRow] = field(default_factory=list)
    charts: dict[str, ChartImage] = field(default_factory=dict)  # by chart name
    error: PageError | None = None
    status: int = 200

    @property
    def action(self) -> str:
        """Where the filter form sends its query: this tab."""
        return _path(self.view.name)

    @property
    def limited(self) -> bool:
        """The rows stop at the limit: there may be more."""
        limit = self.form.get("limit", "").strip()
        shown = int(limit) if limit.isdigit() else self.view.limit
        return bool(shown) and len(self.rows) >= shown

    @property
    def applied(self) -> list[tuple[str, str]]:
        """The filters in force, as (name, value), for the line that says what is shown."""
        return [(p.name, self.form[p.name]) for p in self.view.params if self.form.get(p.name)]


def _path(name: str) -> str:
    return HOME if name == "outlets" else f"{HOME}/{name}"


def _page(request: Request, name: str) -> HTMLResponse:
    view = VIEWS[name]
    query = request.query_params
    form = {p.name: query.get(p.name, "") for p in view.params}
    common = {p.name: query.get(p.name, "") for p in FILTERS}
    tabs = [Tab(t, VIEWS[t].title, url(_path(t), **common), t == name) for t in TABS]
    page = CorpusPage(view, form, tabs)
    try:
        with corpus(request.app.state.corpus_db) as con:
            page.overview = views.overview(con)
            _fill(page, con, options(view, query))
    except ApiError as error:
        page.error = PageError(_TITLES.get(error.status, "Something went wrong"), error.message)
        page.status = error.status
    return _render(request, "corpus.html", page.status, page=page)


def _fill(page: CorpusPage, con: Connection, asked: dict[str, Any]) -> None:
    view = page.view
    if view.name == "timeline" and not (asked.get("entity") or asked.get("term")):
        page.suggestions = views.entities(con, limit=SUGGESTIONS)
        return
    page.rows = rows(con, view, asked)
    if view.name == "outlets":
        page.techniques = views.techniques(con, **{k: v for k, v in asked.items() if k != "limit"})
    drawn = {
        "outlets": {"outlets": page.rows, "techniques": page.techniques},
        "timeline": {"timeline": page.rows},
    }
    for name, data in drawn.get(view.name, {}).items():
        if data:  # an empty chart is an error; the page says "no rows" instead
            chart = CHARTS[name]
            given = {p.name: page.form.get(p.name) for p in chart.params}
            page.charts[name] = ChartImage(url(f"/corpus/chart/{name}.svg", **given), chart.alt)


def _render(request: Request, template: str, status: int, **context: Any) -> HTMLResponse:
    db: Path = request.app.state.corpus_db
    return render_page(
        request,
        template,
        status,
        images=True,
        current=HOME,
        title=f"crible: the corpus {db.name}",
        db_name=db.name,
        corpus_url=url,
        percent=_percent,
        **context,
    )


def _percent(share: float) -> str:
    return f"{share:.0%}"


@router.get("/favicon.ico")
def favicon() -> Response:
    # The corpus page allows images from this server, so browsers ask for an icon; there is
    # none (an answer without content, not a 404 in the browser's console).
    return Response(status_code=204)


@router.get(HOME, response_class=HTMLResponse)
def outlets_page(request: Request) -> HTMLResponse:
    return _page(request, "outlets")


@router.get(HOME + "/article", response_class=HTMLResponse)
def article_page(request: Request) -> HTMLResponse:
    """The stored document that holds article `id`, drawn as the report draws it."""
    article = request.query_params.get("id", "")
    documents = []
    error = None
    status = 200
    try:
        with corpus(request.app.state.corpus_db) as con:
            keys = views.article_documents(con, article) if article.strip() else []
            documents = [load_document(con, key) for key in keys]
        if not documents:
            raise ApiError("not_found", f"no article {article!r} in the corpus", 404)
    except ApiError as failure:
        error = PageError(_TITLES.get(failure.status, "Something went wrong"), failure.message)
        status = failure.status
    return _render(
        request,
        "corpus_article.html",
        status,
        article=article,
        documents=list(document_views(documents)),
        error=error,
        tabs=[Tab(t, VIEWS[t].title, _path(t), False) for t in TABS],
    )


@router.get(HOME + "/{name}", response_class=HTMLResponse)
def view_page(request: Request, name: str) -> HTMLResponse:
    if name not in TABS:
        raise ApiError(
            "not_found", f"no corpus page {name!r}: the pages are {', '.join(TABS)}", 404
        )
    return _page(request, name)
