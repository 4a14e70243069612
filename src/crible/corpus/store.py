"""The corpus database: a DuckDB file holding every analysed document, table by table.

The tables hold exactly what `crible.model.Document` holds (`load_document` rebuilds it), plus a
key per document and how it was analysed. The schema is versioned: `MIGRATIONS` lists every
change in order and `schema_version` records the ones applied, so an older database is upgraded
when it is opened and a newer one is refused.

Writes are whole documents: `insert_documents` stores a list of documents in one transaction,
each with all its rows, so a killed writer leaves the documents committed before it and none in
part. Rows go in as one JSON parameter per table: DuckDB spends about 2 ms planning any INSERT
whatever its size, so a statement per table per commit, not per row, keeps the writer cheap.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from crible.errors import StoreError, StoreLocked
from crible.model import (
    Article,
    Claim,
    ClaimSource,
    Document,
    Entity,
    ErrorInfo,
    Mention,
    Paragraph,
    SlantFinding,
    TextSpan,
    TimeExpression,
)

Connection = duckdb.DuckDBPyConnection

# The writer's share of memory: DuckDB would otherwise take up to 80 % of the machine for its
# buffer pool, which the analysis workers need.
WRITER_MEMORY = "1GB"


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]


_V1 = (
    """CREATE TABLE documents (
        doc_key VARCHAR PRIMARY KEY,
        analysis VARCHAR NOT NULL,
        crible_version VARCHAR NOT NULL,
        source VARCHAR NOT NULL,
        record_id VARCHAR,
        url VARCHAR,
        outlet VARCHAR,
        text VARCHAR NOT NULL,
        words INTEGER NOT NULL,
        failed BOOLEAN NOT NULL,
        analysed_at TIMESTAMP NOT NULL)""",
    """CREATE TABLE errors (
        doc_key VARCHAR NOT NULL, n INTEGER NOT NULL,
        code VARCHAR NOT NULL, message VARCHAR NOT NULL)""",
    """CREATE TABLE articles (
        doc_key VARCHAR NOT NULL, n INTEGER NOT NULL, article VARCHAR NOT NULL,
        "start" INTEGER NOT NULL, "end" INTEGER NOT NULL, title VARCHAR,
        language VARCHAR NOT NULL, truncated BOOLEAN NOT NULL, duplicate_of VARCHAR,
        published DATE, genre VARCHAR, frames VARCHAR[] NOT NULL, words INTEGER NOT NULL)""",
    """CREATE TABLE entities (
        doc_key VARCHAR NOT NULL, article_n INTEGER NOT NULL, n INTEGER NOT NULL,
        entity VARCHAR NOT NULL, name VARCHAR NOT NULL, type VARCHAR NOT NULL,
        kind VARCHAR NOT NULL, wikidata VARCHAR, geonames BIGINT,
        variants VARCHAR[] NOT NULL, roles VARCHAR[] NOT NULL)""",
    """CREATE TABLE mentions (
        doc_key VARCHAR NOT NULL, article_n INTEGER NOT NULL, entity_n INTEGER NOT NULL,
        n INTEGER NOT NULL, "start" INTEGER NOT NULL, "end" INTEGER NOT NULL,
        text VARCHAR NOT NULL, why VARCHAR)""",
    """CREATE TABLE claims (
        doc_key VARCHAR NOT NULL, article_n INTEGER NOT NULL, n INTEGER NOT NULL,
        "start" INTEGER NOT NULL, "end" INTEGER NOT NULL, content VARCHAR NOT NULL,
        source_kind VARCHAR, source_text VARCHAR, source_start INTEGER, source_end INTEGER,
        source_entity VARCHAR, cue_start INTEGER, cue_end INTEGER, cue_text VARCHAR,
        type VARCHAR, certainty VARCHAR NOT NULL, why VARCHAR NOT NULL)""",
    """CREATE TABLE slant (
        doc_key VARCHAR NOT NULL, article_n INTEGER NOT NULL, n INTEGER NOT NULL,
        "start" INTEGER NOT NULL, "end" INTEGER NOT NULL, text VARCHAR NOT NULL,
        technique VARCHAR NOT NULL, category VARCHAR NOT NULL, why VARCHAR NOT NULL,
        neutral VARCHAR, side VARCHAR, score DOUBLE NOT NULL)""",
    """CREATE TABLE times (
        doc_key VARCHAR NOT NULL, article_n INTEGER NOT NULL, n INTEGER NOT NULL,
        "start" INTEGER NOT NULL, "end" INTEGER NOT NULL, text VARCHAR NOT NULL,
        value VARCHAR, grain VARCHAR NOT NULL)""",
    """CREATE TABLE paragraphs (
        doc_key VARCHAR NOT NULL, article_n INTEGER NOT NULL, n INTEGER NOT NULL,
        "start" INTEGER NOT NULL, "end" INTEGER NOT NULL, techniques VARCHAR[] NOT NULL)""",
)

MIGRATIONS: tuple[Migration, ...] = (Migration(1, "documents, articles and their findings", _V1),)
SCHEMA_VERSION = MIGRATIONS[-1].version

# What `insert_documents` writes: each table's columns and their DuckDB types, in table order.
# A test checks them against the migrated database.
COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "documents": (
        ("doc_key", "VARCHAR"),
        ("analysis", "VARCHAR"),
        ("crible_version", "VARCHAR"),
        ("source", "VARCHAR"),
        ("record_id", "VARCHAR"),
        ("url", "VARCHAR"),
        ("outlet", "VARCHAR"),
        ("text", "VARCHAR"),
        ("words", "INTEGER"),
        ("failed", "BOOLEAN"),
        ("analysed_at", "TIMESTAMP"),
    ),
    "errors": (
        ("doc_key", "VARCHAR"),
        ("n", "INTEGER"),
        ("code", "VARCHAR"),
        ("message", "VARCHAR"),
    ),
    "articles": (
        ("doc_key", "VARCHAR"),
        ("n", "INTEGER"),
        ("article", "VARCHAR"),
        ("start", "INTEGER"),
        ("end", "INTEGER"),
        ("title", "VARCHAR"),
        ("language", "VARCHAR"),
        ("truncated", "BOOLEAN"),
        ("duplicate_of", "VARCHAR"),
        ("published", "DATE"),
        ("genre", "VARCHAR"),
        ("frames", "VARCHAR[]"),
        ("words", "INTEGER"),
    ),
    "entities": (
        ("doc_key", "VARCHAR"),
        ("article_n", "INTEGER"),
        ("n", "INTEGER"),
        ("entity", "VARCHAR"),
        ("name", "VARCHAR"),
        ("type", "VARCHAR"),
        ("kind", "VARCHAR"),
        ("wikidata", "VARCHAR"),
        ("geonames", "BIGINT"),
        ("variants", "VARCHAR[]"),
        ("roles", "VARCHAR[]"),
    ),
    "mentions": (
        ("doc_key", "VARCHAR"),
        ("article_n", "INTEGER"),
        ("entity_n", "INTEGER"),
        ("n", "INTEGER"),
        ("start", "INTEGER"),
        ("end", "INTEGER"),
        ("text", "VARCHAR"),
        ("why", "VARCHAR"),
    ),
    "claims": (
        ("doc_key", "VARCHAR"),
        ("article_n", "INTEGER"),
        ("n", "INTEGER"),
        ("start", "INTEGER"),
        ("end", "INTEGER"),
        ("content", "VARCHAR"),
        ("source_kind", "VARCHAR"),
        ("source_text", "VARCHAR"),
        ("source_start", "INTEGER"),
        ("source_end", "INTEGER"),
        ("source_entity", "VARCHAR"),
        ("cue_start", "INTEGER"),
        ("cue_end", "INTEGER"),
        ("cue_text", "VARCHAR"),
        ("type", "VARCHAR"),
        ("certainty", "VARCHAR"),
        ("why", "VARCHAR"),
    ),
    "slant": (
        ("doc_key", "VARCHAR"),
        ("article_n", "INTEGER"),
        ("n", "INTEGER"),
        ("start", "INTEGER"),
        ("end", "INTEGER"),
        ("text", "VARCHAR"),
        ("technique", "VARCHAR"),
        ("category", "VARCHAR"),
        ("why", "VARCHAR"),
        ("neutral", "VARCHAR"),
        ("side", "VARCHAR"),
        ("score", "DOUBLE"),
    ),
    "times": (
        ("doc_key", "VARCHAR"),
        ("article_n", "INTEGER"),
        ("n", "INTEGER"),
        ("start", "INTEGER"),
        ("end", "INTEGER"),
        ("text", "VARCHAR"),
        ("value", "VARCHAR"),
        ("grain", "VARCHAR"),
    ),
    "paragraphs": (
        ("doc_key", "VARCHAR"),
        ("article_n", "INTEGER"),
        ("n", "INTEGER"),
        ("start", "INTEGER"),
        ("end", "INTEGER"),
        ("techniques", "VARCHAR[]"),
    ),
}
TABLES = tuple(COLUMNS)


# --- opening and migrating ----------------------------------------------------------------------


def open_store(path: str | Path, *, read_only: bool = False) -> Connection:
    """Open (for writing: create) the database at `path`, migrated to `SCHEMA_VERSION`.

    Read-only connections let several readers share the file; a database that still needs a
    migration is upgraded first through a short write connection.
    """
    path = Path(path)
    if read_only and not path.exists():
        raise StoreError(
            f"{path}: no such corpus database", hint="make one with crible batch INPUT --db PATH"
        )
    con = _connect(path, read_only=read_only)
    version = schema_version(con)
    if version > SCHEMA_VERSION:
        con.close()
        raise StoreError(
            f"{path}: schema version {version} was written by a newer crible "
            f"(this one knows up to {SCHEMA_VERSION})",
            hint="upgrade crible to read it",
        )
    if version < SCHEMA_VERSION:
        if read_only:
            con.close()
            with closing(_connect(path, read_only=False)) as writer:
                migrate(writer)
            return _connect(path, read_only=True)
        migrate(con)
    return con


@contextmanager
def closing(con: Connection) -> Iterator[Connection]:
    try:
        yield con
    finally:
        con.close()


def _connect(path: Path, *, read_only: bool) -> Connection:
    try:
        return duckdb.connect(
            str(path), read_only=read_only, config={"memory_limit": WRITER_MEMORY}
        )
    except duckdb.Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        if "lock" in first.lower():
            raise StoreLocked(
                f"{path}: the database is in use by another process ({first})",
                hint="wait for the running crible batch to finish, or give another --db",
            ) from exc
        raise StoreError(
            f"{path}: cannot open the corpus database ({first})",
            hint="give a DuckDB file made by crible batch, or a new path",
        ) from exc


def schema_version(con: Connection) -> int:
    """The highest migration applied; 0 for a new, empty database."""
    found = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
    ).fetchone()
    if not found or not found[0]:
        return 0
    row = con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()
    return int(row[0]) if row else 0


def migrate(con: Connection, migrations: Sequence[Migration] = MIGRATIONS) -> list[int]:
    """Apply, in order and each in its own transaction, the migrations not yet applied."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
        "description VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
    )
    current = schema_version(con)
    applied = []
    for migration in sorted(migrations, key=lambda m: m.version):
        if migration.version <= current:
            continue
        con.begin()
        try:
            for statement in migration.statements:
                con.execute(statement)
            con.execute(
                "INSERT INTO schema_version VALUES (?, ?, ?)",
                [migration.version, migration.description, _now()],
            )
            con.commit()
        except BaseException:
            con.rollback()
            raise
        applied.append(migration.version)
    return applied


