"""Paragraphs in the SemEval-2023 Task 3 sense: one non-blank line of the text is one paragraph."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from crible.model import Paragraph, SlantFinding
from crible.nlp.slant.scheme import TECHNIQUES

# Findings below this score are reported as spans but do not label their paragraph.
PARAGRAPH_MIN_SCORE = 0.5
_ORDER = {t: i for i, t in enumerate(TECHNIQUES)}


def line_spans(text: str) -> list[tuple[int, int]]:
    """Char offsets of the non-blank lines of `text`, without the trailing newline (and `\\r`)."""
    spans = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        stop = end - 1 if line.endswith("\r") else end
        if line.strip():
            spans.append((start, stop))
        start = end + 1
    return spans


def techniques_by_paragraph(
    findings: Sequence[SlantFinding],
    spans: Sequence[tuple[int, int]],
    *,
    min_score: float = PARAGRAPH_MIN_SCORE,
) -> list[list[str]]:
    """For each span, the techniques of the findings starting in it (scheme order, no repeats)."""
    starts = [s for s, _ in spans]
    out: list[set[str]] = [set() for _ in spans]
    for f in findings:
        if f.score < min_score:
            continue
        i = bisect_right(starts, f.start) - 1
        if i >= 0 and f.start < spans[i][1]:
            out[i].add(f.technique)
    return [sorted(s, key=lambda t: _ORDER.get(t, len(_ORDER))) for s in out]


def paragraphs(
    spans: Sequence[tuple[int, int]], techniques: Sequence[Sequence[str]]
) -> list[Paragraph]:
    return [
        Paragraph(start=s, end=e, techniques=list(t))
        for (s, e), t in zip(spans, techniques, strict=True)
    ]
