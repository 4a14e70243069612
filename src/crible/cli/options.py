"""Options shared by the commands that analyse (`analyze`, `serve`): one definition, one help."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

Lang = Annotated[
    str | None, typer.Option(help="Force this language instead of detecting it per article.")
]
Aliases = Annotated[
    list[Path] | None,
    typer.Option(help="Extra alias table (TSV, see docs/formats/aliases.md); repeatable."),
]
Model = Annotated[
    Path | None, typer.Option(help="Trained persuasion/frames/genre models (crible train).")
]
Config = Annotated[
    str | None, typer.Option(help="TOML config file (also CRIBLE_CONFIG); options win.")
]
