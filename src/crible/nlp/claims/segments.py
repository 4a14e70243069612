"""Sentences and paragraphs as the claim finders see them.

spaCy's sentences can run over a line break (a paragraph end) in raw news text; claims never do,
so a segment is a spaCy sentence cut at every newline, and carries its paragraph number.
"""

from __future__ import annotations

from dataclasses import dataclass

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
    segments: list[Segment] = []
    paragraph = 0
    start = 0
    for sent in doc.sents:
        for token in sent:
            if token.text in _OPENING and _after_sentence_end(doc, token.i) and token.i > start:
                _add(doc, start, token.i, paragraph, segments)  # '… massue ». « On nous …'
                start = token.i
            if "\n" in token.text or "\n" in token.whitespace_:
                end = token.i if "\n" in token.text else token.i + 1
                _add(doc, start, end, paragraph, segments)
                start = token.i + 1
                paragraph += 1
        last = sent.end - 1
        while last > sent.start and doc[last].is_space:
            last -= 1
        if sent.end < len(doc) and doc[last].text not in _SENTENCE_ENDS and start < sent.end:
            continue  # the sentence goes on: keep `start`
        _add(doc, start, sent.end, paragraph, segments)
        start = sent.end
    if start < len(doc):
        _add(doc, start, len(doc), paragraph, segments)
    return segments


_OPENING = {"«", "“"}


def _after_sentence_end(doc: Doc, i: int) -> bool:
    """Does token `i` follow the end of a sentence ('.', or a closing mark after one)?"""
    k = i - 1
    while k >= 0 and doc[k].is_space:
        k -= 1
    if k < 0:
        return False
    if doc[k].text in ("»", "”") and k > 0:
        k -= 1
    return doc[k].text in (".", "!", "?", "…")


def _add(doc: Doc, start: int, end: int, paragraph: int, out: list[Segment]) -> None:
    while start < end and doc[start].is_space:
        start += 1
    while end > start and doc[end - 1].is_space:
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
