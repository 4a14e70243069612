"""The app factory. Other pages plug in with `add_page` (a router and a navigation link) and
render through `pages.render_page`, with a template that extends `base.html`; the corpus page
is one of them (`add_corpus`, when `crible serve --db` names a database)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from fastapi import APIRouter, FastAPI

from crible.analysis import Settings
from crible.render.html import NavLink
from crible.version import __version__
from crible.web import api, apidocs, envelope, pages
from crible.web.middleware import BodyLimit, SecurityHeaders
from crible.web.workers import WorkerPool

DEFAULT_MAX_BYTES = 5_000_000
# About what 5 MB of text takes on one core of a small machine; over it, the request gets 503.
DEFAULT_TIMEOUT = 120.0


@dataclass(frozen=True)
class WebSettings:
    analysis: Settings = field(default_factory=Settings)
    max_bytes: int = DEFAULT_MAX_BYTES  # request bodies above this get 413
    timeout: float = DEFAULT_TIMEOUT  # seconds per request, waiting for a worker included
    workers: int = 1  # analyses running at once, each in its own process
    corpus_db: Path | None = None  # a database made by crible batch: the Corpus page and API


def worker_pool(settings: WebSettings) -> WorkerPool:
    # What a worker reads is bounded by the request size limit.
    ingest = replace(settings.analysis.ingest, max_bytes=settings.max_bytes)
    return WorkerPool(replace(settings.analysis, ingest=ingest), settings.workers)


def create_app(settings: WebSettings | None = None, pool: WorkerPool | None = None) -> FastAPI:
    """The app; `pool` is given when its workers were loaded beforehand (`crible serve`)."""
    settings = settings or WebSettings()
    pool = pool or worker_pool(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await pool.start()  # the pipeline loads here, once per worker, before any request
        try:
            yield
        finally:
            await pool.close()

    app = FastAPI(
        title="crible",
        version=__version__,
        summary="Articles, entities, claims and their certainty, slanted wording in news text.",
        description=(
            'Every answer is one envelope: `{"ok": true, "result": …}` or '
            '`{"ok": false, "error": {"code", "message"}}`. See docs/web.md.'
        ),
        lifespan=lifespan,
        docs_url=None,  # our own /docs (apidocs.py): Swagger UI needs a CDN
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.pool = pool
    app.state.nav = []
    envelope.install(app)
    app.add_middleware(BodyLimit, max_bytes=settings.max_bytes)
    app.add_middleware(SecurityHeaders)
    app.include_router(api.router)
    add_page(app, pages.router, NavLink("Analyse", "/"))
    if settings.corpus_db is not None:
        add_corpus(app, settings.corpus_db)
    add_page(app, apidocs.router, NavLink("API", "/docs"))
    return app


def add_corpus(app: FastAPI, db: Path) -> None:
    """The corpus page (/corpus), its charts and /api/corpus/… over the database `db`."""
    # Imported here: the corpus views bring matplotlib and scikit-learn, which a server
    # without --db never needs.
    from crible.web import corpus_api, corpus_pages

    app.state.corpus_db = db
    app.include_router(corpus_api.router)
    add_page(app, corpus_pages.router, NavLink("Corpus", corpus_pages.HOME))


def add_page(app: FastAPI, router: APIRouter, link: NavLink | None = None) -> None:
    """Serve `router`'s pages, with `link` in the navigation bar of every page."""
    app.include_router(router)
    if link is not None:
        app.state.nav.append(link)
