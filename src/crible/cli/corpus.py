"""`crible corpus VIEW`: questions asked of a corpus database, and its charts."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from crible.corpus import charts, views
from crible.corpus.store import closing, open_store
from crible.corpus.stories import THRESHOLD, WINDOW_DAYS
from crible.errors import CribleError, UsageError
from crible.ingest.document import parse_date
from crible.render.rows import RowFormat, write_rows

from .app import app
from .shared import fail

corpus_app = typer.Typer(help="Views of a corpus database made by crible batch, and charts.")
app.add_typer(corpus_app, name="corpus")

Db = Annotated[Path, typer.Option(help="The corpus database (made by crible batch).")]
Format = Annotated[RowFormat, typer.Option("--format", "-f", help="table (default), json or csv.")]
Output = Annotated[Path | None, typer.Option("--output", "-o", help="Write here, not stdout.")]
Outlet = Annotated[str | None, typer.Option(help="Only the documents of this outlet.")]
Since = Annotated[str | None, typer.Option(help="Only articles published on or after YYYY-MM-DD.")]
Until = Annotated[str | None, typer.Option(help="Only articles published up to YYYY-MM-DD.")]
Limit = Annotated[int, typer.Option(help="At most this many rows (0: all).")]
Threshold = Annotated[
    float, typer.Option(help="Similarity (0-1) from which two claims tell the same story.")
]
Window = Annotated[
    int, typer.Option(help="Claims published more than this many days apart are not linked.")
]
Entity = Annotated[str | None, typer.Option(help="An entity: its id, name or a spelling seen.")]
Term = Annotated[str | None, typer.Option(help="A word or phrase (whole words, any case).")]
ByOutlet = Annotated[bool, typer.Option(help="One count per outlet and day.")]


def _filtered_view(name: str, view: Callable[..., Sequence[Any]], limit_default: int) -> None:
    """Register `crible corpus NAME`: a view that takes only the common filters."""

    def command(
        db: Db,
        outlet: Outlet = None,
        since: Since = None,
        until: Until = None,
        limit: Limit = limit_default,
        output_format: Format = RowFormat.table,
        output: Output = None,
    ) -> None:
        _show(db, output_format, output, view, _filters(outlet, since, until, limit))

    command.__doc__ = " ".join((view.__doc__ or "").split("\n\n")[0].split())
    corpus_app.command(name)(command)


_filtered_view("entities", views.entities, 50)
_filtered_view("outlets", views.outlets, 0)
_filtered_view("techniques", views.techniques, 50)


@corpus_app.command()
def sources(
    db: Db,
    outlet: Outlet = None,
    since: Since = None,
    until: Until = None,
    kind: Annotated[
        str | None, typer.Option(help="Only sources of this kind (person, anonymous, …).")
    ] = None,
    limit: Limit = 50,
    output_format: Format = RowFormat.table,
    output: Output = None,
) -> None:
    """Who is quoted or cited, how often, by which outlets, with what certainty."""
    options = {**_filters(outlet, since, until, limit), "kind": kind}
    _show(db, output_format, output, views.sources, options)


@corpus_app.command()
def stories(
    db: Db,
    outlet: Outlet = None,
    since: Since = None,
    until: Until = None,
    threshold: Threshold = THRESHOLD,
    window: Window = WINDOW_DAYS,
    drift: Annotated[
        bool, typer.Option(help="Show only the certainty drift (as crible corpus drift).")
    ] = False,
    limit: Limit = 50,
    output_format: Format = RowFormat.table,
    output: Output = None,
) -> None:
    """The same claim told by several articles, each outlet's certainty side by side."""
    options = {
        **_filters(outlet, since, until, limit),
        "threshold": threshold,
        "window_days": window,
    }
    _show(db, output_format, output, views.drift if drift else views.stories, options)


@corpus_app.command("drift")
def drift_command(
    db: Db,
    outlet: Outlet = None,
    since: Since = None,
    until: Until = None,
    threshold: Threshold = THRESHOLD,
    window: Window = WINDOW_DAYS,
    limit: Limit = 50,
    output_format: Format = RowFormat.table,
    output: Output = None,
) -> None:
    """Certainty drift: what one outlet hedges or attributes and another states as fact."""
    stories(db, outlet, since, until, threshold, window, True, limit, output_format, output)


@corpus_app.command()
def timeline(
    db: Db,
    entity: Entity = None,
    term: Term = None,
    outlet: Outlet = None,
    since: Since = None,
    until: Until = None,
    by_outlet: ByOutlet = False,
    limit: Limit = 0,
    output_format: Format = RowFormat.table,
    output: Output = None,
) -> None:
    """Mentions per day of an entity or a term."""
    options = {
        **_filters(outlet, since, until, limit),
        "entity": entity,
        "term": term,
        "by_outlet": by_outlet,
    }
    _show(db, output_format, output, views.timeline, options)


class Chart(str, Enum):
    outlets = "outlets"
    timeline = "timeline"
    techniques = "techniques"


@corpus_app.command()
def chart(
    kind: Annotated[Chart, typer.Argument(help="outlets, timeline or techniques.")],
    db: Db,
    output: Annotated[Path, typer.Option("--output", "-o", help="The chart file: .png or .svg.")],
    entity: Entity = None,
    term: Term = None,
    outlet: Outlet = None,
    since: Since = None,
    until: Until = None,
    by_outlet: ByOutlet = False,
) -> None:
    """Draw a view as a PNG or SVG chart (timeline needs --entity or --term)."""
    try:
        fmt = charts.chart_format(str(output))
        filters = _filters(outlet, since, until, 0)
        with closing(open_store(db, read_only=True)) as con:
            if kind is Chart.outlets:
                picture = charts.outlets_chart(views.outlets(con, **filters), fmt)
            elif kind is Chart.techniques:
                picture = charts.techniques_chart(views.techniques(con, **filters), fmt)
            else:
                rows = views.timeline(con, entity=entity, term=term, by_outlet=by_outlet, **filters)
                label = views.entity_label(con, entity) if entity else str(term)
                picture = charts.timeline_chart(rows, label, fmt)
        output.write_bytes(picture)
    except OSError as exc:
        fail(UsageError(f"cannot write {output}: {exc.strerror or exc}"))
    except CribleError as error:
        fail(error)


def _filters(
    outlet: str | None, since: str | None, until: str | None, limit: int
) -> dict[str, Any]:
    return {
        "outlet": outlet,
        "since": _date("--since", since),
        "until": _date("--until", until),
        "limit": limit or None,
    }


def _date(option: str, value: str | None) -> Any:
    try:
        return parse_date(value)
    except ValueError:
        fail(UsageError(f"{option} must be YYYY-MM-DD, not {value!r}"))


def _show(
    db: Path,
    fmt: RowFormat,
    output: Path | None,
    view: Callable[..., Sequence[Any]],
    options: dict[str, Any],
) -> None:
    try:
        with closing(open_store(db, read_only=True)) as con:
            rows = view(con, **options)
        target = (
            output.open("w", encoding="utf-8", newline="") if output else nullcontext(sys.stdout)
        )
        with target as out:
            write_rows(rows, fmt, out)
    except OSError as exc:
        fail(UsageError(f"cannot write {output}: {exc.strerror or exc}"))
    except CribleError as error:
        fail(error)
