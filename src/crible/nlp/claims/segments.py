"""Sentences and paragraphs as the claim finders see them.

spaCy's sentences can run over a line break (a paragraph end) in raw news text; claims never do,
so a segment is a spaCy sentence cut at every newline, and carries its paragraph number.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from spacy.attrs import IS_SPACE, ORTH, SENT_START
from spacy.tokens import Doc, Span


@dataclass(frozen=True)
class Segment:
    span: Span
    paragraph: int

    @property
    def start_char(self) -> int:
        return int(self.span.start_char)

    @property
    def end_char(self) -> int:
        return int(self.span.end_char)


_SENTENCE_ENDS = {".", "!", "?", "…", "»", "”", '"', ":", ";"}


def split_segments(doc: Doc) -> list[Segment]:
    """Sentences cut at newlines, with leading/trailing space tokens dropped. A sentence that the
    model ends without any end punctuation inside a paragraph ('Pour la représentante du
    personnel | Aurélie Dantec, …') runs on into the next one."""
    n = len(doc)
    if not n:
        return []
    # One array call instead of `doc.sents` and a Token object per word: this runs on every
    # document, and creating Tokens cost more than the whole scan.
    rows = doc.to_array([ORTH, SENT_START, IS_SPACE]).tolist()
    strings = doc.vocab.strings
    texts = [strings[orth] for orth, _, _ in rows]
    space = [bool(is_space) for _, _, is_space in rows]
    bounds = [0] + [i for i in range(1, n) if rows[i][1] == 1] + [n]
    segments: list[Segment] = []
    paragraph = 0
    start = 0
    for sent_start, sent_end in pairwise(bounds):
        for i in range(sent_start, sent_end):
            text = texts[i]
            if text in _OPENING and i > start and _after_sentence_end(texts, space, i):
                _add(doc, space, start, i, paragraph, segments)  # '… massue ». « On nous …'
                start = i
            if "\n" in text:  # spaCy keeps line breaks in space tokens, never in whitespace_
                _add(doc, space, start, i, paragraph, segments)
                start = i + 1
                paragraph += 1
        last = sent_end - 1
        while last > sent_start and space[last]:
            last -= 1
        if sent_end < n and texts[last] not in _SENTENCE_ENDS and start < sent_end:
            continue  # the sentence goes on: keep `start`
        _add(doc, space, start, sent_end, paragraph, segments)
        start = sent_end
    if start < n:
        _add(doc, space, start, n, paragraph, segments)
    return segments


_OPENING = {"«", "“"}


def _after_sentence_end(texts: list[str], space: list[bool], i: int) -> bool:
    """Does token `i` follow the end of a sentence ('.', or a closing mark after one)?"""
    k = i - 1
    while k >= 0 and space[k]:
        k -= 1
    if k < 0:
        return False
    if texts[k] in ("»", "”") and k > 0:
        k -= 1
    return texts[k] in (".", "!", "?", "…")


def _add(
    doc: Doc, space: list[bool], start: int, end: int, paragraph: int, out: list[Segment]
) -> None:
    while start < end and space[start]:
        start += 1
    while end > start and space[end - 1]:
        end -= 1
    if end > start:
        out.append(Segment(doc[start:end], paragraph))


def paragraph_end(text: str, char: int) -> int:
    """The offset of the end of the paragraph holding `char` (before the newline)."""
    end = text.find("\n", char)
    end = len(text) if end < 0 else end
    while end > char and text[end - 1].isspace():
        end -= 1
    return end
