"""Loaded and partisan wording: lexicon terms (slant.tsv) found on lemmas and lowercase forms,
kept or dropped by the context words of their entry."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from spacy.tokens import Doc

from crible.model import SlantFinding
from crible.nlp.slant.lexicon import SlantTerm
from crible.nlp.slant.scheme import CATEGORY_OF
from crible.nlp.slant.terms import TermMatcher
from crible.nlp.spans import doc_text

# Context words are looked for this many characters around a term, inside its paragraph (line).
CONTEXT_WINDOW = 200
BOOST = 0.3


def find_loaded_wording(
    doc: Doc,
    matcher: TermMatcher[SlantTerm],
    paragraph_spans: Sequence[tuple[int, int]],
    keys: Sequence[tuple[str, ...]] | None = None,
) -> list[SlantFinding]:
    """One finding per lexicon term whose context rules let it through."""
    text = doc_text(doc)
    starts = [s for s, _ in paragraph_spans]
    findings = []
    for m in matcher(doc, longest=False, keys=keys):
        term = m.value
        start = doc[m.start].idx
        end = doc[m.end - 1].idx + len(doc[m.end - 1])
        i = bisect_right(starts, start) - 1
        line_start, line_end = paragraph_spans[i] if i >= 0 else (0, len(text))
        lo = max(line_start, start - CONTEXT_WINDOW)
        hi = min(line_end, end + CONTEXT_WINDOW)
        score = _context_score(term, text, start, end, lo, hi)
        if score is None:
            continue
        findings.append((term, start, end, score))
    merged = _merged(findings)
    return _without_overlaps([_finding(t, text[s:e], s, e, sc) for t, s, e, sc in merged])


def _merged(
    found: list[tuple[SlantTerm, int, int, float]],
) -> list[tuple[SlantTerm, int, int, float]]:
    """Overlapping matches of variants of one entry become one span (the highest score)."""
    out: list[tuple[SlantTerm, int, int, float]] = []
    for term, start, end, score in sorted(found, key=lambda f: f[1]):
        for i, (t, s, e, sc) in enumerate(out):
            if t is term and start < e and end > s:
                out[i] = (t, min(s, start), max(e, end), max(sc, score))
                break
        else:
            out.append((term, start, end, score))
    return out


def _without_overlaps(findings: list[SlantFinding]) -> list[SlantFinding]:
    """Overlapping findings keep the longest, then the most confident."""
    kept: list[SlantFinding] = []
    for f in sorted(findings, key=lambda f: (f.start - f.end, -f.score, f.start)):
        if all(f.end <= k.start or f.start >= k.end for k in kept):
            kept.append(f)
    return sorted(kept, key=lambda f: f.start)


def _context_score(
    term: SlantTerm, text: str, start: int, end: int, lo: int, hi: int
) -> float | None:
    """The term's score in this context, or None when the context makes the wording neutral."""
    if term.only_near is not None and nearest(term.only_near, text, start, end, lo, hi) is None:
        return None
    boost = None if term.boost_near is None else nearest(term.boost_near, text, start, end, lo, hi)
    if term.unless_near is not None:
        unless = nearest(term.unless_near, text, start, end, lo, hi)
        if unless is not None and (boost is None or boost > unless):
            return None
    if boost is not None:
        return round(min(1.0, term.score + BOOST), 2)
    return term.score


def nearest(
    pattern: re.Pattern[str], text: str, start: int, end: int, lo: int, hi: int
) -> int | None:
    """Distance in characters to the nearest hit of `pattern` in text[lo:hi] outside the term."""
    best = None
    for hit in pattern.finditer(text, lo, hi):
        if hit.start() < end and hit.end() > start:
            continue  # the term itself
        dist = start - hit.end() if hit.end() <= start else hit.start() - end
        if best is None or dist < best:
            best = dist
    return best


def _finding(term: SlantTerm, text: str, start: int, end: int, score: float) -> SlantFinding:
    why = f"'{text}' {term.gloss}"
    if term.neutral:
        why += f"; a neutral report says '{term.neutral}'"
    why += f" ({term.technique})"
    return SlantFinding(
        start=start,
        end=end,
        text=text,
        technique=term.technique,
        category=CATEGORY_OF[term.technique],
        why=why,
        neutral=term.neutral,
        side=term.side,
        score=score,
    )