# --- keys -----------------------------------------------------------------------------------------


def document_key(
    *,
    text: str,
    published: dt.date | None,
    record_id: str | None,
    title: str | None,
    url: str | None,
    outlet: str | None,
    source: str,
    errors: Sequence[tuple[str, str]],
) -> str:
    """The content hash a document is stored under.

    It covers what the document is (its decoded text, record id, title, URL, outlet and the
    publication date the analysis uses), not where it was read from, so a renamed file is still
    recognised. A document that could not be read has no text: its source and errors key it.
    How it is analysed (crible version, model, options) is not in the key: see `analysis`.
    """
    parts: list[object]
    if text:
        parts = ["text", text, published.isoformat() if published else None, record_id, title]
        parts += [url, outlet]
    else:
        parts = ["failed", source, [list(e) for e in errors]]
    encoded = json.dumps(parts, ensure_ascii=False).encode("utf-8", "surrogatepass")
    return hashlib.sha256(encoded).hexdigest()[:32]


# --- writing --------------------------------------------------------------------------------------


def insert_documents(
    con: Connection,
    documents: Sequence[tuple[str, Document]],
    *,
    analysis: str,
    crible_version: str,
    replace: Iterable[str] = (),
) -> None:
    """Store `(key, document)` pairs, all in one transaction: each document whole, or none.

    `replace` names keys stored by an earlier analysis (another crible version or other
    settings): their old rows go in the same transaction.
    """
    rows: dict[str, list[dict[str, Any]]] = {table: [] for table in TABLES}
    now = _now()
    for key, document in documents:
        _document_rows(rows, key, document, analysis, crible_version, now)
    stale = sorted(set(replace))
    con.begin()
    try:
        if stale:
            for table in TABLES:
                con.execute(f"DELETE FROM {table} WHERE doc_key IN (SELECT unnest(?))", [stale])
        for table in TABLES:
            if rows[table]:
                con.execute(_INSERT[table], [json.dumps(rows[table])])
        con.commit()
    except BaseException:
        con.rollback()
        raise


