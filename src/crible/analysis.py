"""From raw documents to results: split, identify the language, run the spaCy pipeline over the
articles it supports, assemble the result model, mark duplicates.

Documents stream through in small chunks: each chunk's articles go through `nlp.pipe` together
(batching is where spaCy's speed comes from), and nothing outside the chunk is held in memory
except the duplicate index's fixed-size signatures.
"""

from __future__ import annotations

import datetime as dt
import logging
import multiprocessing
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from crible.errors import CribleError, UsageError
from crible.ingest.dedup import DuplicateIndex
from crible.ingest.document import RawDocument, parse_date
from crible.ingest.language import UNKNOWN, detect_language
from crible.ingest.sources import IngestOptions, read_inputs
from crible.ingest.split import ArticleSegment, split_articles
from crible.model import Article, Document, ErrorInfo, Result, shift_offsets
from crible.nlp.pipeline import ALL_COMPONENTS, MODELS, load_pipeline
from crible.nlp.spans import remember_text
from crible.version import __version__

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Settings:
    """How to analyse. Every field has a CLI option and a config-file key of the same name."""

    lang: str | None = None  # force this language for every article instead of detecting it
    default_lang: str = "fr"  # for articles too short to identify
    published: dt.date | None = None  # for documents that carry no date of their own
    aliases: tuple[str, ...] = ()  # user alias tables, on top of (and overriding) the shipped one
    model_dir: str | None = None  # trained persuasion/frames/genre models
    components: tuple[str, ...] = ALL_COMPONENTS
    n_process: int = 1
    batch_size: int = 64  # documents per chunk (at most CHUNK_CHARS of text)
    ingest: IngestOptions = field(default_factory=IngestOptions)

    def pipeline(self, lang: str) -> Language:
        return load_pipeline(
            lang, components=self.components, extra_aliases=self.aliases, model_dir=self.model_dir
        )


def analyze(
    text: str,
    *,
    published: str | dt.date | None = None,
    source: str = "<text>",
    settings: Settings | None = None,
) -> Result:
    """Analyse one text: its articles, entities, claims, slant and times."""
    try:
        date = parse_date(published)
    except ValueError as exc:
        raise UsageError(f"published must be YYYY-MM-DD, not {published!r}") from exc
    raw = RawDocument(source=source, text=text, published=date)
    if not text.strip():
        from crible.errors import EmptyInput

        raw.errors.append(EmptyInput(f"{source}: the input is empty", hint="give some text"))
    return Result(crible_version=__version__, documents=list(analyze_many([raw], settings)))


def analyze_paths(paths: Sequence[str], settings: Settings | None = None) -> Iterator[Document]:
    """Analyse files, folders, URLs or '-' (stdin), streaming one document at a time."""
    settings = settings or Settings()
    return analyze_many(read_inputs(paths, settings.ingest), settings)


def analyze_many(
    items: Iterable[RawDocument | str], settings: Settings | None = None
) -> Iterator[Document]:
    """Analyse a stream of texts or raw documents; yields documents in input order."""
    settings = settings or Settings()
    raws = (_as_raw(item, n) for n, item in enumerate(items, start=1))
    chunks = chunk_documents(raws, settings.batch_size)
    duplicates = DuplicateIndex()
    if settings.n_process > 1:
        results = _parallel(chunks, settings)
    else:
        results = (analyze_chunk(chunk, settings) for chunk in chunks)
    for documents in results:
        for document in documents:
            mark_duplicates(document, duplicates)
            yield document


