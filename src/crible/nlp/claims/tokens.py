"""Small token helpers shared by the claim finders."""

from __future__ import annotations

from spacy.tokens import Token

# (morphology hash, field) -> values. A corpus has a few thousand distinct analyses, and parsing
# the analysis string on every call was a visible share of the claims stage.
_VALUES: dict[tuple[int, str], tuple[str, ...]] = {}
_VALUES_MAX = 100_000


def feats(token: Token, field: str) -> tuple[str, ...]:
    """The values of one morphological feature (`Mood`, `Gender`…), empty when absent."""
    morph = token.morph
    key = (int(morph.key), field)  # type: ignore[attr-defined]  # the hash of the analysis
    values = _VALUES.get(key)
    if values is None:
        if len(_VALUES) > _VALUES_MAX:
            _VALUES.clear()
        values = tuple(str(value) for value in morph.get(field, []))
        _VALUES[key] = values
    return values