def _insert_sql(table: str) -> str:
    columns = COLUMNS[table]
    names = ", ".join(f'"{name}"' for name, _ in columns)
    shape = json.dumps([{name: kind for name, kind in columns}])
    return (
        f"INSERT INTO {table} ({names}) SELECT {names} FROM "
        f"(SELECT unnest(from_json(?, '{shape}'), recursive := true))"
    )


_INSERT = {table: _insert_sql(table) for table in TABLES}


def _document_rows(
    rows: dict[str, list[dict[str, Any]]],
    key: str,
    document: Document,
    analysis: str,
    crible_version: str,
    now: str,
) -> None:
    rows["documents"].append(
        {
            "doc_key": key,
            "analysis": analysis,
            "crible_version": crible_version,
            "source": document.source,
            "record_id": document.id,
            "url": document.url,
            "outlet": document.outlet,
            "text": document.text,
            "words": len(document.text.split()),
            "failed": document.failed,
            "analysed_at": now,
        }
    )
    for n, error in enumerate(document.errors, start=1):
        rows["errors"].append(
            {"doc_key": key, "n": n, "code": error.code, "message": error.message}
        )
    for a, article in enumerate(document.articles, start=1):
        _article_rows(rows, key, a, article, document.text)


def _article_rows(
    rows: dict[str, list[dict[str, Any]]], key: str, a: int, article: Article, text: str
) -> None:
    rows["articles"].append(
        {
            "doc_key": key,
            "n": a,
            "article": article.id,
            "start": article.start,
            "end": article.end,
            "title": article.title,
            "language": article.language,
            "truncated": article.truncated,
            "duplicate_of": article.duplicate_of,
            "published": article.published,
            "genre": article.genre,
            "frames": article.frames,
            "words": len(text[article.start : article.end].split()),
        }
    )
    at = {"doc_key": key, "article_n": a}
    for n, entity in enumerate(article.entities, start=1):
        rows["entities"].append(
            {
                **at,
                "n": n,
                "entity": entity.id,
                "name": entity.name,
                "type": entity.type,
                "kind": entity.kind,
                "wikidata": entity.wikidata,
                "geonames": entity.geonames,
                "variants": entity.variants,
                "roles": entity.roles,
            }
        )
        for m, mention in enumerate(entity.mentions, start=1):
            rows["mentions"].append(
                {
                    **at,
                    "entity_n": n,
                    "n": m,
                    "start": mention.start,
                    "end": mention.end,
                    "text": mention.text,
                    "why": mention.why,
                }
            )
    for n, claim in enumerate(article.claims, start=1):
        source, cue = claim.source, claim.cue
        rows["claims"].append(
            {
                **at,
                "n": n,
                "start": claim.content.start,
                "end": claim.content.end,
                "content": claim.content.text,
                "source_kind": source.kind if source else None,
                "source_text": source.text if source else None,
                "source_start": source.start if source else None,
                "source_end": source.end if source else None,
                "source_entity": source.entity if source else None,
                "cue_start": cue.start if cue else None,
                "cue_end": cue.end if cue else None,
                "cue_text": cue.text if cue else None,
                "type": claim.type,
                "certainty": claim.certainty,
                "why": claim.why,
            }
        )
    for n, finding in enumerate(article.slant, start=1):
        rows["slant"].append({**at, "n": n, **finding.model_dump()})
    for n, time in enumerate(article.times, start=1):
        rows["times"].append({**at, "n": n, **time.model_dump()})
    for n, paragraph in enumerate(article.paragraphs, start=1):
        rows["paragraphs"].append({**at, "n": n, **paragraph.model_dump()})


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")


