"""Rows of the corpus views as an aligned table, JSON or CSV (`crible corpus … --format`)."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
import re
from collections.abc import Sequence
from enum import Enum
from typing import Any, TextIO

from crible.render.cells import spreadsheet_cell


class RowFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


TABLE_CELL = 60  # characters shown per cell in a table; JSON and CSV keep everything
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def write_rows(rows: Sequence[Any], fmt: RowFormat, out: TextIO) -> None:
    """Write dataclass rows. Nested values (counts per outlet, lists) stay nested in JSON and
    are flattened to `key: value; …` text in tables and CSV."""
    records = [dataclasses.asdict(row) for row in rows]
    if fmt is RowFormat.json:
        json.dump(records, out, ensure_ascii=False, indent=2, default=_json_default)
        out.write("\n")
        return
    if not records:
        if fmt is RowFormat.table:
            out.write("(no rows)\n")
        return
    columns = list(records[0])
    cells = [[_flat(record[c]) for c in columns] for record in records]
    if fmt is RowFormat.csv:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for record, row in zip(records, cells, strict=True):
            writer.writerow(
                [spreadsheet_cell(record[c], cell) for c, cell in zip(columns, row, strict=True)]
            )
        return
    shown = [[_shorten(_visible(cell)) for cell in row] for row in cells]
    widths = [max(len(c), *(len(row[i]) for row in shown)) for i, c in enumerate(columns)]
    out.write("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for row in shown:
        out.write("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() + "\n")


def _flat(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_flat(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(_flat(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _visible(text: str) -> str:
    """Control characters from the data are shown as escapes, never sent to the terminal."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def _shorten(text: str) -> str:
    return text if len(text) <= TABLE_CELL else text[: TABLE_CELL - 1] + "…"


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")
