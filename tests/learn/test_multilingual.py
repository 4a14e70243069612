"""One model trained on several languages' folders (--data LANG=DIR), in the official SemEval
layout and in crible's; languages without a spaCy model are read by spaCy's rule tokenizer.

The English and Italian articles are generated here from sentences written for crible."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import crible.cli.learn  # noqa: F401  (registers the train/evaluate commands)
from crible.cli.app import app
from crible.errors import UsageError
from crible.learn import semeval
from crible.learn.datasets import locate, parse_data_option, parser_for
from crible.learn.models import MANIFEST, PersuasionModel

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "semeval-fr"
runner = CliRunner()

SENTENCES = {
    "en": {
        "Loaded_Language": [
            "This disgraceful plan is a total fiasco for every family.",
            "The council's shameful betrayal left the town in ruins.",
            "What an outrageous waste of public money!",
        ],
        "Doubt": [
            "Can anyone still believe these so-called experts?",
            "Strangely enough, the report vanished before the vote.",
        ],
        "": [
            "The council met on Tuesday to discuss the new bus line.",
            "The minister presented the budget to parliament on Monday.",
            "Rain is expected in the north of the country this weekend.",
            "The factory will hire 200 workers next year, the company said.",
        ],
    },
    "it": {
        "Loaded_Language": [
            "Questo piano vergognoso è un fallimento totale per le famiglie.",
            "Che spreco scandaloso di denaro pubblico!",
        ],
        "Doubt": ["Chi può ancora credere a questi cosiddetti esperti?"],
        "": [
            "Il consiglio comunale si è riunito martedì per discutere del bilancio.",
            "Il ministro ha presentato il bilancio al parlamento lunedì.",
            "È prevista pioggia nel nord del paese nel fine settimana.",
        ],
    },
}


def _official_folder(root: Path, lang: str, articles: int, seed: int) -> Path:
    """A language folder in the official layout: train-articles-subtask-3/, the labels, the
    genre labels (subtask 1) and the spans file."""
    rng = random.Random(seed)
    pool = [(t, s) for t, group in SENTENCES[lang].items() for s in group]
    folder = root / lang
    (folder / "train-articles-subtask-3").mkdir(parents=True)
    (folder / "train-articles-subtask-1").mkdir(parents=True)
    labels: list[semeval.TechniqueLabels] = []
    spans: list[semeval.TechniqueSpan] = []
    genres: list[semeval.GenreLabel] = []
    for n in range(articles):
        article_id = str(1000 + n)
        chosen = [rng.choice(pool) for _ in range(5)]
        text = "\n".join(sentence for _, sentence in chosen) + "\n"
        offset = 0
        for line, (technique, sentence) in enumerate(chosen, start=1):
            labels.append(
                semeval.TechniqueLabels(article_id, line, (technique,) if technique else ())
            )
            if technique:
                spans.append(
                    semeval.TechniqueSpan(article_id, technique, offset, offset + len(sentence))
                )
            offset += len(sentence) + 1
        loaded = sum(1 for t, _ in chosen if t)
        genres.append(semeval.GenreLabel(article_id, "opinion" if loaded >= 3 else "reporting"))
        for sub in ("3", "1"):
            path = folder / f"train-articles-subtask-{sub}" / f"article{article_id}.txt"
            path.write_text(text, encoding="utf-8")
    semeval.write_technique_labels(folder / "train-labels-subtask-3.txt", labels)
    semeval.write_technique_spans(folder / "train-labels-subtask-3-spans.txt", spans)
    semeval.write_genre_labels(folder / "train-labels-subtask-1.txt", genres)
    return folder


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("langs")
    return {
        "en": _official_folder(root, "en", 14, seed=1),
        "it": _official_folder(root, "it", 10, seed=2),
    }


def test_locate_reads_both_layouts(folders: dict[str, Path]) -> None:
    official = locate("persuasion", "en", folders["en"])
    assert official.articles.name == "train-articles-subtask-3"
    assert official.spans is not None and official.spans.name.endswith("spans.txt")
    ours = locate("persuasion", "fr", CORPUS)
    assert (ours.articles, ours.labels, ours.spans) == (
        CORPUS / "articles",
        CORPUS / "techniques.txt",
        CORPUS / "spans.txt",
    )
    assert locate("genre", "fr", CORPUS).labels == CORPUS / "genre.txt"
    with pytest.raises(UsageError, match="no dev data for frames"):
        locate("frames", "en", folders["en"], "dev")


@pytest.mark.parametrize("value", ["en", "=data", "en=", "e1=data"])
def test_bad_data_option(value: str) -> None:
    with pytest.raises(UsageError, match="LANG=DIR"):
        parse_data_option(value)


def test_languages_without_a_model_get_a_tokenizer() -> None:
    nlp = parser_for("it")
    doc = nlp("Che spreco scandaloso!")
    assert [t.text for t in doc] == ["Che", "spreco", "scandaloso", "!"]
    assert nlp.pipe_names == []
    with pytest.raises(UsageError, match="spaCy has no language"):
        parser_for("zz")


def test_one_persuasion_model_for_three_languages(folders: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "multi"
    args = ["train", "persuasion", "-o", str(out)]
    for lang, folder in (("fr", CORPUS), *folders.items()):
        args += ["--data", f"{lang}={folder}"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output + result.stderr
    assert "(en, fr, it)" in result.stdout
    assert "cross-validated on the training data only" in result.stdout
    assert re.search(r"^Loaded_Language\s+\d+\s+\d+\s+[\d.]+ [\d.]+ [\d.]+", result.stdout, re.M)
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    entry = manifest["tasks"]["persuasion"]
    assert entry["languages"] == ["en", "fr", "it"]
    assert entry["trained_on"]["articles"] == 38 + 14 + 10
    assert "tokenizer only" in manifest["spacy_model"]

    # The model predicts for a language it was trained on without a spaCy model...
    model = PersuasionModel.load(out)
    doc = parser_for("en")("What a shameful fiasco!\nThe council met on Tuesday.")
    spans = [(p.start, p.end) for p in semeval.paragraphs(doc.text)]
    techniques = model.predict(doc, spans, []).techniques
    assert techniques is not None and len(techniques) == 2
    # ... and `crible evaluate --lang en` scores it per label.
    source = locate("persuasion", "en", folders["en"])
    result = runner.invoke(
        app,
        [
            "evaluate",
            "persuasion",
            "--articles",
            str(source.articles),
            "--labels",
            str(source.labels),
            "--model",
            str(out),
            "--lang",
            "en",
            "--predictions",
            str(tmp_path / "en.txt"),
        ],
    )
    assert result.exit_code == 0, result.output + result.stderr
    assert re.search(r"^Loaded_Language\s+\d+\s+\d+\s", result.stdout, re.M), result.stdout
    assert "confusion" in result.stdout
    micro = float(re.search(r"micro-F1 (\S+)", result.stdout)[1])  # type: ignore[index]
    assert micro > 0.5  # seen data, simple sentences: the model must have learnt them


def test_multilingual_genre_prints_its_cross_validated_matrix(
    folders: dict[str, Path], tmp_path: Path
) -> None:
    result = runner.invoke(
        app,
        [
            "train",
            "genre",
            "-o",
            str(tmp_path / "g"),
            "--data",
            f"en={folders['en']}",
            "--data",
            f"fr={CORPUS}",
        ],
    )
    assert result.exit_code == 0, result.output + result.stderr
    assert "gold \\ predicted" in result.stdout
    assert re.search(r"^opinion\s+\d+\s+\d+\s+\d+$", result.stdout, re.M)


def test_train_without_data_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["train", "frames", "-o", str(tmp_path / "m")])
    assert result.exit_code == 2
    assert "no training data given" in result.stderr and result.stderr.count("\n") == 1
    result = runner.invoke(
        app, ["train", "frames", "-o", str(tmp_path / "m"), "--data", f"en={tmp_path}/none"]
    )
    assert result.exit_code == 2 and "no such folder" in result.stderr
