"""The official SemEval-2023 Task 3 metrics: multi-label micro- and macro-F1 over the label set.

As in the task's scorer (scikit-learn's `f1_score` over a `MultiLabelBinarizer` fitted on the
whole label list), macro-F1 averages the F1 of every label of the scheme, and a label that is
neither in the gold nor in the predictions counts 0. For genre (one label per article)
micro-F1 equals accuracy.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence, Set
from dataclasses import dataclass


@dataclass(frozen=True)
class Scores:
    micro_f1: float
    macro_f1: float
    items: int
    per_label: dict[str, float]


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def f1_scores(
    gold: Mapping[Hashable, Set[str]],
    predicted: Mapping[Hashable, Set[str]],
    labels: Sequence[str],
) -> Scores:
    """Scores over the keys of `gold`; a key missing from `predicted` counts as no label."""
    counts = {label: [0, 0, 0] for label in labels}
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
    per_label = {label: _f1(*c) for label, c in counts.items()}
    tp, fp, fn = (sum(c[i] for c in counts.values()) for i in range(3))
    macro = sum(per_label.values()) / len(labels) if labels else 0.0
    return Scores(_f1(tp, fp, fn), macro, len(gold), per_label)
