"""`crible export`: a corpus database as Parquet files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from crible.corpus.export import export_parquet
from crible.corpus.store import closing, open_store
from crible.errors import CribleError

from .app import app
from .shared import fail


@app.command()
def export(
    db: Annotated[Path, typer.Option(help="The corpus database (made by crible batch).")],
    parquet: Annotated[Path, typer.Option(help="Folder to write: one Parquet dataset per table.")],
    overwrite: Annotated[bool, typer.Option(help="Write into a folder that is not empty.")] = False,
) -> None:
    """Export the corpus as Parquet, partitioned by outlet and month."""
    try:
        with closing(open_store(db, read_only=True)) as con:
            counts = export_parquet(con, parquet, overwrite=overwrite)
    except CribleError as error:
        fail(error)
    summary = ", ".join(f"{table} {rows}" for table, rows in counts.items())
    typer.echo(f"crible: wrote {parquet}: {summary} rows")
