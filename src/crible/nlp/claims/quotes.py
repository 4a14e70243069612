"""Quotation marks: « », “ ”, " ", nested quotes and quotes running over paragraphs."""

from __future__ import annotations

from dataclasses import dataclass

_PAIRS = {"«": "»", "“": "”", '"': '"'}
SCARE_WORDS = 3  # a label in quotes has at most this many words
_LABEL_BEFORE = {"ces", "des", "ce", "cet", "cette"}  # 'de ces « preneurs d'otages »'


@dataclass(frozen=True)
class Quote:
    open: int  # offset of the opening mark
    close: int  # offset just after the closing mark (or paragraph end when unclosed)
    start: int  # content start (marks and spaces excluded)
    end: int  # content end
    words: int


def find_quotes(text: str) -> list[Quote]:
    """Outermost quotations. An inner pair (“ ” inside « ») stays inside its outer quote. A quote
    left open at a paragraph end continues when the next paragraph starts with the same opening
    mark (the French convention); otherwise it ends with the paragraph."""
    quotes: list[Quote] = []
    i, n = 0, len(text)
    while i < n:
        opener = text[i]
        closer = _PAIRS.get(opener)
        if closer is None:
            i += 1
            continue
        depth, j, close_at, after = 1, i + 1, -1, -1
        while j < n:
            char = text[j]
            if char == "\n":
                k = j
                while k < n and text[k].isspace():
                    k += 1
                if k < n and text[k] == opener and opener != closer:
                    j = k + 1
                    continue
                close_at, after = j, j
                break
            if char == closer and (opener != closer or depth == 1):
                depth -= 1
                if depth == 0:
                    close_at, after = j, j + 1
                    break
            elif char == opener and opener != closer:
                depth += 1
            j += 1
        if close_at < 0:
            close_at = after = n
        start, end = i + 1, close_at
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            quotes.append(Quote(i, after, start, end, len(text[start:end].split())))
        i = max(after, i + 1)
    return quotes


def is_scare_quote(text: str, quote: Quote) -> bool:
    """A short label in quotes after a demonstrative or 'des' ('ces « casseurs »'): the outlet
    keeps its distance from a word; it is nobody's statement."""
    if quote.words > SCARE_WORDS:
        return False
    before = text[max(0, quote.open - 12) : quote.open].split()
    return bool(before) and before[-1].lower() in _LABEL_BEFORE
