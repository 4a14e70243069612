"""Fixtures for the corpus store: our test corpus with bad inputs added, one reference batch
run shared by the tests that only read it, and helpers to compare databases table by table."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from crible.analysis import Settings
from crible.corpus.batch import BatchReport, run_batch
from crible.corpus.store import COLUMNS, TABLES, Connection, open_store

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
# 52 articles (articles.jsonl) + 2 (depeches.csv) + 1 (communique.txt) + 5 records in
# broken.jsonl (one analysed with a bad date, four unreadable) + an empty and a binary file.
DOCUMENTS = 62
FAILED = 7
TIMING_COLUMNS = {"analysed_at"}


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test corpus plus an empty file and a binary file."""
    folder = tmp_path_factory.mktemp("corpus") / "inputs"
    shutil.copytree(CORPUS, folder)
    (folder / "vide.txt").write_text("", encoding="utf-8")
    (folder / "image.bin").write_bytes(bytes(range(256)) * 8)
    return folder


@pytest.fixture(scope="session")
def reference(
    corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, BatchReport]:
    """One uninterrupted local batch of the corpus: the database other runs must equal."""
    db = tmp_path_factory.mktemp("reference") / "corpus.duckdb"
    report = run_batch([str(corpus_dir)], db, Settings(batch_size=8))
    return db, report


@pytest.fixture(scope="session")
def reference_db(reference: tuple[Path, BatchReport]) -> Path:
    return reference[0]


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
