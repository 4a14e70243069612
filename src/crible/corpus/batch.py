"""Analyse a corpus into the DuckDB store: resumable, crash-safe, on local processes or Dask.

The parent process is the only writer (DuckDB lets one process hold a file for writing); the
engines only analyse. The flow, the same for every engine:

1. documents stream from `read_inputs` and are cut into the spine's chunks;
2. each document gets its content key (`store.document_key`); one query per chunk says which
   keys are stored already: those are skipped, unless they were analysed differently (another
   crible version, model or options: `analysis_fingerprint`), in which case they are analysed
   again and replace their old rows;
3. the documents left go to the engine, a bounded number of chunks in flight, so memory stays
   flat however large the corpus;
4. results are taken back in input order: duplicates are marked against every article seen
   so far (skipped ones included, from their stored text, so a resumed run marks exactly what an
   uninterrupted one would), then the chunk's documents are stored in one transaction.

A document that fails (unreadable input, analysis error) is stored with its errors; the batch
goes on. A kill loses only the chunks not yet committed; re-running the same command resumes.
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import spacy

from crible.analysis import Settings, chunk_documents, document_for, mark_duplicates
from crible.corpus import store
from crible.corpus.engines import EngineName, Handle, make_engine
from crible.errors import CribleError, UsageError
from crible.ingest.dedup import DuplicateIndex
from crible.ingest.document import RawDocument
from crible.ingest.formats import InputFormat, format_from_name, sniff_format
from crible.ingest.sources import IngestOptions, read_inputs
from crible.model import Document, ErrorInfo
from crible.nlp.pipeline import MODELS
from crible.version import __version__

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BatchOptions:
    engine: EngineName = "local"
    workers: int = 1  # analysis processes; 1 with the local engine analyses in this process
    scheduler: str | None = None  # a running Dask scheduler (tcp://host:port), not a local one
    in_flight: int | None = None  # chunks handed to the engine ahead; default twice the workers


@dataclass
class BatchReport:
    """What a batch did, updated after every commit (progress displays read it)."""

    total: int | None = None  # documents in the inputs, when they can be counted ahead
    seen: int = 0
    stored: int = 0
    skipped: int = 0
    failed: int = 0  # failed inputs, whether stored now or by an earlier run
    replaced: int = 0
    words: int = 0  # of the documents stored by this run
    seconds: float = 0.0
    model_loads: dict[str, int] = field(default_factory=dict)  # worker -> pipelines it loaded
    started: float = field(default_factory=time.perf_counter)

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


def run_batch(
    inputs: Sequence[str],
    db: str | Path,
    settings: Settings | None = None,
    options: BatchOptions | None = None,
    *,
    on_start: Callable[[BatchReport], None] | None = None,
    on_commit: Callable[[BatchReport], None] | None = None,
    on_failure: Callable[[str], None] | None = None,
) -> BatchReport:
    """Analyse every document of `inputs` not yet in the database `db`, and store it.

    `on_start` is called once the engine is ready, `on_commit` after every commit (with the
    report so far), `on_failure` with the message of each error of a document stored."""
    settings = settings or Settings()
    options = options or BatchOptions()
    if options.workers < 1:
        raise UsageError("--workers must be at least 1")
    report = BatchReport(total=count_documents(inputs, settings.ingest))
    fingerprint = analysis_fingerprint(settings)
    con = store.open_store(db)
    try:
        with make_engine(options.engine, settings, options.workers, options.scheduler) as engine:
            if on_start:
                on_start(report)
            writer = _Writer(con, settings, fingerprint, report, on_commit, on_failure)
            pending: deque[tuple[_Unit, Handle]] = deque()
            limit = options.in_flight or 2 * engine.workers
            for unit in writer.plan(read_inputs(inputs, settings.ingest)):
                pending.append((unit, engine.submit(unit.raws)))
                while len(pending) > limit:
                    writer.finish(*pending.popleft())
            while pending:
                writer.finish(*pending.popleft())
    finally:
        con.close()
    report.seconds = time.perf_counter() - report.started
    return report


def analysis_fingerprint(settings: Settings) -> str:
    """What, besides a document's own content, decides its analysis: crible's version, the
    spaCy models, the options and the contents of the user's alias tables and trained models.

    A document stored under another fingerprint is analysed again and replaced, so the
    database always holds one analysis per document, made the way the last run asked.
    """
    models = {lang: [name, spacy.util.get_package_version(name)] for lang, name in MODELS.items()}
    parts: dict[str, Any] = {
        "crible": __version__,
        "models": models,
        "lang": settings.lang,
        "default_lang": settings.default_lang,
        "components": list(settings.components),
        "aliases": [_file_digest(Path(p)) for p in settings.aliases],
        "model_dir": _folder_digest(Path(settings.model_dir)) if settings.model_dir else None,
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:16]


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from exc
    return digest.hexdigest()


def _folder_digest(folder: Path) -> list[tuple[str, str]]:
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return [(str(p.relative_to(folder)), _file_digest(p)) for p in files]


# --- counting ahead, for the ETA ---------------------------------------------------------------

_ONE_PER_FILE = {InputFormat.text, InputFormat.html}


def count_documents(inputs: Sequence[str], options: IngestOptions | None = None) -> int | None:
    """How many documents `inputs` hold, when that is cheap to know (files, folders, JSONL
    lines, CSV rows); None for a stream, a URL or a feed, whose count needs the whole parse."""
    options = options or IngestOptions()
    total = 0
    for name in inputs:
        if name == "-" or name.startswith(("http://", "https://")):
            return None
        path = Path(name)
        files = sorted(_walk(path)) if path.is_dir() else [path]
        for file in files:
            count = _count_file(file, options)
            if count is None:
                return None
            total += count
    return total


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith("."):
                yield Path(root) / name


def _count_file(path: Path, options: IngestOptions) -> int | None:
    try:
        fmt = options.input_format or format_from_name(path.name)
        if fmt is None:
            with path.open("rb") as handle:
                fmt = sniff_format(handle.read(4096))
        if fmt in _ONE_PER_FILE:
            return 1
        if fmt is InputFormat.jsonl:
            with path.open("rb") as handle:
                return sum(1 for line in handle if line.strip())
        if fmt is InputFormat.csv:
            encoding = options.encoding or "utf-8-sig"
            delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
            with path.open(encoding=encoding, errors="replace", newline="") as text:
                csv.field_size_limit(min(options.max_bytes, sys.maxsize))
                return max(0, sum(1 for _ in csv.reader(text, delimiter=delimiter)) - 1)
    except (OSError, csv.Error):
        return 1  # the reader will report it, as one failed document
    return None


# --- the writer: plans units of work, takes results back in order, commits -------------------


@dataclass
class _Entry:
    raw: RawDocument
    key: str
    action: Literal["analyse", "replace", "skip", "repeat"]
    stored: store.StoredStatus | None = None


@dataclass
class _Unit:
    entries: list[_Entry]

    @property
    def raws(self) -> list[RawDocument]:
        return [e.raw for e in self.entries if e.action in ("analyse", "replace")]


class _Writer:
    def __init__(
        self,
        con: store.Connection,
        settings: Settings,
        fingerprint: str,
        report: BatchReport,
        on_commit: Callable[[BatchReport], None] | None,
        on_failure: Callable[[str], None] | None,
    ) -> None:
        self.con = con
        self.settings = settings
        self.fingerprint = fingerprint
        self.report = report
        self.on_commit = on_commit
        self.on_failure = on_failure
        self.duplicates = DuplicateIndex()
        self.in_flight: set[str] = set()  # keys handed to the engine and not yet committed

    def plan(self, raws: Iterable[RawDocument]) -> Iterator[_Unit]:
        for chunk in chunk_documents(raws, self.settings.batch_size):
            keys = [self._key(raw) for raw in chunk]
            stored = store.stored_status(self.con, keys)
            entries = []
            for raw, key in zip(chunk, keys, strict=True):
                status = stored.get(key)
                if key in self.in_flight:
                    entries.append(_Entry(raw, key, "repeat"))
                elif status is None:
                    entries.append(_Entry(raw, key, "analyse"))
                elif status.analysis != self.fingerprint or (status.failed and not raw.errors):
                    # Analysed another way, or failed in the analysis itself (not its input):
                    # try again.
                    entries.append(_Entry(raw, key, "replace", status))
                else:
                    entries.append(_Entry(raw, key, "skip", status))
                if entries[-1].action in ("analyse", "replace"):
                    self.in_flight.add(key)
            yield _Unit(entries)

    def _key(self, raw: RawDocument) -> str:
        return store.document_key(
            text=raw.text,
            published=raw.published or self.settings.published,
            record_id=raw.id,
            title=raw.title,
            url=raw.url,
            outlet=raw.outlet,
            source=raw.source,
            errors=[(e.code, e.line()) for e in raw.errors],
        )

    def finish(self, unit: _Unit, handle: Handle) -> None:
        documents = iter(self._result(unit, handle))
        earlier = store.stored_articles(
            self.con, [e.key for e in unit.entries if e.action == "skip"]
        )
        to_store: list[tuple[str, Document]] = []
        replace = []
        report = self.report
        for entry in unit.entries:
            report.seen += 1
            if entry.action in ("skip", "repeat"):
                report.skipped += 1
                report.failed += bool(entry.stored and entry.stored.failed)
                for article_id, text in earlier.get(entry.key, ()):
                    self.duplicates.check_and_add(article_id, text)
                continue
            document = next(documents)
            mark_duplicates(document, self.duplicates)
            to_store.append((entry.key, document))
            if entry.action == "replace":
                replace.append(entry.key)
            if document.failed:
                report.failed += 1
                if self.on_failure:
                    for error in document.errors:
                        self.on_failure(error.message)
        if to_store:
            store.insert_documents(
                self.con,
                to_store,
                analysis=self.fingerprint,
                crible_version=__version__,
                replace=replace,
            )
        for key, document in to_store:
            self.in_flight.discard(key)
            report.stored += 1
            report.words += len(document.text.split())
        report.replaced += len(replace)
        report.seconds = time.perf_counter() - report.started
        if self.on_commit:
            self.on_commit(report)

    def _result(self, unit: _Unit, handle: Handle) -> list[Document]:
        raws = unit.raws
        if not raws:
            return []
        try:
            result = handle.result()
        except CribleError:
            raise  # the settings are wrong (a broken alias table, a missing model): stop
        except BrokenProcessPool as exc:
            raise CribleError(
                "an analysis worker process died (out of memory?); what was committed is kept",
                hint="run the same command again to resume",
            ) from exc
        except Exception as exc:  # a worker lost, a result that would not travel back
            log.exception("a chunk of %d documents failed", len(raws))
            return [_failed_document(raw, exc) for raw in raws]
        loads = self.report.model_loads
        loads[result.worker] = max(loads.get(result.worker, 0), result.loads)
        return result.documents


def _failed_document(raw: RawDocument, exc: Exception) -> Document:
    failure = ErrorInfo(
        code="analysis_failed",
        message=f"{raw.source}: the analysis failed ({type(exc).__name__}: {exc}); "
        "run the batch again to retry it",
    )
    return document_for(raw, errors=[failure])
