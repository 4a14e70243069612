"""A small token matcher for lexicon terms, on lowercase forms and lemmas at once.

Each pattern is tokenised with the language's tokenizer; a pattern token matches a text token when
its key equals the key of the token's lowercase form or of its lemma. A key is the lowercase string
with typographic apostrophes made straight and a final plural `s`/`x` dropped (for words of four
letters or more), so `territoire occupé` matches `territoires occupés` whatever the tagger says.
One pass over the tokens with a dict lookup per token: cheap next to the tagger.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

import spacy
from spacy.attrs import LEMMA, LOWER
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

T = TypeVar("T")


def key(text: str) -> str:
    k = text.lower().replace("’", "'")
    if len(k) > 3 and k[-1] in "sx":
        k = k[:-1]
    return k


@lru_cache(maxsize=8)
def tokenizer_for(lang: str) -> Tokenizer:
    """The rule tokenizer of `lang` (the same rules the trained pipelines use)."""
    return spacy.blank(lang).tokenizer


@dataclass(frozen=True)
class Match(Generic[T]):
    start: int  # token index
    end: int  # token index, exclusive
    value: T


class TermMatcher(Generic[T]):
    """Find lexicon terms in a Doc; `value` is whatever the caller attaches to a term."""

    def __init__(self, lang: str, terms: Iterable[tuple[Sequence[str], T]]) -> None:
        tokenizer = tokenizer_for(lang)
        # One-token patterns by their key; longer ones by their first two keys. Indexing long
        # patterns by the first key alone put hundreds of expressions under « être », « faire »
        # or « de », all tried at every such token.
        self._single: dict[str, list[tuple[tuple[str, ...], T]]] = {}
        self._pairs: dict[tuple[str, str], list[tuple[tuple[str, ...], T]]] = {}
        for variants, value in terms:
            for variant in variants:
                keys = tuple(key(t.text) for t in tokenizer(variant) if not t.is_space)
                if len(keys) == 1:
                    self._single.setdefault(keys[0], []).append((keys, value))
                elif keys:
                    self._pairs.setdefault((keys[0], keys[1]), []).append((keys, value))
        self._pair_firsts = frozenset(first for first, _ in self._pairs)
        # a token's keys -> (the values of the one-token terms it is, does a longer term start
        # with it): words repeat, so each is worked out once (the keys tuples are shared)
        self._by_keys: dict[tuple[str, ...], tuple[tuple[T, ...], bool]] = {}

    def _about(self, first: tuple[str, ...]) -> tuple[tuple[T, ...], bool]:
        if len(self._by_keys) > _KEYS_CACHE_SIZE:
            self._by_keys.clear()
        values = tuple(value for k in first for _pattern, value in self._single.get(k, ()))
        found = values, any(k in self._pair_firsts for k in first)
        self._by_keys[first] = found
        return found

    def __call__(
        self, doc: Doc, *, longest: bool = True, keys: Sequence[tuple[str, ...]] | None = None
    ) -> list[Match[T]]:
        """All matches; with `longest`, overlapping matches keep the longest (then the first).
        `keys` (from `token_keys(doc)`) may be passed to share them between matchers."""
        keys = token_keys(doc) if keys is None else keys
        found: list[Match[T]] = []
        pairs, by_keys = self._pairs, self._by_keys
        n = len(keys)
        for i, first in enumerate(keys):
            about = by_keys.get(first)
            values, opens_pair = about if about is not None else self._about(first)
            for value in values:
                found.append(Match(i, i + 1, value))
            if not opens_pair or i + 1 == n:
                continue
            seen: set[int] = set()
            for k in first:
                for k2 in keys[i + 1]:
                    for pattern, value in pairs.get((k, k2), ()):
                        end = i + len(pattern)
                        if id(pattern) in seen or end > n:
                            continue
                        if all(pattern[j] in keys[i + j] for j in range(2, len(pattern))):
                            seen.add(id(pattern))
                            found.append(Match(i, end, value))
        if not longest:
            return found
        found.sort(key=lambda m: (-(m.end - m.start), m.start))
        taken = [False] * n
        kept: list[Match[T]] = []
        for m in found:
            if any(taken[m.start : m.end]):
                continue
            for j in range(m.start, m.end):
                taken[j] = True
            kept.append(m)
        kept.sort(key=lambda m: m.start)
        return kept


def token_keys(doc: Doc) -> list[tuple[str, ...]]:
    """The match keys of each token: its lowercase form and its lemma (see `key`).

    Read with one array call (hash ids of LOWER and LEMMA) and cached per id pair: creating a
    Token object per word and reading its strings cost more than all the matching after it."""
    if not len(doc):
        return []
    strings = doc.vocab.strings
    cache = _KEYS_BY_ID
    out = []
    for lower, lemma in doc.to_array([LOWER, LEMMA]).tolist():
        keys = cache.get((lower, lemma))
        if keys is None:
            if len(cache) > _KEYS_CACHE_SIZE:
                cache.clear()
            keys = _token_keys(strings[lower], strings[lemma] if lemma else "")
            cache[lower, lemma] = keys
        out.append(keys)
    return out


_KEYS_BY_ID: dict[tuple[int, int], tuple[str, ...]] = {}
_KEYS_CACHE_SIZE = 200_000


@lru_cache(maxsize=65536)  # words repeat: most tokens of a corpus hit the cache
def _token_keys(lower: str, lemma: str) -> tuple[str, ...]:
    a = key(lower)
    b = key(lemma) if lemma else a
    return (a,) if a == b else (a, b)
