"""Many regex cues matched in one pass over a text, the regex engine called only where a cue
can start. Used by the persuasion, genre and certainty cues (data files of regex cues)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from re import _constants as _c  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

from crible.nlp.phrases import literal_tree


class BucketedCues:
    """Regex cues (lowercase regex bodies; alternative i is the group `c{i}`) matched in one
    pass over the text, each on word boundaries.

    One alternation of ~100 cues tried at every word start was the costliest step of the slant
    rules. Each cue's possible first characters are read from its parsed regex, and the cues are
    bucketed by them: at a word start only the cues that can begin with its two letters (or its
    letter) are tried, in file order. Matches are the same as the single alternation's (leftmost,
    earlier cue first, no overlaps).

    The word starts worth trying are found by one regex over the text (a look-ahead for those
    letters), not one Python step per word. A cue whose first character cannot be worked out
    ("any word, repeated") is searched on its own first: the word starts where it matches are
    tried too, with buckets that include it.
    """

    def __init__(self, sources: Sequence[str]) -> None:
        self.sources = tuple(sources)
        alternatives = "|".join(f"(?P<c{i}>{body})" for i, body in enumerate(sources))
        # The single alternation they replace: matched when case folding changes the length.
        self.pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
        firsts = [first_chars(source) for source in sources]
        anywhere = [i for i, chars in enumerate(firsts) if chars is None]
        self.anywhere = [re.compile(rf"(?<!\w)(?:{sources[i]})(?!\w)") for i in anywhere]
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
        unpaired = {ch: [i for i in indices if pairs[i] is None] for ch, indices in by_char.items()}
        unpaired = {ch: indices for ch, indices in unpaired.items() if indices}

        def buckets(extra: list[int]) -> tuple[_Buckets, _Buckets]:
            by_two = {
                pair: _bucket_pattern(
                    sources, sorted({*indices, *extra, *unpaired.get(pair[0], ())})
                )
                for pair, indices in by_pair.items()
            }
            # Where the text's two letters start no cue, only the cues that cannot be told by two
            # letters are left (none, for most letters: no regex call at all there).
            by_one = {
                ch: _bucket_pattern(sources, sorted({*extra, *indices}))
                for ch, indices in unpaired.items()
            }
            if extra:
                by_one[""] = _bucket_pattern(sources, extra)
            return by_two, by_one

        self.plain = buckets([])  # at word starts where no `anywhere` cue matches
        self.with_anywhere = buckets(anywhere)
        # The strings a match can open with, for one look-ahead over the text: only the word
        # starts it accepts are tried.
        opening: set[str] = set()
        for i, source in enumerate(sources):
            if i not in anywhere:
                opening |= literal_starts(source) or set(firsts[i] or ())
        self.candidates = re.compile(rf"(?<!\w)(?={literal_tree(opening)})")
        self.needed = [required_literals(sources[i]) for i in anywhere]

    def matches(self, text: str) -> list[re.Match[str]]:
        """The cue matches (`lastgroup` is `c<index of the cue>`), leftmost first, no overlap."""
        lower = text.lower()
        if len(lower) != len(text):
            # Case folding changed lengths (rare letters): match the original text instead.
            return list(self.pattern.finditer(text))
        special = self._anywhere_starts(lower)
        starts: Iterable[int] = (m.start() for m in self.candidates.finditer(lower))
        if special:
            starts = sorted({*starts, *special})
        found = []
        resume = 0
        for pos in starts:
            if pos < resume:
                continue
            by_two, by_one = self.with_anywhere if pos in special else self.plain
            bucket = by_two.get(lower[pos : pos + 2])
            if bucket is None:
                bucket = by_one.get(lower[pos : pos + 1]) or by_one.get("")
            m = bucket.match(lower, pos) if bucket is not None else None
            if m is not None:
                found.append(m)
                resume = max(m.end(), pos + 1)
        return found

    def _anywhere_starts(self, lower: str) -> set[int]:
        """Every position where a cue of unknown first letter matches (not only those that a
        left-to-right scan would keep: which one wins is decided with the other cues)."""
        starts: set[int] = set()
        for pattern, needed in zip(self.anywhere, self.needed, strict=True):
            if needed is not None and not any(literal in lower for literal in needed):
                continue  # a string that every match holds is not in the text
            m = pattern.search(lower)
            while m is not None:
                starts.add(m.start())
                m = pattern.search(lower, m.start() + 1)
        return starts


_Buckets = dict[str, re.Pattern[str]]


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


# Bounds on the look-ahead built from the cues' openings: past them an opening stops growing.
_START_CHARS = 12
_START_COUNT = 400


def required_literals(pattern: str) -> frozenset[str] | None:
    """Strings one of which is inside every match of `pattern` (each alternative's longest run
    of literal characters, three at least), or None."""
    try:
        parsed = list(_parser.parse(pattern))
    except re.error:
        return None
    while len(parsed) == 1 and parsed[0][0] is _c.SUBPATTERN:
        parsed = list(parsed[0][1][3])
    branches = (
        [list(b) for b in parsed[0][1][1]]
        if len(parsed) == 1 and parsed[0][0] is _c.BRANCH
        else [parsed]
    )
    found = set()
    for branch in branches:
        runs, run = [], ""
        for op, av in branch:
            if op is _c.LITERAL:
                run += chr(av)
            else:
                runs.append(run)
                run = ""
        longest = max([*runs, run], key=len)
        if len(longest) < 3:
            return None
        found.add(longest)
    return frozenset(found)


def literal_starts(pattern: str) -> frozenset[str] | None:
    """Strings one of which opens every match of `pattern` (read from its parsed regex, up to
    about a dozen characters), or None when a match can open with anything."""
    try:
        parsed = list(_parser.parse(pattern))
    except re.error:
        return None
    opened, closed = _starts(parsed, {""})
    starts = opened | closed
    return None if "" in starts else frozenset(starts)


def _starts(items: list[tuple[Any, Any]], opened: set[str]) -> tuple[set[str], set[str]]:
    """(still open, closed) openings after the sequence `items`, from the `opened` ones: a
    closed opening is followed by something that is not a fixed string."""
    closed: set[str] = set()
    for op, av in items:
        if not opened:
            break
        if op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
            continue  # zero-width: the next item decides
        chars = _literal_chars(op, av)
        if chars is not None:
            opened = {s + ch for s in opened for ch in chars}
        elif op is _c.SUBPATTERN:
            opened, more = _starts(list(av[3]), opened)
            closed |= more
        elif op is _c.BRANCH:
            after: set[str] = set()
            for branch in av[1]:
                o, more = _starts(list(branch), opened)
                after |= o
                closed |= more
            opened = after
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] <= 1:
            low, high, body = av
            once, more = _starts(list(body), opened)
            closed |= more
            if high == 1:
                opened = once | (opened if low == 0 else set())
            else:  # repeated: what follows the first time is not fixed
                closed |= once | (opened if low == 0 else set())
                opened = set()
        else:
            closed |= opened
            opened = set()
        if len(opened) > _START_COUNT or all(len(s) >= _START_CHARS for s in opened):
            closed |= opened
            opened = set()
    return opened, closed


def _literal_chars(op: Any, av: Any) -> list[str] | None:
    """The characters one item matches when it is a literal or a small set of literals."""
    if op is _c.LITERAL:
        return [chr(av)]
    if op is _c.IN and 0 < len(av) <= 4 and all(o is _c.LITERAL for o, _ in av):
        return [chr(a) for _, a in av]
    return None


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
