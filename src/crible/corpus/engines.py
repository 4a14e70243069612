"""Where a batch's analysis runs. Every engine runs `analyse_unit` on chunks of raw documents and
hands back futures; the batch takes them back in input order and is the only writer.

- `InlineEngine`: this process (one worker);
- `ProcessEngine`: N spawned processes on this machine;
- `dask_engine.DaskEngine`: a Dask cluster, local or at a scheduler's address.
"""

from __future__ import annotations

import multiprocessing
import os
import socket
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from crible.analysis import Settings, analyze_chunk
from crible.errors import UsageError
from crible.ingest.document import RawDocument
from crible.model import Document
from crible.nlp.pipeline import pipeline_loads

EngineName = Literal["local", "dask"]


@dataclass
class UnitResult:
    documents: list[Document]
    worker: str  # host:pid of the process that analysed them
    loads: int  # pipelines that process has loaded so far

    # Between processes (a pool's pipe, Dask's network) documents travel as JSON: pydantic
    # writes and reads it natively, four times faster than pickling the model objects, and
    # the reading is done by the single writer, whose time every worker waits for.
    def __getstate__(self) -> tuple[str, list[Any], str, int]:
        try:
            return ("json", [d.model_dump_json() for d in self.documents], self.worker, self.loads)
        except ValueError:  # text JSON cannot carry (a lone surrogate): pickle as it is
            return ("objects", self.documents, self.worker, self.loads)

    def __setstate__(self, state: tuple[str, list[Any], str, int]) -> None:
        form, documents, self.worker, self.loads = state
        if form == "json":
            documents = [Document.model_validate_json(d) for d in documents]
        self.documents = documents


def analyse_unit(raws: list[RawDocument], settings: Settings) -> UnitResult:
    """What every engine runs on a worker: the spine's chunk analysis, plus who ran it and how
    many pipelines that process has loaded (the pipeline cache loads each once per process)."""
    documents = analyze_chunk(raws, settings)
    return UnitResult(documents, f"{socket.gethostname()}:{os.getpid()}", pipeline_loads())


class Handle(Protocol):
    def result(self) -> UnitResult: ...


class Engine(Protocol):
    workers: int

    def submit(self, raws: list[RawDocument]) -> Handle: ...

    def __enter__(self) -> Engine: ...

    def __exit__(self, *exc: object) -> None: ...


class Done:
    """A result already there (inline analysis, or nothing to analyse)."""

    def __init__(self, value: UnitResult) -> None:
        self.value = value

    def result(self) -> UnitResult:
        return self.value


NOTHING = Done(UnitResult([], "", 0))


class InlineEngine:
    """One worker: this process analyses (it loads the pipeline once, through the cache)."""

    workers = 1

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        settings.pipeline(settings.lang or settings.default_lang)  # a broken setting fails now

    def submit(self, raws: list[RawDocument]) -> Handle:
        return Done(analyse_unit(raws, self.settings)) if raws else NOTHING

    def __enter__(self) -> InlineEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


class ProcessEngine:
    """N worker processes on this machine (spawned: spaCy and fork do not mix). Each loads the
    pipeline on its first chunk and keeps it (the pipeline cache)."""

    def __init__(self, settings: Settings, workers: int) -> None:
        self.settings = settings
        self.workers = workers
        self.pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))

    def submit(self, raws: list[RawDocument]) -> Handle:
        if not raws:
            return NOTHING
        future: Future[UnitResult] = self.pool.submit(analyse_unit, raws, self.settings)
        return future

    def __enter__(self) -> ProcessEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def make_engine(
    name: EngineName, settings: Settings, workers: int, scheduler: str | None
) -> Engine:
    if name == "dask":
        from crible.corpus.dask_engine import DaskEngine  # imports distributed: only when asked

        return DaskEngine(settings, workers, scheduler)
    if scheduler:
        raise UsageError("--scheduler needs --engine dask")
    if workers == 1:
        return InlineEngine(settings)
    return ProcessEngine(settings, workers)
