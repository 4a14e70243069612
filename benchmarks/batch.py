"""`crible batch` at scale: throughput of the local engine (2 workers) against bare spaCy
`nlp.pipe(n_process=2)`, of the Dask engine against the local one, and peak memory.

    python benchmarks/batch.py [--articles 10000] [--workers 2] [--no-dask] [--no-scaling]

Each side runs as its own process, timed from start to end (imports and model loading
included, as a user waits for them), on the same generated articles written as one JSONL file
with outlets and dates:

- bare spaCy: a Python process that loads fr_core_news_md and runs `nlp.pipe(texts,
  n_process=2)` over the texts, discarding the docs;
- crible local: `crible batch corpus.jsonl --db … --workers 2` (reading, splitting, language
  identification, the whole crible pipeline, duplicates, the DuckDB writes);
- crible dask: the same with `--engine dask` (a LocalCluster of 2 worker processes).

Peak memory is the highest sum of the resident memory of the whole process tree (the command,
its workers, for Dask the nannies too), sampled every 0.2 s. To show it does not grow with the
corpus, the local engine is also run on a quarter of the articles (`peak_rss_mb_quarter=`).

Last lines: `local_vs_spacy=` (target >= 0.7), `dask_vs_local=` (>= 0.85), `peak_rss_mb=`
(< 2000), each on its own line.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import articles, word_count

OUTLETS = [f"Le Journal {name}" for name in ("du Nord", "du Sud", "de l'Est", "de l'Ouest")]
BARE = """
import json, sys, spacy
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
nlp = spacy.load("fr_core_news_md")
for _ in nlp.pipe(texts, batch_size=64, n_process=int(sys.argv[2])):
    pass
"""


def write_corpus(texts: list[str], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for i, text in enumerate(texts):
            record = {
                "id": f"bench-{i}",
                "source": OUTLETS[i % len(OUTLETS)],
                "published": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
                "text": text,
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def run(command: list[str]) -> tuple[float, float]:
    """Wall seconds of `command`, and the peak RSS (MB) of its whole process tree."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        root = psutil.Process(process.pid)
        while not done.is_set():
            try:
                tree = [root, *root.children(recursive=True)]
                total = 0
                for p in tree:
                    with contextlib.suppress(psutil.Error):  # it may have just ended
                        total += p.memory_info().rss
                peak = max(peak, total)
            except psutil.Error:
                pass
            done.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = process.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if process.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)} failed ({process.returncode}):\n{err.decode()[-2000:]}")
    return seconds, peak / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask engine")
    parser.add_argument(
        "--no-scaling", action="store_true", help="skip the quarter-size memory run"
    )
    args = parser.parse_args()

    texts = articles(args.articles)
    words = word_count(texts)
    print(
        f"corpus: {len(texts)} articles, {words} words; machine: {os.cpu_count()} cores, "
        f"load average {os.getloadavg()[0]:.2f} at start"
    )
    crible = str(Path(sys.executable).parent / "crible")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        data = folder / "corpus.jsonl"
        write_corpus(texts, data)

        def batch(name: str, source: Path, *extra: str) -> tuple[float, float]:
            db = folder / f"{name}.duckdb"
            command = [
                crible,
                "batch",
                str(source),
                "--db",
                str(db),
                "--workers",
                str(args.workers),
                "--progress",
                "none",
                *extra,
            ]
            return run(command)

        bare_s, bare_mb = run([sys.executable, "-c", BARE, str(data), str(args.workers)])
        print(
            f"bare spaCy n_process={args.workers}: {bare_s:.1f} s, "
            f"{words / bare_s:,.0f} words/s, peak {bare_mb:,.0f} MB"
        )
        local_s, local_mb = batch("local", data)
        print(
            f"crible local, {args.workers} workers: {local_s:.1f} s, "
            f"{words / local_s:,.0f} words/s, peak {local_mb:,.0f} MB"
        )
        peaks = [local_mb]
        dask_s = None
        if not args.no_dask:
            dask_s, dask_mb = batch("dask", data, "--engine", "dask")
            peaks.append(dask_mb)
            print(
                f"crible dask, {args.workers} workers: {dask_s:.1f} s, "
                f"{words / dask_s:,.0f} words/s, peak {dask_mb:,.0f} MB"
            )
        quarter_mb = None
        if not args.no_scaling:
            small = folder / "quarter.jsonl"
            write_corpus(texts[: max(1, len(texts) // 4)], small)
            _, quarter_mb = batch("quarter", small)
            print(f"crible local on {max(1, len(texts) // 4)} articles: peak {quarter_mb:,.0f} MB")
    print(f"load average at end: {os.getloadavg()[0]:.2f}")
    print(f"local_vs_spacy={bare_s / local_s:.3f}")
    if dask_s is not None:
        print(f"dask_vs_local={local_s / dask_s:.3f}")
    print(f"peak_rss_mb={max(peaks):.0f}")
    if quarter_mb is not None:
        print(f"peak_rss_mb_quarter={quarter_mb:.0f}")


if __name__ == "__main__":
    main()
