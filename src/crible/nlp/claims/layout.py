"""The document's own structure, as the attribution stage reads it: paragraphs, the title line,
paragraphs that announce a quotation with a colon, and the question-and-answer layout of an
interview. Pure string work on the article text.
"""

from __future__ import annotations

from dataclasses import dataclass

QUESTION_DASHES = ("—", "–", "-")
_QUOTE_OPENERS = '«“"'
MIN_QUESTIONS = 2  # an interview has at least this many questions, each followed by an answer
_QUESTION_WORDS = 45  # a question paragraph is short


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int  # trailing spaces excluded


@dataclass(frozen=True)
class Interview:
    questions: tuple[int, ...]  # paragraph numbers of the questions
    answers: tuple[int, ...]  # paragraph numbers of the answers
    lead_end: int  # char offset where the introduction (before the first question) ends


def paragraphs(text: str) -> list[Paragraph]:
    """Every line of the text, as segments.split_segments numbers them (empty ones included)."""
    found = []
    start = 0
    while True:
        end = text.find("\n", start)
        stop = len(text) if end < 0 else end
        trimmed = stop
        while trimmed > start and text[trimmed - 1].isspace():
            trimmed -= 1
        found.append(Paragraph(start, trimmed))
        if end < 0:
            return found
        start = end + 1


def paragraph_of(paras: list[Paragraph], char: int) -> int:
    """Number of the paragraph holding `char` (binary search over the starts)."""
    lo, hi = 0, len(paras) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if paras[mid].start <= char:
            lo = mid
        else:
            hi = mid - 1
    return lo


def is_title(text: str, para: Paragraph, number: int) -> bool:
    """The first line of an article when it ends without sentence punctuation (or with a quote)."""
    if number != 0 or para.end <= para.start or para.end >= len(text.rstrip()):
        return False
    body = text[para.start : para.end].rstrip()
    if body[-1] in ".!…":
        return False
    if body[-1] in '»”"':  # a headline quoting someone, unless the quote ends a sentence
        inner = body[:-1].rstrip()
        return not inner or inner[-1] not in ".!?…"
    return True


def announces_quote(text: str, paras: list[Paragraph], number: int) -> bool:
    """A paragraph ending with a colon, followed by one that opens with a quotation mark."""
    para = paras[number]
    if para.end <= para.start or text[para.end - 1] != ":":
        return False
    nxt = _next_filled(text, paras, number)
    return nxt is not None and text[paras[nxt].start : paras[nxt].end].lstrip()[:1] in (
        _QUOTE_OPENERS
    )


def _next_filled(text: str, paras: list[Paragraph], number: int) -> int | None:
    for k in range(number + 1, len(paras)):
        if paras[k].end > paras[k].start and text[paras[k].start : paras[k].end].strip():
            return k
    return None


def previous_filled(text: str, paras: list[Paragraph], number: int) -> int | None:
    for k in range(number - 1, -1, -1):
        if paras[k].end > paras[k].start and text[paras[k].start : paras[k].end].strip():
            return k
    return None


def _is_question(body: str) -> bool:
    stripped = body.strip()
    if not stripped or len(stripped.split()) > _QUESTION_WORDS:
        return False
    return stripped.startswith(QUESTION_DASHES) or stripped.endswith("?")


def find_interview(text: str, paras: list[Paragraph]) -> Interview | None:
    """Questions (short paragraphs opening with a dash or ending with '?') each followed by an
    answer paragraph (not a question, not opening with quotation marks); at least
    `MIN_QUESTIONS` such pairs, the first one after the article's introduction."""
    filled = [k for k, p in enumerate(paras) if text[p.start : p.end].strip()]
    questions: list[int] = []
    answers: list[int] = []
    for pos, k in enumerate(filled[1:-1], start=1):
        body = text[paras[k].start : paras[k].end]
        if not _is_question(body):
            continue
        nxt = filled[pos + 1]
        answer = text[paras[nxt].start : paras[nxt].end].strip()
        if _is_question(answer) or answer[:1] in _QUOTE_OPENERS:
            continue
        questions.append(k)
        answers.append(nxt)
    if len(questions) < MIN_QUESTIONS:
        return None
    return Interview(tuple(questions), tuple(answers), paras[questions[0]].start)
