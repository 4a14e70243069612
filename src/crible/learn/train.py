"""Train a persuasion-technique, frame or genre model on data in the SemEval-2023 Task 3 format.

`train()` is what `crible train persuasion|frames|genre` calls: read the articles and labels,
parse the articles once with the French spaCy pipeline (`nlp.pipe`, in batches), build features
(features.py), fit linear models with thresholds tuned out of fold (models.py), and write the
task into the model directory.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from crible.errors import UsageError
from crible.learn import semeval
from crible.learn.features import FeatureConfig, Unit, rule_findings, rules_usable, unit
from crible.learn.models import TaskModel, fit_genre, fit_multilabel, save_task
from crible.learn.semeval import TASKS, Task
from crible.model import SlantFinding
from crible.nlp.pipeline import load_pipeline

# The tagger, morphologizer and lemmatizer give lemmas; the vectors need no component. The parser
# and NER are kept because the rule detectors may rely on them (and `predict` sees full docs).
BATCH_SIZE = 16


@dataclass(frozen=True)
class TrainReport:
    task: Task
    model_dir: Path
    articles: int
    units: int
    labels: tuple[str, ...]
    cv_micro_f1: float | None
    seconds: float
    rules: bool


def parse(nlp: Language, texts: Sequence[str]) -> Iterator[Doc]:
    """Parse `texts` in batches, in order."""
    yield from nlp.pipe(texts, batch_size=BATCH_SIZE)


def _no_findings(doc: Doc) -> list[SlantFinding]:
    return []


def spacy_model_name(nlp: Language) -> str:
    return f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}"


def train(
    task: Task,
    articles_dir: Path,
    labels_path: Path,
    model_dir: Path,
    *,
    spans_path: Path | None = None,
    lang: str = "fr",
    seed: int = 0,
) -> TrainReport:
    """Train `task` on the labelled articles and add it to `model_dir`."""
    if task not in TASKS:
        raise UsageError(f"unknown task {task!r}", hint=f"valid tasks: {', '.join(TASKS)}")
    started = time.perf_counter()
    if not labels_path.is_file():
        raise UsageError(f"{labels_path}: no such label file")
    if spans_path is not None and not spans_path.exists():
        raise UsageError(f"{spans_path}: no such span file or folder")
    nlp = load_pipeline(lang, components=[])
    config = FeatureConfig(rules=rules_usable(nlp("Test.")))
    findings_of = rule_findings if config.rules else _no_findings

    if task == "persuasion":
        records = semeval.read_technique_labels(labels_path)
        articles = semeval.read_articles(articles_dir, ids={r.article_id for r in records})
        spans = semeval.read_technique_spans(spans_path) if spans_path is not None else []
        semeval.check_spans(spans, articles, spans_path or labels_path)
        units, targets, groups, auxiliary = _paragraph_units(
            nlp, articles, records, spans, labels_path, findings_of
        )
        model: TaskModel = fit_multilabel(
            task, units, targets, groups, config, seed=seed, auxiliary=auxiliary
        )
    else:
        labelled: dict[str, list[str]]
        if task == "frames":
            labelled = {
                r.article_id: list(r.frames) for r in semeval.read_frame_labels(labels_path)
            }
        else:
            labelled = {r.article_id: [r.genre] for r in semeval.read_genre_labels(labels_path)}
        if not labelled:
            raise UsageError(f"{labels_path}: holds no label")
        articles = semeval.read_articles(articles_dir, ids=labelled)
        ids = list(articles)
        units = [
            unit(doc, 0, len(doc.text), findings_of(doc))
            for doc in parse(nlp, [articles[i] for i in ids])
        ]
        if task == "frames":
            model = fit_multilabel(
                task, units, [set(labelled[i]) for i in ids], ids, config, seed=seed
            )
        else:
            model = fit_genre(units, [labelled[i][0] for i in ids], config, seed=seed)
    save_task(model_dir, model, spacy_model=spacy_model_name(nlp))
    cv = model.info.get("cv_micro_f1")
    return TrainReport(
        task=task,
        model_dir=model_dir,
        articles=len(articles),
        units=len(units),
        labels=model.labels,
        cv_micro_f1=float(cv) if cv is not None else None,
        seconds=time.perf_counter() - started,
        rules=config.rules,
    )


def _paragraph_units(
    nlp: Language,
    articles: dict[str, str],
    records: Sequence[semeval.TechniqueLabels],
    spans: Sequence[semeval.TechniqueSpan],
    labels_path: Path,
    findings_of: Callable[[Doc], list[SlantFinding]],
) -> tuple[list[Unit], list[set[str]], list[str], list[bool]]:
    """One unit per labelled paragraph, plus one per distinct technique span (auxiliary, labelled
    with the techniques of the spans at those offsets).

    Spans add focused examples of a technique (the words that carry it) to the paragraphs.
    """
    by_article: dict[str, list[semeval.TechniqueLabels]] = defaultdict(list)
    for record in records:
        by_article[record.article_id].append(record)
    spans_of: dict[str, dict[tuple[int, int], set[str]]] = defaultdict(lambda: defaultdict(set))
    for span in spans:
        spans_of[span.article_id][span.start, span.end].add(span.technique)
    ids = list(articles)
    units: list[Unit] = []
    targets: list[set[str]] = []
    groups: list[str] = []
    auxiliary: list[bool] = []
    for article_id, doc in zip(ids, parse(nlp, [articles[i] for i in ids]), strict=True):
        lines = {p.line: p for p in semeval.paragraphs(doc.text)}
        findings = findings_of(doc)
        for record in by_article[article_id]:
            paragraph = lines.get(record.line)
            if paragraph is None:
                raise UsageError(
                    f"{labels_path}: article {article_id} line {record.line} is blank or beyond "
                    "the end of the article",
                    hint="line numbers count every line of article<ID>.txt from 1",
                )
            units.append(unit(doc, paragraph.start, paragraph.end, findings))
            targets.append(set(record.techniques))
            groups.append(article_id)
            auxiliary.append(False)
        for (start, end), techniques in spans_of[article_id].items():
            units.append(unit(doc, start, end, findings))
            targets.append(techniques)
            groups.append(article_id)
            auxiliary.append(True)
    if not units:
        raise UsageError(f"{labels_path}: holds no labelled paragraph")
    return units, targets, groups, auxiliary
