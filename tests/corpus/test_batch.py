"""`crible batch`: every document stored whole, failures stored and reported, re-runs skip
what is stored, a killed run resumes to the same database, and engines agree."""

from __future__ import annotations

import json
import shutil
import signal
import time
from pathlib import Path

import duckdb
import pytest

from crible.analysis import Settings
from crible.corpus import store
from crible.corpus.batch import BatchReport, analysis_fingerprint, count_documents, run_batch

from .conftest import DOCUMENTS, FAILED, crible, rows_of, tables


def test_every_input_is_stored_and_failures_carry_their_error(
    reference: tuple[Path, BatchReport],
) -> None:
    db, report = reference
    assert (report.total, report.seen, report.stored, report.failed) == (
        DOCUMENTS,
        DOCUMENTS,
        DOCUMENTS,
        FAILED,
    )
    assert report.exit_code == 1
    con = duckdb.connect(str(db), read_only=True)
    codes = dict(
        con.execute(
            "SELECT d.source, list(e.code ORDER BY e.n) FROM errors e JOIN documents d "
            "USING (doc_key) GROUP BY ALL"
        ).fetchall()
    )
    by_name = {Path(source).name: code for source, code in codes.items()}
    assert by_name["vide.txt"] == ["empty"]
    assert by_name["image.bin"] == ["binary"]
    assert by_name["broken.jsonl:2"] == ["malformed_record"]
    assert by_name["broken.jsonl:3"] == ["malformed_record"]
    assert by_name["broken.jsonl:4"] == ["empty"]
    assert by_name["broken.jsonl:5"] == ["malformed_record"]
    # A bad date is an error, but the text is still analysed and stored.
    assert by_name["broken.jsonl:1"] == ["malformed_record"]
    dated = con.execute(
        "SELECT count(*) FROM articles a JOIN documents d USING (doc_key) "
        "WHERE d.record_id = 'vig-012' AND a.published IS NULL"
    ).fetchone()
    assert dated == (1,)
    outlets = con.execute("SELECT DISTINCT outlet FROM documents WHERE NOT failed").fetchall()
    assert len({o for (o,) in outlets if o}) == 5
    # The re-posted article is marked a duplicate of the first, across outlets.
    dup = con.execute("SELECT duplicate_of FROM articles WHERE article = 'rad-011'").fetchone()
    assert dup == ("gaz-010",)
    con.close()


def test_stored_documents_are_the_analysis_itself(reference_db: Path, corpus_dir: Path) -> None:
    import crible as api

    con = store.open_store(reference_db, read_only=True)
    key = con.execute("SELECT doc_key FROM documents WHERE record_id = 'vig-001'").fetchone()
    assert key is not None
    stored = store.load_document(con, key[0])
    con.close()
    [fresh] = [
        d for d in api.analyze_paths([str(corpus_dir / "articles.jsonl")]) if d.id == "vig-001"
    ]
    assert stored.model_dump() == fresh.model_dump()


def test_a_second_run_skips_everything_stored(
    reference_db: Path, corpus_dir: Path, tmp_path: Path
) -> None:
    db = tmp_path / "again.duckdb"
    shutil.copy(reference_db, db)
    before = tables(db)
    report = run_batch([str(corpus_dir)], db, Settings())
    assert report.stored == 0 and report.skipped == report.seen
    assert report.failed == FAILED  # stored failures still count: the exit code stays 1
    assert tables(db) == before


def test_counting_ahead(corpus_dir: Path) -> None:
    assert count_documents([str(corpus_dir)]) == DOCUMENTS
    assert count_documents([str(corpus_dir / "articles.jsonl")]) == 52
    assert count_documents(["-"]) is None


