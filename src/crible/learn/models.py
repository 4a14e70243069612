"""Trained persuasion-technique, frame and genre models, and the directory that holds them.

A model directory (docs/formats/models.md) holds `crible_model.json`, the manifest, and one
pickle per trained task (`persuasion.pkl`, `frames.pkl`, `genre.pkl`). Training a task into an
existing directory adds (or replaces) that task and keeps the others, so one directory can hold
one, two or all three tasks. `PersuasionModel.load` reads them all.

Loading unpickles scikit-learn objects: only load directories you trust, as you would only run
code you trust.
"""

from __future__ import annotations

import json
import os
import pickle
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, StratifiedKFold
from spacy.tokens import Doc

from crible.errors import ModelError
from crible.learn.features import FeatureConfig, Featurizer, Unit, units_for
from crible.learn.metrics import Scores, confusion_matrix, f1_scores
from crible.learn.semeval import LABELS, TASKS, Task
from crible.model import SlantFinding
from crible.nlp.spans import doc_text
from crible.version import __version__

MANIFEST = "crible_model.json"
FORMAT = "crible-slant-model"
FORMAT_VERSION = 2  # 2: character n-grams, context and surface features
_GRID = np.round(np.linspace(0.05, 0.95, 19), 2)
Matrix = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Prediction:
    """What `PersuasionModel.predict` returns; a field is None when its task was not trained."""

    techniques: list[list[str]] | None = None
    genre: str | None = None
    frames: list[str] | None = None


def _classifier(seed: int) -> LogisticRegression:
    # The dual solver: text features outnumber training paragraphs, and liblinear's dual
    # coordinate descent is about ten times faster than its primal Newton solver there.
    return LogisticRegression(
        C=4.0,
        class_weight="balanced",
        solver="liblinear",
        dual=True,
        max_iter=2000,
        random_state=seed,
    )


@dataclass
class TaskModel:
    """One task's fitted featurizer and classifiers, with its labels and decision thresholds.

    Multi-label tasks (persuasion, frames) keep one binary classifier per label that had enough
    examples, and a threshold per label; genre keeps one multi-class classifier (or a constant).
    """

    task: Task
    labels: tuple[str, ...]
    thresholds: dict[str, float]
    featurizer: Featurizer
    classifiers: dict[str, Any]
    info: dict[str, Any] = field(default_factory=dict)
    # Out-of-fold scores on the training data (what the thresholds were chosen on); not saved.
    cv: Scores | None = None
    cv_matrix: dict[str, dict[str, int]] | None = None

    def probabilities(self, units: Sequence[Unit]) -> Matrix:
        """`(len(units), len(self.labels))` probabilities."""
        x = self.featurizer.transform(units)
        out = np.zeros((len(units), len(self.labels)))
        if self.task == "genre":
            model = self.classifiers.get("genre")
            if model is None:
                out[:, 0] = 1.0
                return out
            probs = model.predict_proba(x)
            for column, label in enumerate(model.classes_):
                out[:, self.labels.index(str(label))] = probs[:, column]
            return out
        for column, label in enumerate(self.labels):
            out[:, column] = self.classifiers[label].predict_proba(x)[:, 1]
        return out

    def predict(self, units: Sequence[Unit]) -> list[list[str]]:
        if not units:
            return []
        probs = self.probabilities(units)
        if self.task == "genre":
            return [[self.labels[int(np.argmax(row))]] for row in probs]
        limits = np.array([self.thresholds[label] for label in self.labels])
        out = []
        for row in probs:
            chosen = [label for label, p, t in zip(self.labels, row, limits, strict=True) if p >= t]
            if not chosen and self.task == "frames" and len(self.labels):
                chosen = [self.labels[int(np.argmax(row - limits))]]
            out.append(chosen)
        return out

    def manifest_entry(self) -> dict[str, Any]:
        return {
            "file": f"{self.task}.pkl",
            "labels": list(self.labels),
            "thresholds": self.thresholds,
            "features": self.featurizer.config.to_json(),
            **self.info,
        }


