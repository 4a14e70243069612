"""Genre of an article (opinion, reporting or satire) from surface cues.

Reporting is the default for news. Opinion needs several signals per sentence: first-person
singular outside quotes, exclamations, rhetorical questions, the opinion cues of genre.tsv and the
density of slanted findings. Satire needs its own explicit cues (genre.tsv).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from crible.model import SlantFinding
from crible.nlp.slant.lexicon import GenreCue, combine_cues

_SENTENCE = re.compile(r"[^.!?…\n]+(?:[.!?…]+|$)")
_FIRST_PERSON = re.compile(r"(?<!\w)(?:je|j['’]|moi|me|m['’])(?!\w)", re.IGNORECASE)
_QUOTED = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"]*\"")

OPINION_THRESHOLD = 0.35  # weighted signals per sentence
OPINION_MIN_VOICE = 2.0  # first person, exclamations, questions and opinion cues
SATIRE_THRESHOLD = 2.0  # total weight of satire cues
FINDING_WEIGHT = 0.25  # each slant finding adds this to the opinion signals


class GenreCues:
    """The cues of genre.tsv compiled into one regex."""

    def __init__(self, cues: Sequence[GenreCue]) -> None:
        self.cues = tuple(cues)
        self.pattern = combine_cues([c.source for c in self.cues])

    def weights(self, text: str) -> dict[str, float]:
        out: dict[str, float] = {}
        for m in self.pattern.finditer(text):
            cue = self.cues[int((m.lastgroup or "c0")[1:])]
            out[cue.genre] = out.get(cue.genre, 0.0) + cue.weight
        return out


def genre_signals(text: str, findings: Sequence[SlantFinding], cues: GenreCues) -> dict[str, float]:
    """Weighted evidence: `voice` (first person, exclamations, questions, opinion cues),
    `opinion` (voice plus slant findings), `satire`, and the sentence count `sentences`."""
    unquoted = _QUOTED.sub(lambda m: " " * len(m.group()), text)
    sentences = [s for s in _SENTENCE.findall(unquoted) if s.strip()]
    first_person = sum(1 for s in sentences if _FIRST_PERSON.search(s))
    exclaim = sum(1 for s in sentences if s.rstrip().endswith("!"))
    questions = sum(1 for s in sentences if s.rstrip().endswith("?"))
    weights = cues.weights(unquoted)
    voice = first_person + 1.5 * exclaim + 0.5 * questions + weights.get("opinion", 0.0)
    loaded = FINDING_WEIGHT * sum(1 for f in findings if f.score >= 0.5)
    return {
        "voice": voice,
        "opinion": voice + loaded,
        "satire": weights.get("satire", 0.0),
        "sentences": float(len(sentences)),
    }


def decide_genre(text: str, findings: Sequence[SlantFinding], cues: GenreCues) -> str | None:
    if not text.strip():
        return None
    s = genre_signals(text, findings, cues)
    if s["satire"] >= SATIRE_THRESHOLD:
        return "satire"
    per_sentence = s["opinion"] / max(1.0, s["sentences"])
    if s["voice"] >= OPINION_MIN_VOICE and per_sentence >= OPINION_THRESHOLD:
        return "opinion"
    return "reporting"
