"""Train a persuasion-technique, frame or genre model on data in the SemEval-2023 Task 3 format.

`train()` (one language) and `train_sources()` (one or several languages) are what
`crible train persuasion|frames|genre` calls: read the articles and labels, parse the articles
once per language (`nlp.pipe`, in batches; datasets.parser_for), build features (features.py),
fit linear models with thresholds tuned out of fold (models.py), and write the task into the
model directory. The report carries the cross-validated scores the thresholds were chosen on.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from crible.errors import UsageError
from crible.learn import semeval
from crible.learn.datasets import Source, parser_for
from crible.learn.features import FeatureConfig, Unit, rule_findings, rules_usable, unit, units_for
from crible.learn.metrics import Scores
from crible.learn.models import TaskModel, fit_genre, fit_multilabel, save_task
from crible.learn.semeval import TASKS, Task
from crible.model import SlantFinding

BATCH_SIZE = 16

# Which feature blocks each task uses (features.FeatureConfig). Paragraphs get everything;
# articles (frames, genre) get lemma TF-IDF and the article-level cues of the rules (frame
# keywords, genre evidence), which generalised across our two French corpora better than word
# vectors and character n-grams of whole articles (measured: README, "Persuasion techniques").
TASK_FEATURES: dict[Task, dict[str, bool]] = {
    "persuasion": {},
    "frames": {
        "chars": False,
        "context": False,
        "surface": False,
        "vectors": False,
        "rules": False,
        "doc_cues": True,
    },
    "genre": {
        "chars": False,
        "context": False,
        "surface": False,
        "vectors": False,
        "doc_cues": True,
    },
}


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
    cv: Scores | None = None
    cv_matrix: dict[str, dict[str, int]] | None = None
    languages: tuple[str, ...] = field(default_factory=tuple)


def parse(nlp: Language, texts: Sequence[str]) -> Iterator[Doc]:
    """Parse `texts` in batches, in order."""
    yield from nlp.pipe(texts, batch_size=BATCH_SIZE)


def _no_findings(doc: Doc) -> list[SlantFinding]:
    return []


def spacy_model_name(nlp: Language) -> str:
    if not nlp.pipe_names:
        return f"{nlp.lang} tokenizer only"
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
    """Train `task` on the labelled articles of one language and add it to `model_dir`."""
    source = Source(lang, articles_dir, labels_path, spans_path)
    return train_sources(task, [source], model_dir, seed=seed)


@dataclass
class _Collected:
    units: list[Unit] = field(default_factory=list)
    targets: list[set[str]] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    auxiliary: list[bool] = field(default_factory=list)
    articles: int = 0


def train_sources(
    task: Task, sources: Sequence[Source], model_dir: Path, *, seed: int = 0
) -> TrainReport:
    """Train `task` on one or several languages' data (one model for all) into `model_dir`."""
    if task not in TASKS:
        raise UsageError(f"unknown task {task!r}", hint=f"valid tasks: {', '.join(TASKS)}")
    if not sources:
        raise UsageError("no training data given", hint="pass --articles/--labels or --data")
    started = time.perf_counter()
    for source in sources:
        if not source.labels.is_file():
            raise UsageError(f"{source.labels}: no such label file")
        if source.spans is not None and not source.spans.exists():
            raise UsageError(f"{source.spans}: no such span file or folder")
    collected = _Collected()
    rules_any = vectors_any = False
    parsers: list[str] = []
    for source in sources:
        nlp = parser_for(source.lang)
        parsers.append(spacy_model_name(nlp))
        rules_on = rules_usable(nlp("Test."))
        rules_any |= rules_on
        vectors_any |= bool(nlp.vocab.vectors_length)
        prefix = f"{source.lang}:" if len(sources) > 1 else ""
        findings_of = rule_findings if rules_on else _no_findings
        _collect(task, nlp, source, prefix, findings_of, collected)
    if not collected.units:
        raise UsageError(f"{sources[0].labels}: holds no label")
    preset = TASK_FEATURES[task]
    config = FeatureConfig(
        **{
            **preset,
            "rules": rules_any and preset.get("rules", True),
            "vectors": vectors_any and preset.get("vectors", True),
        }
    )
    model: TaskModel
    if task == "genre":
        model = fit_genre(
            collected.units, [sorted(t)[0] for t in collected.targets], config, seed=seed
        )
    else:
        model = fit_multilabel(
            task,
            collected.units,
            collected.targets,
            collected.groups,
            config,
            seed=seed,
            auxiliary=collected.auxiliary,
        )
    model.info["languages"] = sorted({s.lang for s in sources})
    save_task(model_dir, model, spacy_model=", ".join(dict.fromkeys(parsers)))
    cv = model.info.get("cv_micro_f1")
    return TrainReport(
        task=task,
        model_dir=model_dir,
        articles=collected.articles,
        units=sum(1 for a in collected.auxiliary if not a),
        labels=model.labels,
        cv_micro_f1=float(cv) if cv is not None else None,
        seconds=time.perf_counter() - started,
        rules=config.rules,
        cv=model.cv,
        cv_matrix=model.cv_matrix,
        languages=tuple(sorted({s.lang for s in sources})),
    )


