"""Persuasion techniques from surface cues: the regex cues of persuasion.tsv, plus anaphora
(the same opening repeated over three or more sentences in a row) for Repetition."""

from __future__ import annotations

import re
from collections.abc import Sequence

from crible.model import SlantFinding
from crible.nlp.cues import BucketedCues, cue_index
from crible.nlp.slant.lexicon import PersuasionCue, cue_body
from crible.nlp.slant.scheme import CATEGORY_OF

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
_WORD = re.compile(r"\w+(?:['’]\w+)?")
ANAPHORA_MIN_SENTENCES = 3
ANAPHORA_WORDS = 2


class CueSet(BucketedCues):
    """The cues of persuasion.tsv; each match gives one finding per technique of its cue."""

    def __init__(self, cues: Sequence[PersuasionCue]) -> None:
        self.cues = tuple(cues)
        super().__init__([cue_body(c.source) for c in self.cues])

    def __call__(self, text: str) -> list[SlantFinding]:
        """The findings of every cue match (matches do not overlap; the earlier cue wins)."""
        findings = []
        for m in self.matches(text):
            cue = self.cues[cue_index(m)]
            for technique in (cue.technique, *cue.also):
                findings.append(_finding(text, m.start(), m.end(), technique, cue.why, cue.score))
        return findings


def find_anaphora(
    text: str,
    paragraph_spans: Sequence[tuple[int, int]],
    *,
    min_sentences: int = ANAPHORA_MIN_SENTENCES,
    words: int = ANAPHORA_WORDS,
) -> list[SlantFinding]:
    """Sentences in a row (inside one paragraph) that open with the same `words` words."""
    findings = []
    for line_start, line_end in paragraph_spans:
        run: list[tuple[int, int]] = []  # (start, end) of each opening in the current run
        previous: tuple[str, ...] | None = None
        pos = line_start
        for piece in [*_SENTENCE_END.split(text[line_start:line_end]), None]:
            opening: tuple[str, ...] | None = None
            span: tuple[int, int] | None = None
            if piece is not None:
                start = text.index(piece, pos) if piece else pos
                pos = start + len(piece)
                tokens = list(_WORD.finditer(piece))[:words]
                if len(tokens) == words:
                    opening = tuple(t.group().lower() for t in tokens)
                    span = (start + tokens[0].start(), start + tokens[-1].end())
            if opening is not None and opening == previous and span is not None:
                run.append(span)
                continue
            if len(run) >= min_sentences:
                start, end = run[0][0], run[-1][1]
                quoted = text[run[0][0] : run[0][1]]
                why = (
                    f"{len(run)} sentences in a row open with '{quoted}': "
                    "insistence by repetition (anaphora)"
                )
                findings.append(_finding(text, start, end, "Repetition", why, 0.7))
            run = [span] if span is not None else []
            previous = opening
    return findings


def _finding(
    text: str, start: int, end: int, technique: str, why: str, score: float
) -> SlantFinding:
    return SlantFinding(
        start=start,
        end=end,
        text=text[start:end],
        technique=technique,
        category=CATEGORY_OF[technique],
        why=f"'{_short(text[start:end])}': {why} ({technique})",
        score=score,
    )


def _short(s: str, limit: int = 60) -> str:
    return s if len(s) <= limit else s[: limit - 1] + "…"
