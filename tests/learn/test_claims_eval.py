"""`evaluate_claims` and `crible evaluate claims` on our gold articles (tests/data/claims)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from spacy.language import Language
from typer.testing import CliRunner

import crible.cli.evaluate_claims  # noqa: F401  (registers the command)
from crible.cli.app import app
from crible.errors import UsageError
from crible.learn.claims_eval import ClaimScores, evaluate_claims, overlap
from crible.nlp.pipeline import load_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline(components=["claims"])


@pytest.fixture(scope="module")
def gold_dir(data_dir: Path) -> Path:
    return data_dir / "claims"


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ((0, 10), (0, 10), 1.0),
        ((0, 10), (5, 15), 5 / 15),
        ((0, 10), (10, 20), 0.0),
        ((0, 4), (0, 10), 0.4),
    ],
)
def test_overlap_is_intersection_over_union(
    a: tuple[int, int], b: tuple[int, int], expected: float
) -> None:
    assert overlap(a, b) == pytest.approx(expected)


def test_scores_on_our_articles(nlp: Language, gold_dir: Path) -> None:
    scores = evaluate_claims(gold_dir, nlp=nlp)
    assert isinstance(scores, ClaimScores)
    assert scores.articles == 5
    assert scores.gold == 25
    assert scores.recall == pytest.approx(scores.matched / scores.gold)
    assert scores.precision == pytest.approx(scores.matched / scores.predicted)
    assert scores.f1 >= 0.9
    assert scores.speaker_accuracy >= 0.9
    assert scores.type_accuracy >= 0.9
    assert scores.certainty_accuracy >= 0.9


def _one_article(tmp_path: Path, claims: list[dict[str, object]]) -> Path:
    text = "Le ministre a affirmé que la taxe baisserait. Il fait beau."
    (tmp_path / "a.json").write_text(
        json.dumps({"text": text, "claims": claims}, ensure_ascii=False), encoding="utf-8"
    )
    return tmp_path


def test_a_wrong_speaker_and_a_missed_claim_are_counted(nlp: Language, tmp_path: Path) -> None:
    claims: list[dict[str, object]] = [
        {
            "content": {"start": 26, "end": 44},
            "source": {"start": 40, "end": 44, "entity": None},
            "type": "indirect",
            "certainty": "reported",
        },
        {
            "content": {"start": 46, "end": 58},
            "source": None,
            "type": None,
            "certainty": "asserted",
        },
    ]
    scores = evaluate_claims(_one_article(tmp_path, claims), nlp=nlp)
    assert (scores.gold, scores.predicted, scores.matched) == (2, 1, 1)
    assert scores.recall == 0.5 and scores.precision == 1.0
    assert scores.speaker_accuracy == 0.0  # gold speaker span does not overlap 'Le ministre'
    assert scores.type_accuracy == 1.0 and scores.certainty_accuracy == 1.0


def test_gold_text_that_does_not_match_offsets_is_refused(tmp_path: Path) -> None:
    claims: list[dict[str, object]] = [
        {
            "content": {"start": 0, "end": 2, "text": "xx"},
            "source": None,
            "type": None,
            "certainty": "asserted",
        }
    ]
    with pytest.raises(UsageError, match=r"a\.json"):
        evaluate_claims(_one_article(tmp_path, claims))


def test_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="does not exist"):
        evaluate_claims(tmp_path / "nowhere")


runner = CliRunner()


def test_cli_prints_a_table(gold_dir: Path) -> None:
    result = runner.invoke(app, ["evaluate", "claims", "--gold", str(gold_dir)])
    assert result.exit_code == 0, result.output
    assert "Precision" in result.output and "Certainty accuracy" in result.output
    assert "25 gold" in result.output


def test_cli_prints_json(gold_dir: Path) -> None:
    result = runner.invoke(app, ["evaluate", "claims", "--gold", str(gold_dir), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert set(scores) >= {
        "precision",
        "recall",
        "f1",
        "speaker_accuracy",
        "type_accuracy",
        "certainty_accuracy",
        "gold",
        "predicted",
        "matched",
    }
    assert scores["gold"] == 25


def test_cli_missing_dir_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["evaluate", "claims", "--gold", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert "does not exist" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_cli_bad_json_names_the_file(tmp_path: Path, gold_dir: Path) -> None:
    shutil.copy(gold_dir / "crue-vilaine.json", tmp_path / "good.json")
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    result = runner.invoke(app, ["evaluate", "claims", "--gold", str(tmp_path)])
    assert result.exit_code == 2
    assert "broken.json" in result.output


def test_cli_requires_gold() -> None:
    result = runner.invoke(app, ["evaluate", "claims"])
    assert result.exit_code == 2