def _collect(
    task: Task,
    nlp: Language,
    source: Source,
    prefix: str,
    findings_of: Callable[[Doc], list[SlantFinding]],
    out: _Collected,
) -> None:
    """Add the units of one language's data to `out`."""
    if task == "persuasion":
        records = semeval.read_technique_labels(source.labels)
        articles = semeval.read_articles(source.articles, ids={r.article_id for r in records})
        spans = semeval.read_technique_spans(source.spans) if source.spans is not None else []
        semeval.check_spans(spans, articles, source.spans or source.labels)
        _paragraph_units(nlp, articles, records, spans, source.labels, findings_of, prefix, out)
        return
    labelled: dict[str, list[str]]
    if task == "frames":
        labelled = {r.article_id: list(r.frames) for r in semeval.read_frame_labels(source.labels)}
    else:
        labelled = {r.article_id: [r.genre] for r in semeval.read_genre_labels(source.labels)}
    if not labelled:
        raise UsageError(f"{source.labels}: holds no label")
    articles = semeval.read_articles(source.articles, ids=labelled)
    ids = list(articles)
    for article_id, doc in zip(ids, parse(nlp, [articles[i] for i in ids]), strict=True):
        out.units.extend(units_for(doc, [(0, len(doc.text))], findings_of(doc)))
        out.targets.append(set(labelled[article_id]))
        out.groups.append(prefix + article_id)
        out.auxiliary.append(False)
    out.articles += len(ids)


def _paragraph_units(
    nlp: Language,
    articles: dict[str, str],
    records: Sequence[semeval.TechniqueLabels],
    spans: Sequence[semeval.TechniqueSpan],
    labels_path: Path,
    findings_of: Callable[[Doc], list[SlantFinding]],
    prefix: str,
    out: _Collected,
) -> None:
    """One unit per labelled paragraph (with its article context), plus one per distinct
    technique span (auxiliary, labelled with the techniques of the spans at those offsets).

    Spans add focused examples of a technique (the words that carry it) to the paragraphs.
    """
    by_article: dict[str, list[semeval.TechniqueLabels]] = defaultdict(list)
    for record in records:
        by_article[record.article_id].append(record)
    spans_of: dict[str, dict[tuple[int, int], set[str]]] = defaultdict(lambda: defaultdict(set))
    for span in spans:
        spans_of[span.article_id][span.start, span.end].add(span.technique)
    ids = list(articles)
    for article_id, doc in zip(ids, parse(nlp, [articles[i] for i in ids]), strict=True):
        lines = semeval.paragraphs(doc.text)
        index = {p.line: i for i, p in enumerate(lines)}
        findings = findings_of(doc)
        article_units = units_for(doc, [(p.start, p.end) for p in lines], findings)
        for record in by_article[article_id]:
            i = index.get(record.line)
            if i is None:
                raise UsageError(
                    f"{labels_path}: article {article_id} line {record.line} is blank or beyond "
                    "the end of the article",
                    hint="line numbers count every line of article<ID>.txt from 1",
                )
            out.units.append(article_units[i])
            out.targets.append(set(record.techniques))
            out.groups.append(prefix + article_id)
            out.auxiliary.append(False)
        for (start, end), techniques in spans_of[article_id].items():
            out.units.append(unit(doc, start, end, findings))
            out.targets.append(techniques)
            out.groups.append(prefix + article_id)
            out.auxiliary.append(True)
    out.articles += len(ids)
    if not out.units:
        raise UsageError(f"{labels_path}: holds no labelled paragraph")
