"""`crible analyze` and `crible schema`."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from enum import Enum
from pathlib import Path
from typing import Annotated, TextIO

import typer

from crible.analysis import Settings, analyze_paths
from crible.config import load_config
from crible.errors import CribleError, ResourceError, UsageError
from crible.ingest.document import parse_date
from crible.ingest.formats import InputFormat
from crible.ingest.sources import DEFAULT_MAX_BYTES, IngestOptions
from crible.model import Document, json_schema
from crible.nlp.pipeline import MODELS
from crible.render.html import write_html
from crible.render.summary import write_summary
from crible.render.tables import TABLES
from crible.render.writers import write_csv, write_json, write_jsonl

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


class OutputFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    text = "text"
    csv = "csv"
    html = "html"


class Table(str, Enum):
    articles = "articles"
    entities = "entities"
    claims = "claims"
    slant = "slant"
    times = "times"


_SUFFIX_FORMAT = {
    ".json": OutputFormat.json,
    ".jsonl": OutputFormat.jsonl,
    ".csv": OutputFormat.csv,
    ".html": OutputFormat.html,
    ".htm": OutputFormat.html,
}


@app.command()
def analyze(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Files, folders (read recursively), http(s) URLs, or - for stdin."),
    ] = None,
    output_format: Annotated[
        OutputFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="json (default), jsonl, text (a summary), csv, or html (a self-contained report).",
        ),
    ] = None,
    table: Annotated[
        Table, typer.Option(help="With --format csv: which findings, one row each.")
    ] = Table.claims,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write here (format from the suffix unless --format) "
            "and print a summary on stdout.",
        ),
    ] = None,
    published: Published = None,
    lang: Lang = None,
    input_format: InputFormatOption = None,
    encoding: Encoding = None,
    max_size: MaxSize = None,
    aliases: Aliases = None,
    model: Model = None,
    n_process: Annotated[int | None, typer.Option(help="Worker processes.")] = None,
    batch_size: BatchSize = None,
    config: Config = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary with -o.")] = False,
) -> None:
    """Analyse news text: articles, entities, claims, slant, times."""
    try:
        settings = _settings(
            paths,
            published,
            lang,
            input_format,
            encoding,
            max_size,
            aliases,
            model,
            n_process,
            batch_size,
            config,
        )
        # Load now: a broken alias table or model fails before any output is written.
        settings.pipeline(settings.lang or settings.default_lang)
    except CribleError as error:
        _fail(error)
    inputs = paths or (["-"] if not sys.stdin.isatty() else [])
    if not inputs:
        _fail(UsageError("nothing to analyse", hint="give files, folders, URLs, or - for stdin"))
    fmt = output_format or (
        _SUFFIX_FORMAT.get(output.suffix.lower(), OutputFormat.json)
        if output
        else OutputFormat.json
    )
    failed = 0
    target = output.open("w", encoding="utf-8") if output else nullcontext(sys.stdout)
    try:
        with target as out:
            documents = _report_errors(analyze_paths(inputs, settings))
            for document in _write(documents, fmt, table.value, out):
                failed += document.failed
                if output and not quiet:
                    write_summary([document], sys.stdout).__next__()
    except CribleError as error:
        _fail(error)
    raise typer.Exit(1 if failed else 0)


@app.command()
def schema() -> None:
    """Print the JSON Schema of crible's output."""
    typer.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))


def _write(
    documents: Iterable[Document], fmt: OutputFormat, table: str, out: TextIO
) -> Iterator[Document]:
    if fmt is OutputFormat.json:
        return write_json(documents, out)
    if fmt is OutputFormat.jsonl:
        return write_jsonl(documents, out)
    if fmt is OutputFormat.csv:
        return write_csv(documents, out, table)
    if fmt is OutputFormat.html:
        return write_html(documents, out)
    return write_summary(documents, out)


def _report_errors(documents: Iterable[Document]) -> Iterator[Document]:
    """Say on stderr, one line each, what went wrong with which input; pass documents on."""
    for document in documents:
        for error in document.errors:
            typer.echo(f"crible: {error.message}", err=True)
        yield document


def _settings(
    paths: list[str] | None,
    published: str | None,
    lang: str | None,
    input_format: InputFormat | None,
    encoding: str | None,
    max_size: float | None,
    aliases: list[Path] | None,
    model: Path | None,
    n_process: int | None,
    batch_size: int | None,
    config: str | None,
) -> Settings:
    conf = load_config(config)
    published = published or conf.get("published")
    try:
        date = parse_date(published)
    except ValueError as exc:
        raise UsageError(f"--published must be YYYY-MM-DD, not {published!r}") from exc
    lang = lang or conf.get("lang")
    if lang is not None and lang not in MODELS:
        raise UsageError(
            f"--lang {lang}: no pipeline for this language",
            hint=f"supported: {', '.join(sorted(MODELS))}; omit --lang to detect languages",
        )
    alias_files = [str(a) for a in aliases or []] or list(conf.get("aliases", []))
    for file in alias_files:
        if not Path(file).is_file():
            raise UsageError(f"--aliases {file}: no such file")
    model_dir = str(model) if model else conf.get("model")
    if model_dir and not Path(model_dir).is_dir():
        raise UsageError(
            f"--model {model_dir}: no such directory", hint="train one with crible train"
        )
    size_mb = max_size if max_size is not None else conf.get("max_size")
    if size_mb is not None and size_mb <= 0:
        raise UsageError("--max-size must be a positive number of MB")
    n = n_process if n_process is not None else conf.get("n_process", 1)
    batch = batch_size if batch_size is not None else conf.get("batch_size", 64)
    if n < 1 or batch < 1:
        raise UsageError("--n-process and --batch-size must be at least 1")
    return Settings(
        lang=lang,
        published=date,
        aliases=tuple(alias_files),
        model_dir=model_dir,
        n_process=n,
        batch_size=batch,
        ingest=IngestOptions(
            input_format=input_format,
            max_bytes=int(size_mb * 1_000_000) if size_mb else DEFAULT_MAX_BYTES,
            encoding=encoding,
        ),
    )


def _fail(error: CribleError) -> None:
    typer.echo(f"crible: {error.line()}", err=True)
    # The user's own settings or files (a bad option, alias table or model) are usage errors.
    raise typer.Exit(2 if isinstance(error, UsageError | ResourceError) else 1)


__all__ = ["TABLES", "Document", "analyze", "schema"]