# -- fitting ----------------------------------------------------------------------------------


def fit_multilabel(
    task: Task,
    units: Sequence[Unit],
    targets: Sequence[set[str]],
    groups: Sequence[str],
    config: FeatureConfig,
    *,
    seed: int = 0,
    auxiliary: Sequence[bool] | None = None,
) -> TaskModel:
    """One-vs-rest logistic regressions; per-label thresholds tuned for micro-F1 out of fold.

    Labels with fewer than two positive units are not learnt (never predicted). Folds group
    units by article, so a threshold is never tuned on paragraphs of an article seen in training.
    Units flagged `auxiliary` (e.g. technique spans) are learnt from but not used for tuning.
    """
    featurizer = Featurizer(config).fit(units)
    x = featurizer.transform(units)
    scheme = LABELS[task]
    y_all = np.array([[label in t for label in scheme] for t in targets], dtype=bool)
    learnable = [j for j, _ in enumerate(scheme) if 2 <= y_all[:, j].sum() < len(units)]
    labels = tuple(scheme[j] for j in learnable)
    y = y_all[:, learnable]
    tune = ~np.array(auxiliary if auxiliary is not None else [False] * len(units), dtype=bool)
    oof = _out_of_fold(x, y, groups, seed)[tune]
    y_all, y = y_all[tune], y[tune]
    missed = int(y_all.sum() - y.sum())  # positives of labels we cannot learn: always missed
    thresholds = _tune_thresholds(oof, y, missed)
    y_fit = np.array([[label in t for label in labels] for t in targets], dtype=bool)
    classifiers = {label: _classifier(seed).fit(x, y_fit[:, j]) for j, label in enumerate(labels)}
    guess = oof >= np.array(list(thresholds.values()))
    kept = [t for t, keep in zip(targets, tune, strict=True) if keep]
    cv = f1_scores(
        dict(enumerate(kept)),
        {i: {labels[j] for j in np.flatnonzero(row)} for i, row in enumerate(guess)},
        scheme,
    )
    info = {
        "trained_on": {"units": int(tune.sum()), "articles": len(set(groups))},
        "cv_micro_f1": round(_micro(guess, y, missed), 4),
        "cv_macro_f1": round(cv.macro_f1, 4),
    }
    return TaskModel(
        task,
        labels,
        dict(zip(labels, thresholds.values(), strict=True)),
        featurizer,
        classifiers,
        info,
        cv,
    )


def _out_of_fold(x: Any, y: npt.NDArray[np.bool_], groups: Sequence[str], seed: int) -> Matrix:
    oof = np.zeros(y.shape)
    folds = min(5, len(set(groups)))
    if folds < 2:
        oof += y.mean(axis=0)
        return oof
    for train, test in GroupKFold(n_splits=folds).split(x, groups=list(groups)):
        for j in range(y.shape[1]):
            target = y[train, j]
            if target.all() or not target.any():
                oof[test, j] = target.mean()
            else:
                oof[test, j] = _classifier(seed).fit(x[train], target).predict_proba(x[test])[:, 1]
    return oof


