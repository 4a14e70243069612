"""The SemEval-2023 Task 3 readers and writers, the metrics, and the shipped French corpus."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from crible.errors import UsageError
from crible.learn import semeval
from crible.learn.metrics import f1_scores
from crible.nlp.slant.scheme import FRAMES, GENRES, TECHNIQUES

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "semeval-fr"

KINDS: list[tuple[str, Callable[[Path], list[Any]], Callable[[Path, list[Any]], None]]] = [
    ("genre.txt", semeval.read_genre_labels, semeval.write_genre_labels),
    ("frames.txt", semeval.read_frame_labels, semeval.write_frame_labels),
    ("techniques.txt", semeval.read_technique_labels, semeval.write_technique_labels),
    ("spans.txt", semeval.read_technique_spans, semeval.write_technique_spans),
    ("template.txt", semeval.read_template, semeval.write_template),
]


@pytest.mark.parametrize(("name", "read", "write"), KINDS, ids=[k[0] for k in KINDS])
def test_round_trip_gives_identical_bytes(
    name: str,
    read: Callable[[Path], list[Any]],
    write: Callable[[Path, list[Any]], None],
    tmp_path: Path,
) -> None:
    records = read(CORPUS / name)
    assert records
    write(tmp_path / name, records)
    assert (tmp_path / name).read_bytes() == (CORPUS / name).read_bytes()
    assert read(tmp_path / name) == records


def test_round_trip_keeps_empty_technique_lists_and_crlf_articles(tmp_path: Path) -> None:
    labels = [
        semeval.TechniqueLabels("7", 1, ()),
        semeval.TechniqueLabels("7", 3, ("Doubt", "Slogans")),
    ]
    semeval.write_technique_labels(tmp_path / "t.txt", labels)
    assert (tmp_path / "t.txt").read_bytes() == b"7\t1\t\n7\t3\tDoubt,Slogans\n"
    assert semeval.read_technique_labels(tmp_path / "t.txt") == labels
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "article7.txt").write_bytes("Titre\r\n\r\nPremier.\r\n  \r\nDeuxième.".encode())
    text = semeval.read_articles(folder)["7"]
    got = [(p.line, p.text, text[p.start : p.end]) for p in semeval.paragraphs(text)]
    assert got == [
        (1, "Titre", "Titre"),
        (3, "Premier.", "Premier."),
        (5, "Deuxième.", "Deuxième."),
    ]


def test_template_matches_articles_line_by_line() -> None:
    articles = semeval.read_articles(CORPUS / "articles")
    assert semeval.template_for(articles) == semeval.read_template(CORPUS / "template.txt")


def test_spans_point_at_words_of_paragraphs_labelled_with_the_technique() -> None:
    articles = semeval.read_articles(CORPUS / "articles")
    spans = semeval.read_technique_spans(CORPUS / "spans.txt")
    semeval.check_spans(spans, articles, CORPUS / "spans.txt")
    labels = {
        (r.article_id, r.line): r.techniques
        for r in semeval.read_technique_labels(CORPUS / "techniques.txt")
    }
    for span in spans:
        text = articles[span.article_id]
        line = text.count("\n", 0, span.start) + 1
        assert text[span.start : span.end].strip() == text[span.start : span.end]
        assert span.technique in labels[span.article_id, line], span
    kinds = Counter(s.technique for s in spans)
    assert kinds["Loaded_Language"] >= 20 and kinds["Name_Calling-Labeling"] >= 15
    # every paragraph labelled with these two techniques has at least one span for it
    for (article_id, line), techniques in labels.items():
        for technique in ("Loaded_Language", "Name_Calling-Labeling"):
            if technique in techniques:
                text = articles[article_id]
                assert any(
                    s.article_id == article_id
                    and s.technique == technique
                    and text.count("\n", 0, s.start) + 1 == line
                    for s in spans
                ), (article_id, line, technique)


def test_corpus_shape() -> None:
    articles = semeval.read_articles(CORPUS / "articles")
    assert len(articles) >= 36
    genres = {r.article_id: r.genre for r in semeval.read_genre_labels(CORPUS / "genre.txt")}
    frames = {r.article_id: r.frames for r in semeval.read_frame_labels(CORPUS / "frames.txt")}
    assert set(genres) == set(frames) == set(articles)
    assert set(genres.values()) == set(GENRES)
    assert all(frames.values())
    for text in articles.values():
        assert 4 <= len(semeval.paragraphs(text)) <= 9  # a title and 3-8 paragraphs
    labelled = {
        (r.article_id, r.line) for r in semeval.read_technique_labels(CORPUS / "techniques.txt")
    }
    template = {(r.article_id, r.line) for r in semeval.read_template(CORPUS / "template.txt")}
    assert labelled == template


def _write(tmp_path: Path, content: str) -> Path:
    path = tmp_path / "labels.txt"
    path.write_text(content, encoding="utf-8")
    return path


MALFORMED = [
    (semeval.read_genre_labels, "1\topinion\n2\tnews\n", ":2: unknown label 'news'"),
    (semeval.read_genre_labels, "1\topinion\n2 opinion\n", ":2: expected 2 tab-separated"),
    (semeval.read_genre_labels, "1\topinion\n1\tsatire\n", "appears twice"),
    (semeval.read_frame_labels, "1\tEconomic,Politics\n", ":1: unknown label 'Politics'"),
    (semeval.read_frame_labels, "1\tEconomic,Economic\n", ":1: a label is repeated"),
    (semeval.read_technique_labels, "1\t1\tDoubt\n1\tx\tDoubt\n", ":2: the line number must be"),
    (semeval.read_technique_labels, "1\t0\tDoubt\n", ":1: line numbers count from 1"),
    (semeval.read_technique_labels, "1\t2\n", ":1: expected 3 tab-separated"),
    (semeval.read_technique_labels, " 1\t2\t\n", ":1: empty or padded article id"),
    (semeval.read_technique_spans, "1\tDoubt\t10\t5\n", ":1: span end 5 is not after"),
    (semeval.read_technique_spans, "1\tLoaded Language\t1\t5\n", "unknown label"),
    (semeval.read_template, "1\tone\ttext\n", ":1: the line number must be"),
]


@pytest.mark.parametrize(("read", "content", "message"), MALFORMED)
def test_malformed_input_names_file_and_line(
    read: Callable[[Path], list[Any]], content: str, message: str, tmp_path: Path
) -> None:
    path = _write(tmp_path, content)
    with pytest.raises(UsageError) as info:
        read(path)
    assert message in str(info.value)
    assert str(path) in str(info.value)


def test_unknown_label_lists_the_valid_ones(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as info:
        semeval.read_technique_labels(_write(tmp_path, "1\t1\tName_Calling\n"))
    assert all(t in str(info.value) for t in TECHNIQUES)
    with pytest.raises(UsageError) as info:
        semeval.read_frame_labels(_write(tmp_path, "1\tEconomy\n"))
    assert all(f in str(info.value) for f in FRAMES)


def test_missing_folder_and_missing_articles(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such folder"):
        semeval.read_articles(tmp_path / "nope")
    with pytest.raises(UsageError, match="no article file for id"):
        semeval.read_articles(CORPUS / "articles", ids=["1", "999"])


@pytest.mark.parametrize(
    ("gold", "pred", "micro", "macro"),
    [
        ({1: {"a"}, 2: {"b"}}, {1: {"a"}, 2: {"b"}}, 1.0, 2 / 3),  # label c: no gold, no guess
        ({1: {"a"}, 2: {"b"}}, {1: {"b"}, 2: {"a"}}, 0.0, 0.0),
        # tp a=1; fp c=1; fn b=1 -> micro 2/4; per label a=1, b=0, c=0
        ({1: {"a", "b"}}, {1: {"a", "c"}}, 0.5, 1 / 3),
        ({1: {"a"}, 2: set()}, {}, 0.0, 0.0),
    ],
)
def test_f1_scores(
    gold: dict[int, set[str]], pred: dict[int, set[str]], micro: float, macro: float
) -> None:
    scores = f1_scores(gold, pred, ["a", "b", "c"])
    assert scores.micro_f1 == pytest.approx(micro)
    assert scores.macro_f1 == pytest.approx(macro)
