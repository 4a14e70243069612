"""`crible train persuasion|frames|genre` and `crible evaluate persuasion|frames|genre`.

Each command validates its options, calls `crible.learn.train.train` or
`crible.learn.evaluate.evaluate`, and prints a short summary. Library errors become one line on
stderr: exit code 2 for usage errors (missing folder, malformed label file), 1 for the others.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, NoReturn

import typer

from crible.cli.app import evaluate_app, train_app
from crible.errors import CribleError, UsageError
from crible.learn.semeval import Task

Articles = Annotated[
    Path, typer.Option("--articles", help="Folder of article<ID>.txt files (SemEval layout).")
]
Lang = Annotated[str, typer.Option("--lang", help="Language of the articles.")]
ModelOut = Annotated[
    Path,
    typer.Option("-o", "--output", help="Model directory to write (a task is added to it)."),
]
Template = Annotated[
    Path | None, typer.Option("--template", help="Template file: the paragraphs to predict.")
]
Gold = Annotated[Path | None, typer.Option("--labels", help="Gold labels, to print F1 scores.")]
ModelIn = Annotated[
    Path | None,
    typer.Option("--model", help="Trained model directory; without it the rules predict."),
]
Predictions = Annotated[
    Path, typer.Option("--predictions", help="Where to write predictions (task format).")
]


def _fail(error: CribleError) -> NoReturn:
    typer.echo(f"crible: {error.line()}", err=True)
    raise typer.Exit(2 if isinstance(error, UsageError) else 1)


def _train(
    task: Task, articles: Path, labels: Path, spans: Path | None, lang: str, out: Path
) -> None:
    from crible.learn.train import train

    try:
        if not articles.is_dir():
            raise UsageError(f"{articles}: no such folder of articles")
        if not labels.is_file():
            raise UsageError(f"{labels}: no such label file")
        report = train(task, articles, labels, out, spans_path=spans, lang=lang)
    except CribleError as error:
        _fail(error)
    cv = (
        "" if report.cv_micro_f1 is None else f", cross-validated micro-F1 {report.cv_micro_f1:.3f}"
    )
    typer.echo(
        f"trained {task} on {report.units} item(s) from {report.articles} article(s) "
        f"in {report.seconds:.1f}s ({len(report.labels)} label(s){cv}; "
        f"rule features {'on' if report.rules else 'off'}) -> {report.model_dir}"
    )


def _evaluate(
    task: Task,
    articles: Path,
    template: Path | None,
    labels: Path | None,
    model: Path | None,
    predictions: Path,
    lang: str,
) -> None:
    from crible.learn.evaluate import evaluate

    try:
        if not articles.is_dir():
            raise UsageError(f"{articles}: no such folder of articles")
        if model is not None and not model.is_dir():
            raise UsageError(f"{model}: no such model directory")
        report = evaluate(
            task,
            articles,
            predictions,
            template_path=template,
            labels_path=labels,
            model_dir=model,
            lang=lang,
        )
    except CribleError as error:
        _fail(error)
    typer.echo(
        f"wrote {report.predicted} {task} prediction(s) from the {report.source} "
        f"to {report.predictions_path}"
    )
    if report.scores is not None:
        typer.echo(
            f"micro-F1 {report.scores.micro_f1:.4f}  macro-F1 {report.scores.macro_f1:.4f}  "
            f"({report.scores.items} gold item(s))"
        )


@train_app.command("persuasion")
def train_persuasion(
    articles: Articles,
    labels: Annotated[Path, typer.Option("--labels", help="Technique labels <ID> <line> <t,…>.")],
    output: ModelOut,
    spans: Annotated[
        Path | None, typer.Option("--spans", help="Technique spans: a file or a folder of files.")
    ] = None,
    lang: Lang = "fr",
) -> None:
    """Train the paragraph-level persuasion-technique model (SemEval-2023 Task 3, subtask 3)."""
    _train("persuasion", articles, labels, spans, lang, output)


@train_app.command("frames")
def train_frames(
    articles: Articles,
    labels: Annotated[Path, typer.Option("--labels", help="Frame labels <ID> <frame,…>.")],
    output: ModelOut,
    lang: Lang = "fr",
) -> None:
    """Train the article-level frame model (subtask 2)."""
    _train("frames", articles, labels, None, lang, output)


@train_app.command("genre")
def train_genre(
    articles: Articles,
    labels: Annotated[Path, typer.Option("--labels", help="Genre labels <ID> <genre>.")],
    output: ModelOut,
    lang: Lang = "fr",
) -> None:
    """Train the article-level genre model: opinion, reporting or satire (subtask 1)."""
    _train("genre", articles, labels, None, lang, output)


@evaluate_app.command("persuasion")
def evaluate_persuasion(
    articles: Articles,
    predictions: Predictions,
    template: Template = None,
    labels: Gold = None,
    model: ModelIn = None,
    lang: Lang = "fr",
) -> None:
    """Predict techniques per paragraph; print micro/macro-F1 when --labels is given."""
    _evaluate("persuasion", articles, template, labels, model, predictions, lang)


@evaluate_app.command("frames")
def evaluate_frames(
    articles: Articles,
    predictions: Predictions,
    template: Template = None,
    labels: Gold = None,
    model: ModelIn = None,
    lang: Lang = "fr",
) -> None:
    """Predict the frames of each article; print micro/macro-F1 when --labels is given."""
    _evaluate("frames", articles, template, labels, model, predictions, lang)


@evaluate_app.command("genre")
def evaluate_genre(
    articles: Articles,
    predictions: Predictions,
    template: Template = None,
    labels: Gold = None,
    model: ModelIn = None,
    lang: Lang = "fr",
) -> None:
    """Predict the genre of each article; print micro/macro-F1 when --labels is given."""
    _evaluate("genre", articles, template, labels, model, predictions, lang)
