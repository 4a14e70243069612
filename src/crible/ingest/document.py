"""What every reader yields: one raw document, decoded, or the error that stopped it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from crible.errors import InputError, InputTooLarge


@dataclass
class RawDocument:
    source: str
    text: str = ""
    title: str | None = None
    published: dt.date | None = None
    id: str | None = None
    url: str | None = None
    outlet: str | None = None
    errors: list[InputError] = field(default_factory=list)

    @classmethod
    def failed(cls, source: str, error: InputError) -> RawDocument:
        return cls(source=source, errors=[error])


def parse_date(value: object) -> dt.date | None:
    """A date from 'YYYY-MM-DD' or an ISO timestamp; None when absent. Raises ValueError."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()


def too_large(source: str, size: int, limit: int) -> InputTooLarge:
    return InputTooLarge(
        f"{source}: {size / 1e6:.1f} MB, above the {limit / 1e6:g} MB limit",
        hint="split it, or raise the limit with --max-size (in MB)",
    )
