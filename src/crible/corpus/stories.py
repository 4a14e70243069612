"""Stories: the same claim reported by several articles, found by content similarity.

Claims are compared on their words: lower case, accents removed, function words dropped
(`lexicons/<lang>/stopwords.txt`), each word cut to its first `STEM` letters so that
"démission", "démissionné" and "démissionnerait" meet. Words are weighted by TF-IDF over the
claims compared, and two claims are linked when

- their cosine similarity reaches the threshold,
- they come from different articles, published at most `window_days` apart,
- and, when both name entities inside the claim, they share one (the mayor of Brest resigning
  is not the mayor of Rennes resigning, however alike the sentences are).

A story is a connected group of linked claims. Pure Python, NumPy and scikit-learn: no model.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from sklearn.feature_extraction.text import TfidfVectorizer
from unidecode import unidecode

STEM = 6
THRESHOLD = 0.5
WINDOW_DAYS = 7
_BLOCK = 2048  # rows of the similarity matrix computed at once: memory stays bounded
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class ClaimRecord:
    """One stored claim, with what grouping needs to know about it."""

    doc_key: str
    article_n: int
    n: int
    article: str
    outlet: str | None
    published: dt.date | None
    language: str
    text: str
    certainty: str
    entities: frozenset[str]


@dataclass(frozen=True)
class Link:
    a: int  # indexes into the claims list, a < b
    b: int
    similarity: float


@dataclass(frozen=True)
class Story:
    members: tuple[int, ...]  # indexes into the claims list, in input order
    links: tuple[Link, ...]


@lru_cache(maxsize=8)
def stopwords(lang: str) -> frozenset[str]:
    try:
        text = (
            resources.files("crible")
            .joinpath("lexicons", lang, "stopwords.txt")
            .read_text(encoding="utf-8")
        )
    except FileNotFoundError:
        return frozenset()
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def terms(text: str, lang: str) -> list[str]:
    """The comparable words of a claim: unaccented, lower case, no stop words, cut to STEM."""
    stop = stopwords(lang)
    words = _WORD.findall(unidecode(text).lower())
    return [w[:STEM] for w in words if w not in stop and (len(w) > 1 or w.isdigit())]


def find_stories(
    claims: Sequence[ClaimRecord],
    *,
    threshold: float = THRESHOLD,
    window_days: int | None = WINDOW_DAYS,
) -> list[Story]:
    """Groups of at least two linked claims, largest first."""
    links = _links(claims, threshold, window_days)
    parent = list(range(len(claims)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for link in links:
        ra, rb = root(link.a), root(link.b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = {}
    for i in range(len(claims)):
        groups.setdefault(root(i), []).append(i)
    by_root: dict[int, list[Link]] = {}
    for link in links:
        by_root.setdefault(root(link.a), []).append(link)
    stories = [
        Story(tuple(members), tuple(by_root.get(r, ())))
        for r, members in groups.items()
        if len(members) > 1
    ]
    stories.sort(key=lambda s: (-len(s.members), s.members[0]))
    return stories


def _links(claims: Sequence[ClaimRecord], threshold: float, window_days: int | None) -> list[Link]:
    documents = [terms(c.text, c.language) for c in claims]
    keep = [i for i, words in enumerate(documents) if words]
    if len(keep) < 2:
        return []
    vectorizer = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, norm="l2")
    matrix = vectorizer.fit_transform([documents[i] for i in keep]).tocsr()
    links = []
    for start in range(0, len(keep), _BLOCK):
        block = (matrix[start : start + _BLOCK] @ matrix.T).tocoo()
        for row, col, value in zip(block.row, block.col, block.data, strict=True):
            a, b = keep[start + int(row)], keep[int(col)]
            if a >= b or value < threshold - 1e-9:
                continue
            if _compatible(claims[a], claims[b], window_days):
                links.append(Link(a, b, round(float(value), 3)))
    links.sort(key=lambda link: (link.a, link.b))
    return links


def _compatible(x: ClaimRecord, y: ClaimRecord, window_days: int | None) -> bool:
    if (x.doc_key, x.article_n) == (y.doc_key, y.article_n):
        return False
    if x.entities and y.entities and not x.entities & y.entities:
        return False
    if window_days is not None and x.published and y.published:
        return abs((x.published - y.published).days) <= window_days
    return True


def _identity(words: list[str]) -> list[str]:
    return words
