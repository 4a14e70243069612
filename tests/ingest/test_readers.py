from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from crible.ingest.formats import InputFormat
from crible.ingest.sources import IngestOptions, read_inputs

ARTICLE = (
    "Le parlement régional de Bavière a voté jeudi une loi sur l'eau potable. "
    "Les communes devront publier chaque année la qualité de leur réseau."
)
ARTICLE_2 = (
    "Une tempête a privé d'électricité douze mille foyers du Finistère dans la nuit de "
    "dimanche à lundi, selon le gestionnaire du réseau."
)

HTML = f"""<!doctype html><html><head><title>Eau potable en Bavière</title>
<meta property="article:published_time" content="2024-02-01"></head>
<body><nav><a href="/">Accueil</a> <a href="/sport">Sport</a> <a href="/meteo">Météo</a></nav>
<script>window.tracker = "ne pas lire";</script>
<article><h1>Eau potable en Bavière</h1><p>{ARTICLE}</p>
<p>Le texte entrera en vigueur en janvier, après un délai laissé aux petites communes pour
s'équiper de laboratoires agréés.</p></article>
<footer>Mentions légales - Politique de cookies - Contact</footer></body></html>"""

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Le Journal Test</title>
<item><title>Eau potable</title><link>http://example.test/1</link>
<pubDate>Thu, 01 Feb 2024 08:00:00 +0000</pubDate>
<description>&lt;p&gt;{ARTICLE}&lt;/p&gt;</description></item>
<item><title>Tempête</title><link>http://example.test/2</link>
<pubDate>Mon, 05 Feb 2024 07:00:00 +0000</pubDate><description>{ARTICLE_2}</description></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Fil Test</title>
<entry><title>Tempête</title><id>urn:test:2</id><updated>2024-02-05T07:00:00Z</updated>
<content type="html">&lt;p&gt;{ARTICLE_2}&lt;/p&gt;</content></entry></feed>"""


def read(*paths: str | Path, **options: object) -> list:  # type: ignore[type-arg]
    return list(read_inputs([str(p) for p in paths], IngestOptions(**options)))  # type: ignore[arg-type]


def test_text_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    [doc] = read(tmp_path / "a.txt")
    assert doc.text == ARTICLE and not doc.errors


def test_folder_is_read_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b" / "c.txt").write_text(ARTICLE_2, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("ignored", encoding="utf-8")
    docs = read(tmp_path)
    assert [Path(d.source).name for d in docs] == ["a.txt", "c.txt"]


def test_unreadable_file_in_folder_does_not_stop_the_rest(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "broken.txt").symlink_to(tmp_path / "missing-target.txt")
    (tmp_path / "z.txt").write_text(ARTICLE_2, encoding="utf-8")
    docs = read(tmp_path)
    assert [d.errors[0].code if d.errors else "ok" for d in docs] == ["ok", "unreadable", "ok"]
    assert "broken.txt: cannot read" in docs[1].errors[0].line()


def test_jsonl_records_and_malformed_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "id": "r1",
                "text": ARTICLE,
                "published": "2024-02-01",
                "source": "Le Test",
                "url": "http://example.test/1",
                "title": "Eau",
            }
        ),
        "{not json",
        json.dumps({"title": "sans texte"}),
        "",
        json.dumps({"text": ARTICLE_2, "published": "hier"}),
    ]
    (tmp_path / "c.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs = read(tmp_path / "c.jsonl")
    assert [d.source.rsplit(":", 1)[1] for d in docs] == ["1", "2", "3", "5"]
    first = docs[0]
    assert (first.id, first.outlet, first.title, str(first.published)) == (
        "r1",
        "Le Test",
        "Eau",
        "2024-02-01",
    )
    assert docs[1].errors[0].code == "malformed_record"
    assert "c.jsonl:2: not valid JSON" in docs[1].errors[0].line()
    assert "no 'text'" in docs[2].errors[0].line()
    # a bad date is reported, the text is still kept for analysis
    assert docs[3].text.startswith("Une tempête") and docs[3].errors[0].code == "malformed_record"


def test_csv_records(tmp_path: Path) -> None:
    (tmp_path / "c.csv").write_text(
        f'id,title,text,published\n1,Eau,"{ARTICLE}",2024-02-01\n2,Tempête,"{ARTICLE_2}",\n',
        encoding="utf-8",
    )
    docs = read(tmp_path / "c.csv")
    assert [d.id for d in docs] == ["1", "2"]
    assert docs[1].text == ARTICLE_2 and docs[1].published is None


def test_csv_without_text_column(tmp_path: Path) -> None:
    (tmp_path / "c.csv").write_text("id,body\n1,bonjour\n", encoding="utf-8")
    [doc] = read(tmp_path / "c.csv")
    assert doc.errors[0].code == "malformed_record" and "no 'text' column" in doc.errors[0].line()


def test_html_main_text_without_boilerplate(tmp_path: Path) -> None:
    (tmp_path / "p.html").write_text(HTML, encoding="utf-8")
    [doc] = read(tmp_path / "p.html")
    assert ARTICLE in doc.text
    assert "Mentions légales" not in doc.text and "tracker" not in doc.text
    assert doc.title == "Eau potable en Bavière" and str(doc.published) == "2024-02-01"


def test_html_that_is_all_script(tmp_path: Path) -> None:
    (tmp_path / "s.html").write_text(
        "<html><head><script>var a = 1;</script></head><body><script>document.write('x')"
        "</script></body></html>",
        encoding="utf-8",
    )
    [doc] = read(tmp_path / "s.html")
    assert doc.errors[0].code == "no_text" and "s.html: no article text" in doc.errors[0].line()


@pytest.mark.parametrize("content, name", [(RSS, "f.rss"), (RSS, "f.xml"), (ATOM, "f.atom")])
def test_feeds_give_one_document_per_item_with_date(
    tmp_path: Path, content: str, name: str
) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    docs = read(tmp_path / name)
    texts = [d.text.strip() for d in docs]
    assert texts[-1] == ARTICLE_2
    assert str(docs[-1].published) == "2024-02-05"
    assert docs[-1].title == "Tempête"
    assert docs[-1].source.endswith(f"{name}#{len(docs)}")


def test_size_limit_is_enforced_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(200_000_000)  # a 200 MB (sparse) file
    (tmp_path / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    docs = read(big, tmp_path / "ok.txt")
    assert docs[0].errors[0].code == "too_large"
    assert "200.0 MB, above the 20 MB limit" in docs[0].errors[0].line()
    assert docs[1].text == ARTICLE


def test_forced_input_format(tmp_path: Path) -> None:
    (tmp_path / "page.data").write_text(HTML, encoding="utf-8")
    [doc] = read(tmp_path / "page.data", input_format=InputFormat.html)
    assert ARTICLE in doc.text


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[str, str]]] = {
        "/article.html": ("text/html; charset=utf-8", HTML),
        "/feed": ("application/rss+xml", RSS),
    }

    def do_GET(self) -> None:
        if self.path not in self.routes:
            self.send_error(404)
            return
        content_type, body = self.routes[self.path]
        data = body.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_url_html_page(server: str) -> None:
    [doc] = read(f"{server}/article.html")
    assert ARTICLE in doc.text and doc.url == f"{server}/article.html"


def test_url_feed(server: str) -> None:
    docs = read(f"{server}/feed")
    assert len(docs) == 2 and str(docs[0].published) == "2024-02-01"


def test_url_not_found_is_an_error_not_a_crash(server: str) -> None:
    [doc] = read(f"{server}/missing")
    assert doc.errors[0].code == "fetch_failed" and "could not fetch" in doc.errors[0].line()


def test_folders_are_read_lazily(tmp_path: Path) -> None:
    """Memory stays bounded: a file is read only when its document is asked for."""
    for n in range(5):
        (tmp_path / f"{n}.txt").write_text(f"{ARTICLE} ({n})", encoding="utf-8")
    documents = read_inputs([str(tmp_path)], IngestOptions())
    first = next(documents)
    assert first.text.endswith("(0)")
    for n in range(1, 5):  # gone before the stream reached them
        (tmp_path / f"{n}.txt").unlink()
    # their contents had not been read ahead: each is now reported unreadable
    assert [d.errors[0].code for d in documents] == ["unreadable"] * 4


def test_jsonl_records_stream(tmp_path: Path) -> None:
    corpus = tmp_path / "big.jsonl"
    with corpus.open("w", encoding="utf-8") as handle:
        for n in range(2000):
            handle.write(json.dumps({"id": n, "text": ARTICLE}) + "\n")
    documents = read_inputs([str(corpus)], IngestOptions())
    assert next(documents).id == "0"
    assert sum(1 for _ in documents) == 1999


def test_absurdly_nested_html_is_an_error_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "deep.html").write_text(
        "<html><body>"
        + "<div>" * 20000
        + f"<p>{ARTICLE}</p>"
        + "</div>" * 20000
        + "</body></html>",
        encoding="utf-8",
    )
    [doc] = read(tmp_path / "deep.html")
    assert doc.errors[0].code == "no_text" and "deeply nested" in doc.errors[0].line()
