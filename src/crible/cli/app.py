"""The Typer applications. Command modules register themselves on these; `crible.cli.main`
imports them all. Commands validate input, then call a plain library function."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="crible",
    help="Read raw news text and show what is in it: articles, entities, claims, slant, times.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
train_app = typer.Typer(help="Train persuasion, frame or genre models on annotated data.")
evaluate_app = typer.Typer(help="Score crible against annotated data and write predictions.")
app.add_typer(train_app, name="train")
app.add_typer(evaluate_app, name="evaluate")
