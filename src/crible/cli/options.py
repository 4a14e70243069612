"""Options shared by the commands that analyse (`crible analyze`, `crible batch`, `crible serve`):
one declaration each, so that their names and help stay the same everywhere."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from crible.ingest.formats import InputFormat
from crible.ingest.sources import DEFAULT_MAX_BYTES

Published = Annotated[
    str | None,
    typer.Option(help="Publication date YYYY-MM-DD for documents that carry none."),
]
Lang = Annotated[
    str | None, typer.Option(help="Force this language instead of detecting it per article.")
]
InputFormatOption = Annotated[
    InputFormat | None, typer.Option(help="Force the reader instead of detecting it.")
]
Encoding = Annotated[str | None, typer.Option(help="Force the input encoding (e.g. latin-1).")]
MaxSize = Annotated[
    float | None,
    typer.Option(
        help=f"Refuse inputs above this many MB (default {DEFAULT_MAX_BYTES // 1_000_000})."
    ),
]
Aliases = Annotated[
    list[Path] | None,
    typer.Option(help="Extra alias table (TSV, see docs/formats/aliases.md); repeatable."),
]
Model = Annotated[
    Path | None, typer.Option(help="Trained persuasion/frames/genre models (crible train).")
]
BatchSize = Annotated[
    int | None, typer.Option(help="Documents per batch (in crible batch, also per commit).")
]
Config = Annotated[
    str | None, typer.Option(help="TOML config file (also CRIBLE_CONFIG); options win.")
]
