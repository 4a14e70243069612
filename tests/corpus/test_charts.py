"""Charts: real PNG and SVG files, labels drawn as given and escaped in the SVG."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crible.cli import app
from crible.corpus import charts, views
from crible.corpus.store import Connection
from crible.errors import UsageError

PNG = b"\x89PNG\r\n\x1a\n"
SVG = "{http://www.w3.org/2000/svg}"


def svg_texts(svg: bytes) -> list[str]:
    root = ET.fromstring(svg)  # parses only if every label was escaped
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def test_every_chart_as_png_and_svg(con: Connection) -> None:
    outlets = views.outlets(con)
    timeline = views.timeline(con, entity="helene-marchetti", by_outlet=True)
    techniques = views.techniques(con)
    for fmt in ("png", "svg"):
        pictures = [
            charts.outlets_chart(outlets, fmt),
            charts.timeline_chart(timeline, "Hélène Marchetti", fmt),
            charts.techniques_chart(techniques, fmt),
        ]
        for picture in pictures:
            if fmt == "png":
                assert picture.startswith(PNG) and len(picture) > 5_000
            else:
                assert svg_texts(picture)
    labels = svg_texts(charts.outlets_chart(outlets, "svg"))
    assert {"Le Vigilant", "L'Écho des Marais", "Radio Brocéliande", "(no outlet)"} <= set(labels)
    assert "Mentions of Hélène Marchetti" in svg_texts(
        charts.timeline_chart(timeline, "Hélène Marchetti", "svg")
    )
    # The same chart twice gives the same file.
    assert charts.outlets_chart(outlets, "svg") == charts.outlets_chart(outlets, "svg")


def test_labels_from_the_data_are_escaped_not_interpreted() -> None:
    name = 'Le <Petit> & "Grand" $Journal$'
    row = views.OutletRow(name, 3, 900, 10, 0.5, 0.1, 0.2, 4.0, {"Doubt": 2}, {"opinion": 3})
    svg = charts.outlets_chart([row], "svg")
    assert name in svg_texts(svg)  # drawn literally: no markup, no mathematics
    assert b"<Petit>" not in svg
    timeline = [views.TimelineRow(dt.date(2024, 3, 5), None, 2, 1)]
    assert "Mentions of <b>&amp;" in svg_texts(charts.timeline_chart(timeline, "<b>&amp;", "svg"))
    technique = views.TechniqueRow(name, "Loaded_Language", 4, 4.44)
    assert name in svg_texts(charts.techniques_chart([technique], "svg"))


def test_nothing_to_draw_is_a_clear_error() -> None:
    with pytest.raises(UsageError, match="no outlets"):
        charts.outlets_chart([], "png")
    with pytest.raises(UsageError):
        charts.chart_format("chart.gif")


def test_the_chart_command(reference_db: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    db = ["--db", str(reference_db)]
    for kind, extra in (("outlets", []), ("techniques", []), ("timeline", ["--term", "Vilaine"])):
        for suffix in (".png", ".svg"):
            target = tmp_path / f"{kind}{suffix}"
            result = runner.invoke(app, ["corpus", "chart", kind, *db, "-o", str(target), *extra])
            assert result.exit_code == 0, result.output
            data = target.read_bytes()
            assert data.startswith(PNG) if suffix == ".png" else bool(svg_texts(data))
    gif = runner.invoke(app, ["corpus", "chart", "outlets", *db, "-o", str(tmp_path / "x.gif")])
    assert gif.exit_code == 2 and ".png or .svg" in gif.output
    bare = runner.invoke(app, ["corpus", "chart", "timeline", *db, "-o", str(tmp_path / "t.svg")])
    assert bare.exit_code == 2 and "needs an entity or a term" in bare.output
