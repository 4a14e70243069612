"""The corpus API of a real `crible serve --db` on 127.0.0.1, over a real DuckDB file made by
the batch from tests/data/corpus/: every view (the same rows as `crible corpus VIEW -f json`),
the filters, every status in the one envelope, the charts, and a database that a batch holds
or writes between requests."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import duckdb
import httpx
import pytest
from corpora import HOSTILE_ARTICLE, HOSTILE_MARKUP, HOSTILE_OUTLET
from servers import Server, envelope, error, serve_fails
from typer.testing import CliRunner

from crible.cli import app

VIGILANT, GAZETTE, ECHO, RADIO, FLAMBEAU = (
    "Le Vigilant",
    "La Gazette d'Armor",
    "L'Écho des Marais",
    "Radio Brocéliande",
    "Le Flambeau",
)
VIEWS = ["outlets", "drift", "stories", "sources", "entities", "techniques"]
SVG = "{http://www.w3.org/2000/svg}"


def rows(response: httpx.Response, view: str) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.text[:500]
    result = envelope(response)["result"]
    assert set(result) == {"view", "rows"} and result["view"] == view
    found: list[dict[str, Any]] = result["rows"]
    return found


def cli_rows(db: Path, *args: str) -> list[dict[str, Any]]:
    done = CliRunner().invoke(app, ["corpus", *args, "--db", str(db), "-f", "json"])
    assert done.exit_code == 0, done.output
    found: list[dict[str, Any]] = json.loads(done.output)
    return found


def svg_texts(svg: bytes) -> list[str]:
    root = ET.fromstring(svg)  # parses only if every label was escaped
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


@pytest.fixture(scope="module")
def client(corpus_server: Server) -> Any:
    with corpus_server.client() as client:
        yield client


@pytest.mark.parametrize("view", VIEWS)
def test_every_view_gives_the_rows_of_the_cli(
    client: httpx.Client, served_corpus: Path, view: str
) -> None:
    found = rows(client.get(f"/api/corpus/{view}"), view)
    assert found, view
    assert found == cli_rows(served_corpus, view)


def test_the_timeline_of_an_entity_and_of_a_term(client: httpx.Client, served_corpus: Path) -> None:
    marchetti = rows(
        client.get("/api/corpus/timeline", params={"entity": "Hélène Marchetti"}), "timeline"
    )
    assert sum(r["mentions"] for r in marchetti) == 10
    assert marchetti == cli_rows(served_corpus, "timeline", "--entity", "Hélène Marchetti")
    split = rows(
        client.get(
            "/api/corpus/timeline", params={"entity": "helene-marchetti", "by_outlet": "true"}
        ),
        "timeline",
    )
    assert sum(r["mentions"] for r in split) == 10 and GAZETTE in {r["outlet"] for r in split}
    crue = client.get("/api/corpus/timeline", params={"term": "crue", "until": "2024-03-31"})
    assert rows(crue, "timeline") == [
        {"day": "2024-03-12", "outlet": None, "mentions": 3, "articles": 3}
    ]


def test_filters(client: httpx.Client, served_corpus: Path) -> None:
    only = rows(client.get("/api/corpus/outlets", params={"outlet": ECHO}), "outlets")
    assert [r["outlet"] for r in only] == [ECHO]
    drift = rows(client.get("/api/corpus/drift", params={"outlet": ECHO}), "drift")
    assert drift and all(ECHO in (r["outlet"], r["asserted_by"]) for r in drift)
    pairs = {
        (r["article"], r["asserted_article"])
        for r in rows(client.get("/api/corpus/drift"), "drift")
    }
    assert {("vig-003", "rad-004"), ("eco-002", "rad-003"), ("vig-001", "gaz-001")} <= pairs
    strict = rows(client.get("/api/corpus/drift", params={"threshold": "0.95"}), "drift")
    assert len(strict) < len(pairs)
    assert len(rows(client.get("/api/corpus/entities", params={"limit": "3"}), "entities")) == 3
    every = rows(client.get("/api/corpus/entities", params={"limit": "0"}), "entities")
    assert len(every) > 3 and every == cli_rows(served_corpus, "entities", "--limit", "0")
    march = rows(
        client.get("/api/corpus/stories", params={"since": "2024-03-01", "until": "2024-03-07"}),
        "stories",
    )
    assert march and all("2024-03-01" <= r["first"] <= r["last"] <= "2024-03-07" for r in march)
    anonymous = rows(client.get("/api/corpus/sources", params={"kind": "anonymous"}), "sources")
    assert anonymous and {r["kind"] for r in anonymous} == {"anonymous"}
    # a form's blank fields are filters not given
    blank = {"outlet": "", "since": "", "until": "", "limit": ""}
    assert rows(client.get("/api/corpus/outlets", params=blank), "outlets") == rows(
        client.get("/api/corpus/outlets"), "outlets"
    )


@pytest.mark.parametrize(
    "path, params, starts",
    [
        ("outlets", {"since": "hier"}, "since: 'hier' is not a date"),
        ("outlets", {"until": "2024-13-01"}, "until: '2024-13-01' is not a date"),
        ("entities", {"limit": "-1"}, "limit: '-1' is not a number of rows"),
        ("entities", {"limit": "dix"}, "limit: 'dix' is not a number of rows"),
        ("outlets", {"entity": "x"}, "entity: not a parameter of the outlets view"),
        ("drift", {"threshold": "0"}, "threshold: '0' is not a number above 0"),
        ("stories", {"window": "-2"}, "window: '-2' is not a number of days"),
        ("sources", {"kind": "journalist"}, "kind: 'journalist' is not one of person"),
        ("timeline", {"term": "crue", "by_outlet": "perhaps"}, "by_outlet: 'perhaps' is not"),
        ("outlets", {"since": "2024-04-01", "until": "2024-03-01"}, "since 2024-04-01 is after"),
        ("timeline", {}, "the timeline needs an entity or a term"),
        ("timeline", {"entity": "Personne Inconnue"}, "no entity 'Personne Inconnue'"),
        ("timeline", {"entity": "x", "term": "y"}, "the timeline needs an entity or a term"),
    ],
)
def test_422_bad_parameters(
    client: httpx.Client, path: str, params: dict[str, str], starts: str
) -> None:
    message = error(client.get(f"/api/corpus/{path}", params=params), 422, "invalid")
    assert message.startswith(starts), message


def test_a_parameter_given_twice_is_refused(client: httpx.Client) -> None:
    response = client.get("/api/corpus/outlets", params=[("outlet", ECHO), ("outlet", RADIO)])
    assert "given more than once" in error(response, 422, "invalid")


def test_404_405_and_the_index(client: httpx.Client) -> None:
    message = error(client.get("/api/corpus/nope"), 404, "not_found")
    assert "no corpus view 'nope'" in message and "drift" in message
    error(client.post("/api/corpus/outlets"), 405, "method_not_allowed")
    index = envelope(client.get("/api/corpus"))["result"]
    assert index["outlets"] == sorted([VIGILANT, GAZETTE, ECHO, RADIO, FLAMBEAU])
    assert index["first"] == "2024-03-05" and index["documents"] == 62 and index["failed"] == 7
    assert {v["name"] for v in index["views"]} == {*VIEWS, "timeline"}


def test_the_views_are_in_the_openapi_spec_and_on_the_docs_page(client: httpx.Client) -> None:
    spec = client.get("/openapi.json").json()
    for view in [*VIEWS, "timeline"]:
        operation = spec["paths"][f"/api/corpus/{view}"]["get"]
        assert {"200", "404", "422", "503"} <= set(operation["responses"])
        names = {p["name"] for p in operation["parameters"]}
        assert {"outlet", "since", "until", "limit"} <= names, view
    timeline = spec["paths"]["/api/corpus/timeline"]["get"]
    assert {"entity", "term", "by_outlet"} <= {p["name"] for p in timeline["parameters"]}
    rows_schema = spec["components"]["schemas"]["DriftRow"]
    assert {"outlet", "text", "asserted_by", "asserted_text"} <= set(rows_schema["properties"])
    assert "/corpus/chart/outlets.{fmt}" in spec["paths"]
    docs = client.get("/docs").text
    assert "/api/corpus/drift" in docs and "<code>by_outlet</code>" in docs
    assert "Only articles published on or after this date" in docs


def test_charts_are_images_of_their_own(client: httpx.Client) -> None:
    svg = client.get("/corpus/chart/outlets.svg")
    assert svg.status_code == 200 and svg.headers["content-type"] == "image/svg+xml"
    assert svg.headers["content-security-policy"] == "default-src 'none'; style-src 'unsafe-inline'"
    assert {VIGILANT, ECHO, "(no outlet)"} <= set(svg_texts(svg.content))
    png = client.get("/corpus/chart/techniques.png", params={"outlet": FLAMBEAU})
    assert png.headers["content-type"] == "image/png" and png.content.startswith(b"\x89PNG")
    timeline = client.get("/corpus/chart/timeline.svg", params={"entity": "helene-marchetti"})
    assert "Mentions of Hélène Marchetti" in svg_texts(timeline.content)
    assert "not .gif" in error(client.get("/corpus/chart/outlets.gif"), 404, "not_found")
    nobody = client.get("/corpus/chart/outlets.svg", params={"outlet": "Personne"})
    assert "nothing to chart" in error(nobody, 404, "not_found")
    # A chart draws every row: it takes no limit.
    error(client.get("/corpus/chart/outlets.svg", params={"limit": "2"}), 422, "invalid")
    error(client.get("/corpus/chart/timeline.svg"), 422, "invalid")


def test_the_page_allows_images_from_itself_only(client: httpx.Client) -> None:
    page = client.get("/corpus")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    policy = page.headers["content-security-policy"]
    assert "img-src 'self'" in policy and "default-src 'none'" in policy
    assert "img-src 'none'" in client.get("/").headers["content-security-policy"]
    assert '<a href="/corpus"' in client.get("/").text  # in the navigation of every page
    bad = client.get("/corpus/drift", params={"since": "hier"})
    assert bad.status_code == 422 and "since: &#39;hier&#39; is not a date" in bad.text
    missing = client.get("/corpus/article", params={"id": "nulle-part"})
    assert missing.status_code == 404 and "no article" in missing.text


def test_without_db_there_is_no_corpus_page(server: Server) -> None:
    with server.client() as plain:
        error(plain.get("/api/corpus/outlets"), 404, "not_found")
        error(plain.get("/corpus"), 404, "not_found")
        assert 'href="/corpus"' not in plain.get("/").text
        assert "/api/corpus/outlets" not in plain.get("/openapi.json").text


def test_hostile_names_are_data_in_the_json_and_text_in_the_chart(hostile_server: Server) -> None:
    with hostile_server.client() as client:
        outlets = rows(client.get("/api/corpus/outlets"), "outlets")
        assert HOSTILE_OUTLET in {r["outlet"] for r in outlets}
        drift = rows(client.get("/api/corpus/drift"), "drift")
        [planted] = [r for r in drift if r["article"] == HOSTILE_ARTICLE]
        assert planted["outlet"] == HOSTILE_OUTLET and HOSTILE_MARKUP in planted["text"]
        assert planted["asserted_by"] == "Le Témoin" and HOSTILE_MARKUP in planted["asserted_text"]
        chart = client.get("/corpus/chart/outlets.svg")
        assert HOSTILE_OUTLET in svg_texts(chart.content)
        assert b"<img src=x" not in chart.content
        only = rows(client.get("/api/corpus/outlets", params={"outlet": HOSTILE_OUTLET}), "outlets")
        assert [r["outlet"] for r in only] == [HOSTILE_OUTLET]


def test_a_database_held_by_a_batch_is_503_then_served_again(
    hostile_server: Server, hostile_db: Path
) -> None:
    with hostile_server.client() as client:
        assert client.get("/api/corpus/outlets").status_code == 200
        writer = duckdb.connect(str(hostile_db))  # what a running crible batch holds
        try:
            message = error(client.get("/api/corpus/outlets"), 503, "store_locked")
            assert "crible batch" in message and "try again when the batch has finished" in message
            assert "Traceback" not in message and str(hostile_db.parent) not in message
            page = client.get("/corpus/drift")
            assert page.status_code == 503 and "try again when the batch has finished" in page.text
            error(client.get("/corpus/chart/outlets.svg"), 503, "store_locked")
        finally:
            writer.close()
        assert rows(client.get("/api/corpus/outlets"), "outlets")


def test_a_batch_writes_between_requests(
    hostile_server: Server, hostile_db: Path, tmp_path: Path
) -> None:
    """The server holds no lock between requests: a batch opens the file for writing, adds an
    outlet, and the next request sees it."""
    from crible.analysis import Settings
    from crible.corpus.batch import run_batch

    with hostile_server.client() as client:
        before = {r["outlet"] for r in rows(client.get("/api/corpus/outlets"), "outlets")}
        assert "Le Courrier du Léon" not in before
        more = tmp_path / "more.jsonl"
        record = {
            "id": "cou-001",
            "source": "Le Courrier du Léon",
            "published": "2024-05-16",
            "text": "Le pont de la Rance a rouvert jeudi matin, a annoncé la préfecture.",
        }
        more.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
        report = run_batch([str(more)], hostile_db, Settings(batch_size=8))
        assert report.stored == 1
        after = {r["outlet"] for r in rows(client.get("/api/corpus/outlets"), "outlets")}
        assert after == before | {"Le Courrier du Léon"}


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("absent.duckdb", None, "no such corpus database"),
        ("notes.duckdb", "pas une base de données", "cannot open the corpus database"),
    ],
)
def test_a_missing_or_unreadable_db_stops_serve_with_one_line(
    tmp_path: Path, name: str, content: str | None, message: str
) -> None:
    db = tmp_path / name
    if content is not None:
        db.write_text(content, encoding="utf-8")
    done = serve_fails("--db", str(db))
    assert done.returncode == 2, done.stderr
    [line] = [line for line in done.stderr.splitlines() if line.startswith("crible:")]
    assert message in line and "Traceback" not in done.stderr


def test_a_db_held_at_start_is_a_warning_not_a_stop(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The check crible serve makes before it starts, against a lock held by another process."""
    from crible.cli.serve import _check_corpus

    db = tmp_path / "held.duckdb"
    duckdb.connect(str(db)).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('held', flush=True);"
            " time.sleep(120)",
            str(db),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        _check_corpus(db)  # does not raise
        warning = capsys.readouterr().err
        assert "being written by a running crible batch" in warning and "503" in warning
    finally:
        holder.kill()
        holder.wait(10)
