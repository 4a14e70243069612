"""RSS and Atom feed files: one document per item, with its date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import feedparser

from crible.errors import InputError, MalformedRecord, NoTextFound
from crible.ingest.decode import clean_text
from crible.ingest.document import RawDocument
from crible.ingest.html import html_to_text


def read_feed(data: bytes, *, source: str) -> Iterator[RawDocument]:
    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        problem = parsed.get("bozo_exception")
        yield RawDocument.failed(
            source,
            MalformedRecord(
                f"{source}: not a readable RSS/Atom feed"
                + (f" ({problem})" if problem else " (it has no items)"),
                hint="check the file, or force another reader with --input-format",
            ),
        )
        return
    for number, entry in enumerate(entries, start=1):
        item_source = f"{source}#{number}"
        title = _clean(entry.get("title"))
        body = _entry_html(entry)
        try:
            if not html_to_text(body).strip():
                raise NoTextFound(
                    f"{item_source}: the feed item has no text",
                    hint="the feed may carry only titles; analyse the linked pages instead",
                )
            text = clean_text(html_to_text(body), source=item_source)
        except InputError as error:  # every item stands alone: report it and go on
            yield RawDocument.failed(item_source, error)
            continue
        yield RawDocument(
            source=item_source,
            text=text + "\n",
            title=title,
            published=_entry_date(entry),
            id=entry.get("id") or entry.get("link"),
            url=entry.get("link"),
            outlet=_clean(parsed.get("feed", {}).get("title")),
        )


def _entry_html(entry: Any) -> str:
    contents = entry.get("content") or []
    for content in contents:
        value = content.get("value")
        if value:
            return str(value)
    return str(entry.get("summary") or entry.get("description") or "")


def _entry_date(entry: Any) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def _clean(value: object) -> str | None:
    if not value:
        return None
    return html_to_text(str(value)) or None
