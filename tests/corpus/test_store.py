"""The DuckDB store: versioned schema and migrations, whole-document writes, and a faithful
round trip of the result model."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

import crible
from crible.corpus import store
from crible.corpus.store import COLUMNS, SCHEMA_VERSION, TABLES, Migration
from crible.errors import StoreError


def test_a_new_database_gets_every_migration_once(tmp_path: Path) -> None:
    db = tmp_path / "new.duckdb"
    con = store.open_store(db)
    versions = con.execute("SELECT version, description FROM schema_version").fetchall()
    assert [v for v, _ in versions] == [m.version for m in store.MIGRATIONS]
    assert store.schema_version(con) == SCHEMA_VERSION
    assert store.migrate(con) == []  # nothing left to apply
    con.close()
    con = store.open_store(db)
    assert con.execute("SELECT count(*) FROM schema_version").fetchone() == (len(versions),)
    con.close()


def test_the_insert_columns_are_the_migrated_tables(tmp_path: Path) -> None:
    con = store.open_store(tmp_path / "new.duckdb")
    for table in TABLES:
        found = con.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = ? ORDER BY ordinal_position",
            [table],
        ).fetchall()
        assert found == [(name, kind) for name, kind in COLUMNS[table]], table
    con.close()


def test_a_later_migration_is_applied_to_an_existing_database_and_recorded(
    tmp_path: Path,
) -> None:
    db = tmp_path / "old.duckdb"
    store.open_store(db).close()
    later = Migration(
        SCHEMA_VERSION + 1,
        "a note per document",
        ("ALTER TABLE documents ADD COLUMN note VARCHAR",),
    )
    con = duckdb.connect(str(db))
    assert store.migrate(con, [*store.MIGRATIONS, later]) == [later.version]
    assert store.migrate(con, [*store.MIGRATIONS, later]) == []
    names = [r[0] for r in con.execute("DESCRIBE documents").fetchall()]
    assert names[-1] == "note"
    con.close()
    # This crible knows fewer versions than the file has: it refuses instead of guessing.
    with pytest.raises(StoreError, match="newer crible"):
        store.open_store(db)
    with pytest.raises(StoreError, match="newer crible"):
        store.open_store(db, read_only=True)


def test_a_failed_migration_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    db = tmp_path / "db.duckdb"
    store.open_store(db).close()
    broken = Migration(
        SCHEMA_VERSION + 1,
        "half a change",
        ("ALTER TABLE documents ADD COLUMN extra INTEGER", "ALTER TABLE nowhere ADD COLUMN x INT"),
    )
    con = duckdb.connect(str(db))
    with pytest.raises(duckdb.Error):
        store.migrate(con, [*store.MIGRATIONS, broken])
    assert store.schema_version(con) == SCHEMA_VERSION
    assert "extra" not in [r[0] for r in con.execute("DESCRIBE documents").fetchall()]
    con.close()


def test_opening_problems_are_one_line_store_errors(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such corpus database"):
        store.open_store(tmp_path / "missing.duckdb", read_only=True)
    junk = tmp_path / "notes.duckdb"
    junk.write_text("ceci n'est pas une base\n" * 100, encoding="utf-8")
    with pytest.raises(StoreError, match="cannot open the corpus database") as caught:
        store.open_store(junk)
    assert "\n" not in caught.value.line()


def test_a_database_held_by_another_process_is_reported_as_in_use(tmp_path: Path) -> None:
    db = tmp_path / "held.duckdb"
    store.open_store(db).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys; c = duckdb.connect(sys.argv[1]); print('ready', flush=True); "
            "sys.stdin.read()",
            str(db),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError, match="in use by another process"):
            store.open_store(db)
    finally:
        holder.communicate("", timeout=30)


def test_documents_round_trip_through_the_store(tmp_path: Path, sample_text: str) -> None:
    result = crible.analyze(sample_text, published="2023-10-12", source="sample.txt")
    [document] = result.documents
    assert len(document.articles) == 3 and any(a.claims for a in document.articles)
    failed = crible.analyze("", source="empty.txt").documents[0]
    con = store.open_store(tmp_path / "db.duckdb")
    store.insert_documents(
        con, [("k1", document), ("k2", failed)], analysis="a", crible_version="v"
    )
    assert store.load_document(con, "k1").model_dump() == document.model_dump()
    assert store.load_document(con, "k2").model_dump() == failed.model_dump()
    assert store.stored_status(con, ["k1", "k2", "k3"]) == {
        "k1": store.StoredStatus("a", False),
        "k2": store.StoredStatus("a", True),
    }
    [(article, text), *_] = store.stored_articles(con, ["k1"])["k1"]
    first = document.articles[0]
    assert article == first.id and text == document.text[first.start : first.end]
    con.close()


def test_replacing_a_document_leaves_one_copy_of_its_rows(tmp_path: Path) -> None:
    document = crible.analyze("Le maire de Brest a inauguré lundi le nouveau port de plaisance.")
    [doc] = document.documents
    con = store.open_store(tmp_path / "db.duckdb")
    store.insert_documents(con, [("k", doc)], analysis="old", crible_version="0.1")
    store.insert_documents(con, [("k", doc)], analysis="new", crible_version="0.2", replace=["k"])
    for table in TABLES:
        count = con.execute(f"SELECT count(*) FROM {table} WHERE doc_key = 'k'").fetchone()
        single = con.execute(
            f"SELECT count(*) FROM (SELECT DISTINCT * EXCLUDE (doc_key) FROM {table} "
            "WHERE doc_key = 'k')"
        ).fetchone()
        assert count == single, table
    assert store.stored_status(con, ["k"])["k"].analysis == "new"
    con.close()


def _key(**changes: object) -> str:
    fields: dict[str, object] = {
        "text": "Un texte.",
        "published": None,
        "record_id": "1",
        "title": None,
        "url": None,
        "outlet": "Le Vigilant",
        "source": "a.jsonl:1",
        "errors": [],
    }
    fields.update(changes)
    return store.document_key(**fields)  # type: ignore[arg-type]


def test_the_key_is_the_content_not_where_it_was_read() -> None:
    assert _key() == _key(source="renamed.jsonl:7")
    assert _key() != _key(outlet="Le Flambeau")
    assert _key() != _key(text="Un autre texte.")
    # Unreadable inputs have no text: each is keyed by where it was and what went wrong.
    empty = {"text": "", "errors": [("empty", "a.txt: the input is empty")]}
    assert _key(**empty, source="a.txt") != _key(**empty, source="b.txt")
