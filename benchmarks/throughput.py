"""Words per second of crible's whole analysis against bare fr_core_news_md `nlp.pipe`, on the
same generated corpus, in the same run. Target: ratio >= 0.75.

    python benchmarks/throughput.py [--words 100000] [--n-process 1] [--rounds 3]

The crible side is what `crible analyze --format json` does: read, split, detect languages, run
the pipeline with every crible component, assemble, mark duplicates and serialise the JSON.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import spacy

import crible
from corpus import generate, word_count
from crible.ingest.document import RawDocument
from crible.render.writers import write_json


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--n-process", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    texts = generate(args.words)
    words = word_count(texts)
    print(f"corpus: {len(texts)} articles, {words} words")

    bare = spacy.load("fr_core_news_md")
    crible_settings = crible.Settings(n_process=args.n_process)
    crible_settings.pipeline("fr")  # load before timing, as bare spaCy is loaded before timing
    # Warm both up on a few texts so that neither pays first-call costs in the timing.
    list(bare.pipe(texts[:5]))
    list(crible.analyze_many(texts[:5], crible_settings))

    raws = [RawDocument(source=f"bench-{i}", text=t) for i, t in enumerate(texts)]

    def run_bare() -> float:
        start = time.perf_counter()
        for _ in bare.pipe(texts, batch_size=64, n_process=args.n_process):
            pass
        return time.perf_counter() - start

    def run_crible() -> float:
        start = time.perf_counter()
        for _ in write_json(crible.analyze_many(raws, crible_settings), io.StringIO()):
            pass
        return time.perf_counter() - start

    # Interleaved rounds, best of each: on a shared machine a single run measures the neighbours.
    bare_times, crible_times = [], []
    for _ in range(args.rounds):
        bare_times.append(run_bare())
        crible_times.append(run_crible())
    bare_seconds, crible_seconds = min(bare_times), min(crible_times)

    bare_wps = words / bare_seconds
    crible_wps = words / crible_seconds
    print(f"bare spaCy: {bare_seconds:.1f} s, {bare_wps:,.0f} words/s")
    print(f"crible:     {crible_seconds:.1f} s, {crible_wps:,.0f} words/s")
    print(f"ratio={crible_wps / bare_wps:.3f}")


if __name__ == "__main__":
    main()
