"""Genre of an article (opinion, reporting or satire) from document-level cues.

Everything is read outside quotes («…», "…"): what a reported speaker says does not make the
article an opinion piece. The evidence:

- the writer's voice: sentences in the first person (singular: 1 each; plural: 0.5 each),
  exclamations (1.5), questions (0.5), and the opinion cues of genre.tsv (bylines and rubrics
  such as « tribune », « éditorial », « chronique », « point de vue », and phrases such as « à mon
  avis », « soyons clairs »);
- evaluative density: each slant finding (score 0.5 or more) outside quotes adds 0.5, except
  the partisan terms of a side (slant.tsv): they mark whose vocabulary a text uses, which
  reporting does too;
- reporting cues of genre.tsv (attribution: « selon », « a indiqué », « a-t-on appris »; wire
  datelines) weigh against opinion, as does a high share of quoted text;
- satire: the satire cues of genre.tsv (self-descriptions, satirical outlets, absurdity cues such
  as « le plus sérieusement du monde » or « visiblement ému »).

Reporting is the default for news.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from crible.model import SlantFinding
from crible.nlp.cues import BucketedCues, cue_index
from crible.nlp.slant.lexicon import GenreCue, cue_body

_SENTENCE = re.compile(r"[^.!?…\n]+(?:[.!?…]+|$)")
_FIRST_PERSON = re.compile(r"(?<!\w)(?:je|j['’]|moi|me|m['’])(?!\w)", re.IGNORECASE)
_FIRST_PLURAL = re.compile(r"(?<!\w)(?:nous|notre|nos)(?!\w)", re.IGNORECASE)
_QUOTED = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"]*\"")

OPINION_MIN = 1.0  # total opinion evidence
OPINION_RATE = 0.15  # opinion evidence per sentence
SATIRE_THRESHOLD = 2.0  # total weight of satire cues
FINDING_WEIGHT = 0.5  # each slant finding outside quotes
PLURAL_WEIGHT = 0.5  # each sentence with "nous", "notre", "nos" outside quotes
QUOTE_SHARE_PENALTY = 2.0  # times the share of quoted characters, taken off the evidence


class GenreCues(BucketedCues):
    """The cues of genre.tsv, matched in one pass (bucketed by first character)."""

    def __init__(self, cues: Sequence[GenreCue]) -> None:
        self.cues = tuple(cues)
        super().__init__([cue_body(c.source) for c in self.cues])

    def weights(self, text: str) -> dict[str, float]:
        out: dict[str, float] = {}
        for m in self.matches(text):
            cue = self.cues[cue_index(m)]
            out[cue.genre] = out.get(cue.genre, 0.0) + cue.weight
        return out


def quoted_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _QUOTED.finditer(text)]


def genre_signals(text: str, findings: Sequence[SlantFinding], cues: GenreCues) -> dict[str, float]:
    """Weighted evidence: `voice`, `evaluative`, `reporting`, `opinion` (voice + evaluative −
    reporting − quote penalty), `satire`, the share of quoted characters `quote_share` and the
    sentence count `sentences`."""
    quotes = quoted_spans(text)
    unquoted = _QUOTED.sub(lambda m: " " * len(m.group()), text)
    sentences = [s for s in _SENTENCE.findall(unquoted) if s.strip()]
    first_person = sum(1 for s in sentences if _FIRST_PERSON.search(s))
    plural = sum(1 for s in sentences if _FIRST_PLURAL.search(s))
    exclaim = sum(1 for s in sentences if s.rstrip().endswith("!"))
    questions = sum(1 for s in sentences if s.rstrip().endswith("?"))
    weights = cues.weights(unquoted)
    voice = (
        first_person
        + PLURAL_WEIGHT * plural
        + 1.5 * exclaim
        + 0.5 * questions
        + weights.get("opinion", 0.0)
    )
    outside = [
        f
        for f in findings
        if f.score >= 0.5 and f.side is None and not any(s <= f.start < e for s, e in quotes)
    ]
    evaluative = FINDING_WEIGHT * len(outside)
    quote_share = sum(e - s for s, e in quotes) / max(1, len(text))
    reporting = weights.get("reporting", 0.0)
    opinion = voice + evaluative - reporting - QUOTE_SHARE_PENALTY * quote_share
    return {
        "voice": voice,
        "evaluative": evaluative,
        "reporting": reporting,
        "opinion": opinion,
        "satire": weights.get("satire", 0.0),
        "quote_share": quote_share,
        "sentences": float(len(sentences)),
    }


def decide_genre(text: str, findings: Sequence[SlantFinding], cues: GenreCues) -> str | None:
    if not text.strip():
        return None
    s = genre_signals(text, findings, cues)
    if s["satire"] >= SATIRE_THRESHOLD:
        return "satire"
    if s["opinion"] >= OPINION_MIN and s["opinion"] / max(1.0, s["sentences"]) >= OPINION_RATE:
        return "opinion"
    return "reporting"
