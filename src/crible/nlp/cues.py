"""Many regex cues matched in one pass over a text, the regex engine called only where a cue
can start. Used by the persuasion, genre and certainty cues (data files of regex cues)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from re import _constants as _c  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any


class BucketedCues:
    """Regex cues (lowercase regex bodies; alternative i is the group `c{i}`) matched in one
    pass over the text, each on word boundaries.

    One alternation of ~100 cues tried at every word start was the costliest step of the slant
    rules. Each cue's possible first characters are read from its parsed regex, and the cues are
    bucketed by them: at each word start only the cues that can begin with that character are
    tried, in file order. Matches are the same as the single alternation's (leftmost, earlier cue
    first, no overlaps); a cue whose first character cannot be worked out joins every bucket.
    """

    def __init__(self, sources: Sequence[str]) -> None:
        self.sources = tuple(sources)
        alternatives = "|".join(f"(?P<c{i}>{body})" for i, body in enumerate(sources))
        # The single alternation they replace: matched when case folding changes the length.
        self.pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
        firsts = [first_chars(source) for source in sources]
        anywhere = [i for i, chars in enumerate(firsts) if chars is None]
        by_char: dict[str, list[int]] = {}
        for i, chars in enumerate(firsts):
            for ch in chars or ():
                by_char.setdefault(ch, []).append(i)
        # Most cues start with two literal letters: at a word start, only the cues whose first
        # two letters are the text's (with those that cannot be told by two) are tried.
        pairs = [literal_prefix(source, 2) for source in sources]
        by_pair: dict[str, list[int]] = {}
        for i, pair in enumerate(pairs):
            if pair is not None:
                by_pair.setdefault(pair, []).append(i)
        self.pair_buckets = {
            pair: _bucket_pattern(
                sources,
                sorted(
                    {*indices, *anywhere}
                    | {i for i in by_char.get(pair[0], ()) if pairs[i] is None}
                ),
            )
            for pair, indices in by_pair.items()
        }
        # Where the text's two letters start no cue, only the cues that cannot be told by two
        # letters are left (none, for most letters: no regex call at all there).
        self.no_pair = {
            ch: _bucket_pattern(sources, sorted({*anywhere, *unpaired}))
            for ch, indices in by_char.items()
            if (unpaired := [i for i in indices if pairs[i] is None])
        }
        self.default = _bucket_pattern(sources, anywhere) if anywhere else None
        starts = "".join(re.escape(ch) for ch in sorted(by_char))
        if anywhere and not all(starts_with_word(sources[i]) for i in anywhere):
            self.candidates = re.compile(r"(?<!\w)")
        else:  # the cues that cannot be told by their letter still begin with a letter or '-'
            word = r"\w\-" if anywhere else ""
            self.candidates = re.compile(rf"(?<!\w)(?=[{word}{starts}])")

    def matches(self, text: str) -> list[re.Match[str]]:
        """The cue matches (`lastgroup` is `c<index of the cue>`), leftmost first, no overlap."""
        lower = text.lower()
        if len(lower) != len(text):
            # Case folding changed lengths (rare letters): match the original text instead.
            return list(self.pattern.finditer(text))
        found = []
        resume = 0
        for candidate in self.candidates.finditer(lower):
            pos = candidate.start()
            if pos < resume:
                continue
            bucket = self.pair_buckets.get(lower[pos : pos + 2])
            if bucket is None:
                bucket = self.no_pair.get(lower[pos : pos + 1], self.default)
            m = bucket.match(lower, pos) if bucket is not None else None
            if m is not None:
                found.append(m)
                resume = max(m.end(), pos + 1)
        return found


def cue_index(m: re.Match[str]) -> int:
    return int((m.lastgroup or "c0")[1:])


def _bucket_pattern(sources: Sequence[str], indices: Sequence[int]) -> re.Pattern[str]:
    alternatives = "|".join(f"(?P<c{i}>{sources[i]})" for i in indices)
    return re.compile(rf"(?:{alternatives})(?!\w)")


def literal_prefix(pattern: str, size: int) -> str | None:
    """The first `size` characters of every match of `pattern` when they are fixed literals
    (after zero-width assertions), else None."""
    try:
        parsed = list(_parser.parse(pattern))
    except re.error:
        return None
    prefix = ""
    for op, av in parsed:
        if op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT) and not prefix:
            continue
        if op is not _c.LITERAL:
            return None
        prefix += chr(av)
        if len(prefix) == size:
            return prefix
    return None


_WORD_CLASSES = {
    (_c.CATEGORY, _c.CATEGORY_WORD),
    (_c.LITERAL, ord("-")),
}


def starts_with_word(pattern: str) -> bool:
    """Does every match of `pattern` begin with a word character or '-'? (False when unsure.)"""
    try:
        parsed = _parser.parse(pattern)
    except re.error:
        return False
    return _starts_with_word(list(parsed))


def _starts_with_word(items: list[tuple[Any, Any]]) -> bool:
    for op, av in items:
        if op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
            continue
        if op is _c.SUBPATTERN:
            return _starts_with_word(list(av[3]))
        if op is _c.BRANCH:
            return all(_starts_with_word(list(branch)) for branch in av[1])
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            return av[0] >= 1 and _starts_with_word(list(av[2]))
        if op is _c.IN:
            # [\w-] or [^\W\d_] (letters): a set of word classes, or the negation of non-word
            if av and av[0][0] is _c.NEGATE:
                return (_c.CATEGORY, _c.CATEGORY_NOT_WORD) in av[1:]
            return all(
                (o, a) in _WORD_CLASSES or (o is _c.LITERAL and chr(a).isalnum()) for o, a in av
            )
        if op is _c.LITERAL:
            return chr(av).isalnum() or chr(av) in "-_"
        return False
    return False


def first_chars(pattern: str) -> frozenset[str] | None:
    """The characters a match of `pattern` can begin with, or None when that cannot be told."""
    try:
        parsed = _parser.parse(pattern)
    except re.error:
        return None
    chars = _first(list(parsed))
    return frozenset(chars) if chars else None


def _first(items: list[tuple[Any, Any]]) -> set[str] | None:
    """First characters of a sequence of parsed items; None when unknown or when it can be empty."""
    chars: set[str] = set()
    for op, av in items:
        if op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
            continue  # zero-width: the next item decides
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            low, _high, body = av
            repeated = _first(list(body))
            if repeated is None:
                return None
            chars |= repeated
            if low >= 1:
                return chars
            continue  # optional: what follows may begin the match too
        item = _first_of_item(op, av)
        if item is None:
            return None
        return chars | item
    return None  # the whole sequence can match the empty string


def _first_of_item(op: Any, av: Any) -> set[str] | None:
    if op is _c.LITERAL:
        return {chr(av)}
    if op is _c.IN:
        chars: set[str] = set()
        for inner_op, inner_av in av:
            if inner_op is _c.LITERAL:
                chars.add(chr(inner_av))
            elif inner_op is _c.RANGE and inner_av[1] - inner_av[0] < 512:
                chars.update(chr(c) for c in range(inner_av[0], inner_av[1] + 1))
            else:
                return None
        return chars
    if op is _c.SUBPATTERN:
        return _first(list(av[3]))
    if op is _c.BRANCH:
        union: set[str] = set()
        for alternative in av[1]:
            branch = _first(list(alternative))
            if branch is None:
                return None
            union |= branch
        return union
    return None
