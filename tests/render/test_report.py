"""The HTML report: built from the result model, self-contained, escaping everything it prints.
(What a reader sees in a real browser is tested in tests/web/test_browser.py.)"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

from crible.model import (
    Article,
    Claim,
    ClaimSource,
    Document,
    Entity,
    Mention,
    Result,
    TextSpan,
)
from crible.render.html import link_target, render_report, wikidata_url, write_html
from crible.render.views import entity_rows, script_json, source_rows
from crible.version import __version__


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text inside <script> elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.styles: list[str] = []
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._open = tag
            if tag == "script":
                self.scripts.append((dict(attrs), ""))
            else:
                self.styles.append("")

    def handle_endtag(self, tag: str) -> None:
        self._open = None

    def handle_data(self, data: str) -> None:
        if self._open == "script":
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)
        elif self._open == "style":
            self.styles[-1] += data


def parse(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    parser.close()
    return parser


def test_hostile_fields_are_printed_as_text_never_as_markup(hostile_result: Result) -> None:
    html = render_report(hostile_result)
    page = parse(html)
    assert [t for t, _ in page.tags if t in ("img", "b", "i", "u", "s")] == []
    executable = [a for a, _ in page.scripts if a.get("type") != "application/json"]
    assert len(executable) == 1  # ours, at the end of the body
    for _, attrs in page.tags:
        for name, value in attrs.items():
            assert not name.startswith("on"), name
            if name in ("href", "src", "action"):
                assert not (value or "").lower().startswith(("javascript:", "data:")), value
    # and the text is there to read, escaped
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=" in html


def test_embedded_json_cannot_close_its_script_and_parses_back(hostile_result: Result) -> None:
    page = parse(render_report(hostile_result))
    [data] = [text for attrs, text in page.scripts if attrs.get("class") == "crible-data"]
    assert "<" not in data and ">" not in data
    document = hostile_result.documents[0]
    assert json.loads(data) == json.loads(document.model_dump_json())


def test_script_json_escapes_are_json_escapes() -> None:
    value = {"t": "</script><!-- & \u2028 -->", "\\": "\\u003c"}
    safe = script_json(json.dumps(value))
    assert "<" not in safe and ">" not in safe and "&" not in safe
    assert json.loads(str(safe)) == value


def test_the_policy_allows_only_the_inline_style_and_script(hostile_result: Result) -> None:
    page = parse(render_report(hostile_result))
    [policy] = [a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv")]
    [script] = [text for attrs, text in page.scripts if not attrs.get("type")]
    [style] = page.styles
    assert policy is not None and "default-src 'none'" in policy

    def digest(text: str) -> str:
        return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()

    assert f"script-src '{digest(script)}'" in policy
    assert f"style-src '{digest(style)}'" in policy
    # nothing in the report points at another host, apart from links a reader may follow
    for tag, attrs in page.tags:
        assert "src" not in attrs, tag
        if tag == "link":
            raise AssertionError(f"<link> in a self-contained report: {attrs}")


def test_streaming_writer_matches_the_one_shot_report(hostile_result: Result) -> None:
    documents = [*hostile_result.documents, _two_articles()]
    out = io.StringIO()
    yielded = list(write_html(iter(documents), out))
    assert yielded == documents
    expected = render_report(Result(crible_version=__version__, documents=documents))
    assert out.getvalue() == expected
    assert expected.count('class="document"') == 2


def test_only_web_links_become_links() -> None:
    assert link_target("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in ("javascript:alert(1)", " JavaScript:x", "data:text/html,x", "//x", "http://a b"):
        assert link_target(bad) is None
    assert wikidata_url("Q42") == "https://www.wikidata.org/wiki/Q42"
    assert wikidata_url("javascript:1") is None and wikidata_url("Q") is None


def _two_articles() -> Document:
    text = "Selon Axios, Zelensky viendrait.\nVolodymyr Zelensky a parlé. Le Monde dément."
    second = text.index("Volodymyr")

    def span(words: str) -> TextSpan:
        start = text.index(words)
        return TextSpan(start=start, end=start + len(words), text=words)

    def mention(words: str, start: int = 0) -> Mention:
        at = text.index(words, start)
        return Mention(start=at, end=at + len(words), text=words)

    zelensky = {"id": "zelensky", "name": "Volodymyr Zelensky", "type": "PER"}
    axios = ClaimSource(text="Axios", start=6, end=11, entity="axios", kind="outlet")
    return Document(
        source="two.txt",
        text=text,
        articles=[
            Article(
                id="two#1",
                start=0,
                end=second - 1,
                language="fr",
                entities=[
                    Entity(**zelensky, mentions=[mention("Zelensky")], variants=["Zelensky"]),
                    Entity(id="axios", name="Axios", type="ORG", mentions=[mention("Axios")]),
                ],
                claims=[
                    Claim(
                        content=span("Zelensky viendrait"),
                        source=axios,
                        certainty="hedged",
                        type="according_to",
                        why="selon",
                    ),
                ],
            ),
            Article(
                id="two#2",
                start=second,
                end=len(text),
                language="fr",
                entities=[
                    Entity(
                        **zelensky,
                        mentions=[mention("Volodymyr Zelensky")],
                        variants=["Volodymyr Zelensky"],
                    )
                ],
                claims=[
                    Claim(
                        content=span("Volodymyr Zelensky a parlé"),
                        certainty="asserted",
                        why="no source",
                    ),
                    Claim(
                        content=span("Le Monde dément"),
                        source=ClaimSource(text="Le Monde"),
                        certainty="denied",
                        why="dément",
                    ),
                ],
            ),
        ],
    )


def test_entities_are_merged_across_articles_and_sources_counted() -> None:
    document = _two_articles()
    rows = entity_rows(document)
    assert [(r.entity.name, r.mentions, r.variants, r.articles) for r in rows] == [
        ("Volodymyr Zelensky", 2, ["Zelensky", "Volodymyr Zelensky"], [1, 2]),
        ("Axios", 1, [], [1]),
    ]
    sources = source_rows(document)
    assert [(s.label, s.mix) for s in sources] == [
        ("Axios", [("hedged", 1)]),
        ("Le Monde", [("denied", 1)]),
        ("the outlet itself (no source given)", [("asserted", 1)]),
    ]


def test_article_text_is_whole_and_every_finding_has_a_card() -> None:
    document = _two_articles()
    html = render_report(Result(crible_version=__version__, documents=[document]))
    texts = re.findall(r'<div class="text" lang="fr">(.*?)</div>', html, flags=re.S)
    plain = [re.sub(r"<[^>]+>", "", t) for t in texts]
    assert plain == [document.text[a.start : a.end] for a in document.articles]
    keys = {k for group in re.findall(r'data-k="([^"]+)"', html) for k in group.split()}
    cards = set(re.findall(r'id="card-([^"]+)"', html))
    assert keys == cards


TEXT = (
    "La préfecture du Nord a annoncé mardi la fermeture de deux écoles à Roubaix après "
    "la découverte d'amiante dans les faux plafonds."
)


def test_format_html_writes_the_report_to_stdout() -> None:
    from typer.testing import CliRunner

    from crible.cli import app

    result = CliRunner().invoke(app, ["analyze", "-", "--format", "html"], input=TEXT)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<!doctype html>")
    assert result.stdout.count('<article class="article') == 1
    assert "Roubaix" in result.stdout


def test_an_html_output_file_gets_the_report_and_stdout_the_summary(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from crible.cli import app

    source = tmp_path / "a.txt"
    source.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["analyze", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "-- article" in result.stdout
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and html.rstrip().endswith("</html>")
    assert str(source) in html
