"""Read and write the SemEval-2023 Task 3 file formats (Piskorski et al.), exactly.

- articles: a folder of `article<ID>.txt`; paragraph N is line N of the file, counting every line
  from 1; blank lines get no prediction;
- genre labels (subtask 1): `<ID>\\t<genre>`;
- frame labels (subtask 2): `<ID>\\t<frame>,<frame>…`;
- technique labels (subtask 3): `<ID>\\t<line>\\t<technique>,<technique>…` (possibly empty after
  the second tab);
- technique spans: `<ID>\\t<technique>\\t<start>\\t<end>`, character offsets in the article file;
- templates: `<ID>\\t<line>\\t<paragraph text>`, the paragraphs to predict.

Readers are strict: a malformed line raises `UsageError` naming `file:line`; an unknown label is
rejected with the list of valid ones. Writers produce `\\n`-terminated lines, so a file written by
crible reads back and writes again to identical bytes. See docs/formats/semeval.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from crible.errors import InputError, UndecodableInput, UsageError
from crible.nlp.slant.scheme import FRAMES, GENRES, TECHNIQUES

Task = Literal["persuasion", "frames", "genre"]
TASKS: tuple[Task, ...] = ("persuasion", "frames", "genre")
LABELS: dict[Task, tuple[str, ...]] = {
    "persuasion": TECHNIQUES,
    "frames": FRAMES,
    "genre": GENRES,
}

_ARTICLE_NAME = re.compile(r"^article(?P<id>[^./\\]+)\.txt$")


@dataclass(frozen=True)
class GenreLabel:
    article_id: str
    genre: str


@dataclass(frozen=True)
class FrameLabels:
    article_id: str
    frames: tuple[str, ...]


@dataclass(frozen=True)
class TechniqueLabels:
    article_id: str
    line: int
    techniques: tuple[str, ...]


@dataclass(frozen=True)
class TechniqueSpan:
    article_id: str
    technique: str
    start: int
    end: int


@dataclass(frozen=True)
class TemplateLine:
    article_id: str
    line: int
    text: str


@dataclass(frozen=True)
class ArticleParagraph:
    """A non-blank line of an article: its 1-based line number and character offsets."""

    line: int
    start: int
    end: int
    text: str


# -- articles ---------------------------------------------------------------------------------


def _read_text(path: Path) -> str:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return handle.read()
    except UnicodeDecodeError as exc:
        raise UndecodableInput(
            f"{path}: not valid UTF-8 at byte {exc.start}",
            hint="SemEval files are UTF-8; convert the file first",
        ) from exc
    except OSError as exc:
        raise UsageError(f"{path}: cannot be read ({exc.strerror})") from exc


def read_articles(folder: Path, *, ids: Iterable[str] | None = None) -> dict[str, str]:
    """`{id: text}` for every `article<ID>.txt` in `folder` (only `ids` when given), id order."""
    if not folder.is_dir():
        raise UsageError(
            f"{folder}: no such folder of articles",
            hint="pass the folder that holds the article<ID>.txt files",
        )
    wanted = None if ids is None else set(ids)
    found: dict[str, Path] = {}
    for path in folder.iterdir():
        match = _ARTICLE_NAME.match(path.name)
        if match and path.is_file() and (wanted is None or match["id"] in wanted):
            found[match["id"]] = path
    if wanted is not None and (missing := sorted(wanted - found.keys(), key=_id_key)):
        raise UsageError(
            f"{folder}: no article file for id(s) {', '.join(missing[:10])}",
            hint="the labels or template name articles that are not in the folder",
        )
    if not found:
        raise UsageError(f"{folder}: holds no article<ID>.txt file")
    return {key: _read_text(found[key]) for key in sorted(found, key=_id_key)}


def paragraphs(text: str) -> list[ArticleParagraph]:
    """The non-blank lines of an article, numbered from 1 over every line (blank ones included).

    A line ends before its `\\n` (and before a `\\r` preceding it); whitespace-only lines are blank.
    """
    out: list[ArticleParagraph] = []
    offset = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw[:-1] if raw.endswith("\r") else raw
        if line.strip():
            out.append(ArticleParagraph(number, offset, offset + len(line), line))
        offset += len(raw) + 1
    return out


def _id_key(article_id: str) -> tuple[int, int | str]:
    return (0, int(article_id)) if article_id.isdigit() else (1, article_id)


# -- label files ------------------------------------------------------------------------------


def _lines(path: Path) -> list[tuple[int, str]]:
    """(1-based number, content) of every non-empty line; a final newline is optional."""
    text = _read_text(path)
    rows = text.split("\n")
    if rows and rows[-1] == "":
        rows.pop()
    return [(n, row.rstrip("\r")) for n, row in enumerate(rows, start=1) if row.strip()]


def _fields(path: Path, number: int, row: str, count: int, shape: str) -> list[str]:
    parts = row.split("\t", count - 1)
    if len(parts) != count:
        raise UsageError(
            f"{path}:{number}: expected {count} tab-separated fields ({shape}), got {len(parts)}",
            hint="fields are separated by a single tab",
        )
    if not parts[0].strip() or parts[0] != parts[0].strip():
        raise UsageError(f"{path}:{number}: empty or padded article id {parts[0]!r}")
    return parts


def _int(path: Path, number: int, value: str, what: str) -> int:
    if not value.isdigit():
        raise UsageError(f"{path}:{number}: {what} must be a non-negative integer, got {value!r}")
    return int(value)


def _label(path: Path, number: int, value: str, valid: Sequence[str]) -> str:
    if value not in valid:
        raise UsageError(
            f"{path}:{number}: unknown label {value!r}", hint=f"valid labels: {', '.join(valid)}"
        )
    return value


def _label_list(path: Path, number: int, value: str, valid: Sequence[str]) -> tuple[str, ...]:
    if value == "":
        return ()
    labels = tuple(_label(path, number, item, valid) for item in value.split(","))
    if len(set(labels)) != len(labels):
        raise UsageError(f"{path}:{number}: a label is repeated in {value!r}")
    return labels


def read_genre_labels(path: Path) -> list[GenreLabel]:
    out = []
    for number, row in _lines(path):
        article_id, genre = _fields(path, number, row, 2, "<ID>\\t<genre>")
        out.append(GenreLabel(article_id, _label(path, number, genre, GENRES)))
    _unique(path, [(r.article_id,) for r in out])
    return out


def read_frame_labels(path: Path) -> list[FrameLabels]:
    out = []
    for number, row in _lines(path):
        article_id, frames = _fields(path, number, row, 2, "<ID>\\t<frame>,<frame>…")
        out.append(FrameLabels(article_id, _label_list(path, number, frames, FRAMES)))
    _unique(path, [(r.article_id,) for r in out])
    return out


def read_technique_labels(path: Path) -> list[TechniqueLabels]:
    out = []
    for number, row in _lines(path):
        article_id, line, labels = _fields(path, number, row, 3, "<ID>\\t<line>\\t<technique>,…")
        out.append(
            TechniqueLabels(
                article_id,
                _positive(path, number, _int(path, number, line, "the line number")),
                _label_list(path, number, labels, TECHNIQUES),
            )
        )
    _unique(path, [(r.article_id, r.line) for r in out])
    return out


def read_technique_spans(path: Path) -> list[TechniqueSpan]:
    """Spans from one file, or from every `*.txt` of a folder (SemEval ships one per article)."""
    if path.is_dir():
        files = sorted(path.glob("*.txt"))
        if not files:
            raise UsageError(f"{path}: holds no span file (*.txt)")
        return [span for file in files for span in read_technique_spans(file)]
    out = []
    for number, row in _lines(path):
        article_id, technique, start, end = _fields(
            path, number, row, 4, "<ID>\\t<technique>\\t<start>\\t<end>"
        )
        first = _int(path, number, start, "the start offset")
        last = _int(path, number, end, "the end offset")
        if last <= first:
            raise UsageError(f"{path}:{number}: span end {last} is not after its start {first}")
        out.append(
            TechniqueSpan(article_id, _label(path, number, technique, TECHNIQUES), first, last)
        )
    return out


def read_template(path: Path) -> list[TemplateLine]:
    out = []
    for number, row in _lines(path):
        article_id, line, text = _fields(path, number, row, 3, "<ID>\\t<line>\\t<paragraph text>")
        out.append(
            TemplateLine(
                article_id,
                _positive(path, number, _int(path, number, line, "the line number")),
                text,
            )
        )
    _unique(path, [(r.article_id, r.line) for r in out])
    return out


def _positive(path: Path, number: int, value: int) -> int:
    if value < 1:
        raise UsageError(f"{path}:{number}: line numbers count from 1, got {value}")
    return value


def _unique(path: Path, keys: list[tuple[object, ...]]) -> None:
    seen: set[tuple[object, ...]] = set()
    for number, key in enumerate(keys, start=1):
        if key in seen:
            raise UsageError(f"{path}: {'/'.join(map(str, key))} appears twice (record {number})")
        seen.add(key)


def _write(path: Path, rows: Iterable[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        for row in rows:
            handle.write(row + "\n")


def write_genre_labels(path: Path, records: Iterable[GenreLabel]) -> None:
    _write(path, (f"{r.article_id}\t{r.genre}" for r in records))


def write_frame_labels(path: Path, records: Iterable[FrameLabels]) -> None:
    _write(path, (f"{r.article_id}\t{','.join(r.frames)}" for r in records))


def write_technique_labels(path: Path, records: Iterable[TechniqueLabels]) -> None:
    _write(path, (f"{r.article_id}\t{r.line}\t{','.join(r.techniques)}" for r in records))


def write_technique_spans(path: Path, records: Iterable[TechniqueSpan]) -> None:
    _write(path, (f"{r.article_id}\t{r.technique}\t{r.start}\t{r.end}" for r in records))


def write_template(path: Path, records: Iterable[TemplateLine]) -> None:
    _write(path, (f"{r.article_id}\t{r.line}\t{r.text}" for r in records))


def template_for(articles: dict[str, str]) -> list[TemplateLine]:
    """The template of every non-blank line of `articles` (what SemEval ships for subtask 3)."""
    return [
        TemplateLine(article_id, p.line, p.text)
        for article_id, text in articles.items()
        for p in paragraphs(text)
    ]


def check_spans(spans: Iterable[TechniqueSpan], articles: dict[str, str], source: Path) -> None:
    """Every span must name a known article and fit inside its text."""
    for span in spans:
        text = articles.get(span.article_id)
        if text is None:
            raise InputError(f"{source}: span for unknown article {span.article_id}")
        if span.end > len(text):
            raise InputError(
                f"{source}: span {span.start}-{span.end} of article {span.article_id} "
                f"ends after the text ({len(text)} characters)"
            )
