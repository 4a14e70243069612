"""JSONL and CSV corpora: one document per record, with a `text` field or column and optional
`id`, `title`, `published`, `source` (the outlet) and `url`. Records stream one at a time."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Iterator
from typing import Any

from crible.errors import InputError, MalformedRecord
from crible.ingest.decode import clean_text
from crible.ingest.document import RawDocument, parse_date, too_large

FIELDS = ("text", "id", "title", "published", "source", "url")


def read_jsonl(lines: Iterable[bytes], *, source: str, max_bytes: int) -> Iterator[RawDocument]:
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        where = f"{source}:{number}"
        if len(raw) > max_bytes:
            yield RawDocument.failed(where, too_large(where, len(raw), max_bytes))
            continue
        try:
            record = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            yield RawDocument.failed(
                where,
                MalformedRecord(f"{where}: line is not UTF-8 ({exc.reason})", hint=_JSONL_HINT),
            )
            continue
        except json.JSONDecodeError as exc:
            yield RawDocument.failed(
                where, MalformedRecord(f"{where}: not valid JSON ({exc.msg})", hint=_JSONL_HINT)
            )
            continue
        if not isinstance(record, dict):
            yield RawDocument.failed(
                where, MalformedRecord(f"{where}: expected a JSON object", hint=_JSONL_HINT)
            )
            continue
        yield _from_record(record, where)


def read_csv(
    lines: Iterable[str], *, source: str, max_bytes: int, delimiter: str = ","
) -> Iterator[RawDocument]:
    csv.field_size_limit(min(max_bytes, sys.maxsize))
    reader = csv.DictReader(lines, delimiter=delimiter)
    try:
        header = reader.fieldnames
    except (csv.Error, UnicodeDecodeError) as exc:
        yield RawDocument.failed(
            source, MalformedRecord(f"{source}: unreadable CSV header ({exc})", hint=_CSV_HINT)
        )
        return
    if not header or "text" not in header:
        yield RawDocument.failed(
            source,
            MalformedRecord(
                f"{source}: the CSV has no 'text' column (columns: {', '.join(header or [])})",
                hint=_CSV_HINT,
            ),
        )
        return
    number = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except (csv.Error, UnicodeDecodeError) as exc:
            where = f"{source}:{reader.line_num}"
            yield RawDocument.failed(
                where, MalformedRecord(f"{where}: unreadable CSV row ({exc})", hint=_CSV_HINT)
            )
            if isinstance(exc, UnicodeDecodeError):
                return
            continue
        number += 1
        yield _from_record(row, f"{source}:{number}")


def _from_record(record: dict[str, Any], where: str) -> RawDocument:
    text = record.get("text")
    if not isinstance(text, str):
        return RawDocument.failed(
            where,
            MalformedRecord(f"{where}: the record has no 'text' string", hint=_JSONL_HINT),
        )
    doc_id = record.get("id")
    doc = RawDocument(
        source=where,
        id=str(doc_id) if doc_id not in (None, "") else None,
        title=_str(record.get("title")),
        url=_str(record.get("url")),
        outlet=_str(record.get("source")),
    )
    try:
        doc.text = clean_text(text, source=where)
    except InputError as error:
        doc.errors.append(error)
        return doc
    try:
        doc.published = parse_date(record.get("published"))
    except ValueError:
        doc.errors.append(
            MalformedRecord(
                f"{where}: 'published' is not a date: {record.get('published')!r}",
                hint="use YYYY-MM-DD; the text is analysed without a date",
            )
        )
    return doc


def _str(value: object) -> str | None:
    return None if value in (None, "") else str(value)


_JSONL_HINT = "one JSON object a line, with a 'text' field"
_CSV_HINT = "a header row with a 'text' column, UTF-8"
