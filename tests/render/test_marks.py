"""Nesting overlapping highlights into markup: every layer stays present, text stays whole."""

from __future__ import annotations

import pytest

from crible.render.marks import Mark, Piece, merge_marks, nest


def mark(start: int, end: int, layer: str = "entity", key: str = "k") -> Mark:
    return Mark(start, end, layer, layer, "s", (key,))  # type: ignore[arg-type]


def markup(pieces: list[Piece]) -> str:
    """The pieces as a compact string: [key text ] with | for a reopened piece."""
    out = []
    for p in pieces:
        assert p.kind in ("text", "open", "close")
        if p.kind == "text":
            out.append(p.text)
        elif p.kind == "open":
            assert p.mark is not None
            out.append(("[" if p.first else "|") + p.mark.keys[0] + ":")
        else:
            out.append("]" if p.last else "|")
    return "".join(out)


def text_of(pieces: list[Piece]) -> str:
    return "".join(p.text for p in pieces if p.kind == "text")


TEXT = "abcdefghijklmnopqrst"


@pytest.mark.parametrize(
    "marks, expected",
    [
        ([], "abcdefghijklmnopqrst"),
        ([mark(2, 5, key="e")], "ab[e:cde]fghijklmnopqrst"),
        # an entity inside a claim inside a slant span
        (
            [mark(0, 20, "slant", "s"), mark(2, 10, "claim", "c"), mark(4, 6, "entity", "e")],
            "[s:ab[c:cd[e:ef]ghij]klmnopqrst]",
        ),
        # a claim crossing a slant span: the claim is cut where the slant ends, and reopened
        (
            [mark(0, 6, "slant", "s"), mark(3, 10, "claim", "c")],
            "[s:abc[c:def|]|c:ghij]klmnopqrst",
        ),
        # same stretch, two layers: the slant background is outermost
        ([mark(2, 4, "entity", "e"), mark(2, 4, "slant", "s")], "ab[s:[e:cd]]efghijklmnopqrst"),
        # adjacent marks do not nest
        ([mark(0, 2, key="a"), mark(2, 4, key="b")], "[a:ab][b:cd]efghijklmnopqrst"),
    ],
)
def test_nesting(marks: list[Mark], expected: str) -> None:
    pieces = nest(TEXT, 0, len(TEXT), marks)
    assert markup(pieces) == expected
    assert text_of(pieces) == TEXT


def test_every_mark_is_balanced_and_covers_its_text() -> None:
    marks = [
        mark(0, 9, "slant", "s1"),
        mark(5, 15, "claim", "c1"),
        mark(7, 12, "entity", "e1"),
        mark(11, 18, "time", "t1"),
        mark(14, 20, "source", "o1"),
    ]
    pieces = nest(TEXT, 0, len(TEXT), marks)
    stack: list[str] = []
    covered: dict[str, str] = {}
    for p in pieces:
        if p.kind == "open":
            assert p.mark is not None
            stack.append(p.mark.keys[0])
        elif p.kind == "close":
            assert p.mark is not None
            assert stack.pop() == p.mark.keys[0]  # closes what it opened: real nesting
        else:
            for key in stack:
                covered[key] = covered.get(key, "") + p.text
    assert not stack
    for m in marks:
        assert covered[m.keys[0]] == TEXT[m.start : m.end]
    assert sum(p.first for p in pieces) == len(marks)  # one focusable piece per mark
    assert sum(p.last for p in pieces) == len(marks)


def test_marks_are_clipped_to_the_article() -> None:
    pieces = nest(TEXT, 5, 10, [mark(0, 7, key="a"), mark(9, 15, key="b"), mark(0, 3, key="c")])
    assert markup(pieces) == "[a:fg]hi[b:j]"


def test_offsets_are_code_points_emoji_included() -> None:
    text = "😀🇫🇷 Selon Le Monde, Macron 𝒳 parle."
    start = text.index("Le Monde")
    macron = text.index("Macron")
    pieces = nest(text, 0, len(text), [mark(start, start + 8, key="o"), mark(macron, macron + 6)])
    assert markup(pieces) == "😀🇫🇷 Selon [o:Le Monde], [k:Macron] 𝒳 parle."


def test_one_source_of_several_claims_is_one_element() -> None:
    merged = merge_marks([mark(0, 5, "source", "c1"), mark(0, 5, "source", "c2"), mark(0, 5)])
    assert sorted(m.keys for m in merged) == [("c1", "c2"), ("k",)]
