"""The Dask engine: a LocalCluster of worker processes, or an existing scheduler.

Each worker loads the pipeline once: `PipelinePlugin` loads it as the worker joins, and the
per-process pipeline cache serves every later chunk. Chunks are submitted as plain tasks; the
batch keeps only a few in flight and takes results back in input order, so the results are the
local engine's, document for document.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

import dask
from distributed import Client, LocalCluster, WorkerPlugin

from crible.analysis import Settings
from crible.corpus.engines import NOTHING, Handle, analyse_unit
from crible.errors import UsageError
from crible.ingest.document import RawDocument

_load_lock = threading.Lock()


class PipelinePlugin(WorkerPlugin):
    """Loads crible's pipeline on each Dask worker as it joins."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def setup(self, worker: Any) -> None:
        with _load_lock:  # a worker with several threads still loads once
            self.settings.pipeline(self.settings.lang or self.settings.default_lang)


# The workers of a local cluster get this configuration: no statistical profiler, which walks the
# task thread's stack every 10 ms, holding the GIL, through crible's pure-Python stages. (Workers
# started by the user for --scheduler keep their own configuration.)
LOCAL_WORKER_CONFIG = {"distributed.worker.profile.enabled": False}


class DaskEngine:
    def __init__(self, settings: Settings, workers: int, address: str | None) -> None:
        self.settings = settings
        self.cluster: LocalCluster | None = None
        try:
            if address:
                self.client = Client(address, timeout="10s")  # type: ignore[no-untyped-call]
            else:
                with dask.config.set(LOCAL_WORKER_CONFIG):
                    self.cluster = LocalCluster(  # type: ignore[no-untyped-call]
                        n_workers=workers,
                        threads_per_worker=1,
                        processes=True,
                        host="127.0.0.1",
                        dashboard_address=None,
                        silence_logs=logging.ERROR,
                    )
                self.client = Client(self.cluster)  # type: ignore[no-untyped-call]
        except (OSError, TimeoutError) as exc:
            raise UsageError(
                f"cannot reach the Dask scheduler at {address} ({exc})",
                hint="start one with `dask scheduler`, or omit --scheduler for a local cluster",
            ) from exc
        self.client.register_plugin(PipelinePlugin(settings), name="crible-pipeline")
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))

    def submit(self, raws: list[RawDocument]) -> Handle:
        if not raws:
            return NOTHING
        future: Handle = self.client.submit(analyse_unit, raws, self.settings, pure=False)
        return future

    def __enter__(self) -> DaskEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.client.close()  # type: ignore[no-untyped-call]
        if self.cluster is not None:
            self.cluster.close()
