"""`crible evaluate claims --gold DIR [--json]`: score the claims component on annotated articles
(format: docs/formats/claims-gold.md). Usage errors print one line on stderr, exit code 2."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from crible.cli.app import evaluate_app
from crible.errors import UsageError
from crible.learn.claims_eval import evaluate_claims

GoldDir = Annotated[
    Path, typer.Option("--gold", help="Folder of gold articles, one JSON file each.")
]
AsJson = Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")]

_ROWS = (
    ("precision", "Precision"),
    ("recall", "Recall"),
    ("f1", "F1"),
    ("speaker_accuracy", "Speaker accuracy"),
    ("type_accuracy", "Type accuracy"),
    ("certainty_accuracy", "Certainty accuracy"),
)


@evaluate_app.command("claims")
def claims(gold: GoldDir, as_json: AsJson = False) -> None:
    """Precision, recall and F1 of claims; speaker, type and certainty accuracy on matches."""
    try:
        scores = evaluate_claims(gold)
    except UsageError as error:
        typer.echo(f"crible: {error.line()}", err=True)
        raise typer.Exit(2) from error
    if as_json:
        typer.echo(json.dumps(scores.to_dict(), indent=2))
        return
    for key, label in _ROWS:
        typer.echo(f"{label:<20} {getattr(scores, key):.3f}")
    typer.echo(
        f"{'Claims':<20} {scores.matched} matched / {scores.gold} gold / "
        f"{scores.predicted} predicted in {scores.articles} articles"
    )
