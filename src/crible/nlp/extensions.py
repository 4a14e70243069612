"""Custom `Doc` attributes that crible's components write.

Values are lists of `crible.model` objects whose offsets are relative to the `Doc` (the article
text); the analysis layer shifts them into document offsets. One place declares them all so every
component and test agrees on the names.
"""

from __future__ import annotations

from spacy.tokens import Doc

# name -> default. `crible_published` (a datetime.date or None) is set by the caller before the
# pipeline runs; the others are written by the components named.
DOC_EXTENSIONS: dict[str, object] = {
    "crible_published": None,
    "crible_entities": None,  # list[model.Entity], written by crible_entities
    "crible_claims": None,  # list[model.Claim], written by crible_claims
    "crible_times": None,  # list[model.TimeExpression], written by crible_times
    "crible_slant": None,  # list[model.SlantFinding], written by crible_slant
    "crible_paragraphs": None,  # list[model.Paragraph], written by crible_slant
    "crible_genre": None,  # str | None, written by crible_slant
    "crible_frames": None,  # list[str], written by crible_slant
}


def register_extensions() -> None:
    """Idempotent: safe to call from every module that needs the attributes."""
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


register_extensions()
