"""Main text of an HTML page, boilerplate dropped (trafilatura), and a plain fallback for feed
snippets too short for an extractor."""

from __future__ import annotations

from html.parser import HTMLParser

import trafilatura

from crible.errors import NoTextFound
from crible.ingest.document import RawDocument, parse_date


def read_html(html: str, *, source: str, url: str | None = None) -> RawDocument:
    extracted = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    text = (getattr(extracted, "text", None) or "").strip() if extracted is not None else ""
    if not text:
        raise NoTextFound(
            f"{source}: no article text found in the HTML (only scripts, menus or markup, "
            "or markup too broken or deeply nested to read)",
            hint="check that the page holds an article; pages built by JavaScript need saving "
            "after rendering",
        )
    published = None
    raw_date = getattr(extracted, "date", None)
    if raw_date:
        try:
            published = parse_date(raw_date)
        except ValueError:
            published = None
    return RawDocument(
        source=source,
        text=text + "\n",
        title=getattr(extracted, "title", None),
        published=published,
        url=url,
        outlet=getattr(extracted, "sitename", None),
    )


class _TextCollector(HTMLParser):
    _SKIP = frozenset({"script", "style", "noscript", "template", "iframe", "svg"})
    _BLOCK = frozenset({"p", "br", "div", "li", "h1", "h2", "h3", "h4", "blockquote", "tr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skipping:
            self._skipping -= 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """Visible text of an HTML fragment, one line per block; scripts and styles dropped."""
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    lines = (" ".join(line.split()) for line in "".join(collector.parts).split("\n"))
    return "\n".join(line for line in lines if line)
