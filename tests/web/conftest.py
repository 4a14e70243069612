"""Real servers and a real browser: `crible serve` subprocesses (servers.py) and Debian's
headless Chromium driven by Playwright; the corpus servers over real DuckDB files made by
`crible batch` (`run_batch`)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from corpora import HOSTILE_ARTICLES
from servers import Server, serve

from crible.model import Result

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "build" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium tries to reach Google's hosts.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    """A server with the default limits (5 MB, 120 s)."""
    with serve() as running:
        yield running


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests need Debian's Chromium "
            "(apt-get install chromium; .ci/run installs it)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that fails the test on any dialog or script error."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, accept_downloads=True)
    context.set_default_timeout(120_000)  # an analysis on a busy two-core machine
    page = context.new_page()
    problems: list[str] = []
    page.on(
        "dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss())
    )
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.problems = problems
    yield page
    context.close()
    assert not problems, problems


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


# --- corpus servers (crible serve --db) -------------------------------------------------------


@pytest.fixture(scope="session")
def served_corpus(reference_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the reference corpus, for a server. Nothing writes to it: the tests that write
    while a server reads use the hostile corpus."""
    copy = tmp_path_factory.mktemp("served") / "corpus.duckdb"
    shutil.copyfile(reference_db, copy)
    return copy


@pytest.fixture(scope="session")
def corpus_server(served_corpus: Path) -> Iterator[Server]:
    with serve("--db", str(served_corpus)) as running:
        yield running


@pytest.fixture(scope="session")
def hostile_db(tmp_path_factory: pytest.TempPathFactory, hostile_result: Result) -> Path:
    """A corpus whose outlet names, claims and article ids carry markup: three articles through
    the real batch, and the hand-made hostile document (every field hostile) stored beside
    them through the store's own writer."""
    from crible.analysis import Settings
    from crible.corpus.batch import run_batch
    from crible.corpus.store import closing, insert_documents, open_store
    from crible.version import __version__

    folder = tmp_path_factory.mktemp("hostile")
    inputs = folder / "hostile.jsonl"
    inputs.write_text(
        "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in HOSTILE_ARTICLES),
        encoding="utf-8",
    )
    db = folder / "corpus.duckdb"
    report = run_batch([str(inputs)], db, Settings(batch_size=8))
    assert report.stored == len(HOSTILE_ARTICLES) and not report.failed
    with closing(open_store(db)) as con:
        insert_documents(
            con,
            [("hand-made-hostile", hostile_result.documents[0])],
            analysis="hand-made",
            crible_version=__version__,
        )
    return db


@pytest.fixture(scope="session")
def hostile_server(hostile_db: Path) -> Iterator[Server]:
    with serve("--db", str(hostile_db)) as running:
        yield running
