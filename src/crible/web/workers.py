"""Analyses for the web server run in worker processes, each holding the pipeline it loaded once.

Why processes and not threads: a request that runs over its time limit must get its 503 at the
limit, and its work must stop there. A thread cannot be stopped; a process can. So each request
borrows an idle worker (there are `size`, which also bounds how many analyses run at once), and
a worker still busy at the deadline is killed and replaced in the background by a fresh one,
which loads the pipeline before it takes requests. Waiting for a worker counts against the same
deadline, so requests cannot pile up either.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import multiprocessing
import os
import signal
import threading
import time
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection
from typing import Any

from crible.analysis import Settings, analyze_many
from crible.errors import AnalysisFailed, AnalysisTimeout, CribleError, ResourceError
from crible.ingest.document import RawDocument
from crible.ingest.formats import InputFormat
from crible.ingest.sources import read_bytes
from crible.model import ErrorInfo, Result
from crible.version import __version__

log = logging.getLogger(__name__)

START_TIMEOUT = 600.0  # loading spaCy and the model on a busy two-core machine


@dataclass(frozen=True)
class Job:
    """One request's input: pasted text, or an uploaded file's bytes and its format."""

    source: str
    text: str | None = None
    data: bytes | None = None
    input_format: InputFormat | None = None
    published: dt.date | None = None


@dataclass(frozen=True)
class Outcome:
    """A job's `Result` as JSON, and what went wrong when no document could be analysed at all
    (then the request failed: an empty or binary file is an error, not a result)."""

    json: str
    failure: ErrorInfo | None = None


def run_job(job: Job, settings: Settings) -> Outcome:
    """Analyse one job. Runs inside a worker."""
    if job.data is not None:
        raws = list(
            read_bytes(job.data, source=job.source, fmt=job.input_format, options=settings.ingest)
        )
    else:
        raws = [RawDocument(source=job.source, text=job.text or "")]
    for raw in raws:
        raw.published = raw.published or job.published
    documents = list(analyze_many(raws, settings))
    failure = None
    if documents and all(d.errors and not d.articles for d in documents):
        failure = documents[0].errors[0]
    return Outcome(
        Result(crible_version=__version__, documents=documents).model_dump_json(), failure
    )


class Worker:
    """A child process with a loaded pipeline that analyses one job at a time."""

    def __init__(self, settings: Settings) -> None:
        context = multiprocessing.get_context("spawn")
        self._conn, child = context.Pipe()
        self._process = context.Process(
            target=_worker_main, args=(child, settings), name="crible-worker", daemon=True
        )
        self._process.start()
        child.close()

    def wait_ready(self, timeout: float = START_TIMEOUT) -> None:
        try:
            if not self._conn.poll(timeout):
                raise ResourceError(f"the analysis worker did not start within {timeout:g} s")
            status, _, detail = self._conn.recv()
        except (EOFError, OSError) as exc:
            raise ResourceError("the analysis worker died while loading the pipeline") from exc
        if status != "ready":
            raise ResourceError(detail)

    def run(self, job: Job, timeout: float) -> Outcome:
        """The outcome, or AnalysisTimeout if it is not there within `timeout` seconds (the
        worker is then still busy: the caller must stop it)."""
        self._conn.send(job)
        if not self._conn.poll(max(timeout, 0.0)):
            raise AnalysisTimeout(f"the analysis took longer than {timeout:g} s")
        status, code, payload = self._conn.recv()
        if status == "ok":
            assert isinstance(payload, Outcome)
            return payload
        raise _error(code, str(payload))

    def stop(self) -> None:
        self._process.kill()
        self._process.join(10)
        self._conn.close()

    @property
    def pid(self) -> int | None:
        return self._process.pid


def _error(code: str, message: str) -> CribleError:
    error = CribleError(message)
    error.code = code
    return error


def _worker_main(conn: Connection, settings: Settings) -> None:
    # Ctrl-C reaches the whole process group; the server decides when workers stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = os.getppid()
    threading.Thread(target=_exit_with, args=(parent,), name="crible-orphan", daemon=True).start()
    try:
        settings.pipeline(settings.lang or settings.default_lang)
    except Exception as exc:
        message = exc.line() if isinstance(exc, CribleError) else f"{type(exc).__name__}: {exc}"
        conn.send(("error", "resource", message))
        return
    conn.send(("ready", "", ""))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return  # the server is gone
        reply: tuple[str, str, Any]
        try:
            reply = ("ok", "", run_job(job, settings))
        except CribleError as error:
            reply = ("error", error.code, error.line())
        except Exception as exc:
            log.exception("analysis failed on %s", job.source)
            reply = ("error", AnalysisFailed.code, f"the analysis failed ({type(exc).__name__})")
        conn.send(reply)


def _exit_with(parent: int) -> None:
    """End this worker when the server is gone, even in the middle of an analysis that never
    reads its pipe again (a server killed outright cannot stop its workers)."""
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(0)


class WorkerPool:
    """`size` workers shared by all requests; see the module docstring."""

    def __init__(self, settings: Settings, size: int) -> None:
        # The pool analyses in memory: its inputs are bounded by the server's body limit.
        self._settings = replace(settings, n_process=1)
        self._size = size
        self._idle: asyncio.Queue[Worker] = asyncio.Queue()
        self._all: set[Worker] = set()
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._loaded: list[Worker] = []
        self._closed = False

    def load(self) -> None:
        """Start every worker and wait until each has loaded the pipeline. Blocking: `crible
        serve` calls it before the server starts, so that a broken alias table or model is one
        line and an exit code, not a traceback from the server's startup."""
        if self._loaded:
            return
        workers = [self._new_worker() for _ in range(self._size)]
        try:
            for worker in workers:
                worker.wait_ready()
        except BaseException:
            self._stop_all()
            raise
        self._loaded = workers

    async def start(self) -> None:
        """Take requests from now on (loading the workers first if `load` was not called)."""
        self._loop = asyncio.get_running_loop()
        if not self._loaded:
            await asyncio.to_thread(self.load)
        for worker in self._loaded:
            self._idle.put_nowait(worker)
        self._loaded = []

    async def run(self, job: Job, timeout: float) -> Outcome:
        """The outcome of `job`, within `timeout` seconds from now, waiting included."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        try:
            worker = await asyncio.wait_for(self._idle.get(), timeout)
        except TimeoutError:
            raise AnalysisTimeout(
                f"every analysis worker stayed busy for the whole {timeout:g} s limit",
                hint="try again in a moment",
            ) from None
        # If this request is cancelled (client gone), the thread still returns or replaces
        # the worker: nothing leaks.
        return await asyncio.to_thread(self._use, worker, job, deadline - loop.time(), timeout)

    def _use(self, worker: Worker, job: Job, remaining: float, limit: float) -> Outcome:
        try:
            result = worker.run(job, remaining)
        except AnalysisTimeout:
            self._replace(worker)
            raise AnalysisTimeout(
                f"the analysis took longer than this server's limit of {limit:g} s",
                hint="send a shorter text, or start crible serve with a higher --timeout",
            ) from None
        except (EOFError, OSError) as exc:
            self._replace(worker)
            raise AnalysisFailed(
                "the analysis worker stopped unexpectedly", hint="please report it with the input"
            ) from exc
        except CribleError:
            self._give_back(worker)
            raise
        self._give_back(worker)
        return result

    def _new_worker(self) -> Worker:
        worker = Worker(self._settings)
        with self._lock:
            self._all.add(worker)
        return worker

    def _give_back(self, worker: Worker) -> None:
        if self._loop is not None and not self._closed:
            self._loop.call_soon_threadsafe(self._idle.put_nowait, worker)

    def _replace(self, worker: Worker) -> None:
        """Kill a runaway or broken worker now; load a fresh one in the background."""
        log.warning("stopping analysis worker %s (over its time limit or broken)", worker.pid)
        with self._lock:
            self._all.discard(worker)
        worker.stop()
        threading.Thread(target=self._respawn, name="crible-respawn", daemon=True).start()

    def _respawn(self) -> None:
        while not self._closed:
            worker = self._new_worker()
            try:
                worker.wait_ready()
            except ResourceError as error:
                log.error("could not restart an analysis worker: %s", error.line())
                with self._lock:
                    self._all.discard(worker)
                worker.stop()
                time.sleep(5)
                continue
            if self._closed:
                worker.stop()
                return
            self._give_back(worker)
            return

    def status(self) -> dict[str, int]:
        with self._lock:
            total = len(self._all)
        return {"size": self._size, "running": total, "idle": self._idle.qsize()}

    async def close(self) -> None:
        await asyncio.to_thread(self._stop_all)

    def _stop_all(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.stop()
