"""Corpus views on the test corpus: they find what was planted there (spelling variants, who is
quoted, a hedging outlet, a slanted one, stories told by several outlets, certainty drift) and
nothing where nothing was planted."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crible.cli import app
from crible.corpus import views
from crible.corpus.store import Connection
from crible.errors import UsageError

VIGILANT, GAZETTE, ECHO, RADIO, FLAMBEAU = (
    "Le Vigilant",
    "La Gazette d'Armor",
    "L'Écho des Marais",
    "Radio Brocéliande",
    "Le Flambeau",
)


def test_entities_merge_spellings_across_outlets(con: Connection) -> None:
    rows = {r.entity: r for r in views.entities(con)}
    marchetti = rows["helene-marchetti"]
    assert marchetti.name == "Hélène Marchetti" and marchetti.type == "PER"
    assert marchetti.variants == ["Helene Marchetti", "Hélène Marchetti"]  # Le Flambeau's
    assert set(marchetti.outlets) == {VIGILANT, GAZETTE, ECHO, RADIO, FLAMBEAU}
    assert sum(marchetti.outlets.values()) == marchetti.mentions
    direct = con.execute(
        "SELECT count(*) FROM mentions m JOIN entities e ON e.doc_key = m.doc_key "
        "AND e.article_n = m.article_n AND e.n = m.entity_n WHERE e.entity = 'helene-marchetti'"
    ).fetchone()
    assert direct == (marchetti.mentions,)
    ordered = views.entities(con, limit=5)
    assert len(ordered) == 5
    assert [r.mentions for r in ordered] == sorted((r.mentions for r in ordered), reverse=True)
    only = views.entities(con, outlet=FLAMBEAU)
    assert all(set(r.outlets) == {FLAMBEAU} for r in only)


def test_sources_say_who_is_quoted_by_whom_and_how_firmly(con: Connection) -> None:
    rows = {r.source: r for r in views.sources(con)}
    tanguy = rows["marc-tanguy"]
    assert tanguy.name == "Marc Tanguy" and tanguy.kind == "person"
    assert set(tanguy.outlets) == {GAZETTE, RADIO}
    # three quotes: « … », a déclaré; « … », a dénoncé; « … », a réagi
    assert tanguy.certainty == {"reported": 3}
    anonymous = views.sources(con, kind="anonymous")
    assert anonymous and all(r.kind == "anonymous" for r in anonymous)
    assert "une source proche du dossier" in {r.source for r in anonymous}
    assert sum(r.outlets.get(VIGILANT, 0) for r in anonymous) >= 4


def test_outlets_show_the_hedging_outlet_and_the_slanted_one(con: Connection) -> None:
    rows = {r.outlet: r for r in views.outlets(con)}
    assert set(rows) == {VIGILANT, GAZETTE, ECHO, RADIO, FLAMBEAU, None}
    vigilant, flambeau = rows[VIGILANT], rows[FLAMBEAU]
    assert vigilant.hedged == max(r.hedged for r in rows.values())
    assert vigilant.anonymous == max(r.anonymous for r in rows.values())
    assert vigilant.unconfirmed > 0
    assert flambeau.slant_per_1000_words == max(r.slant_per_1000_words for r in rows.values())
    assert rows[GAZETTE].slant_per_1000_words < flambeau.slant_per_1000_words / 5
    assert len(flambeau.techniques) == 3 and "Doubt" in flambeau.techniques
    assert sum(vigilant.genres.values()) == vigilant.articles
    # The shares are what the claims table says.
    total, hedged = con.execute(
        "SELECT count(*), count(*) FILTER (c.certainty = 'hedged') FROM claims c "
        "JOIN documents d USING (doc_key) WHERE d.outlet = ?",
        [VIGILANT],
    ).fetchone() or (0, 0)
    assert vigilant.claims == total and vigilant.hedged == round(hedged / total, 3)
    assert [r.outlet for r in views.outlets(con, outlet=ECHO)] == [ECHO]


def _story_with(rows: list[views.StoryRow], article: str) -> views.StoryRow:
    [story] = [r for r in rows if article in r.members]
    return story


def test_stories_put_each_outlets_certainty_side_by_side(con: Connection) -> None:
    rows = views.stories(con)
    resignation = _story_with(rows, "vig-001")
    assert set(resignation.members) == {"vig-001", "gaz-001", "eco-001", "rad-001", "fla-001"}
    assert resignation.certainty[VIGILANT] == ["hedged"]
    assert resignation.certainty[GAZETTE] == ["asserted"]
    assert resignation.certainty[RADIO] == ["reported"]
    assert resignation.first == dt.date(2024, 3, 5) and resignation.last == dt.date(2024, 3, 6)
    # The mayor of Brest resigning is another story, however alike the sentences are.
    assert all("rad-002" not in r.members for r in rows if "vig-001" in r.members)
    strike = _story_with(rows, "gaz-005")
    assert {c for cs in strike.certainty.values() for c in cs} == {"asserted"}
    festival = _story_with(rows, "vig-005")
    assert set(festival.members) == {"vig-005", "gaz-006", "eco-004"}
    assert {c for cs in festival.certainty.values() for c in cs} == {"hedged"}
    assert [r.story for r in views.stories(con, outlet=FLAMBEAU)] == sorted(
        r.story for r in rows if any(m.startswith("fla-") for m in r.members)
    )


def test_drift_finds_the_planted_cases(con: Connection) -> None:
    rows = views.drift(con)
    pairs = {(r.article, r.asserted_article) for r in rows}
    planted = {
        ("vig-001", "gaz-001"),  # « aurait démissionné, selon une source » / « a démissionné »
        ("vig-001", "eco-001"),
        ("vig-001", "fla-001"),
        ("rad-001", "gaz-001"),  # « selon la préfecture »
        ("eco-002", "rad-003"),  # « selon la préfecture, la crue a fait trois blessés »
        ("gaz-003", "rad-003"),  # « aurait fait trois blessés, d'après des témoins »
        ("vig-003", "rad-004"),  # « fermerait son usine », « n'a pas été confirmée »
        ("vig-006", "rad-007"),  # « selon les pompiers, un incendie a détruit »
        ("vig-006", "fla-003"),
    }
    assert planted <= pairs
    row = next(r for r in rows if (r.article, r.asserted_article) == ("vig-003", "rad-004"))
    assert (row.outlet, row.certainty, row.asserted_by) == (VIGILANT, "hedged", RADIO)
    assert "fermerait" in row.text and "va fermer" in row.asserted_text
    assert all(r.certainty in ("reported", "hedged", "unconfirmed") for r in rows)
    assert all(r.outlet != r.asserted_by for r in rows)


def test_no_drift_where_every_outlet_agrees_or_the_events_differ(con: Connection) -> None:
    involved = {a for r in views.drift(con) for a in (r.article, r.asserted_article)}
    agreeing = {
        "gaz-005",
        "eco-003",
        "rad-005",
        "vig-004",  # the strike: stated by all
        "vig-005",
        "gaz-006",
        "eco-004",  # the festival: hedged by all
        "gaz-007",
        "eco-005",
        "rad-006",  # the budget: stated by all
        "gaz-010",
        "rad-011",  # the same dispatch twice
        "rad-002",
        "gaz-002",  # Brest, not Rennes
        "vig-011",
        "gaz-012",  # the stadium: hedged and reported, never stated
    }
    assert not involved & agreeing
    assert views.drift(con, outlet=ECHO) and all(
        ECHO in (r.outlet, r.asserted_by) for r in views.drift(con, outlet=ECHO)
    )


def test_a_stricter_threshold_finds_fewer_links(con: Connection) -> None:
    loose, strict = views.drift(con, threshold=0.3), views.drift(con, threshold=0.95)
    assert len(strict) < len(views.drift(con)) <= len(loose)
    with pytest.raises(UsageError):
        views.stories(con, threshold=0)


def test_timeline_of_an_entity_by_any_spelling_and_of_a_term(con: Connection) -> None:
    by_id = views.timeline(con, entity="helene-marchetti")
    assert views.timeline(con, entity="Helene MARCHETTI") == by_id
    days = {r.day: r.mentions for r in by_id}
    assert days[dt.date(2024, 3, 5)] == 4  # Le Vigilant, La Gazette (twice), Radio Brocéliande
    assert sum(days.values()) == 10
    split = views.timeline(con, entity="helene-marchetti", by_outlet=True)
    assert sum(r.mentions for r in split) == 10 and {r.outlet for r in split} >= {GAZETTE}
    crue = views.timeline(con, term="crue", until=dt.date(2024, 3, 31))
    assert crue == [views.TimelineRow(dt.date(2024, 3, 12), None, 3, 3)]
    assert views.timeline(con, term="CRUE DE LA VILAINE")[0].mentions == 3
    with pytest.raises(UsageError, match="no entity"):
        views.timeline(con, entity="Personne Inconnue")
    with pytest.raises(UsageError):
        views.timeline(con, entity="x", term="y")


def test_techniques_per_outlet(con: Connection) -> None:
    rows = views.techniques(con)
    assert rows and rows[0].outlet == FLAMBEAU
    words = sum(r.words for r in views.outlets(con, outlet=FLAMBEAU))
    assert all(
        r.per_1000_words == round(1000 * r.spans / words, 2) for r in rows if r.outlet == FLAMBEAU
    )


def test_the_cli_views_in_every_format(reference_db: Path) -> None:
    runner = CliRunner()
    db = ["--db", str(reference_db)]
    table = runner.invoke(app, ["corpus", "outlets", *db])
    assert table.exit_code == 0, table.output
    assert table.output.splitlines()[0].split()[:3] == ["outlet", "articles", "words"]
    data = json.loads(runner.invoke(app, ["corpus", "drift", *db, "-f", "json"]).output)
    assert {"article", "certainty", "text", "asserted_by", "asserted_text"} <= set(data[0])
    same = runner.invoke(app, ["corpus", "stories", *db, "--drift", "-f", "json"])
    assert json.loads(same.output) == data
    rows = list(
        csv.DictReader(
            io.StringIO(
                runner.invoke(app, ["corpus", "entities", *db, "-f", "csv", "--limit", "3"]).output
            )
        )
    )
    assert len(rows) == 3 and rows[0]["entity"]
    marchetti = runner.invoke(
        app, ["corpus", "timeline", *db, "--entity", "Hélène Marchetti", "-f", "json"]
    )
    assert sum(r["mentions"] for r in json.loads(marchetti.output)) == 10
    for args in (["sources"], ["techniques"], ["stories"]):
        result = runner.invoke(app, ["corpus", *args, *db])
        assert result.exit_code == 0 and result.output.strip(), args


def test_cli_view_mistakes_are_one_line_and_exit_2(reference_db: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(app, ["corpus", "outlets", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 2 and "no such corpus database" in missing.output
    bad_date = runner.invoke(
        app, ["corpus", "entities", "--db", str(reference_db), "--since", "hier"]
    )
    assert bad_date.exit_code == 2 and "--since must be YYYY-MM-DD" in bad_date.output
    nobody = runner.invoke(
        app, ["corpus", "timeline", "--db", str(reference_db), "--entity", "Nobody"]
    )
    assert nobody.exit_code == 2 and len(nobody.output.strip().splitlines()) == 1


def test_the_mayor_of_brest_is_kept_apart_even_at_a_loose_threshold(con: Connection) -> None:
    # At 0.3 the two resignations are alike enough in words; the entities they name differ.
    rows = views.stories(con, threshold=0.3)
    resignation = _story_with(rows, "vig-001")
    assert "rad-002" not in resignation.members
