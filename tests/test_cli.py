"""The command line: formats, exit codes, one clear line per bad input, and the example."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crible.cli import app

REPO = Path(__file__).resolve().parents[1]
GOOD = (
    "La préfecture du Nord a annoncé mardi la fermeture de deux écoles à Roubaix après "
    "la découverte d'amiante dans les faux plafonds."
)


def run(*args: str, input: str | None = None) -> subprocess.CompletedProcess[str]:
    crible_bin = Path(sys.executable).parent / "crible"
    return subprocess.run(
        [str(crible_bin), *args],
        capture_output=True,
        text=True,
        input=input,
        timeout=300,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_sample_through_the_real_command(sample_path: Path) -> None:
    done = run("analyze", str(sample_path), "--published", "2023-10-12")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    [document] = data["documents"]
    assert [a["truncated"] for a in document["articles"]] == [True, False, True]
    text = document["text"]
    assert text[document["articles"][2]["start"] :].startswith("Les gardes-frontières")


def test_bad_inputs_each_get_one_line_and_the_rest_is_analysed(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.bin").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "bad.jsonl").write_text('{"text": "Un texte correct ici."}\n{oops\n', "utf-8")
    (tmp_path / "script.html").write_text("<html><script>x()</script></html>", "utf-8")
    done = run("analyze", str(tmp_path), "--format", "jsonl")
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 4, done.stderr
    assert any("binary.bin: looks like binary data" in line for line in lines)
    assert any("empty.txt: the input is empty" in line for line in lines)
    assert any("bad.jsonl:2: not valid JSON" in line for line in lines)
    assert any("script.html: no article text" in line for line in lines)
    documents = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(documents) == 6  # every input is in the output, failed or not
    good = next(d for d in documents if d["source"].endswith("good.txt"))
    assert good["errors"] == [] and good["articles"][0]["entities"]


def test_stdin_and_text_summary(runner: CliRunner) -> None:
    result = runner.invoke(app, ["analyze", "-", "--format", "text"], input=GOOD)
    assert result.exit_code == 0, result.output
    assert "== <stdin>" in result.output and "Roubaix" in result.output


def test_csv_table_of_articles(runner: CliRunner, sample_path: Path) -> None:
    result = runner.invoke(
        app, ["analyze", str(sample_path), "--format", "csv", "--table", "articles"]
    )
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["truncated"] for r in rows] == ["True", "False", "True"]


@pytest.mark.parametrize("table", ["entities", "claims", "slant", "times"])
def test_csv_tables_have_their_header(runner: CliRunner, sample_path: Path, table: str) -> None:
    result = runner.invoke(
        app,
        [
            "analyze",
            str(sample_path),
            "--format",
            "csv",
            "--table",
            table,
            "--published",
            "2023-10-12",
        ],
    )
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows, f"no {table} row for the sample"
    assert rows[0]["source"] == str(sample_path)


@pytest.mark.parametrize(
    "args, message",
    [
        (["analyze", "x.txt", "--published", "hier"], "--published must be YYYY-MM-DD"),
        (["analyze", "x.txt", "--lang", "xx"], "no pipeline for this language"),
        (["analyze", "x.txt", "--aliases", "/no/such.tsv"], "no such file"),
        (["analyze", "x.txt", "--max-size", "0"], "positive number"),
        (["analyze", "x.txt", "--format", "yaml"], "yaml"),
    ],
)
def test_usage_errors_exit_2(runner: CliRunner, args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert message in result.output


def test_too_large_file_is_refused_with_a_hint(runner: CliRunner, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(GOOD * 100, encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(big), "--max-size", "0.001"])
    assert result.exit_code == 1
    assert "above the 0.001 MB limit" in result.output and "--max-size" in result.output


def test_output_file_and_summary(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "report.json"
    result = runner.invoke(app, ["analyze", str(tmp_path / "a.txt"), "-o", str(out)])
    assert result.exit_code == 0
    assert "-- article" in result.stdout
    assert json.loads(out.read_text(encoding="utf-8"))["documents"][0]["text"] == GOOD


def test_config_file(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "crible.toml").write_text('published = "2024-05-02"\n', encoding="utf-8")
    result = runner.invoke(
        app, ["analyze", str(tmp_path / "a.txt"), "--config", str(tmp_path / "crible.toml")]
    )
    assert json.loads(result.stdout)["documents"][0]["articles"][0]["published"] == "2024-05-02"
    (tmp_path / "bad.toml").write_text('colour = "blue"\n', encoding="utf-8")
    result = runner.invoke(
        app, ["analyze", str(tmp_path / "a.txt"), "--config", str(tmp_path / "bad.toml")]
    )
    assert result.exit_code == 2 and "unknown key(s)" in result.output


def test_schema_command(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema"])
    schema = json.loads(result.stdout)
    assert schema["title"] == "crible result" and "documents" in schema["properties"]


def test_demo_example_is_split_and_flagged() -> None:
    done = run("analyze", str(REPO / "examples" / "exemple-fr.txt"), "--published", "2024-06-13")
    assert done.returncode == 0, done.stderr
    articles = json.loads(done.stdout)["documents"][0]["articles"]
    assert [a["truncated"] for a in articles] == [False, True]
    assert articles[0]["title"].startswith("Grève des contrôleurs aériens")
    # --published reaches the time resolver: "mardi soir" before Thursday 13 June 2024
    times = {t["text"]: t["value"] for t in articles[0]["times"]}
    assert times["mardi soir"] == "2024-06-11"


def test_text_summary_does_not_pass_terminal_escapes(runner: CliRunner) -> None:
    hostile = (
        "La mairie de Lyon \x1b]0;pwned\x07a publié un communiqué \x1b[2J mardi. "
        + "Le conseil municipal se réunira la semaine prochaine pour voter le budget. " * 8
    )
    result = runner.invoke(app, ["analyze", "-", "--format", "text"], input=hostile)
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout and "\\x1b" in result.stdout


ALIAS_TEXT = (
    "La sénatrice Cécile Fabre a présenté mardi un rapport sur les hôpitaux de Dijon. "
    "C. Fabre demande la création de quarante lits en gériatrie.\n"
)


def _fabre(stdout: str) -> list[dict[str, object]]:
    entities = json.loads(stdout)["documents"][0]["articles"][0]["entities"]
    return [e for e in entities if "Fabre" in str(e["name"])]


def test_user_alias_table_from_option_and_config(runner: CliRunner, tmp_path: Path) -> None:
    table = tmp_path / "mes_alias.tsv"
    table.write_text(
        "# name\ttype\tkind\twikidata\tgeonames\tlang\tprior\taliases\n"
        "Cécile Fabre\tPER\tperson\t\t\tfr\t1\tC. Fabre\n",
        encoding="utf-8",
    )
    (tmp_path / "a.txt").write_text(ALIAS_TEXT, encoding="utf-8")
    plain = runner.invoke(app, ["analyze", str(tmp_path / "a.txt")])
    with_option = runner.invoke(app, ["analyze", str(tmp_path / "a.txt"), "--aliases", str(table)])
    (tmp_path / "crible.toml").write_text('aliases = ["mes_alias.tsv"]\n', encoding="utf-8")
    with_config = runner.invoke(
        app, ["analyze", str(tmp_path / "a.txt"), "--config", str(tmp_path / "crible.toml")]
    )
    [before] = _fabre(plain.stdout)
    assert "not in the alias table" in before["mentions"][0]["why"]  # type: ignore[index]
    for result in (with_option, with_config):
        assert result.exit_code == 0, result.output
        [fabre] = _fabre(result.stdout)
        assert fabre["name"] == "Cécile Fabre"
        whys = [m["why"] for m in fabre["mentions"]]  # type: ignore[attr-defined]
        assert len(whys) == 2 and whys[0].startswith("alias table: exact name")


def test_broken_user_alias_table_is_one_clear_line(runner: CliRunner, tmp_path: Path) -> None:
    table = tmp_path / "bad.tsv"
    table.write_text("Cécile Fabre\tXYZ\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(ALIAS_TEXT, encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(tmp_path / "a.txt"), "--aliases", str(table)])
    assert result.exit_code == 2
    assert result.stdout == ""  # nothing half-written
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("crible: ") and "bad.tsv" in line


def test_csv_cells_are_not_spreadsheet_formulas(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "formula.txt"
    title = '=HYPERLINK("http://evil.example","clic")'
    path.write_text(
        f"{title}\n\nLe conseil municipal de Vernelles a voté mardi le budget de la commune, "
        "a indiqué le maire Paul Ardent.\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["analyze", str(path), "--format", "csv", "--table", "articles"])
    assert result.exit_code == 0
    (row,) = list(csv.DictReader(io.StringIO(result.stdout)))
    assert row["title"] == "'" + title  # shown as text by the spreadsheet, the text kept whole
    assert row["start"] == "0"
