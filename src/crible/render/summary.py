"""The human summary printed in a terminal (`--format text`)."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Iterator
from typing import TextIO

from crible.model import Article, Document

_WIDTH = 88


def write_summary(documents: Iterable[Document], out: TextIO) -> Iterator[Document]:
    for document in documents:
        out.write(summarize(document))
        yield document


def summarize(document: Document) -> str:
    lines = [f"== {_clip(document.source, 200)}"]
    for error in document.errors:
        lines.append(f"   ! {error.code}: {_clip(error.message, 500)}")
    for article in document.articles:
        lines.extend(_article(document, article))
    return "\n".join(lines) + "\n\n"


def _article(document: Document, a: Article) -> list[str]:
    flags = [a.language]
    if a.published:
        flags.append(f"published {a.published}")
    if a.truncated:
        flags.append("TRUNCATED")
    if a.duplicate_of:
        flags.append(f"duplicate of {a.duplicate_of}")
    if a.genre:
        flags.append(a.genre)
    head = a.title or document.text[a.start : a.end].split("\n", 1)[0]
    lines = [
        f"-- article {a.id} [{a.start}:{a.end}] ({', '.join(flags)})",
        f"   {_clip(head, _WIDTH - 3)}",
    ]
    if a.entities:
        lines.append("   Entities:")
        for e in sorted(a.entities, key=lambda e: -len(e.mentions)):
            ident = e.wikidata or e.id
            extra = f"; roles: {', '.join(e.roles)}" if e.roles else ""
            variants = f"; spelled {' / '.join(e.variants)}" if len(e.variants) > 1 else ""
            lines.append(f"     {e.name} ({e.type}, {ident}) x{len(e.mentions)}{variants}{extra}")
    if a.claims:
        lines.append("   Claims:")
        for c in a.claims:
            who = c.source.text if c.source and c.source.text else "(the outlet)"
            kind = f"{c.type}, " if c.type else ""
            lines.append(
                f"     [{c.certainty}] {kind}{who}: « {_clip(c.content.text, 60)} »"
                f" [{c.content.start}:{c.content.end}]"
            )
            lines.extend(_why(c.why))
    if a.slant:
        lines.append("   Slant:")
        for s in a.slant:
            neutral = f" -> neutral: {s.neutral}" if s.neutral else ""
            side = f" ({s.side})" if s.side else ""
            lines.append(f"     «{s.text}» {s.technique}{side}{neutral} [{s.start}:{s.end}]")
            lines.extend(_why(s.why))
    if a.frames:
        lines.append(f"   Frames: {', '.join(a.frames)}")
    if a.times:
        lines.append("   Times: " + "; ".join(f"{t.text} = {t.value or '?'}" for t in a.times))
    return lines


def _why(why: str) -> list[str]:
    """The reason in full (it is what lets a reader check a finding), wrapped under it."""
    return textwrap.wrap(
        _clip(why, 600), _WIDTH, initial_indent="        why: ", subsequent_indent=" " * 13
    )


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    text = text if len(text) <= width else text[: width - 1] + "…"
    return text.translate(_VISIBLE)


# Input text reaches the terminal: show control characters (an ESC could drive the terminal)
# as escapes instead of sending them.
_VISIBLE = {c: f"\\x{c:02x}" for c in (*range(32), 127)}
