"""What the commands share beyond their options: settings built from the options, and the one
way a library error ends a command."""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

import typer

from crible.analysis import Settings
from crible.config import load_config
from crible.errors import CribleError, ResourceError, UsageError
from crible.ingest.document import parse_date
from crible.ingest.formats import InputFormat
from crible.ingest.sources import DEFAULT_MAX_BYTES, IngestOptions
from crible.nlp.pipeline import MODELS


def settings_from_options(
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
    """The analysis settings from the shared options, falling back on the config file; a bad
    value is a `UsageError` naming the option."""
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


def fail(error: CribleError) -> NoReturn:
    """One line on stderr; exit code 2 for usage errors, 1 for the others."""
    typer.echo(f"crible: {error.line()}", err=True)
    # The user's own settings or files (a bad option, alias table or model) are usage errors.
    raise typer.Exit(2 if isinstance(error, UsageError | ResourceError) else 1)
