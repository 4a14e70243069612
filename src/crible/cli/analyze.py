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

from crible.analysis import analyze_paths
from crible.errors import CribleError, UsageError
from crible.model import Document, json_schema
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
from .shared import fail, settings_from_options


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
        settings = settings_from_options(
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
        fail(error)
    inputs = paths or (["-"] if not sys.stdin.isatty() else [])
    if not inputs:
        fail(UsageError("nothing to analyse", hint="give files, folders, URLs, or - for stdin"))
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
        fail(error)
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


__all__ = ["TABLES", "Document", "analyze", "schema"]
