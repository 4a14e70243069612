"""`crible batch`: analyse a corpus into a DuckDB database, resumably."""

from __future__ import annotations

import sys
import time
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from tqdm import tqdm

from crible.corpus.batch import BatchOptions, BatchReport, run_batch
from crible.errors import CribleError, UsageError

from .app import app
from .options import (
    Aliases,
    BatchSize,
    Config,
    Encoding,
    InputFormatOption,
    Lang,
    MaxSize,
    Model,
    Published,
)
from .shared import fail, settings_from_options


class Engine(str, Enum):
    local = "local"
    dask = "dask"


class ProgressMode(str, Enum):
    auto = "auto"
    bar = "bar"
    lines = "lines"
    none = "none"


@app.command()
def batch(
    inputs: Annotated[
        list[str],
        typer.Argument(help="Files, folders (read recursively), http(s) URLs, or - for stdin."),
    ],
    db: Annotated[Path, typer.Option(help="The DuckDB database to fill (made if missing).")],
    workers: Annotated[
        int | None, typer.Option(help="Analysis processes (default 1, or n_process in --config).")
    ] = None,
    engine: Annotated[
        Engine, typer.Option(help="local: processes on this machine; dask: a Dask cluster.")
    ] = Engine.local,
    scheduler: Annotated[
        str | None,
        typer.Option(help="With --engine dask: a running scheduler (tcp://host:port)."),
    ] = None,
    progress: Annotated[
        ProgressMode,
        typer.Option(
            help="auto: a bar on a terminal, else only the summary; lines: a line per commit."
        ),
    ] = ProgressMode.auto,
    published: Published = None,
    lang: Lang = None,
    input_format: InputFormatOption = None,
    encoding: Encoding = None,
    max_size: MaxSize = None,
    aliases: Aliases = None,
    model: Model = None,
    batch_size: BatchSize = None,
    config: Config = None,
) -> None:
    """Analyse a corpus into a DuckDB database; re-running skips what is stored."""
    try:
        settings = settings_from_options(
            inputs,
            published,
            lang,
            input_format,
            encoding,
            max_size,
            aliases,
            model,
            workers,
            batch_size,
            config,
        )
        if scheduler and engine is not Engine.dask:
            raise UsageError("--scheduler needs --engine dask")
        options = BatchOptions(engine=engine.value, workers=settings.n_process, scheduler=scheduler)
        display = _Progress(progress, db)
        report = run_batch(
            inputs,
            db,
            settings,
            options,
            on_start=display.start,
            on_commit=display.update,
            on_failure=display.failure,
        )
    except CribleError as error:
        fail(error)
    display.close(report)
    raise typer.Exit(report.exit_code)


class _Progress:
    """Progress on stderr: a tqdm bar on a terminal (documents/s, words/s, ETA when the total
    is known), or one line per commit, or nothing; then a summary."""

    def __init__(self, mode: ProgressMode, db: Path) -> None:
        if mode is ProgressMode.auto:
            mode = ProgressMode.bar if sys.stderr.isatty() else ProgressMode.none
        self.mode = mode
        self.db = db
        self.bar: tqdm[None] | None = None
        self.started = time.perf_counter()

    def start(self, report: BatchReport) -> None:
        self.started = time.perf_counter()  # rates count from here: the engine is ready
        if self.mode is ProgressMode.bar:
            self.bar = tqdm(
                total=report.total,
                unit="doc",
                desc="crible" if report.total is not None else "crible (a stream: no ETA)",
                file=sys.stderr,
                dynamic_ncols=True,
            )

    def update(self, report: BatchReport) -> None:
        seconds = max(time.perf_counter() - self.started, 1e-9)
        if self.bar is not None:
            self.bar.update(report.seen - self.bar.n)
            self.bar.set_postfix_str(f"{report.words / seconds:,.0f} words/s", refresh=True)
        elif self.mode is ProgressMode.lines:
            rate = report.seen / seconds
            if report.total is None:
                eta = "no ETA (a stream)"
            elif rate > 0:
                eta = f"ETA {max(0, report.total - report.seen) / rate:.0f} s"
            else:
                eta = "ETA unknown"
            sys.stderr.write(
                f"crible: {report.seen}/{report.total if report.total is not None else '?'} "
                f"documents ({report.stored} stored, {report.skipped} skipped, "
                f"{report.failed} failed), {rate:.1f} documents/s, "
                f"{report.words / seconds:,.0f} words/s, {eta}\n"
            )
            sys.stderr.flush()

    def failure(self, message: str) -> None:
        line = f"crible: {message}"
        if self.bar is not None:
            self.bar.write(line, file=sys.stderr)
        else:
            sys.stderr.write(line + "\n")

    def close(self, report: BatchReport) -> None:
        if self.bar is not None:
            self.bar.close()
        seconds = max(report.seconds, 1e-9)
        loads = sorted(set(report.model_loads.values()))
        loaded = (
            f"; pipeline loaded {'/'.join(map(str, loads))}x in each of "
            f"{len(report.model_loads)} worker(s)"
            if loads
            else ""
        )
        replaced = f" ({report.replaced} re-analysed)" if report.replaced else ""
        sys.stderr.write(
            f"crible: {report.seen} documents in {report.seconds:.1f} s: {report.stored} stored"
            f"{replaced}, {report.skipped} skipped (already stored), {report.failed} failed; "
            f"{report.words:,} words ({report.words / seconds:,.0f} words/s){loaded}; "
            f"database {self.db}\n"
        )
