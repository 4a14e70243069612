"""The official SemEval-2023 Task 3 metrics: multi-label micro- and macro-F1 over the label set,
with the per-label counts and confusions that show where a predictor fails.

As in the task's scorer (scikit-learn's `f1_score` over a `MultiLabelBinarizer` fitted on the
whole label list), macro-F1 averages the F1 of every label of the scheme, and a label that is
neither in the gold nor in the predictions counts 0. For genre (one label per article)
micro-F1 equals accuracy.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping, Sequence, Set
from dataclasses import dataclass, field

NOTHING = "(none)"  # the other side of a confusion when a label was missed or added alone


@dataclass(frozen=True)
class LabelCounts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def support(self) -> int:
        return self.tp + self.fn

    @property
    def predicted(self) -> int:
        return self.tp + self.fp

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.support if self.support else 0.0

    @property
    def f1(self) -> float:
        return _f1(self.tp, self.fp, self.fn)


@dataclass(frozen=True)
class Scores:
    micro_f1: float
    macro_f1: float
    items: int
    per_label: dict[str, float]
    counts: dict[str, LabelCounts] = field(default_factory=dict)
    # (gold label, predicted label, items): a missed gold label and a wrongly predicted label in
    # the same item, most frequent first; NOTHING on one side when the other stood alone.
    confusions: list[tuple[str, str, int]] = field(default_factory=list)

    @property
    def micro(self) -> LabelCounts:
        return LabelCounts(
            sum(c.tp for c in self.counts.values()),
            sum(c.fp for c in self.counts.values()),
            sum(c.fn for c in self.counts.values()),
        )


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def f1_scores(
    gold: Mapping[Hashable, Set[str]],
    predicted: Mapping[Hashable, Set[str]],
    labels: Sequence[str],
) -> Scores:
    """Scores over the keys of `gold`; a key missing from `predicted` counts as no label."""
    counts = {label: [0, 0, 0] for label in labels}
    pairs: Counter[tuple[str, str]] = Counter()
    for key, truth in gold.items():
        guess = predicted.get(key, set())
        for label in labels:
            in_truth, in_guess = label in truth, label in guess
            if in_truth and in_guess:
                counts[label][0] += 1
            elif in_guess:
                counts[label][1] += 1
            elif in_truth:
                counts[label][2] += 1
        missed = sorted(label for label in truth - guess if label in counts)
        extra = sorted(label for label in guess - truth if label in counts)
        for m in missed or [NOTHING]:
            for e in extra or [NOTHING]:
                if (m, e) != (NOTHING, NOTHING):
                    pairs[m, e] += 1
    per_label = {label: _f1(*c) for label, c in counts.items()}
    tp, fp, fn = (sum(c[i] for c in counts.values()) for i in range(3))
    macro = sum(per_label.values()) / len(labels) if labels else 0.0
    return Scores(
        _f1(tp, fp, fn),
        macro,
        len(gold),
        per_label,
        {label: LabelCounts(*c) for label, c in counts.items()},
        [(g, p, n) for (g, p), n in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))],
    )


def confusion_matrix(
    gold: Mapping[Hashable, Set[str]],
    predicted: Mapping[Hashable, Set[str]],
    labels: Sequence[str],
) -> dict[str, dict[str, int]]:
    """Single-label tasks (genre): gold label -> predicted label -> items."""
    matrix = {g: dict.fromkeys(labels, 0) for g in labels}
    for key, truth in gold.items():
        guess = predicted.get(key, set())
        for g in truth:
            for p in guess:
                if g in matrix and p in matrix[g]:
                    matrix[g][p] += 1
    return matrix