# --- reading back ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class StoredStatus:
    analysis: str
    failed: bool


def stored_status(con: Connection, keys: Sequence[str]) -> dict[str, StoredStatus]:
    """For the keys already stored: how each was analysed and whether it failed."""
    if not keys:
        return {}
    found = con.execute(
        "SELECT doc_key, analysis, failed FROM documents WHERE doc_key IN (SELECT unnest(?))",
        [list(keys)],
    ).fetchall()
    return {key: StoredStatus(analysis, bool(failed)) for key, analysis, failed in found}


def stored_articles(con: Connection, keys: Sequence[str]) -> dict[str, list[tuple[str, str]]]:
    """Each stored document's articles as (article id, article text), in order."""
    if not keys:
        return {}
    found = con.execute(
        """SELECT a.doc_key, a.article, substring(d.text, a."start" + 1, a."end" - a."start")
           FROM articles a JOIN documents d USING (doc_key)
           WHERE a.doc_key IN (SELECT unnest(?)) ORDER BY a.doc_key, a.n""",
        [list(keys)],
    ).fetchall()
    out: dict[str, list[tuple[str, str]]] = {}
    for key, article, text in found:
        out.setdefault(key, []).append((article, text))
    return out


def load_document(con: Connection, key: str) -> Document:
    """Rebuild the `Document` stored under `key`, as it was analysed."""
    head = _records(con, "documents", key)
    if not head:
        raise StoreError(f"no document with key {key} in the corpus database")
    doc = head[0]
    document = Document(
        source=doc["source"],
        text=doc["text"],
        id=doc["record_id"],
        url=doc["url"],
        outlet=doc["outlet"],
        errors=[
            ErrorInfo(code=e["code"], message=e["message"]) for e in _records(con, "errors", key)
        ],
    )
    children: dict[str, dict[int, list[dict[str, Any]]]] = {}
    for table in ("entities", "claims", "slant", "times", "paragraphs"):
        for row in _records(con, table, key):
            children.setdefault(table, {}).setdefault(row["article_n"], []).append(row)
    mentions: dict[tuple[int, int], list[Mention]] = {}
    for row in _records(con, "mentions", key):
        mentions.setdefault((row["article_n"], row["entity_n"]), []).append(
            Mention(start=row["start"], end=row["end"], text=row["text"], why=row["why"])
        )
    for row in _records(con, "articles", key):
        a = row["n"]

        def rows_of(table: str, a: int = a) -> list[dict[str, Any]]:
            return children.get(table, {}).get(a, [])

        published = row["published"]
        document.articles.append(
            Article(
                id=row["article"],
                start=row["start"],
                end=row["end"],
                title=row["title"],
                language=row["language"],
                truncated=row["truncated"],
                duplicate_of=row["duplicate_of"],
                published=published.isoformat() if published else None,
                genre=row["genre"],
                frames=list(row["frames"]),
                entities=[
                    Entity(
                        id=e["entity"],
                        name=e["name"],
                        type=e["type"],
                        kind=e["kind"],
                        wikidata=e["wikidata"],
                        geonames=e["geonames"],
                        variants=list(e["variants"]),
                        roles=list(e["roles"]),
                        mentions=mentions.get((a, e["n"]), []),
                    )
                    for e in rows_of("entities")
                ],
                claims=[_claim(c) for c in rows_of("claims")],
                slant=[SlantFinding(**_fields(s, SlantFinding)) for s in rows_of("slant")],
                times=[TimeExpression(**_fields(t, TimeExpression)) for t in rows_of("times")],
                paragraphs=[Paragraph(**_fields(p, Paragraph)) for p in rows_of("paragraphs")],
            )
        )
    return document


def _claim(row: dict[str, Any]) -> Claim:
    source = None
    if row["source_kind"] is not None:
        source = ClaimSource(
            text=row["source_text"],
            start=row["source_start"],
            end=row["source_end"],
            entity=row["source_entity"],
            kind=row["source_kind"],
        )
    cue = None
    if row["cue_start"] is not None:
        cue = TextSpan(start=row["cue_start"], end=row["cue_end"], text=row["cue_text"])
    return Claim(
        content=TextSpan(start=row["start"], end=row["end"], text=row["content"]),
        source=source,
        cue=cue,
        type=row["type"],
        certainty=row["certainty"],
        why=row["why"],
    )


def _fields(row: dict[str, Any], model: type[Any]) -> dict[str, Any]:
    return {name: row[name] for name in model.model_fields if name in row}


def _records(con: Connection, table: str, key: str) -> list[dict[str, Any]]:
    order = {"documents": "", "errors": " ORDER BY n", "articles": " ORDER BY n"}.get(
        table, " ORDER BY article_n, " + ("entity_n, n" if table == "mentions" else "n")
    )
    cursor = con.execute(f"SELECT * FROM {table} WHERE doc_key = ?{order}", [key])
    names = [d[0] for d in cursor.description or ()]
    return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]
