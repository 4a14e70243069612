"""`crible train persuasion|frames|genre` and `crible evaluate persuasion|frames|genre`.

Each command validates its options, calls `crible.learn.train.train` or
`crible.learn.evaluate.evaluate`, and prints a short summary. Library errors become one line on
stderr: exit code 2 for usage errors (missing folder, malformed label file), 1 for the others.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from crible.cli.app import evaluate_app, train_app
from crible.cli.shared import fail
from crible.errors import CribleError, UsageError
from crible.learn.metrics import Scores
from crible.learn.report import confusion_lines, matrix_lines, score_lines
from crible.learn.semeval import LABELS, Task

Articles = Annotated[
    Path, typer.Option("--articles", help="Folder of article<ID>.txt files (SemEval layout).")
]
TrainArticles = Annotated[
    Path | None,
    typer.Option("--articles", help="Folder of article<ID>.txt files (one language; or --data)."),
]
Data = Annotated[
    list[str] | None,
    typer.Option(
        "--data",
        help="LANG=DIR: one language's folder (official release or crible layout); repeat it to "
        "train one model on several languages.",
    ),
]
Split = Annotated[
    str, typer.Option("--split", help="With --data: the files' prefix in the official layout.")
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


def _train(
    task: Task,
    articles: Path | None,
    labels: Path | None,
    spans: Path | None,
    lang: str,
    out: Path,
    data: list[str] | None = None,
    split: str = "train",
) -> None:
    from crible.learn.datasets import Source, locate, parse_data_option
    from crible.learn.train import train_sources

    try:
        sources: list[Source] = []
        if articles is not None or labels is not None:
            if articles is None or labels is None:
                raise UsageError("--articles and --labels go together", hint="or use --data")
            if not articles.is_dir():
                raise UsageError(f"{articles}: no such folder of articles")
            if not labels.is_file():
                raise UsageError(f"{labels}: no such label file")
            sources.append(Source(lang, articles, labels, spans))
        for value in data or []:
            code, folder = parse_data_option(value)
            sources.append(locate(task, code, folder, split))
        if not sources:
            raise UsageError(
                "no training data given",
                hint="pass --articles DIR --labels FILE, or --data LANG=DIR (repeatable)",
            )
        report = train_sources(task, sources, out)
    except CribleError as error:
        fail(error)
    cv = (
        "" if report.cv_micro_f1 is None else f", cross-validated micro-F1 {report.cv_micro_f1:.3f}"
    )
    typer.echo(
        f"trained {task} on {report.units} item(s) from {report.articles} article(s) "
        f"({', '.join(report.languages)}) in {report.seconds:.1f}s ({len(report.labels)} "
        f"label(s){cv}; rule features {'on' if report.rules else 'off'}) -> {report.model_dir}"
    )
    if report.cv is not None:
        how = (
            "stratified folds of articles"
            if task == "genre"
            else "folds by article; the per-label thresholds were chosen on these predictions"
        )
        typer.echo(f"cross-validated on the training data only ({how}):")
        _echo_scores(task, report.cv, report.cv_matrix)


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
        fail(error)
    typer.echo(
        f"wrote {report.predicted} {task} prediction(s) from the {report.source} "
        f"to {report.predictions_path}"
    )
    if report.scores is not None:
        typer.echo(
            f"micro-F1 {report.scores.micro_f1:.4f}  macro-F1 {report.scores.macro_f1:.4f}  "
            f"({report.scores.items} gold item(s))"
        )
        _echo_scores(task, report.scores, report.matrix)


def _echo_scores(
    task: Task, scores: Scores, matrix: dict[str, dict[str, int]] | None = None
) -> None:
    """Per-label precision/recall/F1 and FP/FN counts, then where the predictor goes wrong."""
    for line in score_lines(scores, LABELS[task]):
        typer.echo(line)
    extra = (
        matrix_lines(matrix, LABELS[task]) if matrix is not None else confusion_lines(scores)
    )
    for line in extra:
        typer.echo(line)


@train_app.command("persuasion")
def train_persuasion(
    output: ModelOut,
    articles: TrainArticles = None,
    labels: Annotated[
        Path | None, typer.Option("--labels", help="Technique labels <ID> <line> <t,…>.")
    ] = None,
    spans: Annotated[
        Path | None, typer.Option("--spans", help="Technique spans: a file or a folder of files.")
    ] = None,
    lang: Lang = "fr",
    data: Data = None,
    split: Split = "train",
) -> None:
    """Train the paragraph-level persuasion-technique model (SemEval-2023 Task 3, subtask 3)."""
    _train("persuasion", articles, labels, spans, lang, output, data, split)


@train_app.command("frames")
def train_frames(
    output: ModelOut,
    articles: TrainArticles = None,
    labels: Annotated[
        Path | None, typer.Option("--labels", help="Frame labels <ID> <frame,…>.")
    ] = None,
    lang: Lang = "fr",
    data: Data = None,
    split: Split = "train",
) -> None:
    """Train the article-level frame model (subtask 2)."""
    _train("frames", articles, labels, None, lang, output, data, split)


@train_app.command("genre")
def train_genre(
    output: ModelOut,
    articles: TrainArticles = None,
    labels: Annotated[
        Path | None, typer.Option("--labels", help="Genre labels <ID> <genre>.")
    ] = None,
    lang: Lang = "fr",
    data: Data = None,
    split: Split = "train",
) -> None:
    """Train the article-level genre model: opinion, reporting or satire (subtask 1)."""
    _train("genre", articles, labels, None, lang, output, data, split)


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
