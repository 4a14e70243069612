"""The Dask engine on a real cluster: a LocalCluster it starts, or a scheduler it is given.
Results equal the local engine's, table by table, and each worker loads the pipeline once."""

from __future__ import annotations

import logging
from pathlib import Path

import dask
import pytest
from distributed import Client, LocalCluster

from crible.analysis import Settings
from crible.corpus.batch import BatchOptions, run_batch
from crible.corpus.dask_engine import DaskEngine
from crible.nlp.pipeline import pipeline_loads

from .conftest import DOCUMENTS, FAILED, crible, tables

pytestmark = pytest.mark.slow


def test_a_local_dask_cluster_stores_what_the_local_engine_does(
    reference_db: Path, corpus_dir: Path, tmp_path: Path
) -> None:
    db = tmp_path / "dask.duckdb"
    report = run_batch(
        [str(corpus_dir)],
        db,
        Settings(batch_size=4),
        BatchOptions(engine="dask", workers=2, in_flight=3),
    )
    assert (report.stored, report.failed) == (DOCUMENTS, FAILED)
    # Two worker processes did the work, and neither loaded the pipeline more than once.
    assert len(report.model_loads) == 2
    assert set(report.model_loads.values()) == {1}
    assert tables(db) == tables(reference_db)


def test_local_cluster_workers_run_without_the_statistical_profiler() -> None:
    with DaskEngine(Settings(), workers=1, address=None) as engine:
        seen = engine.client.run(  # type: ignore[no-untyped-call]
            lambda: dask.config.get("distributed.worker.profile.enabled")
        )
    assert list(seen.values()) == [False]


def test_an_existing_scheduler_is_used_through_its_address(
    reference_db: Path, corpus_dir: Path, tmp_path: Path
) -> None:
    cluster = LocalCluster(
        n_workers=1,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    client = Client(cluster)
    try:
        address = cluster.scheduler_address
        assert address.startswith("tcp://127.0.0.1:")
        db = tmp_path / "remote.duckdb"
        run = crible(
            "batch",
            str(corpus_dir),
            "--db",
            str(db),
            "--engine",
            "dask",
            "--scheduler",
            address,
            "--batch-size",
            "4",
        )
        _, err = run.communicate(timeout=600)
        assert run.returncode == 1, err
        assert "pipeline loaded 1x in each of 1 worker(s)" in err
        assert tables(db) == tables(reference_db)
        # Asked directly, after fifteen chunks: the worker loaded the pipeline once.
        assert list(client.run(pipeline_loads).values()) == [1]
    finally:
        client.close()
        cluster.close()


def test_an_unreachable_scheduler_is_one_line_and_exit_2(tmp_path: Path) -> None:
    run = crible(
        "batch",
        str(tmp_path),
        "--db",
        str(tmp_path / "x.duckdb"),
        "--engine",
        "dask",
        "--scheduler",
        "tcp://127.0.0.1:9",
    )
    out, err = run.communicate(timeout=120)
    assert run.returncode == 2, err
    lines = err.strip().splitlines()
    assert lines[-1].startswith("crible: cannot reach the Dask scheduler at tcp://127.0.0.1:9")
