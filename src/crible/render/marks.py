"""Highlights over an article's text: which stretches each finding covers, nested into markup.

Findings overlap freely (an entity inside a claim inside a slanted phrase, a claim that crosses a
slant span). HTML elements must nest, so `nest` splits a highlight where it crosses another one
and reopens it after: every layer stays visible and every piece stays hoverable. Offsets are code
points into `Document.text`, and so are Python's string indices: the pieces are cut here, on the
server, so no UTF-16 arithmetic happens in the browser.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Layer = Literal["slant", "claim", "source", "entity", "time"]

# At one start, longer highlights open first; for equal stretches this order decides which is
# outermost (a slant background around a claim underline around an entity box).
_RANK: dict[str, int] = {"slant": 0, "claim": 1, "source": 2, "entity": 3, "time": 4}


@dataclass(frozen=True)
class Mark:
    """One highlighted stretch: `keys` name the findings (their detail cards) it belongs to."""

    start: int
    end: int
    layer: Layer
    toggle: str  # the layer switch that hides it: "ent-PER", "claim", "slant", "time"...
    style: str  # a CSS modifier: the entity type, the certainty, the slant category
    keys: tuple[str, ...]
    why: str | None = None  # a reason for this occurrence only (how a mention was linked)


@dataclass(frozen=True)
class Piece:
    """A run of text, or the opening or closing of one piece of a mark."""

    kind: Literal["text", "open", "close"]
    text: str = ""
    mark: Mark | None = None
    first: bool = False  # the mark's first piece: the one that takes keyboard focus
    last: bool = False  # the piece that ends the mark (where a certainty badge goes)


def merge_marks(marks: Iterable[Mark]) -> list[Mark]:
    """One mark per stretch, layer and style: one source named for three claims is one
    element whose keys name the three claims."""
    merged: dict[tuple[int, int, str, str, str | None], Mark] = {}
    for mark in marks:
        key = (mark.start, mark.end, mark.layer, mark.style, mark.why)
        same = merged.get(key)
        if same is None:
            merged[key] = mark
        else:
            keys = same.keys + tuple(k for k in mark.keys if k not in same.keys)
            merged[key] = Mark(
                same.start, same.end, same.layer, same.toggle, same.style, keys, same.why
            )
    return list(merged.values())


def nest(text: str, start: int, end: int, marks: Iterable[Mark]) -> list[Piece]:
    """The pieces of `text[start:end]` with `marks` opened and closed so that they nest.

    Marks are clipped to [start, end); empty ones are dropped. Where a mark must close while
    marks opened inside it go on, those are closed too and reopened right after.
    """
    todo = sorted(
        (m for m in (_clip(m, start, end) for m in marks) if m is not None),
        key=lambda m: (m.start, -m.end, _RANK[m.layer]),
    )
    bounds = sorted({start, end, *(m.start for m in todo), *(m.end for m in todo)})
    pieces: list[Piece] = []
    stack: list[Mark] = []
    pos = start
    i = 0
    for bound in bounds:
        if bound > pos:
            pieces.append(Piece("text", text[pos:bound]))
            pos = bound
        if any(m.end == bound for m in stack):
            reopen: list[Mark] = []
            while any(m.end == bound for m in stack):
                mark = stack.pop()
                ends = mark.end == bound
                pieces.append(Piece("close", mark=mark, last=ends))
                if not ends:
                    reopen.append(mark)
            for mark in reversed(reopen):
                pieces.append(Piece("open", mark=mark))
                stack.append(mark)
        while i < len(todo) and todo[i].start == bound:
            pieces.append(Piece("open", mark=todo[i], first=True))
            stack.append(todo[i])
            i += 1
    return pieces


def _clip(mark: Mark, start: int, end: int) -> Mark | None:
    lo, hi = max(mark.start, start), min(mark.end, end)
    if hi <= lo:
        return None
    if (lo, hi) == (mark.start, mark.end):
        return mark
    return Mark(lo, hi, mark.layer, mark.toggle, mark.style, mark.keys, mark.why)