def _micro(guess: npt.NDArray[np.bool_], y: npt.NDArray[np.bool_], missed: int) -> float:
    tp = int((guess & y).sum())
    fp = int((guess & ~y).sum())
    fn = int((~guess & y).sum()) + missed
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _tune_thresholds(oof: Matrix, y: npt.NDArray[np.bool_], missed: int) -> dict[int, float]:
    """Coordinate ascent on micro-F1: each label's threshold in turn, the others fixed."""
    n_labels = y.shape[1]
    tp = np.zeros(n_labels)
    fp = np.zeros(n_labels)
    fn = y.sum(axis=0).astype(float)
    table = []  # per label: (tp, fp, fn) for each grid threshold
    for j in range(n_labels):
        guess = oof[:, j][:, None] >= _GRID[None, :]
        truth = y[:, j][:, None]
        table.append(((guess & truth).sum(0), (guess & ~truth).sum(0), (~guess & truth).sum(0)))
    chosen = [len(_GRID) // 2] * n_labels
    for j in range(n_labels):
        tp[j], fp[j], fn[j] = (table[j][k][chosen[j]] for k in range(3))
    for _ in range(3):
        for j in range(n_labels):
            rest = tp.sum() - tp[j], fp.sum() - fp[j], fn.sum() - fn[j] + missed
            t_tp, t_fp, t_fn = table[j]
            total_tp = rest[0] + t_tp
            f1 = np.where(
                total_tp > 0, 2 * total_tp / (2 * total_tp + rest[1] + t_fp + rest[2] + t_fn), 0.0
            )
            best = int(np.argmax(f1 + 1e-9 * (np.arange(len(_GRID)) == chosen[j])))
            chosen[j] = best
            tp[j], fp[j], fn[j] = t_tp[best], t_fp[best], t_fn[best]
    return {j: float(_GRID[chosen[j]]) for j in range(n_labels)}


def _genre_classifier(seed: int) -> LogisticRegression:
    return LogisticRegression(C=4.0, class_weight="balanced", max_iter=2000, random_state=seed)


def fit_genre(
    units: Sequence[Unit], targets: Sequence[str], config: FeatureConfig, *, seed: int = 0
) -> TaskModel:
    """A multi-class logistic regression over the genres seen in training (balanced classes, so
    that opinion and satire are not drowned by reporting), cross-validated when every genre has
    two articles or more."""
    featurizer = Featurizer(config).fit(units)
    seen = sorted(set(targets))
    info: dict[str, Any] = {"trained_on": {"units": len(units), "articles": len(units)}}
    if len(seen) < 2:
        return TaskModel("genre", tuple(seen), {}, featurizer, {"genre": None}, info)
    x = featurizer.transform(units)
    y = list(targets)
    cv = matrix = None
    folds = min(5, min(y.count(g) for g in seen))
    if folds >= 2:
        oof: list[str] = [""] * len(y)
        splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
        for train, test in splitter.split(x, y):
            fitted = _genre_classifier(seed).fit(x[train], [y[i] for i in train])
            for i, label in zip(test, fitted.predict(x[test]), strict=True):
                oof[i] = str(label)
        gold: dict[Hashable, set[str]] = {i: {g} for i, g in enumerate(y)}
        predicted: dict[Hashable, set[str]] = {i: {g} for i, g in enumerate(oof)}
        cv = f1_scores(gold, predicted, LABELS["genre"])
        matrix = confusion_matrix(gold, predicted, LABELS["genre"])
        info["cv_micro_f1"] = round(cv.micro_f1, 4)
        info["cv_macro_f1"] = round(cv.macro_f1, 4)
    model = _genre_classifier(seed).fit(x, y)
    return TaskModel("genre", tuple(seen), {}, featurizer, {"genre": model}, info, cv, matrix)


# -- the model directory ----------------------------------------------------------------------


class PersuasionModel:
    """The tasks trained into one model directory; what the `crible_slant` component calls."""

    def __init__(self, tasks: Mapping[Task, TaskModel]) -> None:
        self.tasks: dict[Task, TaskModel] = dict(tasks)

    @classmethod
    def load(cls, path: Path) -> PersuasionModel:
        manifest = read_manifest(path)
        tasks: dict[Task, TaskModel] = {}
        for name, entry in manifest["tasks"].items():
            tasks[name] = _load_task(path, name, entry)
        if not tasks:
            raise ModelError(f"{path}: the manifest lists no trained task", hint=_TRAIN_HINT)
        return cls(tasks)

    def predict(
        self, doc: Doc, spans: Sequence[tuple[int, int]], findings: Sequence[SlantFinding]
    ) -> Prediction:
        """Techniques per span (paragraph) of `doc`, its genre and its frames."""
        techniques = genre = frames = None
        if "persuasion" in self.tasks:
            techniques = self.tasks["persuasion"].predict(units_for(doc, spans, findings))
        size = len(doc_text(doc))
        whole = units_for(doc, [(0, size)], findings) if size else []
        if "genre" in self.tasks and whole:
            genre = self.tasks["genre"].predict(whole)[0][0]
        if "frames" in self.tasks and whole:
            frames = self.tasks["frames"].predict(whole)[0]
        return Prediction(techniques=techniques, genre=genre, frames=frames)


_TRAIN_HINT = "train one with `crible train persuasion|frames|genre ... -o DIR`"


def read_manifest(path: Path) -> dict[str, Any]:
    if not path.is_dir():
        raise ModelError(f"{path}: no such model directory", hint=_TRAIN_HINT)
    file = path / MANIFEST
    try:
        manifest = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ModelError(f"{path}: not a crible model (no {MANIFEST})", hint=_TRAIN_HINT) from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"{file}: unreadable manifest ({exc})", hint=_TRAIN_HINT) from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ModelError(f"{file}: not a crible model manifest", hint=_TRAIN_HINT)
    if manifest.get("format_version") != FORMAT_VERSION:
        raise ModelError(
            f"{file}: model format version {manifest.get('format_version')!r} is not supported",
            hint=f"this crible reads version {FORMAT_VERSION}; retrain the model",
        )
    tasks = manifest.get("tasks")
    if not isinstance(tasks, dict) or any(name not in TASKS for name in tasks):
        raise ModelError(f"{file}: 'tasks' must map task names ({', '.join(TASKS)}) to entries")
    return manifest


