"""A generated French news corpus for benchmarks: our own sentences, recombined with a fixed seed
into articles of a few paragraphs, so every run measures the same text."""

from __future__ import annotations

import random
from pathlib import Path

SENTENCES = [
    line
    for line in (Path(__file__).with_name("sentences-fr.txt")).read_text("utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]


def generate(words: int = 100_000, *, seed: int = 20231012) -> list[str]:
    """Articles of 3 to 5 paragraphs of 2 to 4 sentences, until `words` words are reached."""
    rng = random.Random(seed)
    articles: list[str] = []
    total = 0
    while total < words:
        paragraphs = []
        for _ in range(rng.randint(3, 5)):
            paragraphs.append(" ".join(rng.sample(SENTENCES, rng.randint(2, 4))))
        article = "\n".join(paragraphs) + "\n"
        articles.append(article)
        total += len(article.split())
    return articles


def word_count(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def articles(count: int, *, seed: int = 20231012) -> list[str]:
    """`count` articles made as `generate` makes them."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        paragraphs = [
            " ".join(rng.sample(SENTENCES, rng.randint(2, 4))) for _ in range(rng.randint(3, 5))
        ]
        out.append("\n".join(paragraphs) + "\n")
    return out
