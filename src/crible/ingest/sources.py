"""Turn what the user names (files, folders, '-', URLs) into a stream of raw documents.

Nothing is loaded ahead: a folder is walked lazily and records stream one at a time, so memory
stays bounded on a large corpus. A source that fails yields a document carrying its error; the
others go on.
"""

from __future__ import annotations

import io
import os
import sys
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from crible.errors import FetchFailed, InputError, UnreadableInput
from crible.ingest.decode import decode_bytes
from crible.ingest.document import RawDocument, too_large
from crible.ingest.feeds import read_feed
from crible.ingest.formats import (
    InputFormat,
    format_from_content_type,
    format_from_name,
    sniff_format,
)
from crible.ingest.html import read_html
from crible.ingest.records import read_csv, read_jsonl

DEFAULT_MAX_BYTES = 20_000_000
FETCH_TIMEOUT = 20.0


@dataclass(frozen=True)
class IngestOptions:
    input_format: InputFormat | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    encoding: str | None = None


def read_inputs(
    inputs: Iterable[str], options: IngestOptions | None = None
) -> Iterator[RawDocument]:
    """Raw documents from every input, in order; '-' is standard input."""
    options = options or IngestOptions()
    for name in inputs:
        if name == "-":
            yield from _read_stream(sys.stdin.buffer, "<stdin>", options)
        elif name.startswith(("http://", "https://")):
            yield from read_url(name, options)
        else:
            yield from read_path(Path(name), options)


def read_path(path: Path, options: IngestOptions) -> Iterator[RawDocument]:
    if path.is_dir():
        yield from _read_folder(path, options)
        return
    source = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield RawDocument.failed(source, _unreadable(source, exc))
        return
    fmt = options.input_format or format_from_name(path.name)
    if fmt in (InputFormat.jsonl, InputFormat.csv):
        yield from _read_records_file(path, fmt, options)
        return
    if size > options.max_bytes:
        yield RawDocument.failed(source, too_large(source, size, options.max_bytes))
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield RawDocument.failed(source, _unreadable(source, exc))
        return
    yield from read_bytes(data, source=source, fmt=fmt, options=options)


def read_bytes(
    data: bytes,
    *,
    source: str,
    fmt: InputFormat | None,
    options: IngestOptions,
    url: str | None = None,
) -> Iterator[RawDocument]:
    """Documents from an in-memory input of a known or sniffed format."""
    fmt = fmt or sniff_format(data[:4096])
    try:
        if fmt is InputFormat.feed:
            yield from read_feed(data, source=source)
        elif fmt is InputFormat.jsonl:
            yield from read_jsonl(io.BytesIO(data), source=source, max_bytes=options.max_bytes)
        elif fmt is InputFormat.csv:
            text = decode_bytes(data, source=source, encoding=options.encoding)
            yield from read_csv(
                io.StringIO(text, newline=""),
                source=source,
                max_bytes=options.max_bytes,
                delimiter="\t" if source.endswith(".tsv") else ",",
            )
        elif fmt is InputFormat.html:
            html = decode_bytes(data, source=source, encoding=options.encoding)
            yield read_html(html, source=source, url=url)
        else:
            yield RawDocument(
                source=source, text=decode_bytes(data, source=source, encoding=options.encoding)
            )
    except InputError as error:
        yield RawDocument.failed(source, error)


def read_url(url: str, options: IngestOptions) -> Iterator[RawDocument]:
    request = urllib.request.Request(url, headers={"User-Agent": "crible (news analysis)"})
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:
            data = response.read(options.max_bytes + 1)
            content_type = response.headers.get("Content-Type", "")
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        yield RawDocument.failed(
            url,
            FetchFailed(
                f"{url}: could not fetch ({reason})",
                hint="check the address and the network, or save the page and give the file",
            ),
        )
        return
    if len(data) > options.max_bytes:
        yield RawDocument.failed(url, too_large(url, len(data), options.max_bytes))
        return
    fmt = options.input_format or format_from_content_type(content_type) or format_from_name(url)
    for doc in read_bytes(data, source=url, fmt=fmt, options=options, url=url):
        doc.url = doc.url or url
        yield doc


def _read_stream(stream: BinaryIO, source: str, options: IngestOptions) -> Iterator[RawDocument]:
    data = stream.read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        yield RawDocument.failed(source, too_large(source, len(data), options.max_bytes))
        return
    yield from read_bytes(data, source=source, fmt=options.input_format, options=options)


def _read_folder(folder: Path, options: IngestOptions) -> Iterator[RawDocument]:
    def on_error(exc: OSError) -> None:
        raise exc

    try:
        walker = os.walk(folder, onerror=on_error)
        for root, dirs, files in walker:
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.startswith("."):
                    continue
                yield from read_path(Path(root) / name, options)
    except OSError as exc:
        where = getattr(exc, "filename", None) or str(folder)
        yield RawDocument.failed(str(where), _unreadable(str(where), exc))


def _read_records_file(
    path: Path, fmt: InputFormat, options: IngestOptions
) -> Iterator[RawDocument]:
    source = str(path)
    try:
        if fmt is InputFormat.jsonl:
            with path.open("rb") as handle:
                yield from read_jsonl(handle, source=source, max_bytes=options.max_bytes)
        else:
            encoding = options.encoding or "utf-8-sig"
            with path.open(encoding=encoding, newline="") as text_handle:
                yield from read_csv(
                    text_handle,
                    source=source,
                    max_bytes=options.max_bytes,
                    delimiter="\t" if path.suffix.lower() == ".tsv" else ",",
                )
    except OSError as exc:
        yield RawDocument.failed(source, _unreadable(source, exc))


def _unreadable(source: str, exc: OSError) -> UnreadableInput:
    return UnreadableInput(
        f"{source}: cannot read ({exc.strerror or exc})",
        hint="check that the file exists and that you may read it",
    )
