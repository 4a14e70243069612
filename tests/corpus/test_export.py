"""Parquet export: every table, partitioned by outlet and month, readable back in full."""

from __future__ import annotations

from pathlib import Path

import duckdb
from typer.testing import CliRunner

from crible.cli import app
from crible.corpus.store import TABLES

from .conftest import tables


def test_export_writes_every_table_partitioned_by_outlet_and_month(
    reference_db: Path, tmp_path: Path
) -> None:
    target = tmp_path / "parquet"
    result = CliRunner().invoke(
        app, ["export", "--db", str(reference_db), "--parquet", str(target)]
    )
    assert result.exit_code == 0, result.output
    assert "claims" in result.output
    stored = tables(reference_db)
    con = duckdb.connect()
    for table in TABLES:
        files = f"{target / table}/**/*.parquet"
        count = con.execute(
            f"SELECT count(*) FROM read_parquet('{files}', hive_partitioning = true)"
        ).fetchone()
        assert count == (len(stored[table]),), table
    claims = target / "claims"
    assert (claims / "outlet=Le%20Vigilant" / "month=2024-03").is_dir()
    assert (claims / "outlet=Le%20Vigilant" / "month=2024-04").is_dir()
    assert (claims / "outlet=__HIVE_DEFAULT_PARTITION__").is_dir()  # the text file has no outlet
    back = con.execute(
        f"SELECT DISTINCT outlet, month FROM read_parquet('{claims}/**/*.parquet', "
        "hive_partitioning = true) WHERE outlet = 'L''Écho des Marais' ORDER BY month"
    ).fetchall()
    assert back == [("L'Écho des Marais", "2024-03"), ("L'Écho des Marais", "2024-04")]
    # The rows themselves survive: the claims of one article, read back from Parquet.
    texts = con.execute(
        f"SELECT content FROM read_parquet('{claims}/**/*.parquet', hive_partitioning = true) "
        "WHERE certainty = 'hedged' AND outlet = 'Le Vigilant' ORDER BY content"
    ).fetchall()
    assert ("Le groupe Korlan fermerait son usine de Lorient d'ici la fin de l'année",) in texts
    assert (target / "schema_version.parquet").is_file()
    con.close()


def test_export_refuses_a_folder_in_use(reference_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "used"
    target.mkdir()
    (target / "notes.txt").write_text("à garder", encoding="utf-8")
    runner = CliRunner()
    refused = runner.invoke(app, ["export", "--db", str(reference_db), "--parquet", str(target)])
    assert refused.exit_code == 2 and "is not empty" in refused.output
    forced = runner.invoke(
        app, ["export", "--db", str(reference_db), "--parquet", str(target), "--overwrite"]
    )
    assert forced.exit_code == 0, forced.output
    assert (target / "notes.txt").read_text(encoding="utf-8") == "à garder"
