"""Name normalisation: the keys under which names are compared and looked up.

Two keys, both pure functions of a string (the build script uses the same functions, so the index
it writes agrees with the runtime):

- `norm_key`: accents, case, apostrophes, hyphens and dots folded ("l'O.T.A.N." -> "l'otan",
  "Sdérot" -> "sderot", "Jean-Marie" -> "jean marie").
- `phonetic_key`: `norm_key` plus transliteration folding, so Zelensky / Zelenskiy / Zelenskyy /
  Zelenski / Selenskyj / Zelenskyj share one key, and so do Netanyahu / Nétanyahou. It is only
  used as a fallback (it merges more than it should in general).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'"})
_DASHES = re.compile(r"[-‐‑‒–—_]+")
_SPACES = re.compile(r"\s+")
_ELISION = re.compile(r"^(?:l|d|L|D)['’]\s*")
_ARTICLES = ("les ", "le ", "la ", "the ")

# ordered transliteration folds, applied per token after `norm_key`
_TRANSLIT = (
    ("tsch", "ch"),
    ("sch", "sh"),
    ("tch", "ch"),
    ("kh", "h"),
    ("ph", "f"),
    ("ck", "k"),
    ("ou", "u"),
    ("w", "v"),
    ("z", "s"),
    ("j", "i"),
    ("y", "i"),
)
_REPEATS = re.compile(r"(.)\1+")
_SILENT_FINAL = ("t", "d", "s", "x")


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def norm_key(text: str) -> str:
    """Case-, accent-, apostrophe-, hyphen- and dot-insensitive key of a name."""
    key = strip_accents(text.translate(_APOSTROPHES)).casefold()
    key = key.replace(".", "")
    key = _DASHES.sub(" ", key)
    return _SPACES.sub(" ", key).strip()


def _fold_token(token: str) -> str:
    for old, new in _TRANSLIT:
        token = token.replace(old, new)
    token = _REPEATS.sub(r"\1", token)
    if len(token) > 4 and token.endswith(_SILENT_FINAL):
        token = token[:-1]
    return token


@lru_cache(maxsize=65536)
def phonetic_key(text: str) -> str:
    """Transliteration-insensitive key: equal for the usual spellings of one foreign name."""
    key = norm_key(text).replace("'", "")
    return " ".join(_fold_token(tok) for tok in key.split(" ") if tok)


def strip_elision(text: str) -> tuple[str, int]:
    """Drop a leading elided article ("l’OTAN" -> "OTAN"); return the rest and its offset."""
    match = _ELISION.match(text)
    if match is None:
        return text, 0
    return text[match.end() :], match.end()


def strip_article(key: str) -> str:
    """Drop a leading article from a `norm_key` ("le monde" stays for outlets: callers decide)."""
    for article in _ARTICLES:
        if key.startswith(article):
            return key[len(article) :]
    return key


def slugify(name: str) -> str:
    """A stable id for an entity without a Wikidata id: ascii, lower case, hyphenated."""
    slug = re.sub(r"[^a-z0-9]+", "-", strip_accents(name).casefold()).strip("-")
    return slug or "entity"


def is_acronym(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def name_tokens(text: str) -> list[str]:
    """The `norm_key` words of a name ("Jean-Marie Le Pen" -> ["jean", "marie", "le", "pen"])."""
    return [tok for tok in norm_key(text).replace("'", " ").split(" ") if tok]
