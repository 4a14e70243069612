"""`crible evaluate claims --gold DIR [--json] [--errors]`: score the claims component on annotated
articles (format: docs/formats/claims-gold.md). Usage errors print one line on stderr, exit 2."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from crible.cli.app import evaluate_app
from crible.errors import UsageError
from crible.learn.claims_eval import ClaimError, ClaimScores, evaluate_claims

GoldDir = Annotated[
    Path, typer.Option("--gold", help="Folder of gold articles, one JSON file each.")
]
AsJson = Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")]
ShowErrors = Annotated[
    bool,
    typer.Option(
        "--errors", help="Also list every miss, false alarm and wrong speaker, with its file."
    ),
]

_QUOTE_ROWS = (
    ("quote_precision", "Precision"),
    ("quote_recall", "Recall"),
    ("quote_f1", "F1"),
    ("speaker_accuracy", "Speaker accuracy"),
)
_ALL_ROWS = (
    ("precision", "Precision"),
    ("recall", "Recall"),
    ("f1", "F1"),
    ("type_accuracy", "Type accuracy"),
    ("certainty_accuracy", "Certainty accuracy"),
)
_LABELS = {"miss": "MISS", "false_alarm": "FALSE ALARM", "wrong_speaker": "WRONG SPEAKER"}


@evaluate_app.command("claims")
def claims(gold: GoldDir, as_json: AsJson = False, errors: ShowErrors = False) -> None:
    """Reported speech P/R/F1 and speaker accuracy; all claims P/R/F1, type and certainty
    accuracy; a breakdown per claim type."""
    try:
        scores = evaluate_claims(gold)
    except UsageError as error:
        typer.echo(f"crible: {error.line()}", err=True)
        raise typer.Exit(2) from error
    if as_json:
        typer.echo(json.dumps(scores.to_dict(errors=errors), indent=2, ensure_ascii=False))
        return
    _print_table(scores)
    if errors:
        typer.echo("")
        for item in scores.errors:
            typer.echo(_error_line(item))


def _print_table(scores: ClaimScores) -> None:
    typer.echo(
        f"Reported speech (claims with a source): {scores.quote_matched} matched / "
        f"{scores.quote_gold} gold / {scores.quote_predicted} predicted"
    )
    for key, label in _QUOTE_ROWS:
        typer.echo(f"  {label:<20} {getattr(scores, key):.3f}")
    typer.echo(
        f"All claims: {scores.matched} matched / {scores.gold} gold / "
        f"{scores.predicted} predicted in {scores.articles} articles"
    )
    for key, label in _ALL_ROWS:
        typer.echo(f"  {label:<20} {getattr(scores, key):.3f}")
    typer.echo("By type:    gold  found recall  predicted precision  speaker")
    for name, row in scores.by_type.items():
        speaker = row.speaker_right / row.found if row.found else 0.0
        typer.echo(
            f"  {name:<12} {row.gold:>4} {row.found:>5} {row.recall:>6.3f} "
            f"{row.predicted:>10} {row.precision:>9.3f} {speaker:>8.3f}"
        )


def _error_line(error: ClaimError) -> str:
    # repr() keeps control characters of the gold text from reaching the terminal
    line = f"{error.file}:{error.start}-{error.end} {_LABELS[error.kind]} {error.text!r}"
    if error.kind == "miss":
        return f"{line} (gold speaker: {error.gold_speaker})"
    if error.kind == "false_alarm":
        return f"{line} (predicted speaker: {error.predicted_speaker}; why: {error.why})"
    return (
        f"{line} (gold: {error.gold_speaker}; predicted: {error.predicted_speaker}; "
        f"why: {error.why})"
    )