def analyze_chunk(raws: list[RawDocument], settings: Settings) -> list[Document]:
    """Analyse a small batch of documents together (one `nlp.pipe` call per language)."""
    plans = [_plan(raw, settings) for raw in raws]
    jobs: dict[str, list[tuple[int, int, int]]] = {}
    for d, (raw, segments, languages) in enumerate(plans):
        for a, (seg, lang) in enumerate(zip(segments, languages, strict=True)):
            if lang in MODELS:
                for p in range(len(_pieces(raw.text, seg.start, seg.end))):
                    jobs.setdefault(lang, []).append((d, a, p))
    docs: dict[tuple[int, int, int], Doc] = {}
    failures: dict[int, str] = {}
    for lang, keys in jobs.items():
        nlp = settings.pipeline(lang)
        inputs = [_make_doc(nlp, raws[d], plans[d][1][a], p, settings) for d, a, p in keys]
        try:
            docs.update(zip(keys, nlp.pipe(inputs, batch_size=PIPE_BATCH), strict=True))
        except Exception:
            for key, doc in zip(keys, inputs, strict=True):
                try:
                    docs[key] = nlp(doc)
                except Exception as exc:
                    log.exception("analysis failed on %s", raws[key[0]].source)
                    failures[key[0]] = f"{type(exc).__name__}: {exc}"
    out = []
    for d, raw in enumerate(raws):
        document = _assemble(raw, plans[d][1], plans[d][2], docs, d, settings)
        if d in failures:
            document.errors.append(
                ErrorInfo(
                    code="analysis_failed",
                    message=f"{raw.source}: the analysis failed ({failures[d]}); "
                    "please report it with the input",
                )
            )
        out.append(document)
    return out


# Docs spaCy's parser and NER take at once. The model's default (1,000) puts a whole chunk in one
# batch: analysing 64 articles of 250 words then needs 270 MB more for a moment, 16 need 70 MB,
# at the same speed. It matters with several worker processes, each at its own peak.
PIPE_BATCH = 16

