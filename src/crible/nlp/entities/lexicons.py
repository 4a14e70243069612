"""Loaders for the language-keyed word lists of the entity layer (lexicons/<lang>/).

Each loader reads a versioned TSV once per language (cached) and returns plain data; a missing or
malformed file raises ResourceError naming the file and line.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from crible.errors import ResourceError

LEXICONS = Path(__file__).resolve().parents[2] / "lexicons"


def _rows(lang: str, filename: str) -> list[tuple[int, list[str]]]:
    path = LEXICONS / lang / filename
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ResourceError(
            f"the word list {path} cannot be read: {exc}",
            hint=f"language {lang!r} needs lexicons/{lang}/{filename}",
        ) from exc
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() and not line.startswith("#"):
            cols = [col.strip() for col in line.split("\t")]
            if not cols[0]:
                raise ResourceError(f"{path}, line {number}: the first column is empty")
            rows.append((number, cols))
    return rows


@lru_cache(maxsize=4)
def load_outlets(lang: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(canonical name, variants) per outlet, from lexicons/<lang>/outlets.tsv."""
    return tuple(
        (cols[0], tuple(col for col in cols[1:] if col)) for _, cols in _rows(lang, "outlets.tsv")
    )


ROLE_KINDS = ("title", "ministry", "portfolio", "outlet")


@lru_cache(maxsize=4)
def _role_words(lang: str) -> dict[str, tuple[str, ...]]:
    words: dict[str, list[str]] = {kind: [] for kind in ROLE_KINDS}
    for number, cols in _rows(lang, "role_nouns.tsv"):
        if len(cols) < 2 or cols[1] not in ROLE_KINDS:
            raise ResourceError(
                f"{LEXICONS / lang / 'role_nouns.tsv'}, line {number}: expected "
                f"'noun<TAB>kind' with kind one of {', '.join(ROLE_KINDS)}"
            )
        # portfolios keep their capitals: they are matched as written ("ministre des Transports")
        words[cols[1]].append(cols[0] if cols[1] == "portfolio" else cols[0].lower())
    return {kind: tuple(found) for kind, found in words.items()}


@lru_cache(maxsize=4)
def load_role_nouns(lang: str) -> tuple[str, ...]:
    """Role nouns and fixed role phrases, lower case, from lexicons/<lang>/role_nouns.tsv."""
    return _role_words(lang)["title"]


@lru_cache(maxsize=16)
def load_role_words(lang: str, kind: str) -> tuple[str, ...]:
    """The words of one kind of role_nouns.tsv: title, ministry, portfolio or outlet."""
    return _role_words(lang)[kind]
