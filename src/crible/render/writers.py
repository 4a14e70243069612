"""Streaming writers: JSON (one `Result` object), JSONL (one document a line), CSV tables.

JSON is written incrementally so that a large batch never sits in memory; the bytes are exactly
those of `Result.model_dump_json()` for the same documents.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from crible.model import Document
from crible.render.cells import spreadsheet_text
from crible.render.tables import TABLES
from crible.version import __version__


def write_json(documents: Iterable[Document], out: TextIO) -> Iterator[Document]:
    out.write('{"crible_version":' + json.dumps(__version__) + ',"documents":[')
    for n, document in enumerate(documents):
        if n:
            out.write(",")
        out.write(document.model_dump_json())
        yield document
    out.write("]}\n")


def write_jsonl(documents: Iterable[Document], out: TextIO) -> Iterator[Document]:
    for document in documents:
        out.write(document.model_dump_json() + "\n")
        yield document


def write_csv(documents: Iterable[Document], out: TextIO, table: str) -> Iterator[Document]:
    columns, rows = TABLES[table]
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="raise")
    writer.writeheader()
    for document in documents:
        for row in rows(document):
            writer.writerow(_flat(row))
        yield document


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    """None as an empty cell; text that a spreadsheet would run as a formula made inert."""
    return {
        k: "" if v is None else spreadsheet_text(v) if isinstance(v, str) else v
        for k, v in row.items()
    }
