"""Split glued text into articles and flag the ones that were cut off.

Scrapers and feeds glue articles end to end, often cutting one mid-sentence. The signals, in order
of strength:
  1. a paragraph that stops mid-sentence ends its article, which is then `truncated`;
  2. a byline or dateline line ("Par …", "Publié le …") starts an article;
  3. a title-like line followed by a paragraph on another subject starts an article;
  4. a paragraph that names at least two new people or places, none of the article's names, and
     shares almost no vocabulary with the article so far starts an article, unless it opens with
     a continuation cue ("Toutefois", "Il", "Selon ce média").
Everything here is plain string work: it runs before the spaCy pipeline, on any language.
"""

from __future__ import annotations

import re
from collections.abc import Set
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import pairwise

from spacy.lang.fr.stop_words import STOP_WORDS as FR_STOP_WORDS
from unidecode import unidecode

TERMINAL = ".!?…»”\"')]"
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_BYLINE = re.compile(
    r"^\s*(?:par|by|publié le|publiée le|mis à jour le|modifié le|le \d{1,2} \w+ \d{4})\b",
    re.IGNORECASE,
)
_DATELINE = re.compile(r"^\s*\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|^\s*\d{4}-\d{2}-\d{2}\b")
_BULLET = re.compile(r"^\s*(?:[-–—•*·]|\d+[.)])\s")

# Below this overlap with the article so far, and with no shared name, a paragraph starts a new
# article. Tuned on glued texts in tests/ingest/test_split.py; conservative on purpose, since a
# false split cuts an article's claims from their source.
SUBJECT_OVERLAP_MIN = 0.12
TITLE_MAX_CHARS = 140
TITLE_MAX_WORDS = 16


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int


@dataclass(frozen=True)
class ArticleSegment:
    start: int
    end: int
    title: str | None
    truncated: bool


def paragraphs(text: str) -> list[Paragraph]:
    """Non-blank lines, or blank-line-separated blocks when the lines inside blocks are wrapped."""
    lines = list(_lines(text))
    if not lines:
        return []
    blocks = _blocks(text)
    if len(blocks) < 2:
        # Without blank lines there is no sign of hard wrapping: every line is a paragraph.
        return [Paragraph(s, e) for s, e in lines]
    wrapped = sum(1 for b in blocks if len(b) > 1)
    inner = [ln for b in blocks for ln in b[:-1]]
    if wrapped and inner and sum(not _ends_sentence(text[s:e]) for s, e in inner) > len(inner) / 2:
        return [Paragraph(b[0][0], b[-1][1]) for b in blocks]
    return [Paragraph(s, e) for s, e in lines]


def split_articles(text: str, *, lang: str = "fr") -> list[ArticleSegment]:
    """The articles glued in `text`, in order; offsets index `text`."""
    paras = paragraphs(text)
    if not paras:
        return []
    cues = continuation_cues(lang)
    stop: Set[str] = FR_STOP_WORDS if lang == "fr" else frozenset()
    groups: list[list[Paragraph]] = [[paras[0]]]
    words, names = _vocabulary(text[paras[0].start : paras[0].end], stop)
    for prev, para in pairwise(paras):
        body = text[para.start : para.end]
        prev_text = text[prev.start : prev.end]
        current = groups[-1]
        p_words, p_names = _vocabulary(body, stop)
        if _new_article(prev_text, body, current, text, words, names, p_words, p_names, cues):
            groups.append([para])
            words, names = p_words, p_names
        else:
            current.append(para)
            words |= p_words
            names |= p_names
    return [_segment(text, group) for group in groups]


def _new_article(
    prev_text: str,
    body: str,
    current: list[Paragraph],
    text: str,
    words: set[str],
    names: set[str],
    p_words: set[str],
    p_names: set[str],
    cues: tuple[str, ...],
) -> bool:
    if _is_title(prev_text):
        # A title belongs to the paragraph after it; decide at the title itself.
        return False
    if _is_cut(prev_text):
        return True
    if _BYLINE.match(body) and len(body) < TITLE_MAX_CHARS:
        return True
    if _starts_with_cue(body, cues) or body[:1].islower():
        return False
    overlap = _overlap(words, p_words)
    if _is_title(body):
        # A title-like line opens a new article only if what follows it changes subject; we cannot
        # see that yet, so titles are judged by their own words with a looser threshold.
        return not (names & p_names) and overlap < SUBJECT_OVERLAP_MIN * 2 and len(current) > 1
    if names & p_names or len(p_names) < 2:
        # A new story introduces its own people and places; a paragraph without names, or one
        # that names someone already there, is read as a continuation.
        return False
    return overlap < SUBJECT_OVERLAP_MIN and len(p_words) >= 8 and len(words) >= 8


