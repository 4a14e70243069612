"""Charts of the corpus views, as PNG bytes or SVG text: plain functions of view rows, so the
CLI and the web page draw the same pictures.

matplotlib draws them off screen (the Agg canvas, no display). Colours are the Okabe-Ito
palette, readable with every common colour-vision deficiency. Labels come from the data
(outlet and entity names): matplotlib would read `$…$` in them as mathematics, so `$` is
escaped, and SVG text is written as XML text (escaped by matplotlib), not as glyph outlines.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Literal

from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import date2num
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from crible.corpus.views import OutletRow, TechniqueRow, TimelineRow
from crible.errors import UsageError

ChartFormat = Literal["png", "svg"]
# Okabe & Ito (2008), "Color Universal Design".
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")


# matplotlib's settings (rcParams) are global to the process and the figure reads them while it
# is drawn and saved: two charts drawn at once in threads (the web server's) would undo each
# other's `rc_context`. One chart at a time.
_DRAWING = threading.Lock()


@contextmanager
def _style() -> Iterator[None]:
    with (
        _DRAWING,
        rc_context(
            {
                "svg.fonttype": "none",  # text stays text: searchable, and escaped as XML
                "svg.hashsalt": "crible",  # the same chart gives the same file
                "font.family": "DejaVu Sans",
                "font.size": 9,
            }
        ),
    ):
        yield


def outlets_chart(rows: Sequence[OutletRow], fmt: ChartFormat = "svg") -> bytes:
    """Per outlet: shares of hedged, anonymous and unconfirmed claims, and slant per 1,000
    words."""
    if not rows:
        raise UsageError("no outlets to chart: the corpus is empty or the filters match nothing")
    labels = [_plain(r.outlet if r.outlet is not None else "(no outlet)") for r in rows]
    with _style():
        figure = Figure(figsize=(8, 1.2 + 0.5 * len(rows)), layout="constrained")
        shares, slant = figure.subplots(1, 2, sharey=True, width_ratios=(3, 2))
        series = (
            ("hedged", [r.hedged for r in rows]),
            ("anonymous source", [r.anonymous for r in rows]),
            ("unconfirmed", [r.unconfirmed for r in rows]),
        )
        height = 0.8 / len(series)
        for k, (name, values) in enumerate(series):
            positions = [i - 0.4 + height * (k + 0.5) for i in range(len(rows))]
            shares.barh(positions, [100 * v for v in values], height, label=name, color=PALETTE[k])
        shares.set_yticks(range(len(rows)), labels)
        shares.invert_yaxis()
        shares.set_xlabel("% of the outlet's claims")
        shares.legend(loc="lower right", frameon=False)
        slant.barh(range(len(rows)), [r.slant_per_1000_words for r in rows], 0.6, color=PALETTE[5])
        slant.set_xlabel("slanted spans per 1,000 words")
        figure.suptitle("How each outlet reports")
        return _save(figure, fmt)


def timeline_chart(rows: Sequence[TimelineRow], label: str, fmt: ChartFormat = "svg") -> bytes:
    """Mentions per day; one line per outlet when the rows are split by outlet."""
    if not rows:
        raise UsageError(f"no dated mentions of {label!r} to chart")
    lines: dict[str | None, list[TimelineRow]] = {}
    for row in rows:
        lines.setdefault(row.outlet, []).append(row)
    with _style():
        figure = Figure(figsize=(8, 3.5), layout="constrained")
        axes = figure.subplots()
        for k, (outlet, points) in enumerate(sorted(lines.items(), key=lambda kv: kv[0] or "")):
            axes.plot(
                date2num([p.day for p in points]),  # type: ignore[no-untyped-call]
                [p.mentions for p in points],
                marker="o",
                color=PALETTE[k % len(PALETTE)],
                label=_plain(outlet) if outlet is not None else "all outlets",
            )
        axes.xaxis_date()
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.set_ylim(bottom=0)
        axes.set_ylabel("mentions per day")
        axes.set_title(_plain(f"Mentions of {label}"))
        axes.legend(frameon=False)
        figure.autofmt_xdate()
        return _save(figure, fmt)


def techniques_chart(
    rows: Sequence[TechniqueRow], fmt: ChartFormat = "svg", *, top: int = 8
) -> bytes:
    """The most frequent slant techniques, per 1,000 words of each outlet."""
    if not rows:
        raise UsageError("no slant techniques to chart")
    totals: dict[str, int] = {}
    for row in rows:
        totals[row.technique] = totals.get(row.technique, 0) + row.spans
    names = sorted(totals, key=lambda t: (-totals[t], t))[:top]
    outlets = sorted({r.outlet for r in rows}, key=lambda o: o or "")
    rate = {(r.outlet, r.technique): r.per_1000_words for r in rows}
    with _style():
        figure = Figure(figsize=(8, 1.2 + 0.45 * len(names) * max(1, len(outlets)) ** 0.5))
        figure.set_layout_engine("constrained")
        axes = figure.subplots()
        height = 0.8 / len(outlets)
        for k, outlet in enumerate(outlets):
            positions = [i - 0.4 + height * (k + 0.5) for i in range(len(names))]
            axes.barh(
                positions,
                [rate.get((outlet, t), 0.0) for t in names],
                height,
                color=PALETTE[k % len(PALETTE)],
                label=_plain(outlet) if outlet is not None else "(no outlet)",
            )
        axes.set_yticks(range(len(names)), [_plain(t.replace("_", " ")) for t in names])
        axes.invert_yaxis()
        axes.set_xlabel("spans per 1,000 words")
        axes.set_title("Slant techniques by outlet")
        axes.legend(frameon=False, loc="lower right")
        return _save(figure, fmt)


def _save(figure: Figure, fmt: ChartFormat) -> bytes:
    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    metadata = {"Date": None} if fmt == "svg" else {"Software": None}
    figure.savefig(buffer, format=fmt, dpi=120, metadata=metadata)
    return buffer.getvalue()


def _plain(text: str) -> str:
    """`text` as matplotlib should draw it: literally."""
    return text.replace("$", r"\$")


def chart_format(path: str) -> ChartFormat:
    """The chart format a file name asks for."""
    lower = path.lower()
    if lower.endswith(".png"):
        return "png"
    if lower.endswith(".svg"):
        return "svg"
    raise UsageError(f"{path}: a chart is written as .png or .svg", hint="end the file name so")
