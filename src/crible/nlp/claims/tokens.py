"""Small token helpers shared by the claim finders."""

from __future__ import annotations

from spacy.tokens import Token


def feats(token: Token, field: str) -> list[str]:
    """The values of one morphological feature (`Mood`, `Gender`…), empty when absent."""
    return [str(value) for value in token.morph.get(field, [])]
