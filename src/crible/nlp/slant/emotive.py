"""Emotive, pejorative and exaggerating wording (emotive.tsv), found per token with context rules.

A lexicon entry matches on a token's lowercase form or lemma (`terms.TermMatcher`: one dict
lookup per token). What makes a match a finding:

- part of speech: an entry restricted to a part of speech matches only tokens the tagger reads
  as that part of speech (or a close one: a past participle for an adjective), so the conjunction
  "si" is not the intensifier "si" and the verb "combine" is not the noun;
- names: a capitalised word inside a named entity is part of a name ("Les Misérables");
- context: the entry's `unless_near` words make it neutral ("massacre" near "procès" or
  "Srebrenica" is the name of an event; "catastrophe naturelle" is an insurance category);
- negation: "ce n'est pas dramatique" is weaker than "c'est dramatique";
- combinations (syntactic cues): an intensifier ("totalement", "profondément") or a superlative
  ("le plus", "la moins") just before an evaluative word strengthens it, and the finding spans
  both, with the reason ("intensifier « totalement » + evaluative word « scandaleux »").

Intensifiers are never findings alone. A finding needs a final weight of `FLAG_MIN`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from crible.model import SlantFinding
from crible.nlp.slant.lexicon import EmotiveEntry
from crible.nlp.slant.loaded import CONTEXT_WINDOW, nearest
from crible.nlp.slant.scheme import CATEGORY_OF
from crible.nlp.slant.terms import TermMatcher
from crible.nlp.spans import doc_text

FLAG_MIN = 0.5
NEGATION_PENALTY = 0.25
INTENSIFIER_GAIN = 0.5  # share of the intensifier's weight added to the word it modifies
SUPERLATIVE_GAIN = 0.25
CAP = 0.95

# Token parts of speech that can carry an entry of each part of speech; others are refused.
_ALLOWED_POS: dict[str, frozenset[str]] = {
    "ADJ": frozenset({"ADJ", "VERB", "NOUN"}),
    "NOUN": frozenset({"NOUN", "ADJ"}),
    "VERB": frozenset({"VERB", "ADJ"}),
    "ADV": frozenset({"ADV"}),
}
_NEGATIONS = frozenset({"pas", "jamais", "guère", "nullement", "aucunement", "point"})
_NEGATION_REACH = 3  # tokens before the word
_SUPERLATIVE_DETS = frozenset({"le", "la", "les", "l'", "l’"})
_SUPERLATIVES = frozenset({"plus", "moins"})
_CATEGORY_WORDS = {
    "emotive": "emotive word",
    "pejorative": "pejorative label",
    "label": "label pinned on a group",
    "exaggeration": "hyperbole",
    "minimiser": "minimising word",
    "fear": "fear-inducing word",
    "doubt": "word casting doubt",
    "intensifier": "intensifier",
}


@dataclass(frozen=True)
class EmotiveMatch:
    """A lexicon entry found in a doc, after its context rules: token range and weight."""

    start: int
    end: int
    entry: EmotiveEntry
    weight: float
    negated: bool


def emotive_matches(
    doc: Doc,
    matcher: TermMatcher[EmotiveEntry],
    paragraph_spans: Sequence[tuple[int, int]],
    keys: Sequence[tuple[str, ...]] | None = None,
) -> list[EmotiveMatch]:
    """Every entry occurrence that passes its part of speech, name and context rules."""
    text = doc_text(doc)
    starts = [s for s, _ in paragraph_spans]
    out = []
    for m in matcher(doc, longest=True, keys=keys):
        entry = m.value
        first = doc[m.start]
        one_word = m.end - m.start == 1
        if entry.pos is not None and one_word and first.pos_ not in _ALLOWED_POS[entry.pos]:
            continue
        if any(t.ent_type_ and t.text[:1].isupper() for t in doc[m.start : m.end]):
            continue
        start = first.idx
        last = doc[m.end - 1]
        end = last.idx + len(last)
        if entry.unless_near is not None:
            i = bisect_right(starts, start) - 1
            line_start, line_end = paragraph_spans[i] if i >= 0 else (0, len(text))
            lo = max(line_start, start - CONTEXT_WINDOW)
            hi = min(line_end, end + CONTEXT_WINDOW)
            if nearest(entry.unless_near, text, start, end, lo, hi) is not None:
                continue
        negated = any(
            doc[j].lower_ in _NEGATIONS for j in range(max(0, m.start - _NEGATION_REACH), m.start)
        )
        weight = entry.weight - (NEGATION_PENALTY if negated else 0.0)
        out.append(EmotiveMatch(m.start, m.end, entry, weight, negated))
    return out


def find_emotive_wording(
    doc: Doc,
    matcher: TermMatcher[EmotiveEntry],
    paragraph_spans: Sequence[tuple[int, int]],
    keys: Sequence[tuple[str, ...]] | None = None,
    *,
    matches: Sequence[EmotiveMatch] | None = None,
) -> list[SlantFinding]:
    """Findings for the evaluative words (and their intensifier or superlative) weighing
    `FLAG_MIN` or more."""
    if matches is None:
        matches = emotive_matches(doc, matcher, paragraph_spans, keys)
    text = doc_text(doc)
    by_start = {m.start: m for m in matches}
    findings = []
    for m in matches:
        if m.entry.category == "intensifier":
            continue
        start_token, weight, why = m.start, m.weight, ""
        word = text[doc[m.start].idx : _end(doc, m.end)]
        end_token = m.end
        booster = _intensifier_before(by_start, m, doc)
        after = by_start.get(m.end) if booster is None else None
        if after is not None and not (
            after.entry.category == "intensifier" and after.entry.pos == "ADJ"
        ):
            after = None
        if booster is not None and not m.negated:
            start_token = booster.start
            weight = min(CAP, weight + INTENSIFIER_GAIN * booster.weight)
            intensifier = text[doc[booster.start].idx : _end(doc, booster.end)]
            why = f"intensifier « {intensifier} » + {_what(m.entry)} « {word} »"
        elif after is not None and not m.negated:
            end_token = after.end  # "une honte absolue", "un fiasco total"
            weight = min(CAP, weight + INTENSIFIER_GAIN * after.weight)
            intensifier = text[doc[after.start].idx : _end(doc, after.end)]
            why = f"{_what(m.entry)} « {word} » + intensifier « {intensifier} »"
        elif (superlative := _superlative_before(doc, m)) is not None:
            start_token = superlative
            weight = min(CAP, weight + SUPERLATIVE_GAIN)
            marker = text[doc[superlative].idx : doc[m.start].idx].strip()
            why = f"superlative « {marker} » + {_what(m.entry)} « {word} »"
        if weight < FLAG_MIN:
            continue
        start = doc[start_token].idx
        end = _end(doc, end_token)
        for technique in (m.entry.technique, *m.entry.also):
            findings.append(_finding(text, start, end, m, technique, round(weight, 2), why))
    return findings


def _end(doc: Doc, token_end: int) -> int:
    last = doc[token_end - 1]
    return last.idx + len(last)


def _intensifier_before(
    by_start: dict[int, EmotiveMatch], m: EmotiveMatch, doc: Doc
) -> EmotiveMatch | None:
    """An intensifier ending right before `m` (or one token before: "si peu crédible")."""
    for gap in (0, 1):
        for length in (1, 2, 3):
            candidate = by_start.get(m.start - gap - length)
            if (
                candidate is not None
                and candidate.entry.category == "intensifier"
                and candidate.end == m.start - gap
                and (gap == 0 or doc[m.start - 1].pos_ == "ADV")
            ):
                return candidate
    return None


def _superlative_before(doc: Doc, m: EmotiveMatch) -> int | None:
    """The token index of `le/la/les` in `le plus <word>`, `la moins <word>`."""
    i = m.start
    if i >= 2 and doc[i - 1].lower_ in _SUPERLATIVES and doc[i - 2].lower_ in _SUPERLATIVE_DETS:
        return i - 2
    return None


def _what(entry: EmotiveEntry) -> str:
    return _CATEGORY_WORDS.get(entry.category, "evaluative word")


def _finding(
    text: str, start: int, end: int, m: EmotiveMatch, technique: str, score: float, why: str
) -> SlantFinding:
    entry = m.entry
    quoted = text[start:end]
    reason = why or f"{_what(entry)}"
    if m.negated:
        reason += ", negated"
    message = f"'{quoted}': {reason}"
    if entry.neutral:
        message += f"; a neutral report says '{entry.neutral}'"
    message += f" ({technique})"
    return SlantFinding(
        start=start,
        end=end,
        text=quoted,
        technique=technique,
        category=CATEGORY_OF[technique],
        why=message,
        neutral=entry.neutral,
        side=None,
        score=score,
    )
