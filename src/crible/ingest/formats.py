"""Which reader a file, URL or stream needs, from its name and, failing that, its first bytes."""

from __future__ import annotations

from enum import Enum


class InputFormat(str, Enum):
    text = "text"
    html = "html"
    feed = "feed"
    jsonl = "jsonl"
    csv = "csv"


_BY_SUFFIX = {
    ".txt": InputFormat.text,
    ".text": InputFormat.text,
    ".md": InputFormat.text,
    ".html": InputFormat.html,
    ".htm": InputFormat.html,
    ".xhtml": InputFormat.html,
    ".rss": InputFormat.feed,
    ".atom": InputFormat.feed,
    ".jsonl": InputFormat.jsonl,
    ".ndjson": InputFormat.jsonl,
    ".csv": InputFormat.csv,
    ".tsv": InputFormat.csv,
}


def format_from_name(name: str) -> InputFormat | None:
    lower = name.lower().rsplit("?", 1)[0]
    for suffix, fmt in _BY_SUFFIX.items():
        if lower.endswith(suffix):
            return fmt
    return None


def sniff_format(head: bytes) -> InputFormat:
    """Guess from the first bytes; plain text is the default."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()[:2048]
    if start.startswith(b"<?xml") or start.startswith(b"<rss") or start.startswith(b"<feed"):
        if b"<rss" in start or b"<feed" in start or b"<rdf" in start:
            return InputFormat.feed
        return InputFormat.html
    if start.startswith(b"<!doctype html") or start.startswith(b"<html") or b"<body" in start:
        return InputFormat.html
    if start.startswith(b"{"):
        return InputFormat.jsonl
    return InputFormat.text


def format_from_content_type(content_type: str) -> InputFormat | None:
    ct = content_type.lower()
    if "rss" in ct or "atom" in ct or ct.startswith("application/xml") or "text/xml" in ct:
        return InputFormat.feed
    if "html" in ct:
        return InputFormat.html
    if "json" in ct:
        return InputFormat.jsonl
    if "csv" in ct:
        return InputFormat.csv
    if ct.startswith("text/"):
        return InputFormat.text
    return None
