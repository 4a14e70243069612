"""Fixtures for the corpus store: a read-only connection to the reference database (built once
per session by `reference` in tests/conftest.py, shared with the web tests), and helpers to
compare databases table by table."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from crible.corpus.store import COLUMNS, TABLES, Connection, open_store

# 52 articles (articles.jsonl) + 2 (depeches.csv) + 1 (communique.txt) + 5 records in
# broken.jsonl (one analysed with a bad date, four unreadable) + an empty and a binary file.
DOCUMENTS = 62
FAILED = 7
TIMING_COLUMNS = {"analysed_at"}


@pytest.fixture
def con(reference_db: Path) -> Iterator[Connection]:
    connection = open_store(reference_db, read_only=True)
    yield connection
    connection.close()


def tables(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, sorted, without the timing columns."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for table in TABLES:
            columns = [f'"{name}"' for name, _ in COLUMNS[table] if name not in TIMING_COLUMNS]
            rows = con.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
            out[table] = sorted(rows, key=repr)
        return out
    finally:
        con.close()


def rows_of(db: Path, key: str) -> dict[str, list[tuple[Any, ...]]]:
    """One document's rows in every table, without the timing columns."""
    return {table: [row for row in rows if row[0] == key] for table, rows in tables(db).items()}


def crible(*args: str, **kwargs: Any) -> subprocess.Popen[str]:
    """The real `crible` command in a subprocess."""
    return subprocess.Popen(
        [str(Path(sys.executable).parent / "crible"), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
        **kwargs,
    )
