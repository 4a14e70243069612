"""Read the slant data files of one language (src/crible/lexicons/<lang>/): loaded terms, persuasion
cues, frame keywords and genre cues. Formats: docs/formats/slant.md, persuasion.md, frames.md.

Every reader validates as it goes and raises `ResourceError` naming the file and line, so a broken
data file fails at load time, never halfway through a document. Results are cached per language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from crible.errors import ResourceError
from crible.nlp.slant.scheme import CATEGORY_OF, FRAMES, GENRES

# The sides a loaded term may mark (column `side` of slant.tsv); language-independent.
SIDES: tuple[str, ...] = (
    "pro-Palestinian",
    "pro-Israeli",
    "pro-Russian",
    "pro-Ukrainian",
    "far-right",
    "far-left",
    "right",
    "left",
    "anti-vaccine",
    "pro-vaccine",
    "anti-immigration",
    "pro-immigration",
    "environmentalist",
    "anti-environmentalist",
    "anti-Islam",
    "anti-establishment",
)

EMPTY = "-"
_ESCAPES = re.compile(r"\\[A-Za-z]|\(\?P[<=]")
_UPPER = re.compile(r"[A-Z]")


@dataclass(frozen=True)
class SlantTerm:
    """One charged term of slant.tsv (all spelling variants share the entry)."""

    variants: tuple[str, ...]
    technique: str
    side: str | None
    neutral: str | None
    score: float
    gloss: str
    only_near: re.Pattern[str] | None
    unless_near: re.Pattern[str] | None
    boost_near: re.Pattern[str] | None


@dataclass(frozen=True)
class PersuasionCue:
    technique: str
    pattern: re.Pattern[str]
    source: str
    score: float
    why: str
    also: tuple[str, ...] = ()  # further techniques the same words carry


@dataclass(frozen=True)
class FrameTerm:
    frame: str
    variants: tuple[str, ...]


@dataclass(frozen=True)
class GenreCue:
    genre: str
    pattern: re.Pattern[str]
    source: str
    weight: float
    why: str


def lexicon_path(lang: str, name: str) -> Path:
    """The shipped data file `name` for `lang`; `ResourceError` when it is missing."""
    path = Path(str(resources.files("crible") / "lexicons" / lang / name))
    if not path.is_file():
        raise ResourceError(
            f"the slant data file {lang}/{name} is missing",
            hint="reinstall crible, or add the file for this language (see docs/formats)",
        )
    return path


def _rows(path: Path, ncols: int) -> list[tuple[int, list[str]]]:
    rows = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cols = [c.strip() for c in raw.split("\t")]
        if len(cols) != ncols:
            raise ResourceError(
                f"{path.name}:{number}: expected {ncols} tab-separated columns, found {len(cols)}",
                hint=f"see docs/formats for the format of {path.name}",
            )
        rows.append((number, cols))
    return rows


def _fail(path: Path, number: int, what: str) -> ResourceError:
    return ResourceError(f"{path.name}:{number}: {what}", hint="fix the data file")


def _opt(value: str) -> str | None:
    return None if value == EMPTY else value


def _score(path: Path, number: int, value: str) -> float:
    try:
        score = float(value)
    except ValueError:
        raise _fail(path, number, f"score {value!r} is not a number") from None
    if not 0.0 <= score <= 1.0:
        raise _fail(path, number, f"score {score} is outside [0, 1]")
    return score


def cue_body(pattern: str) -> str:
    """A cue regex as written in the data files, with `'` standing for both the straight and the
    typographic apostrophe."""
    return pattern.replace("'", "['’]")


def compile_cue(pattern: str) -> re.Pattern[str]:
    """One cue alone: case-insensitive, anchored on word boundaries."""
    return re.compile(rf"(?<!\w)(?:{cue_body(pattern)})(?!\w)", re.IGNORECASE)


def context_regex(words: str) -> re.Pattern[str] | None:
    """Comma-separated context words; a trailing `*` makes a prefix (`palestinien*`)."""
    if words == EMPTY:
        return None
    parts = []
    for word in (w.strip() for w in words.split(",")):
        if not word:
            continue
        prefix = word.endswith("*")
        body = re.escape(word.rstrip("*")).replace("'", "['’]").replace(r"\-", "[-\\s]?")
        parts.append(body + (r"\w*" if prefix else ""))
    return re.compile(rf"(?<!\w)(?:{'|'.join(parts)})(?!\w)", re.IGNORECASE)


def _technique(path: Path, number: int, value: str) -> str:
    if value not in CATEGORY_OF:
        raise _fail(path, number, f"unknown technique {value!r} (see crible.nlp.slant.scheme)")
    return value


def _techniques(path: Path, number: int, value: str) -> tuple[str, tuple[str, ...]]:
    """`A` or `A,B`: the technique of a finding, and the further ones the same words carry
    (a derogatory label that is also emotive is Name_Calling-Labeling and Loaded_Language)."""
    names = [_technique(path, number, v.strip()) for v in value.split(",")]
    if len(set(names)) != len(names):
        raise _fail(path, number, f"a technique is repeated in {value!r}")
    return names[0], tuple(names[1:])


@lru_cache(maxsize=8)
def load_slant_terms(lang: str) -> tuple[SlantTerm, ...]:
    """slant.tsv: term, technique, side, neutral, score, gloss, only_near, unless_near,
    boost_near."""
    path = lexicon_path(lang, "slant.tsv")
    terms = []
    for number, cols in _rows(path, 9):
        term, technique, side, neutral, score, gloss, only, unless, boost = cols
        if side != EMPTY and side not in SIDES:
            raise _fail(path, number, f"unknown side {side!r}; sides are {', '.join(SIDES)}")
        variants = tuple(v.strip() for v in term.split("|") if v.strip())
        if not variants:
            raise _fail(path, number, "empty term")
        terms.append(
            SlantTerm(
                variants=variants,
                technique=_technique(path, number, technique),
                side=_opt(side),
                neutral=_opt(neutral),
                score=_score(path, number, score),
                gloss=gloss,
                only_near=context_regex(only),
                unless_near=context_regex(unless),
                boost_near=context_regex(boost),
            )
        )
    return tuple(terms)


@lru_cache(maxsize=8)
def load_persuasion_cues(lang: str) -> tuple[PersuasionCue, ...]:
    """persuasion.tsv: technique, pattern, score, why."""
    path = lexicon_path(lang, "persuasion.tsv")
    cues = []
    for number, (technique, pattern, score, why) in _rows(path, 4):
        if _UPPER.search(_ESCAPES.sub("", pattern)):
            raise _fail(path, number, "patterns are written in lowercase (text is lowercased)")
        try:
            compiled = compile_cue(pattern)
        except re.error as exc:
            raise _fail(path, number, f"bad pattern: {exc}") from None
        first, also = _techniques(path, number, technique)
        cues.append(
            PersuasionCue(first, compiled, pattern, _score(path, number, score), why, also)
        )
    return tuple(cues)


@lru_cache(maxsize=8)
def load_frame_terms(lang: str) -> tuple[FrameTerm, ...]:
    """frames.tsv: frame, term (variants separated by `|`)."""
    path = lexicon_path(lang, "frames.tsv")
    terms = []
    for number, (frame, term) in _rows(path, 2):
        if frame not in FRAMES:
            raise _fail(path, number, f"unknown frame {frame!r} (see crible.nlp.slant.scheme)")
        terms.append(FrameTerm(frame, tuple(v.strip() for v in term.split("|") if v.strip())))
    return tuple(terms)


@lru_cache(maxsize=8)
def load_genre_cues(lang: str) -> tuple[GenreCue, ...]:
    """genre.tsv: genre, pattern, weight, why."""
    path = lexicon_path(lang, "genre.tsv")
    cues = []
    for number, (genre, pattern, weight, why) in _rows(path, 4):
        if genre not in GENRES:
            raise _fail(path, number, f"unknown genre {genre!r}")
        if _UPPER.search(_ESCAPES.sub("", pattern)):
            raise _fail(path, number, "patterns are written in lowercase (text is lowercased)")
        try:
            compiled = compile_cue(pattern)
        except re.error as exc:
            raise _fail(path, number, f"bad pattern: {exc}") from None
        cues.append(GenreCue(genre, compiled, pattern, float(weight), why))
    return tuple(cues)


# The categories of emotive.tsv (docs/formats/emotive.md) and the parts of speech an entry may
# be restricted to (`-`: any).
EMOTIVE_CATEGORIES: tuple[str, ...] = (
    "emotive",
    "pejorative",
    "label",
    "exaggeration",
    "minimiser",
    "intensifier",
    "fear",
    "doubt",
)
EMOTIVE_POS: tuple[str, ...] = ("ADJ", "NOUN", "VERB", "ADV")
EMOTIVE_SOURCES: tuple[str, ...] = ("crible", "textblob-fr")


@dataclass(frozen=True)
class EmotiveEntry:
    """One entry of emotive.tsv: a lemma (with its forms) or an expression."""

    variants: tuple[str, ...]
    pos: str | None
    category: str
    technique: str
    neutral: str | None
    weight: float
    unless_near: re.Pattern[str] | None
    source: str
    also: tuple[str, ...] = ()  # further techniques the same words carry


@lru_cache(maxsize=8)
def load_emotive_entries(lang: str) -> tuple[EmotiveEntry, ...]:
    """emotive.tsv: term, pos, category, technique, neutral, weight, unless_near, source."""
    path = lexicon_path(lang, "emotive.tsv")
    entries = []
    for number, cols in _rows(path, 8):
        term, pos, category, technique, neutral, weight, unless, source = cols
        if pos != EMPTY and pos not in EMOTIVE_POS:
            raise _fail(path, number, f"unknown pos {pos!r}; use {', '.join(EMOTIVE_POS)} or -")
        if category not in EMOTIVE_CATEGORIES:
            raise _fail(path, number, f"unknown category {category!r}")
        if source not in EMOTIVE_SOURCES:
            raise _fail(path, number, f"unknown source {source!r}")
        variants = tuple(v.strip() for v in term.split("|") if v.strip())
        if not variants:
            raise _fail(path, number, "empty term")
        first, also = _techniques(path, number, technique)
        entries.append(
            EmotiveEntry(
                variants=variants,
                pos=_opt(pos),
                category=category,
                technique=first,
                also=also,
                neutral=_opt(neutral),
                weight=_score(path, number, weight),
                unless_near=context_regex(unless),
                source=source,
            )
        )
    return tuple(entries)
