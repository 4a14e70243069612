"""Export the corpus database as Parquet for pandas, Polars and Spark users.

Each table becomes a folder of Parquet files partitioned Hive-style by outlet and month
(`claims/outlet=Le%20Vigilant/month=2024-03/data_0.parquet`): readers that understand Hive
partitions (`pandas.read_parquet`, `polars.scan_parquet(..., hive_partitioning=True)`, Spark)
give back `outlet` and `month` as columns. Rows without an outlet or a date go under
`__HIVE_DEFAULT_PARTITION__`. DuckDB writes the files itself: no pyarrow needed.
"""

from __future__ import annotations

from pathlib import Path

from crible.corpus.store import TABLES, Connection
from crible.errors import UsageError

_MONTH = "strftime(a.published, '%Y-%m')"
_ARTICLE_MONTH = "strftime(t.published, '%Y-%m')"
_DOCUMENT_MONTH = (
    "(SELECT doc_key, strftime(min(published), '%Y-%m') AS month FROM articles GROUP BY doc_key)"
)


def _query(table: str) -> str:
    """The rows of `table` with the `outlet` and `month` they are partitioned by."""
    if table == "documents":
        return f"SELECT t.*, m.month FROM documents t LEFT JOIN {_DOCUMENT_MONTH} m USING (doc_key)"
    if table == "errors":
        return (
            f"SELECT t.*, d.outlet, m.month FROM errors t JOIN documents d USING (doc_key) "
            f"LEFT JOIN {_DOCUMENT_MONTH} m USING (doc_key)"
        )
    if table == "articles":
        return (
            f"SELECT t.*, d.outlet, {_ARTICLE_MONTH} AS month FROM articles t "
            "JOIN documents d USING (doc_key)"
        )
    return (
        f"SELECT t.*, d.outlet, {_MONTH} AS month FROM {table} t "
        "JOIN articles a ON a.doc_key = t.doc_key AND a.n = t.article_n "
        "JOIN documents d ON d.doc_key = t.doc_key"
    )


def export_parquet(
    con: Connection, directory: str | Path, *, overwrite: bool = False
) -> dict[str, int]:
    """Write every table under `directory`; returns the rows written per table."""
    directory = Path(directory)
    if directory.exists() and any(directory.iterdir()) and not overwrite:
        raise UsageError(
            f"{directory} is not empty", hint="give an empty or new folder, or add --overwrite"
        )
    directory.mkdir(parents=True, exist_ok=True)
    counts = {}
    for table in TABLES:
        target = _literal(str(directory / table))
        con.execute(
            f"COPY ({_query(table)}) TO {target} "
            "(FORMAT PARQUET, PARTITION_BY (outlet, month), OVERWRITE_OR_IGNORE)"
        )
        row = con.execute(f"SELECT count(*) FROM {table}").fetchone()
        counts[table] = int(row[0]) if row else 0
    con.execute(
        f"COPY schema_version TO {_literal(str(directory / 'schema_version.parquet'))} "
        "(FORMAT PARQUET)"
    )
    return counts


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