def _segment(text: str, group: list[Paragraph]) -> ArticleSegment:
    first = text[group[0].start : group[0].end]
    title = first.strip() if len(group) > 1 and _is_title(first) else None
    last = text[group[-1].start : group[-1].end]
    return ArticleSegment(
        start=group[0].start,
        end=group[-1].end,
        title=title,
        truncated=_is_cut(last),
    )


def is_truncated(paragraph: str) -> bool:
    """True when the paragraph's last sentence is cut off."""
    return _is_cut(paragraph)


def _is_cut(paragraph: str) -> bool:
    stripped = paragraph.rstrip()
    if not stripped or _is_title(stripped) or _BULLET.match(stripped):
        return False
    return not _ends_sentence(stripped) and not stripped.endswith(":")


def _ends_sentence(line: str) -> bool:
    stripped = line.rstrip()
    return bool(stripped) and stripped[-1] in TERMINAL


def _is_title(line: str) -> bool:
    stripped = line.strip()
    if not stripped or len(stripped) > TITLE_MAX_CHARS:
        return False
    if stripped[-1] in ".,;:" or stripped[0].islower():
        return False
    n_words = len(stripped.split())
    return 1 <= n_words <= TITLE_MAX_WORDS and not _BULLET.match(stripped)


def _starts_with_cue(body: str, cues: tuple[str, ...]) -> bool:
    head = body.lstrip()[:40].lower().replace("’", "'")
    for cue in cues:
        if head.startswith(cue):
            rest = head[len(cue) : len(cue) + 1]
            if not rest or not rest.isalnum() or not cue[-1:].isalnum():
                return True
    return False


def _vocabulary(body: str, stop: Set[str]) -> tuple[set[str], set[str]]:
    """Content-word stems and proper-name stems of a paragraph."""
    content: set[str] = set()
    proper: set[str] = set()
    sentence_start = True
    for match in _WORD.finditer(body):
        word = match.group()
        lower = word.lower()
        if sentence_start:
            sentence_start = False
        elif word[0].isupper() and lower not in stop and len(word) > 2:
            proper.add(_stem(word, 5))
        if len(lower) >= 4 and lower not in stop and not lower.startswith(("l'", "d'")):
            content.add(_stem(word, 6))
        tail = body[match.end() : match.end() + 2]
        if tail[:1] in ".!?":
            sentence_start = True
    return content, proper


@lru_cache(maxsize=65536)  # words repeat across paragraphs and documents
def _stem(word: str, size: int) -> str:
    # Crude on purpose: cuts "israéliens"/"israélienne" and "Zelensky"/"Zelenskiy" to one key.
    return unidecode(word.lower().replace("’", "'").split("'")[-1])[:size]


def _overlap(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 1.0
    return len(a & b) / min(len(a), len(b))


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line, surrounding spaces left out."""
    return [span for block in _blocks(text) for span in block]


def _blocks(text: str) -> list[list[tuple[int, int]]]:
    """Runs of non-blank lines separated by blank ones, each line as (start, end)."""
    blocks: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        start = pos
        pos += len(line) + 1
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            current.append((start + lead, start + lead + len(stripped)))
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


@lru_cache(maxsize=8)
def continuation_cues(lang: str) -> tuple[str, ...]:
    """The language's continuation cues (lexicons/<lang>/continuation_cues.txt), longest first."""
    try:
        raw = resources.files("crible").joinpath(f"lexicons/{lang}/continuation_cues.txt")
        lines = raw.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return ()
    cues = {ln.split("#", 1)[0].strip().lower().replace("’", "'") for ln in lines}
    cues.discard("")
    return tuple(sorted(cues, key=len, reverse=True))
