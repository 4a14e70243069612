from __future__ import annotations

import codecs

import pytest

from crible.errors import BinaryInput, EmptyInput, UndecodableInput
from crible.ingest.decode import decode_bytes

PHRASE = "L'été dernier, la préfète a ouvert l'enquête à Besançon « sans délai »."


@pytest.mark.parametrize(
    "data",
    [
        PHRASE.encode("utf-8"),
        codecs.BOM_UTF8 + PHRASE.encode("utf-8"),
        PHRASE.encode("utf-16"),  # with its BOM
        (PHRASE + " ").encode("cp1252") * 3,
        (PHRASE + " ").encode("latin-1") * 3,
    ],
    ids=["utf8", "utf8-bom", "utf16", "cp1252", "latin1"],
)
def test_encodings_are_detected(data: bytes) -> None:
    assert decode_bytes(data, source="t").startswith(PHRASE)


def test_mojibake_is_repaired() -> None:
    broken = PHRASE.encode("utf-8").decode("latin-1")  # the classic 'Ã©' damage
    assert "Ã©" in broken
    assert decode_bytes(broken.encode("utf-8"), source="t") == PHRASE


def test_windows_newlines_are_normalised() -> None:
    assert decode_bytes(b"un\r\ndeux\rtrois", source="t") == "un\ndeux\ntrois"


@pytest.mark.parametrize("data", [b"", b"   \n\t \n"])
def test_empty_input(data: bytes) -> None:
    with pytest.raises(EmptyInput, match="t: the input is empty"):
        decode_bytes(data, source="t")


def test_binary_input() -> None:
    png_like = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    with pytest.raises(BinaryInput, match="binary data"):
        decode_bytes(png_like, source="t")


def test_forced_wrong_encoding_is_reported() -> None:
    with pytest.raises(UndecodableInput, match="cannot decode as ascii"):
        decode_bytes(PHRASE.encode("utf-8"), source="t", encoding="ascii")
