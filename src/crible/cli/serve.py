"""`crible serve`: the web page, the JSON API and the corpus page under uvicorn (docs/web.md)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from crible.cli.shared import fail, settings_from_options
from crible.errors import CribleError, StoreLocked, UsageError

from . import options
from .app import app


@app.command()
def serve(
    host: Annotated[
        str, typer.Option(help="Address to listen on (default 127.0.0.1, this machine only).")
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option(help="Port to listen on (default 8000; 0: any free port).")
    ] = 8000,
    max_size: Annotated[
        float, typer.Option(help="Refuse requests above this many MB with 413 (default 5).")
    ] = 5.0,
    timeout: Annotated[
        float,
        typer.Option(help="Seconds a request may take before it gets 503 (default 120)."),
    ] = 120.0,
    workers: Annotated[
        int,
        typer.Option(
            help="Analyses at once, each in its own process with its pipeline (default 1)."
        ),
    ] = 1,
    db: Annotated[
        Path | None,
        typer.Option(
            help="A corpus database (crible batch): adds the Corpus page and /api/corpus/…."
        ),
    ] = None,
    lang: options.Lang = None,
    aliases: options.Aliases = None,
    model: options.Model = None,
    config: options.Config = None,
) -> None:
    """Serve the web page (paste a text, see the report), the JSON API (POST /api/analyze) and,
    with --db, the corpus page (/corpus) and its API (/api/corpus/VIEW)."""
    import uvicorn

    from crible.web import WebSettings, create_app
    from crible.web.app import worker_pool

    try:
        if max_size <= 0 or timeout <= 0:
            raise UsageError("--max-size and --timeout must be positive")
        if workers < 1:
            raise UsageError("--workers must be at least 1")
        if not 0 <= port <= 65535:
            raise UsageError(f"--port {port}: not a port number")
        if db is not None:
            _check_corpus(db)
        analysis = settings_from_options(
            paths=None,
            published=None,
            lang=lang,
            input_format=None,
            encoding=None,
            max_size=max_size,
            aliases=aliases,
            model=model,
            n_process=1,
            batch_size=None,
            config=config,
        )
    except CribleError as error:
        fail(error)
    settings = WebSettings(
        analysis=replace(analysis, n_process=1),
        max_bytes=int(max_size * 1_000_000),
        timeout=timeout,
        workers=workers,
        corpus_db=db,
    )
    pool = worker_pool(settings)
    typer.echo(f"crible: loading the pipeline in {workers} worker(s)…", err=True)
    try:
        pool.load()
    except CribleError as error:
        fail(error)
    # On Ctrl-C, requests still running get a few seconds; then the workers are stopped.
    uvicorn.run(
        create_app(settings, pool),
        host=host,
        port=port,
        log_level="info",
        timeout_graceful_shutdown=10,
    )


def _check_corpus(db: Path) -> None:
    """A missing or unreadable database stops the server before it starts (raises). One that a
    batch is writing does not: the corpus page answers 503 until the batch has finished."""
    from crible.corpus.store import closing, open_store

    try:
        with closing(open_store(db, read_only=True)):
            pass
    except StoreLocked:
        typer.echo(
            f"crible: {db} is being written by a running crible batch; the corpus page "
            "answers 503 until the batch has finished",
            err=True,
        )
