"""What each crible component adds to the time of bare fr_core_news_md, same text, same run.

    python benchmarks/components.py [--words 100000] [--rounds 3]

The spaCy pipeline runs once over the generated corpus (benchmarks/corpus.py); each crible
component is then timed on those parsed docs alone. Overheads are fractions of the bare time.
Targets: entities < 0.10 (issue 3), slant < 0.15 (issue 5).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate, word_count
from crible.nlp.pipeline import ALL_COMPONENTS, load_pipeline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    texts = generate(args.words)
    print(f"corpus: {len(texts)} articles, {word_count(texts)} words")
    start = time.perf_counter()
    nlp = load_pipeline()
    print(f"pipeline load (model, alias table, lexicons): {time.perf_counter() - start:.2f} s")
    names = [f"crible_{c}" for c in ALL_COMPONENTS]
    components = [(name, nlp.get_pipe(name)) for name in names]

    bare = float("inf")
    with nlp.select_pipes(disable=names):
        list(nlp.pipe(texts[:5]))  # warm up
        for _ in range(args.rounds):
            start = time.perf_counter()
            docs = list(nlp.pipe(texts, batch_size=64))
            bare = min(bare, time.perf_counter() - start)
    print(f"bare spaCy: {bare:.2f} s")

    # In pipeline order, as each needs what the earlier ones wrote.
    costs = dict.fromkeys(names, float("inf"))
    for _ in range(args.rounds):
        for name, component in components:
            start = time.perf_counter()
            for doc in docs:
                component(doc)
            costs[name] = min(costs[name], time.perf_counter() - start)
    for name, cost in costs.items():
        print(f"{name}: {cost:.2f} s, overhead={cost / bare:.3f}")
    print(f"all components: overhead={sum(costs.values()) / bare:.3f}")


if __name__ == "__main__":
    main()
