"""Predict in the SemEval-2023 Task 3 format and score against gold labels.

`evaluate()` is what `crible evaluate persuasion|frames|genre` calls. It predicts with a trained
model directory (`model_dir`) or, without one, with the rule detectors (`crible.nlp.slant.api`),
writes the predictions file in the task's label format, and, when gold labels are given, returns
the official micro- and macro-F1 (metrics.py).

Which items are predicted: with a template, exactly its paragraphs (persuasion) or its articles
(frames, genre); otherwise every non-blank line / every article of the folder. When the rules
cannot decide a genre, `reporting` is written (the format needs one label per article).
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from crible.errors import ModelError, UsageError
from crible.learn import semeval
from crible.learn.datasets import parser_for
from crible.learn.features import rule_findings, rules_api
from crible.learn.metrics import Scores, confusion_matrix, f1_scores
from crible.learn.models import PersuasionModel
from crible.learn.semeval import LABELS, TASKS, Task
from crible.learn.train import parse
from crible.model import SlantFinding

FALLBACK_GENRE = "reporting"


@dataclass(frozen=True)
class EvaluationReport:
    task: Task
    predictions_path: Path
    predicted: int
    source: Literal["model", "rules"]
    scores: Scores | None
    matrix: dict[str, dict[str, int]] | None = None  # genre: gold -> predicted -> articles


def evaluate(
    task: Task,
    articles_dir: Path,
    predictions_path: Path,
    *,
    template_path: Path | None = None,
    labels_path: Path | None = None,
    model_dir: Path | None = None,
    lang: str = "fr",
) -> EvaluationReport:
    if task not in TASKS:
        raise UsageError(f"unknown task {task!r}", hint=f"valid tasks: {', '.join(TASKS)}")
    for path, what in ((template_path, "template"), (labels_path, "label file")):
        if path is not None and not path.is_file():
            raise UsageError(f"{path}: no such {what}")
    template = semeval.read_template(template_path) if template_path is not None else None
    gold = _gold(task, labels_path) if labels_path is not None else None
    ids = None if template is None else list(dict.fromkeys(t.article_id for t in template))
    articles = semeval.read_articles(articles_dir, ids=ids)
    model = _model(task, model_dir) if model_dir is not None else None
    api = None
    if model is None:
        api = rules_api()
        if api is None:
            raise ModelError(
                "the rule detectors (crible.nlp.slant.api) are not available",
                hint="pass --model DIR to evaluate a trained model",
            )
    needs_findings = model is None or model.tasks[task].featurizer.config.rules
    wanted_lines: dict[str, list[int]] = {}
    if template is not None:
        for row in template:
            wanted_lines.setdefault(row.article_id, []).append(row.line)

    predicted: dict[Hashable, set[str]] = {}
    rows: list[Any] = []
    nlp = parser_for(lang)
    order = list(articles)
    for article_id, doc in zip(order, parse(nlp, [articles[i] for i in order]), strict=True):
        findings: list[SlantFinding] = rule_findings(doc) if needs_findings else []
        if task == "persuasion":
            lines = _lines(doc.text, wanted_lines.get(article_id), article_id, template_path)
            spans = [(p.start, p.end) for p in lines]
            if model is not None:
                per = model.predict(doc, spans, findings).techniques or [[] for _ in spans]
            else:
                per = api.paragraph_techniques(doc, findings, spans)  # type: ignore[union-attr]
            for paragraph, techniques in zip(lines, per, strict=True):
                ordered = tuple(t for t in LABELS["persuasion"] if t in techniques)
                rows.append(semeval.TechniqueLabels(article_id, paragraph.line, ordered))
                predicted[article_id, paragraph.line] = set(ordered)
        elif task == "frames":
            if model is not None:
                frames = model.predict(doc, [], findings).frames or []
            else:
                frames = api.rule_frames(doc)  # type: ignore[union-attr]
            ordered = tuple(f for f in LABELS["frames"] if f in frames)
            rows.append(semeval.FrameLabels(article_id, ordered))
            predicted[article_id] = set(ordered)
        else:
            if model is not None:
                genre = model.predict(doc, [], findings).genre
            else:
                genre = api.rule_genre(doc, findings)  # type: ignore[union-attr]
            genre = genre or FALLBACK_GENRE
            rows.append(semeval.GenreLabel(article_id, genre))
            predicted[article_id] = {genre}

    if task == "persuasion":
        semeval.write_technique_labels(predictions_path, rows)
    elif task == "frames":
        semeval.write_frame_labels(predictions_path, rows)
    else:
        semeval.write_genre_labels(predictions_path, rows)
    scores = f1_scores(gold, predicted, LABELS[task]) if gold is not None else None
    matrix = (
        confusion_matrix(gold, predicted, LABELS[task])
        if gold is not None and task == "genre"
        else None
    )
    return EvaluationReport(
        task, predictions_path, len(rows), "model" if model else "rules", scores, matrix
    )


def _model(task: Task, model_dir: Path) -> PersuasionModel:
    model = PersuasionModel.load(model_dir)
    if task not in model.tasks:
        raise ModelError(
            f"{model_dir}: holds no {task} model (it has: {', '.join(model.tasks)})",
            hint=f"train one with `crible train {task} ... -o {model_dir}`",
        )
    return model


def _gold(task: Task, path: Path) -> dict[Hashable, set[str]]:
    if task == "persuasion":
        return {
            (r.article_id, r.line): set(r.techniques) for r in semeval.read_technique_labels(path)
        }
    if task == "frames":
        return {r.article_id: set(r.frames) for r in semeval.read_frame_labels(path)}
    return {r.article_id: {r.genre} for r in semeval.read_genre_labels(path)}


def _lines(
    text: str, wanted: list[int] | None, article_id: str, template_path: Path | None
) -> list[semeval.ArticleParagraph]:
    lines = semeval.paragraphs(text)
    if wanted is None:
        return lines
    by_number = {p.line: p for p in lines}
    out = []
    for number in wanted:
        paragraph = by_number.get(number)
        if paragraph is None:
            raise UsageError(
                f"{template_path}: article {article_id} line {number} is blank or beyond its end",
                hint="the template does not match the articles folder",
            )
        out.append(paragraph)
    return out
