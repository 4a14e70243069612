"""Text cells made safe for spreadsheets.

A CSV cell that begins with `=`, `+`, `-`, `@` (or a tab or carriage return) is run as a formula
by Excel, LibreOffice and Google Sheets: an article quoting `=HYPERLINK("http://…")` would become
a live link, or worse, in the analyst's sheet. Such text cells get a leading `'`, which the
spreadsheet shows as text (OWASP's advice). Numbers are left alone; JSON output keeps every text
as it is.
"""

from __future__ import annotations

from typing import Any

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def spreadsheet_cell(value: Any, flat: str) -> str:
    """`flat` (the cell's text) made safe unless `value` was a number."""
    if isinstance(value, bool | int | float):
        return flat
    return spreadsheet_text(flat)