# spaCy's parser and NER need about 1 GB per 100,000 characters of one Doc, and refuse texts
# over 1,000,000 characters: a longer article is analysed in pieces cut at paragraph (else
# sentence, else word) boundaries, and the pieces' findings are merged.
PIECE_CHARS = 100_000


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    limit = PIECE_CHARS
    pieces = []
    while end - start > limit:
        window = text[start : start + limit]
        cut = -1
        for separator in ("\n", ". ", " "):
            cut = window.rfind(separator, limit // 2)
            if cut != -1:
                cut += len(separator)
                break
        cut = cut if cut > 0 else limit
        pieces.append((start, start + cut))
        start += cut
    pieces.append((start, end))
    return pieces


def _plan(
    raw: RawDocument, settings: Settings
) -> tuple[RawDocument, list[ArticleSegment], list[str]]:
    if not raw.text:
        return raw, [], []
    # Splitting is plain string work; its cue words come from the expected language.
    split_lang = settings.lang or settings.default_lang
    segments = split_articles(raw.text, lang=split_lang)
    if settings.lang:
        return raw, segments, [settings.lang] * len(segments)
    languages = []
    for seg in segments:
        lang = detect_language(raw.text[seg.start : seg.end])
        languages.append(settings.default_lang if lang == UNKNOWN else lang)
    return raw, segments, languages


def _make_doc(
    nlp: Language, raw: RawDocument, seg: ArticleSegment, piece: int, settings: Settings
) -> Doc:
    start, end = _pieces(raw.text, seg.start, seg.end)[piece]
    text = raw.text[start:end]
    doc = nlp.make_doc(text)
    doc._.crible_published = raw.published or settings.published
    remember_text(doc, text)  # spaCy's tokenizer keeps every character: no need to rebuild it
    return doc


def _assemble(
    raw: RawDocument,
    segments: list[ArticleSegment],
    languages: list[str],
    docs: dict[tuple[int, int, int], Doc],
    d: int,
    settings: Settings,
) -> Document:
    key = raw.id or raw.source
    published = raw.published or settings.published
    articles = []
    for a, (seg, lang) in enumerate(zip(segments, languages, strict=True)):
        article = Article(
            id=f"{key}#{a + 1}" if len(segments) > 1 else key,
            start=seg.start,
            end=seg.end,
            title=seg.title or (raw.title if a == 0 else None),
            language=lang,
            truncated=seg.truncated,
            published=published.isoformat() if published else None,
        )
        for p, (start, _) in enumerate(_pieces(raw.text, seg.start, seg.end)):
            doc = docs.get((d, a, p))
            if doc is not None:
                _add_findings(article, doc, start, first=p == 0)
        articles.append(article)
    return document_for(raw, articles)


def document_for(
    raw: RawDocument, articles: list[Article] | None = None, errors: list[ErrorInfo] | None = None
) -> Document:
    """The output document of `raw`: its articles, the input's own errors, then `errors`."""
    return Document(
        source=raw.source,
        text=raw.text,
        id=raw.id,
        url=raw.url,
        outlet=raw.outlet,
        articles=articles or [],
        errors=[ErrorInfo(code=e.code, message=e.line()) for e in raw.errors] + (errors or []),
    )


def _add_findings(article: Article, doc: Doc, offset: int, *, first: bool) -> None:
    """Move the findings of `doc` (which starts at `offset`) into `article`. An article analysed
    in pieces gets them piece by piece: lists are joined, entities merged by id."""
    ext = doc._
    found = (
        list(ext.crible_entities or ()),
        list(ext.crible_claims or ()),
        list(ext.crible_times or ()),
        list(ext.crible_slant or ()),
        list(ext.crible_paragraphs or ()),
    )
    for findings in found:
        for finding in findings:
            shift_offsets(finding, offset)
    entities, claims, times, slant, paragraphs = found
    article.claims += claims
    article.times += times
    article.slant += slant
    article.paragraphs += paragraphs
    article.frames += [f for f in ext.crible_frames or () if f not in article.frames]
    if first:
        article.genre = ext.crible_genre
    known = {e.id: e for e in article.entities}
    for entity in entities:
        same = known.get(entity.id)
        if same is None:
            article.entities.append(entity)
            known[entity.id] = entity
            continue
        same.mentions += entity.mentions
        same.variants += [v for v in entity.variants if v not in same.variants]
        same.roles += [r for r in entity.roles if r not in same.roles]


def mark_duplicates(document: Document, index: DuplicateIndex) -> None:
    """Set `duplicate_of` on the articles of `document` that repeat one seen before."""
    for article in document.articles:
        article.duplicate_of = index.check_and_add(
            article.id, document.text[article.start : article.end]
        )


def _as_raw(item: RawDocument | str, number: int) -> RawDocument:
    if isinstance(item, RawDocument):
        return item
    if isinstance(item, str):
        return RawDocument(source=f"<text {number}>", text=item)
    raise UsageError(
        f"analyze_many takes strings or RawDocument objects, not {type(item).__name__}"
    )


# A chunk's text goes through spaCy together; the cap keeps memory bounded when documents are long.
CHUNK_CHARS = 400_000


def chunk_documents(items: Iterable[RawDocument], size: int) -> Iterator[list[RawDocument]]:
    """Consecutive documents, `size` at most (fewer when their text reaches CHUNK_CHARS)."""
    chunk: list[RawDocument] = []
    chars = 0
    for item in items:
        chunk.append(item)
        chars += len(item.text)
        if len(chunk) >= max(1, size) or chars >= CHUNK_CHARS:
            yield chunk
            chunk, chars = [], 0
    if chunk:
        yield chunk


# --- several processes: each worker loads the pipeline once and analyses whole chunks ---------

_worker_settings: Settings | None = None


def _init_worker(settings: Settings) -> None:
    global _worker_settings
    _worker_settings = settings


def _work(chunk: list[RawDocument]) -> list[Document]:
    assert _worker_settings is not None
    return analyze_chunk(chunk, _worker_settings)


def _parallel(chunks: Iterable[list[RawDocument]], settings: Settings) -> Iterator[list[Document]]:
    context = multiprocessing.get_context("spawn")
    with context.Pool(settings.n_process, initializer=_init_worker, initargs=(settings,)) as pool:
        # imap keeps input order and only a few chunks in flight, so memory stays bounded.
        yield from pool.imap(_work, chunks, chunksize=1)


__all__ = [
    "CribleError",
    "Settings",
    "analyze",
    "analyze_chunk",
    "analyze_many",
    "analyze_paths",
    "chunk_documents",
    "mark_duplicates",
]
