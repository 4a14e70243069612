"""Throughput of crible_entities against bare fr_core_news_md, same text, same run.

    python benchmarks/entities.py [--words 100000]

The text is generated from sentences written for crible. The last line is `overhead=<fraction>`
(time with crible_entities / bare time - 1); the target is under 0.10.
"""

from __future__ import annotations

import argparse
import itertools
import time

import spacy

from crible.nlp.pipeline import load_pipeline

SENTENCES = (
    "Le président ukrainien, Volodymyr Zelensky, a rencontré les ministres de l'OTAN à Bruxelles.",
    "Selon l'AFP, des roquettes sont tombées sur Sderot et Ashkelon mardi soir.",
    "Benjamin Netanyahu a réuni son cabinet, a indiqué Reuters dans une dépêche.",
    "Marine Le Pen a répondu aux questions de franceinfo sur le budget de la région.",
    "Les experts de l'ONU et de l'Union européenne publieront un rapport commun jeudi.",
    "Sophie Martin, la porte-parole du gouvernement, a démenti les informations du Monde.",
    "La mairie de Lyon a annoncé la fermeture de plusieurs écoles à cause des intempéries.",
    "Le Hamas a revendiqué l'attaque, selon un communiqué cité par Axios.",
)


def make_texts(words: int) -> list[str]:
    texts, count, paragraph = [], 0, []
    for sentence in itertools.cycle(SENTENCES):
        paragraph.append(sentence)
        count += len(sentence.split())
        if len(paragraph) == 12:
            texts.append(" ".join(paragraph))
            paragraph = []
        if count >= words:
            break
    if paragraph:
        texts.append(" ".join(paragraph))
    return texts


def timed(nlp: spacy.language.Language, texts: list[str]) -> float:
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--words", type=int, default=100_000)
    args = parser.parse_args()
    texts = make_texts(args.words)
    bare = spacy.load("fr_core_news_md")
    start = time.perf_counter()
    crible = load_pipeline(components=["entities"])
    print(f"pipeline load (model + alias table): {time.perf_counter() - start:.2f}s")
    timed(bare, texts[:20])  # warm up both
    timed(crible, texts[:20])
    # interleaved rounds, best of each: the machine is shared, so single runs are noisy
    t_bare, t_crible = float("inf"), float("inf")
    for _ in range(2):
        t_bare = min(t_bare, timed(bare, texts))
        t_crible = min(t_crible, timed(crible, texts))
    words = sum(len(t.split()) for t in texts)
    print(f"words={words} docs={len(texts)}")
    print(f"bare={t_bare:.2f}s ({words / t_bare:.0f} words/s)")
    print(f"with crible_entities={t_crible:.2f}s ({words / t_crible:.0f} words/s)")
    print(f"ratio={t_bare / t_crible:.3f}")
    print(f"overhead={t_crible / t_bare - 1:.3f}")


if __name__ == "__main__":
    main()
