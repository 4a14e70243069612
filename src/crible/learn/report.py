"""Plain-text reports of scores: per-label precision, recall and F1 with their FP/FN counts, the
most frequent confusions (multi-label tasks) or the confusion matrix (genre). Used by
`crible evaluate`, `crible train` (cross-validated figures) and benchmarks/slant_rules.py."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from crible.learn.metrics import NOTHING, Scores

TOP_CONFUSIONS = 8


def score_lines(scores: Scores, labels: Sequence[str], *, only_seen: bool = True) -> list[str]:
    """One line per label (only labels in the gold or the predictions, with `only_seen`), then
    micro and macro figures."""
    width = max([len("label"), *(len(label) for label in labels)])
    lines = [f"{'label':<{width}}  {'gold':>5} {'pred':>5}  {'P':>5} {'R':>5} {'F1':>5}  FP  FN"]
    for label in labels:
        c = scores.counts.get(label)
        if c is None or (only_seen and not c.support and not c.predicted):
            continue
        lines.append(
            f"{label:<{width}}  {c.support:>5} {c.predicted:>5}  {c.precision:5.3f} "
            f"{c.recall:5.3f} {c.f1:5.3f} {c.fp:>3} {c.fn:>3}"
        )
    m = scores.micro
    lines.append(
        f"micro: P {m.precision:.4f} R {m.recall:.4f} F1 {scores.micro_f1:.4f}   "
        f"macro-F1 {scores.macro_f1:.4f}   ({scores.items} gold item(s))"
    )
    return lines


def confusion_lines(scores: Scores, *, top: int = TOP_CONFUSIONS) -> list[str]:
    """The most frequent (missed gold label, wrongly predicted label) pairs in one item."""
    if not scores.confusions:
        return ["no confusion: every gold label found, nothing extra"]
    lines = ["most frequent confusions in one item (gold missed -> predicted instead):"]
    for gold, predicted, n in scores.confusions[:top]:
        if predicted == NOTHING:
            lines.append(f"  {gold} missed, nothing predicted instead: {n}")
        elif gold == NOTHING:
            lines.append(f"  {predicted} predicted, not in the gold (nothing missed there): {n}")
        else:
            lines.append(f"  {gold} -> {predicted}: {n}")
    return lines


def matrix_lines(matrix: Mapping[str, Mapping[str, int]], labels: Sequence[str]) -> list[str]:
    """The confusion matrix of a single-label task, gold in rows, predicted in columns."""
    corner = "gold \\ predicted"
    width = max(len(corner), *(len(label) for label in labels))
    cell = max(5, *(len(label) for label in labels))
    lines = [f"{corner:<{width}}  " + " ".join(f"{p:>{cell}}" for p in labels)]
    for gold in labels:
        row = matrix.get(gold, {})
        lines.append(f"{gold:<{width}}  " + " ".join(f"{row.get(p, 0):>{cell}}" for p in labels))
    return lines
