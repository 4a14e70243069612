"""Where a language's labelled data lives, and the parser that reads it.

`crible train --data LANG=DIR` (repeatable) trains one model on several languages. DIR is one
language's folder, in either layout:

- the official SemEval-2023 Task 3 release: `<split>-articles-subtask-<N>/` and
  `<split>-labels-subtask-<N>.txt`, with `<split>-labels-subtask-3-spans.txt` (or a folder of
  that name) for the spans; N is 1 for genre, 2 for frames, 3 for techniques;
- crible's own corpora (examples/semeval-fr): `articles/` with `genre.txt`, `frames.txt`,
  `techniques.txt` and `spans.txt`.

Languages with a pinned spaCy model (French) are parsed by it; every other language by spaCy's
rule tokenizer for that language (no download of any kind): its units have lowercase words for
lemmas, no word vectors, and no rule features unless crible has lexicons for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language

from crible.errors import UsageError
from crible.learn.semeval import Task
from crible.nlp.pipeline import MODELS, load_pipeline

SUBTASK: dict[Task, int] = {"genre": 1, "frames": 2, "persuasion": 3}
OUR_LABELS: dict[Task, str] = {
    "persuasion": "techniques.txt",
    "frames": "frames.txt",
    "genre": "genre.txt",
}


@dataclass(frozen=True)
class Source:
    """One language's labelled data for one task."""

    lang: str
    articles: Path
    labels: Path
    spans: Path | None = None


def parse_data_option(value: str) -> tuple[str, Path]:
    """`LANG=DIR` -> (lang, DIR)."""
    lang, sep, folder = value.partition("=")
    lang = lang.strip()
    if not sep or not lang or not folder or not lang.isalpha():
        raise UsageError(
            f"--data {value!r}: expected LANG=DIR, e.g. --data en=data/en",
            hint="LANG is a language code (fr, en, it, de, pl, ru, …), DIR that language's folder",
        )
    return lang.lower(), Path(folder)


def locate(task: Task, lang: str, folder: Path, split: str = "train") -> Source:
    """The articles, labels and spans of `task` in one language's folder (either layout)."""
    if not folder.is_dir():
        raise UsageError(f"{folder}: no such folder ({lang} data)")
    n = SUBTASK[task]
    articles = folder / f"{split}-articles-subtask-{n}"
    labels = folder / f"{split}-labels-subtask-{n}.txt"
    if articles.is_dir() and labels.is_file():
        spans = None
        if task == "persuasion":
            for candidate in (
                folder / f"{split}-labels-subtask-3-spans.txt",
                folder / f"{split}-labels-subtask-3-spans",
            ):
                if candidate.exists():
                    spans = candidate
        return Source(lang, articles, labels, spans)
    ours = folder / OUR_LABELS[task]
    if (folder / "articles").is_dir() and ours.is_file():
        spans_file = folder / "spans.txt"
        spans_path = spans_file if task == "persuasion" and spans_file.is_file() else None
        return Source(lang, folder / "articles", ours, spans_path)
    raise UsageError(
        f"{folder}: no {split} data for {task}",
        hint=f"expected {articles.name}/ and {labels.name}, or articles/ and {ours.name}",
    )


def parser_for(lang: str) -> Language:
    """The spaCy pipeline that parses `lang` for training and evaluation (no crible component):
    the pinned model where there is one, spaCy's rule tokenizer for the language otherwise."""
    if lang in MODELS:
        return load_pipeline(lang, components=[])
    try:
        return spacy.blank(lang)
    except (ImportError, ValueError, KeyError) as exc:
        raise UsageError(
            f"spaCy has no language {lang!r}",
            hint="use a language code spaCy knows (en, it, de, pl, ru, …)",
        ) from exc
