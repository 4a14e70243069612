"""What writing the HTML report adds to the time of bare fr_core_news_md, same text, same run.

    python benchmarks/report.py [--words 50000] [--rounds 3]

The corpus (benchmarks/corpus.py) is analysed once, glued into one document (as a pasted text
or a large file would be) and as one document per article; the report of each is then written
(`crible analyze --format html`: nesting the highlights, the cards, the summary tables, the
embedded JSON). Printed: seconds and size of each report, and the larger of the two times as
a fraction of bare spaCy's on the same text (`ratio=`).
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
from crible.render.html import write_html


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    texts = generate(args.words)
    words = word_count(texts)
    glued = "\n".join(texts)
    print(f"corpus: {len(texts)} articles, {words} words, {len(glued):,} characters")

    bare = spacy.load("fr_core_news_md")
    list(bare.pipe(texts[:5]))
    start = time.perf_counter()
    for _ in bare.pipe(texts, batch_size=64):
        pass
    bare_seconds = time.perf_counter() - start

    one = list(crible.analyze_many([RawDocument(source="glued", text=glued)]))
    many = list(crible.analyze_many(texts))

    def render(documents: list[crible.Document]) -> tuple[float, int]:
        out = io.StringIO()
        start = time.perf_counter()
        for _ in write_html(documents, out):
            pass
        return time.perf_counter() - start, len(out.getvalue().encode("utf-8"))

    print(f"bare spaCy: {bare_seconds:.1f} s")
    ratios = []
    for name, documents in (("one document", one), ("one per article", many)):
        seconds, size = min(render(documents) for _ in range(args.rounds))
        articles = sum(len(d.articles) for d in documents)
        ratios.append(seconds / bare_seconds)
        print(
            f"report, {name} ({articles} articles): {seconds:.2f} s "
            f"({ratios[-1]:.3f} of bare spaCy), {size / 1e6:.1f} MB "
            f"({size / len(glued):.0f} bytes per character of text)"
        )
    print(f"ratio={max(ratios):.3f}")


if __name__ == "__main__":
    main()
