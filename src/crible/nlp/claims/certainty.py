"""How firmly a statement is made: conditional mood, hedges, denials, lack of confirmation."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Token

from crible.model import Certainty
from crible.nlp.claims.lexicon import ClaimLexicon
from crible.nlp.claims.tokens import feats

_COND_SUFFIXES = ("raient", "rions", "riez", "rait", "rais")
RANK: dict[Certainty, int] = {
    "unconfirmed": 4,
    "denied": 3,
    "hedged": 2,
    "reported": 1,
    "asserted": 0,
}


@dataclass(frozen=True)
class CueHit:
    start: int
    end: int
    text: str
    certainty: Certainty


def is_conditional(token: Token, lexicon: ClaimLexicon) -> bool:
    """The model's `Mood=Cnd`, or a -rait/-raient/-rais form whose stem fits the lemma (the model
    misses many conditionals: envisagerait, rendrait, exprimerait)."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    if "Cnd" in feats(token, "Mood"):
        return True
    low = token.lower_
    for suffix in _COND_SUFFIXES:
        if not low.endswith(suffix):
            continue
        stem = low[: -len(suffix)]
        lemma = token.lemma_.lower()
        if stem + "r" == lemma or stem + "re" == lemma:
            return True
        if stem in lexicon.conditional_stems:
            return True
        # unknown lemma: a first-group future stem ends in -e (déclarerait, not déclarait)
        return lemma == low and stem.endswith("e") and len(stem) > 3
    return False


def find_cues(text: str, lexicon: ClaimLexicon) -> list[CueHit]:
    """Every certainty cue of the lexicon in `text` (offsets into `text`)."""
    hits = []
    for match in lexicon.certainty_cues.matches(text):
        group = match.lastgroup
        if group is not None:
            start, end = match.span()  # of the lowercased text: the same offsets
            hits.append(CueHit(start, end, text[start:end], lexicon.cue_certainty[group]))
    return hits


def judge(
    base: Certainty,
    tokens: Iterable[Token],
    cues: Iterable[CueHit],
    lexicon: ClaimLexicon,
    verb_certainty: Certainty | None = None,
    verb_text: str = "",
) -> tuple[Certainty, str]:
    """The certainty of a statement and the reason, from its tokens and the cue hits inside it.
    The strongest signal wins: unconfirmed > denied > hedged > the base (reported or asserted)."""
    best: Certainty = base
    reason = ""
    for cue in cues:
        if RANK[cue.certainty] > RANK[best]:
            best, reason = cue.certainty, f"'{cue.text}' marks it {cue.certainty}"
    if verb_certainty is not None and RANK[verb_certainty] > RANK[best]:
        best, reason = verb_certainty, f"the verb '{verb_text}' makes it {verb_certainty}"
    if RANK[best] < RANK["hedged"]:
        for token in tokens:
            if is_conditional(token, lexicon):
                best, reason = "hedged", f"conditional '{token.text}' hedges it"
                break
    return best, reason
