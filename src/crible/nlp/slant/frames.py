"""Frames (the 14 of SemEval-2023 Task 3) from keyword lexicons: a frame is kept when enough
distinct keywords of it occur in the article."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from crible.nlp.slant.scheme import FRAMES
from crible.nlp.slant.terms import TermMatcher

# A frame needs this many distinct keywords and this many hits in the article.
MIN_DISTINCT = 2
MIN_HITS = 3


def frame_counts(
    doc: Doc,
    matcher: TermMatcher[tuple[str, int]],
    keys: Sequence[tuple[str, ...]] | None = None,
) -> dict[str, tuple[int, int]]:
    """frame -> (distinct keywords, hits)."""
    distinct: dict[str, set[int]] = {}
    hits: dict[str, int] = {}
    for m in matcher(doc, longest=False, keys=keys):
        frame, term_id = m.value
        distinct.setdefault(frame, set()).add(term_id)
        hits[frame] = hits.get(frame, 0) + 1
    return {f: (len(distinct[f]), hits[f]) for f in distinct}


def doc_frames(
    doc: Doc,
    matcher: TermMatcher[tuple[str, int]],
    *,
    keys: Sequence[tuple[str, ...]] | None = None,
    min_distinct: int = MIN_DISTINCT,
    min_hits: int = MIN_HITS,
) -> list[str]:
    """Frames with enough evidence, in scheme order."""
    counts = frame_counts(doc, matcher, keys)
    return [
        f
        for f in FRAMES
        if f in counts and counts[f][0] >= min_distinct and counts[f][1] >= min_hits
    ]