def test_new_settings_re_analyse_and_replace(tmp_path: Path, corpus_dir: Path) -> None:
    inputs = tmp_path / "few.jsonl"
    lines = (corpus_dir / "articles.jsonl").read_text(encoding="utf-8").splitlines()[:6]
    inputs.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "db.duckdb"
    first = run_batch([str(inputs)], db, Settings())
    assert first.stored == 6
    aliases = tmp_path / "aliases.tsv"
    aliases.write_text("Hélène Marchetti\tPER\tperson\t\t\tfr\t1\tH. Marchetti\n", "utf-8")
    settings = Settings(aliases=(str(aliases),))
    assert analysis_fingerprint(settings) != analysis_fingerprint(Settings())
    second = run_batch([str(inputs)], db, settings)
    assert (second.stored, second.replaced, second.skipped) == (6, 6, 0)
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM documents").fetchone() == (6,)
    assert con.execute("SELECT count(DISTINCT analysis) FROM documents").fetchone() == (1,)
    articles = con.execute("SELECT count(*), count(DISTINCT doc_key) FROM articles").fetchone()
    assert articles == (6, 6)
    con.close()
    assert run_batch([str(inputs)], db, settings).skipped == 6


@pytest.mark.slow
def test_two_local_worker_processes_store_what_one_does(
    reference_db: Path, corpus_dir: Path, tmp_path: Path
) -> None:
    db = tmp_path / "two.duckdb"
    run = crible("batch", str(corpus_dir), "--db", str(db), "--workers", "2", "--batch-size", "4")
    _, err = run.communicate(timeout=600)
    assert run.returncode == 1, err  # some inputs failed
    lines = err.strip().splitlines()
    assert sum("image.bin: looks like binary data" in line for line in lines) == 1
    summary = lines[-1]
    assert f"{DOCUMENTS} documents" in summary and f"{FAILED} failed" in summary
    assert "pipeline loaded 1x in each of 2 worker(s)" in summary
    assert tables(db) == tables(reference_db)


@pytest.mark.slow
def test_a_killed_batch_loses_nothing_committed_and_resumes_to_the_same_database(
    reference_db: Path, corpus_dir: Path, tmp_path: Path
) -> None:
    db = tmp_path / "killed.duckdb"
    run = crible(
        "batch", str(corpus_dir), "--db", str(db), "--batch-size", "4", "--progress", "lines"
    )
    assert run.stderr is not None
    committed = 0
    deadline = time.monotonic() + 300
    for line in run.stderr:  # a progress line is written after each commit
        if " stored, " in line and "documents (" in line:
            committed = int(line.split("documents (")[1].split(" stored")[0])
        if committed >= 12 or time.monotonic() > deadline:
            break
    run.send_signal(signal.SIGKILL)
    run.wait(timeout=60)
    assert run.returncode == -signal.SIGKILL
    assert 12 <= committed < DOCUMENTS

    con = duckdb.connect(str(db), read_only=True)  # it opens
    keys = [k for (k,) in con.execute("SELECT doc_key FROM documents").fetchall()]
    con.close()
    assert committed <= len(keys) < DOCUMENTS
    for key in keys:  # each stored document is whole: all its rows, as the full run has them
        assert rows_of(db, key) == rows_of(reference_db, key)

    again = crible("batch", str(corpus_dir), "--db", str(db), "--progress", "none")
    _, err = again.communicate(timeout=600)
    assert again.returncode == 1, err
    assert f"{len(keys)} skipped" in err.strip().splitlines()[-1]
    assert tables(db) == tables(reference_db)


def test_the_summary_and_progress_lines(corpus_dir: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from crible.cli import app

    inputs = tmp_path / "two.jsonl"
    lines = (corpus_dir / "articles.jsonl").read_text(encoding="utf-8").splitlines()[:2]
    inputs.write_text("\n".join(lines) + "\n{oops\n", encoding="utf-8")
    db = tmp_path / "db.duckdb"
    result = CliRunner().invoke(
        app, ["batch", str(inputs), "--db", str(db), "--progress", "lines", "--batch-size", "1"]
    )
    assert result.exit_code == 1
    err = result.output
    assert "1/3 documents" in err and "ETA" in err and "words/s" in err
    assert "two.jsonl:3: not valid JSON" in err
    assert "3 documents in" in err and "3 stored" in err and "1 failed" in err
    con = duckdb.connect(str(db), read_only=True)
    assert json.loads(json.dumps(con.execute("SELECT count(*) FROM documents").fetchone())) == [3]
    con.close()