def _load_task(path: Path, name: Task, entry: Any) -> TaskModel:
    try:
        file = path / str(entry["file"])
        labels = tuple(str(label) for label in entry["labels"])
        thresholds = {str(k): float(v) for k, v in entry["thresholds"].items()}
        config = FeatureConfig.from_json(dict(entry["features"]))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ModelError(f"{path / MANIFEST}: bad entry for task {name} ({exc!r})") from exc
    if unknown := [label for label in labels if label not in LABELS[name]]:
        raise ModelError(f"{path / MANIFEST}: unknown {name} label(s) {', '.join(unknown)}")
    try:
        with file.open("rb") as handle:
            payload = pickle.load(handle)
        featurizer, classifiers = payload["featurizer"], payload["classifiers"]
    except FileNotFoundError as exc:
        raise ModelError(f"{file}: missing; the model directory is incomplete") from exc
    except Exception as exc:  # unpickling can fail in many ways: all mean a broken model
        raise ModelError(f"{file}: cannot be loaded ({type(exc).__name__}: {exc})") from exc
    if not isinstance(featurizer, Featurizer) or not isinstance(classifiers, dict):
        raise ModelError(f"{file}: does not hold a crible {name} model")
    if name != "genre" and set(classifiers) != set(labels):
        raise ModelError(f"{file}: its classifiers do not match the manifest's labels")
    featurizer.config = config
    info = {k: v for k, v in entry.items() if k not in ("file", "labels", "thresholds", "features")}
    return TaskModel(name, labels, thresholds, featurizer, classifiers, info)


def save_task(path: Path, model: TaskModel, *, spacy_model: str) -> None:
    """Write `model` into the directory `path`, keeping the other tasks already there."""
    path.mkdir(parents=True, exist_ok=True)
    if (path / MANIFEST).exists():
        manifest = read_manifest(path)
    else:
        manifest = {"format": FORMAT, "format_version": FORMAT_VERSION, "tasks": {}}
    manifest["crible_version"] = __version__
    manifest["spacy_model"] = spacy_model
    entry = model.manifest_entry()
    payload = {"featurizer": model.featurizer, "classifiers": model.classifiers}
    _atomic_write(path / entry["file"], pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL))
    manifest["tasks"][model.task] = entry
    text = json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    _atomic_write(path / MANIFEST, text.encode("utf-8"))


def _atomic_write(file: Path, data: bytes) -> None:
    tmp = file.with_name(file.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, file)
