from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from crible.model import Result

if TYPE_CHECKING:
    from crible.corpus.batch import BatchReport

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SAMPLE = SHARED / "samples" / "fr-news-glued.txt"
DATA = Path(__file__).resolve().parent / "data"
CORPUS = DATA / "corpus"


@pytest.fixture(scope="session")
def sample_path() -> Path:
    """The glued French sample from ../shared (read in place, never copied into the repo)."""
    if not SAMPLE.exists():
        pytest.fail(f"{SAMPLE} is missing: CI clones the repository with ../shared beside it")
    return SAMPLE


@pytest.fixture(scope="session")
def sample_text(sample_path: Path) -> str:
    return sample_path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


# --- the test corpus in a DuckDB file (tests/corpus, and the corpus page in tests/web) ----------


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test corpus plus an empty file and a binary file."""
    folder = tmp_path_factory.mktemp("corpus") / "inputs"
    shutil.copytree(CORPUS, folder)
    (folder / "vide.txt").write_text("", encoding="utf-8")
    (folder / "image.bin").write_bytes(bytes(range(256)) * 8)
    return folder


@pytest.fixture(scope="session")
def reference(
    corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, BatchReport]:
    """One uninterrupted local batch of the corpus: the database other runs must equal."""
    from crible.analysis import Settings
    from crible.corpus.batch import run_batch

    db = tmp_path_factory.mktemp("reference") / "corpus.duckdb"
    report = run_batch([str(corpus_dir)], db, Settings(batch_size=8))
    return db, report


@pytest.fixture(scope="session")
def reference_db(reference: tuple[Path, BatchReport]) -> Path:
    return reference[0]


# Text that would run or inject something if it ever reached a page as markup.
HOSTILE = (
    "<script>alert('script')</script> Le maire <img src=x onerror=\"alert('img')\"> a parlé. "
    "<a href=\"javascript:alert('link')\">cliquez</a> </script><!-- <b>gras</b> & fin"
)


@pytest.fixture(scope="session")
def hostile_result() -> Result:
    """A result whose every printed field is hostile: text, title, source, URL, outlet, entity
    name, spellings, roles, reasons, neutral wording. Built by hand (no analysis) to reach
    fields the pipeline would never fill this way."""
    from crible.model import (
        Article,
        Claim,
        ClaimSource,
        Document,
        Entity,
        Mention,
        SlantFinding,
        TextSpan,
    )
    from crible.version import __version__

    text = HOSTILE
    maire = text.index("Le maire")
    script = text.index("<script>")
    link = text.index("<a href")
    evil = "<img src=x onerror=\"alert('field')\">"
    article = Article(
        id="evil#1",
        start=0,
        end=len(text),
        title="<script>alert('title')</script>",
        language="fr",
        truncated=True,
        published="2024-01-01",
        entities=[
            Entity(
                id="<b>id</b>",
                name=evil,
                type="PER",
                wikidata="javascript:alert('qid')",
                mentions=[Mention(start=maire, end=maire + 8, text="Le maire", why=evil)],
                variants=[evil, "Le maire"],
                roles=[evil],
            )
        ],
        claims=[
            Claim(
                content=TextSpan(start=script, end=link - 1, text=text[script : link - 1]),
                source=ClaimSource(text=evil, start=maire, end=maire + 8, kind="person"),
                certainty="hedged",
                type="according_to",
                why=evil,
            )
        ],
        slant=[
            SlantFinding(
                start=link,
                end=len(text),
                text=text[link:],
                technique="<i>Loaded_Language</i>",
                category="\"><script>alert('category')</script>",
                why=evil,
                neutral=evil,
            )
        ],
        genre="<u>opinion</u>",
        frames=["<s>Political</s>"],
    )
    document = Document(
        source="<img src=x onerror=\"alert('source')\">.txt",
        text=text,
        id="<i>id</i>",
        url="javascript:alert('url')",
        outlet=evil,
        articles=[article],
        errors=[],
    )
    return Result(crible_version=__version__, documents=[document])
