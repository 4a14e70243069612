"""Bytes to text: detect the encoding, refuse binary data, repair mojibake.

The text returned is what crible analyses and what every offset indexes, so all repairs happen
here, before any offset exists.
"""

from __future__ import annotations

import codecs
import unicodedata

import ftfy
from charset_normalizer import from_bytes

from crible.errors import BinaryInput, EmptyInput, UndecodableInput

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters other than tab, newline, carriage return and form feed; a text with many of
# them is not text.
_CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r", "\f"}


def decode_bytes(data: bytes, *, source: str, encoding: str | None = None) -> str:
    """Decode `data` to clean text, or raise a typed error that names `source`."""
    if not data.strip():
        raise EmptyInput(f"{source}: the input is empty", hint="give a file with some text in it")
    if encoding:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise UndecodableInput(
                f"{source}: cannot decode as {encoding}: {exc}",
                hint="drop --encoding to let crible detect it",
            ) from exc
    else:
        text = _detect_and_decode(data, source)
    return clean_text(text, source=source)


def clean_text(text: str, *, source: str) -> str:
    """Normalise newlines, repair mojibake, and refuse text that is really binary."""
    if "\x00" in text or _control_ratio(text) > 0.01:
        raise BinaryInput(
            f"{source}: looks like binary data, not text",
            hint="give a text, HTML, feed, JSONL or CSV file",
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _repair(text)
    if not text.strip():
        raise EmptyInput(f"{source}: the input is empty", hint="give a file with some text in it")
    return text


def _detect_and_decode(data: bytes, source: str) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec)
    if b"\x00" in data[:8192] and not _looks_utf16(data):
        raise BinaryInput(
            f"{source}: looks like binary data, not text",
            hint="give a text, HTML, feed, JSONL or CSV file",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:1_000_000]).best()
    if best is None or best.encoding is None:
        raise UndecodableInput(
            f"{source}: the bytes are in no text encoding crible can recognise",
            hint="convert the file to UTF-8, or pass --encoding (e.g. --encoding latin-1)",
        )
    try:
        return data.decode(best.encoding)
    except UnicodeDecodeError as exc:
        raise UndecodableInput(
            f"{source}: guessed {best.encoding} but the bytes do not decode: {exc.reason}",
            hint="convert the file to UTF-8, or pass --encoding (e.g. --encoding latin-1)",
        ) from exc


def _looks_utf16(data: bytes) -> bool:
    head = data[:4096]
    return head.count(b"\x00") > len(head) // 3 and (
        head[1::2].count(0) > len(head) // 3 or head[0::2].count(0) > len(head) // 3
    )


def _control_ratio(text: str) -> float:
    sample = text[:100_000]
    if not sample:
        return 0.0
    return sum(ch in _CONTROL for ch in sample) / len(sample)


def _repair(text: str) -> str:
    # ftfy is careful (it only changes what is clearly mojibake) but not free: skip it on text
    # that has no character mojibake is made of.
    if any(ch in text for ch in ("Ã", "Â", "â€", "Å", "Ð", "\ufffd")):
        text = ftfy.fix_text(text, normalization="NFC", uncurl_quotes=False, fix_line_breaks=False)
    return unicodedata.normalize("NFC", text)
