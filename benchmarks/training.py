"""Time `crible train persuasion` on ~2,000 synthetic paragraphs (target: under 5 minutes, 2 cores).

The paragraphs recombine the sentences of our own corpus (examples/semeval-fr): each synthetic
paragraph joins one or two corpus paragraphs, and carries the union of their techniques. The data
is written in the SemEval format to a temporary folder and trained through the library function.

    .venv/bin/python benchmarks/training.py [--paragraphs 2000] [--seed 0]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from crible.learn import semeval
from crible.learn.train import train

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "semeval-fr"


def synthesize(out: Path, paragraphs: int, seed: int) -> Path:
    """Write articles and technique labels for about `paragraphs` paragraphs; return the labels."""
    rng = random.Random(seed)
    articles = semeval.read_articles(CORPUS / "articles")
    labels = {
        (r.article_id, r.line): r.techniques
        for r in semeval.read_technique_labels(CORPUS / "techniques.txt")
    }
    pool = [
        (p.text, labels[article_id, p.line])
        for article_id, text in articles.items()
        for p in semeval.paragraphs(text)
    ]
    (out / "articles").mkdir(parents=True)
    records: list[semeval.TechniqueLabels] = []
    made = 0
    article = 0
    while made < paragraphs:
        article += 1
        lines: list[str] = []
        for number in range(1, rng.randint(4, 8) + 1):
            picked = rng.sample(pool, rng.choice((1, 1, 2)))
            text = " ".join(p[0] for p in picked)
            techniques = {t for p in picked for t in p[1]}
            lines.append(text)
            order = tuple(t for t in semeval.LABELS["persuasion"] if t in techniques)
            records.append(semeval.TechniqueLabels(str(article), number, order))
            made += 1
        body = "\n".join(lines) + "\n"
        (out / "articles" / f"article{article}.txt").write_text(body, encoding="utf-8")
    semeval.write_technique_labels(out / "techniques.txt", records)
    return out / "techniques.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        labels = synthesize(root / "data", args.paragraphs, args.seed)
        started = time.perf_counter()
        report = train("persuasion", root / "data" / "articles", labels, root / "model")
        seconds = time.perf_counter() - started
    print(
        f"trained persuasion on {report.units} paragraphs from {report.articles} articles "
        f"in {seconds:.1f}s (cross-validated micro-F1 {report.cv_micro_f1}; "
        f"rule features {'on' if report.rules else 'off'})"
    )


if __name__ == "__main__":
    main()
