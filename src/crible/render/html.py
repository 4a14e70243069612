"""The HTML report and the web page: one template set (`templates/`), rendered server-side.

`crible analyze --format html` writes `report.html`; `crible serve` renders `page.html`; both
include `_result.html`, so the page's result view and the file report are the same markup. The
CSS and JS in `assets/` are embedded inline: a report is one file that requests nothing from any
host (its Content-Security-Policy, in a <meta> tag, forbids it) and works from file://.

Autoescaping is on for every template. The only unescaped insertions are our own CSS and JS and
the result JSON made safe by `views.script_json`.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any, TextIO

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from crible.model import Document, Result
from crible.render import views
from crible.version import __version__


@dataclass(frozen=True)
class NavLink:
    """An entry of the navigation bar of served pages."""

    label: str
    href: str


@dataclass(frozen=True)
class Assets:
    css: Markup
    js: Markup

    def policy(self, *, served: bool, images: bool = False) -> str:
        """The Content-Security-Policy: nothing but our inline style and script, by hash.

        `served` adds what only an HTTP header can carry or a served page needs (form posts to
        itself, no framing). `images` lets a served page show pictures from its own server (the
        corpus charts, through <img>: an SVG loaded so runs no script)."""
        parts = [
            "default-src 'none'",
            f"script-src '{_sha256(self.js)}'",
            f"style-src '{_sha256(self.css)}'",
            "img-src 'self'" if images else "img-src 'none'",
            "base-uri 'none'",
        ]
        parts += (
            ["form-action 'self'", "frame-ancestors 'none'"] if served else ["form-action 'none'"]
        )
        return "; ".join(parts)


@cache
def assets() -> Assets:
    folder = files("crible.render") / "assets"
    return Assets(
        css=Markup(folder.joinpath("crible.css").read_text(encoding="utf-8")),
        js=Markup(folder.joinpath("crible.js").read_text(encoding="utf-8")),
    )


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("crible.render", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(
        version=__version__,
        label=views.label,
        entity_types=views.ENTITY_TYPES,
        entity_groups=views.ENTITY_GROUPS,
        slant_style=views.slant_style,
        claim_types=views.CLAIM_TYPES,
        source_kinds=views.SOURCE_KINDS,
        certainties=views.CERTAINTIES,
        link_target=link_target,
        wikidata_url=wikidata_url,
    )
    return env


def render(template: str, *, served: bool, **context: Any) -> Iterator[str]:
    """Stream a template with what every page needs (assets, policy, navigation)."""
    page_assets = assets()
    context.setdefault("nav", [])
    context.setdefault("title", "crible")
    return (
        environment()
        .get_template(template)
        .generate(
            assets=page_assets, csp=page_assets.policy(served=served), served=served, **context
        )
    )


def write_html(documents: Iterable[Document], out: TextIO) -> Iterator[Document]:
    """Write the self-contained report, streaming: each document is yielded once written."""
    written: list[Document] = []

    def feed() -> Iterator[views.DocumentView]:
        for view in views.document_views(documents):
            written.append(view.document)
            yield view

    for chunk in render("report.html", served=False, documents=feed(), title="crible report"):
        out.write(chunk)
        while len(written) > 1:  # the last one pulled is being written; the others are done
            yield written.pop(0)
    yield from written


def render_report(result: Result) -> str:
    """The report of a whole result as one string."""
    return "".join(
        render(
            "report.html",
            served=False,
            documents=views.document_views(result.documents),
            title="crible report",
        )
    )


def link_target(url: str | None) -> str | None:
    """`url` if it is safe to make a link of it (http or https), else None: the link is
    printed as text. Keeps `javascript:` and `data:` URLs from ever becoming clickable."""
    if not url:
        return None
    lower = url.strip().lower()
    if lower.startswith(("http://", "https://")) and not any(c in url for c in "\"'<> \t\n\r"):
        return url.strip()
    return None


def wikidata_url(qid: str | None) -> str | None:
    if qid and qid[:1] == "Q" and qid[1:].isdigit():
        return f"https://www.wikidata.org/wiki/{qid}"
    return None


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")
