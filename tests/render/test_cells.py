"""CSV cells that a spreadsheet would run as formulas are made inert; numbers are left alone."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import pytest

from crible.render.cells import spreadsheet_cell, spreadsheet_text
from crible.render.rows import RowFormat, write_rows


@pytest.mark.parametrize(
    "text, expected",
    [
        ("=1+1", "'=1+1"),
        ("+33 6 12", "'+33 6 12"),
        ("- Non, a-t-il répondu.", "'- Non, a-t-il répondu."),
        ("@ministre", "'@ministre"),
        ("\tcmd", "'\tcmd"),
        ("Le maire a dit = 3", "Le maire a dit = 3"),
        ("", ""),
    ],
)
def test_spreadsheet_text(text: str, expected: str) -> None:
    assert spreadsheet_text(text) == expected


def test_numbers_stay_numbers() -> None:
    assert spreadsheet_cell(-0.5, "-0.5") == "-0.5"
    assert spreadsheet_cell(-3, "-3") == "-3"
    assert spreadsheet_cell("-3", "-3") == "'-3"  # text that looks like a number is still text


@dataclass
class _Row:
    outlet: str
    shift: float
    names: list[str]


def test_corpus_rows_as_csv() -> None:
    out = io.StringIO()
    write_rows([_Row("=cmd|' /C calc'!A0", -0.25, ["@x", "y"])], RowFormat.csv, out)
    (row,) = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert row == {"outlet": "'=cmd|' /C calc'!A0", "shift": "-0.25", "names": "'@x, y"}
