"""Corpus views: questions asked of the whole store, each a plain function
`(connection, **options) -> list of typed rows`, used by `crible corpus …` and the web page.

Every view takes the same filters where they make sense: `outlet` (one outlet's documents),
`since` / `until` (articles published on or between those dates), `limit` (the first rows).
Documents without an outlet appear under `None`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from crible.corpus.store import Connection
from crible.corpus.stories import THRESHOLD, WINDOW_DAYS, ClaimRecord, find_stories
from crible.errors import UsageError

# Certainties that say the outlet does not vouch for the claim itself.
NOT_VOUCHED = ("reported", "hedged", "unconfirmed")


@dataclass(frozen=True)
class Filters:
    outlet: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None

    def sql(self) -> tuple[str, list[Any]]:
        """A condition on `d` (documents) and `a` (articles), and its parameters."""
        parts: list[str] = ["TRUE"]
        params: list[Any] = []
        if self.outlet is not None:
            parts.append("d.outlet = ?")
            params.append(self.outlet)
        if self.since is not None:
            parts.append("a.published >= ?")
            params.append(self.since)
        if self.until is not None:
            parts.append("a.published <= ?")
            params.append(self.until)
        return " AND ".join(parts), params


_ARTICLE = (
    "JOIN articles a ON a.doc_key = t.doc_key AND a.n = t.article_n "
    "JOIN documents d ON d.doc_key = t.doc_key"
)


# --- entities -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class EntityRow:
    entity: str  # canonical id: a Wikidata id or a slug of the name
    name: str  # the name most articles give it
    type: str
    kind: str
    wikidata: str | None
    mentions: int
    articles: int
    outlets: dict[str, int]  # mentions per outlet
    variants: list[str]  # every spelling seen, across outlets


def entities(
    con: Connection,
    *,
    outlet: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int | None = None,
) -> list[EntityRow]:
    """Canonical entities, most mentioned first, with mention counts per outlet and variants."""
    where, params = Filters(outlet, since, until).sql()
    found = con.execute(
        f"""WITH counted AS (
                SELECT doc_key, article_n, entity_n, count(*) AS mentions
                FROM mentions GROUP BY ALL)
            SELECT t.entity, t.name, t.type, t.kind, t.wikidata, t.variants, d.outlet,
                   coalesce(c.mentions, 0)
            FROM entities t {_ARTICLE}
            LEFT JOIN counted c
              ON c.doc_key = t.doc_key AND c.article_n = t.article_n AND c.entity_n = t.n
            WHERE {where}""",
        params,
    ).fetchall()
    grouped: dict[str, dict[str, Any]] = {}
    for entity, name, type_, kind, wikidata, variants, out, mentions in found:
        g = grouped.setdefault(
            entity,
            {
                "names": Counter(),
                "types": Counter(),
                "kinds": Counter(),
                "wikidata": None,
                "mentions": 0,
                "articles": 0,
                "outlets": Counter(),
                "variants": {},
            },
        )
        g["names"][name] += 1
        g["types"][type_] += 1
        g["kinds"][kind] += 1
        g["wikidata"] = g["wikidata"] or wikidata
        g["mentions"] += mentions
        g["articles"] += 1
        g["outlets"][_label(out)] += mentions
        for variant in variants:
            g["variants"].setdefault(variant, None)
    rows = [
        EntityRow(
            entity=entity,
            name=_most_common(g["names"]),
            type=_most_common(g["types"]),
            kind=_most_common(g["kinds"]),
            wikidata=g["wikidata"],
            mentions=g["mentions"],
            articles=g["articles"],
            outlets=_sorted_counts(g["outlets"]),
            variants=sorted(g["variants"]),
        )
        for entity, g in grouped.items()
    ]
    rows.sort(key=lambda r: (-r.mentions, -r.articles, r.entity))
    return rows[:limit] if limit else rows


# --- sources ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceRow:
    source: str  # the entity id, else the source's words in lower case
    name: str
    kind: str  # person, organisation, outlet, document, anonymous, unknown
    claims: int
    articles: int
    outlets: dict[str, int]  # claims attributed to this source, per outlet
    certainty: dict[str, int]  # its claims by certainty


def sources(
    con: Connection,
    *,
    outlet: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    kind: str | None = None,
    limit: int | None = None,
) -> list[SourceRow]:
    """Who is quoted or cited, how often, by which outlets, and how firmly."""
    where, params = Filters(outlet, since, until).sql()
    if kind is not None:
        where += " AND t.source_kind = ?"
        params.append(kind)
    found = con.execute(
        f"""SELECT t.source_entity, t.source_text, t.source_kind, t.certainty, d.outlet,
                   t.doc_key, t.article_n, e.name
            FROM claims t {_ARTICLE}
            LEFT JOIN entities e ON e.doc_key = t.doc_key AND e.article_n = t.article_n
                 AND e.entity = t.source_entity
            WHERE t.source_kind IS NOT NULL
              AND (t.source_entity IS NOT NULL OR trim(coalesce(t.source_text, '')) <> '')
              AND {where}""",
        params,
    ).fetchall()
    grouped: dict[str, dict[str, Any]] = {}
    for entity, text, kind_, certainty, out, doc_key, article_n, entity_name in found:
        key = entity or " ".join(text.lower().split())
        g = grouped.setdefault(
            key,
            {
                "names": Counter(),
                "kinds": Counter(),
                "claims": 0,
                "articles": set(),
                "outlets": Counter(),
                "certainty": Counter(),
            },
        )
        g["names"][entity_name or text] += 1
        g["kinds"][kind_] += 1
        g["claims"] += 1
        g["articles"].add((doc_key, article_n))
        g["outlets"][_label(out)] += 1
        g["certainty"][certainty] += 1
    rows = [
        SourceRow(
            source=key,
            name=_most_common(g["names"]),
            kind=_most_common(g["kinds"]),
            claims=g["claims"],
            articles=len(g["articles"]),
            outlets=_sorted_counts(g["outlets"]),
            certainty=_sorted_counts(g["certainty"]),
        )
        for key, g in grouped.items()
    ]
    rows.sort(key=lambda r: (-r.claims, -len(r.outlets), r.source))
    return rows[:limit] if limit else rows


# --- outlets ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OutletRow:
    outlet: str | None
    articles: int
    words: int
    claims: int
    hedged: float  # share of its claims that are hedged (0 to 1)
    anonymous: float  # share of its claims from an anonymous source
    unconfirmed: float  # share of its claims said to be unconfirmed
    slant_per_1000_words: float  # slanted spans (loaded wording, techniques) per 1,000 words
    techniques: dict[str, int]  # its most frequent slant techniques, with counts
    genres: dict[str, int]  # articles per genre


def outlets(
    con: Connection,
    *,
    outlet: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    top: int = 3,
    limit: int | None = None,
) -> list[OutletRow]:
    """Per outlet: how it reports (hedged, anonymous, unconfirmed claims), how slanted it
    writes, with which techniques, in which genres."""
    where, params = Filters(outlet, since, until).sql()
    articles = con.execute(
        f"""SELECT d.outlet, count(*) FROM articles a
            JOIN documents d USING (doc_key) WHERE {where} GROUP BY ALL""",
        params,
    ).fetchall()
    words = _words(con, where, params)
    claims = {
        out: rest
        for out, *rest in con.execute(
            f"""SELECT d.outlet, count(*),
                       count(*) FILTER (t.certainty = 'hedged'),
                       count(*) FILTER (t.source_kind = 'anonymous'),
                       count(*) FILTER (t.certainty = 'unconfirmed')
                FROM claims t {_ARTICLE} WHERE {where} GROUP BY ALL""",
            params,
        ).fetchall()
    }
    techniques = _technique_counts(con, where, params)
    genres: dict[str | None, Counter[str]] = {}
    for out, genre, count in con.execute(
        f"""SELECT d.outlet, coalesce(a.genre, 'unknown'), count(*) FROM articles a
            JOIN documents d USING (doc_key) WHERE {where} GROUP BY ALL""",
        params,
    ).fetchall():
        genres.setdefault(out, Counter())[genre] = count
    rows = []
    for out, n_articles in articles:
        total, hedged, anonymous, unconfirmed = claims.get(out, (0, 0, 0, 0))
        slant = techniques.get(out, Counter())
        rows.append(
            OutletRow(
                outlet=out,
                articles=n_articles,
                words=words[out],
                claims=total,
                hedged=_share(hedged, total),
                anonymous=_share(anonymous, total),
                unconfirmed=_share(unconfirmed, total),
                slant_per_1000_words=_per_1000(sum(slant.values()), words[out]),
                techniques=_sorted_counts(slant, top),
                genres=_sorted_counts(genres.get(out, Counter())),
            )
        )
    rows.sort(key=lambda r: (-r.articles, r.outlet or ""))
    return rows[:limit] if limit else rows


@dataclass(frozen=True)
class TechniqueRow:
    outlet: str | None
    technique: str
    spans: int
    per_1000_words: float


def techniques(
    con: Connection,
    *,
    outlet: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int | None = None,
) -> list[TechniqueRow]:
    """Slant techniques per outlet: spans found, and per 1,000 words of that outlet."""
    where, params = Filters(outlet, since, until).sql()
    words = _words(con, where, params)
    rows = [
        TechniqueRow(out, technique, spans, _per_1000(spans, words[out]))
        for out, counts in _technique_counts(con, where, params).items()
        for technique, spans in counts.items()
    ]
    rows.sort(key=lambda r: (-r.spans, r.outlet or "", r.technique))
    return rows[:limit] if limit else rows


def _words(con: Connection, where: str, params: list[Any]) -> dict[str | None, int]:
    found = con.execute(
        f"SELECT d.outlet, sum(a.words) FROM articles a JOIN documents d USING (doc_key) "
        f"WHERE {where} GROUP BY ALL",
        params,
    ).fetchall()
    return {out: int(words or 0) for out, words in found}


def _technique_counts(
    con: Connection, where: str, params: list[Any]
) -> dict[str | None, Counter[str]]:
    counts: dict[str | None, Counter[str]] = {}
    for out, technique, spans in con.execute(
        f"SELECT d.outlet, t.technique, count(*) FROM slant t {_ARTICLE} WHERE {where} "
        "GROUP BY ALL",
        params,
    ).fetchall():
        counts.setdefault(out, Counter())[technique] = spans
    return counts


def _per_1000(count: int, words: int) -> float:
    return round(1000 * count / words, 2) if words else 0.0


# --- stories and certainty drift ------------------------------------------------------------------


@dataclass(frozen=True)
class StoryRow:
    story: int
    text: str  # the claim most alike to the others
    first: dt.date | None
    last: dt.date | None
    articles: int
    certainty: dict[str, list[str]]  # per outlet, the certainties its articles give the claim
    members: list[str]  # the article ids


@dataclass(frozen=True)
class DriftRow:
    """A claim one outlet does not vouch for (reported, hedged, unconfirmed) that another
    outlet states as fact."""

    story: int
    similarity: float
    outlet: str | None  # the outlet that hedges
    article: str
    certainty: str
    text: str
    asserted_by: str | None  # the outlet that states it as fact
    asserted_article: str
    asserted_text: str


def stories(
    con: Connection,
    *,
    outlet: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    threshold: float = THRESHOLD,
    window_days: int | None = WINDOW_DAYS,
    limit: int | None = None,
) -> list[StoryRow]:
    """Claims reported by several articles, grouped by content similarity, with each outlet's
    certainty side by side. With `outlet`, the stories that outlet took part in."""
    claims, found = _stories(con, since, until, threshold, window_days)
    rows = []
    for number, story in enumerate(found, start=1):
        members = [claims[i] for i in story.members]
        if outlet is not None and all(c.outlet != outlet for c in members):
            continue
        centrality: dict[int, float] = dict.fromkeys(story.members, 0.0)
        for link in story.links:
            centrality[link.a] += link.similarity
            centrality[link.b] += link.similarity
        central = max(story.members, key=lambda i: (centrality[i], -i))
        certainty: dict[str, list[str]] = {}
        for claim in members:
            seen = certainty.setdefault(_label(claim.outlet), [])
            if claim.certainty not in seen:
                seen.append(claim.certainty)
        dates = [c.published for c in members if c.published]
        rows.append(
            StoryRow(
                story=number,
                text=claims[central].text,
                first=min(dates) if dates else None,
                last=max(dates) if dates else None,
                articles=len({(c.doc_key, c.article_n) for c in members}),
                certainty=dict(sorted(certainty.items())),
                members=sorted({c.article for c in members}),
            )
        )
    return rows[:limit] if limit else rows


def drift(
    con: Connection,
    *,
    outlet: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    threshold: float = THRESHOLD,
    window_days: int | None = WINDOW_DAYS,
    limit: int | None = None,
) -> list[DriftRow]:
    """Certainty drift: pairs of alike claims where one outlet reports, hedges or calls
    unconfirmed what another outlet states as fact. With `outlet`, pairs involving it."""
    claims, found = _stories(con, since, until, threshold, window_days)
    rows = []
    for number, story in enumerate(found, start=1):
        best: dict[tuple[str, str], DriftRow] = {}
        for link in story.links:
            for weak, firm in ((link.a, link.b), (link.b, link.a)):
                x, y = claims[weak], claims[firm]
                if x.certainty not in NOT_VOUCHED or y.certainty != "asserted":
                    continue
                if x.outlet == y.outlet:
                    continue
                if outlet is not None and outlet not in (x.outlet, y.outlet):
                    continue
                row = DriftRow(
                    story=number,
                    similarity=link.similarity,
                    outlet=x.outlet,
                    article=x.article,
                    certainty=x.certainty,
                    text=x.text,
                    asserted_by=y.outlet,
                    asserted_article=y.article,
                    asserted_text=y.text,
                )
                pair = (x.article, y.article)
                if pair not in best or best[pair].similarity < row.similarity:
                    best[pair] = row
        rows += sorted(best.values(), key=lambda r: (-r.similarity, r.article, r.asserted_article))
    return rows[:limit] if limit else rows


def _stories(
    con: Connection,
    since: dt.date | None,
    until: dt.date | None,
    threshold: float,
    window_days: int | None,
) -> tuple[list[ClaimRecord], list[Any]]:
    if not 0 < threshold <= 1:
        raise UsageError(f"the similarity threshold must be above 0 and at most 1, not {threshold}")
    where, params = Filters(None, since, until).sql()
    found = con.execute(
        f"""WITH inside AS (
                SELECT m.doc_key, m.article_n, c.n, list(DISTINCT e.entity) AS entities
                FROM claims c
                JOIN mentions m ON m.doc_key = c.doc_key AND m.article_n = c.article_n
                     AND m."start" >= c."start" AND m."end" <= c."end"
                JOIN entities e ON e.doc_key = m.doc_key AND e.article_n = m.article_n
                     AND e.n = m.entity_n
                GROUP BY ALL)
            SELECT t.doc_key, t.article_n, t.n, a.article, d.outlet, a.published, a.language,
                   t.content, t.certainty, coalesce(i.entities, [])
            FROM claims t {_ARTICLE}
            LEFT JOIN inside i ON i.doc_key = t.doc_key AND i.article_n = t.article_n
                 AND i.n = t.n
            WHERE {where}
            ORDER BY a.published NULLS LAST, t.doc_key, t.article_n, t.n""",
        params,
    ).fetchall()
    claims = [
        ClaimRecord(
            key, article_n, n, article, out, published, lang, text, certainty, frozenset(ents)
        )
        for key, article_n, n, article, out, published, lang, text, certainty, ents in found
    ]
    return claims, find_stories(claims, threshold=threshold, window_days=window_days)


# --- timeline -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineRow:
    day: dt.date
    outlet: str | None  # None when the counts are for every outlet together
    mentions: int
    articles: int


def timeline(
    con: Connection,
    *,
    entity: str | None = None,
    term: str | None = None,
    outlet: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    by_outlet: bool = False,
    limit: int | None = None,
) -> list[TimelineRow]:
    """Mentions per day of an entity (its id, name or any spelling seen) or of a term (a word
    or phrase, matched as whole words, ignoring case and accents). Undated articles are left
    out."""
    if (entity is None) == (term is None):
        raise UsageError("the timeline needs an entity or a term (one of them)")
    where, params = Filters(outlet, since, until).sql()
    group = "a.published, d.outlet" if by_outlet else "a.published"
    outlet_column = "d.outlet" if by_outlet else "NULL"
    if entity is not None:
        ids = entity_ids(con, entity)
        if not ids:
            raise UsageError(
                f"no entity {entity!r} in the corpus",
                hint="give an id, name or spelling listed by crible corpus entities",
            )
        found = con.execute(
            f"""SELECT a.published, {outlet_column}, count(*),
                       count(DISTINCT (t.doc_key, t.article_n))
                FROM mentions t {_ARTICLE}
                JOIN entities e ON e.doc_key = t.doc_key AND e.article_n = t.article_n
                     AND e.n = t.entity_n
                WHERE e.entity IN (SELECT unnest(?)) AND a.published IS NOT NULL AND {where}
                GROUP BY {group} ORDER BY ALL""",
            [ids, *params],
        ).fetchall()
    else:
        assert term is not None
        if not term.strip():
            raise UsageError("the term is empty")
        found = con.execute(
            f"""WITH counted AS (
                    SELECT a.published, d.outlet, len(regexp_extract_all(
                        strip_accents(lower(substring(d.text, a."start" + 1,
                                                      a."end" - a."start"))),
                        '\\b' || ? || '\\b')) AS hits
                    FROM articles a JOIN documents d USING (doc_key)
                    WHERE a.published IS NOT NULL AND {where})
                SELECT published, {outlet_column.replace('d.', '')}, sum(hits), count(*)
                FROM counted WHERE hits > 0
                GROUP BY {group.replace('a.', '').replace('d.', '')} ORDER BY ALL""",
            [_pattern(con, term), *params],
        ).fetchall()
    rows = [TimelineRow(day, out, int(mentions), int(n)) for day, out, mentions, n in found]
    return rows[:limit] if limit else rows


def entity_ids(con: Connection, name: str) -> list[str]:
    """The canonical ids whose id, name or a spelling seen is `name` (ignoring case)."""
    found = con.execute(
        """SELECT DISTINCT entity FROM entities
           WHERE entity = ? OR lower(name) = lower(?)
              OR EXISTS (SELECT 1 FROM unnest(variants) AS u(v) WHERE lower(u.v) = lower(?))
           ORDER BY entity""",
        [name, name, name],
    ).fetchall()
    return [entity for (entity,) in found]


def entity_label(con: Connection, entity: str) -> str:
    """The name most articles give the entity `entity` (an id, name or spelling); `entity` itself
    when the corpus does not know it."""
    found = con.execute(
        """SELECT name FROM entities WHERE entity IN (SELECT unnest(?))
           GROUP BY name ORDER BY count(*) DESC, name LIMIT 1""",
        [entity_ids(con, entity)],
    ).fetchone()
    return str(found[0]) if found else entity


_REGEX_SPECIAL = set("\\.^$|?*+()[]{}")


def _pattern(con: Connection, term: str) -> str:
    row = con.execute("SELECT strip_accents(lower(?))", [" ".join(term.split())]).fetchone()
    plain = str(row[0]) if row else term
    return "".join("\\" + ch if ch in _REGEX_SPECIAL else ch for ch in plain)


# --- the corpus as a whole -----------------------------------------------------------------------


@dataclass(frozen=True)
class Overview:
    documents: int
    failed: int  # documents stored with an error and no analysis
    articles: int
    outlets: list[str]  # every outlet named, in alphabetical order (documents without one aside)
    first: dt.date | None  # the earliest and latest publication dates
    last: dt.date | None


def overview(con: Connection) -> Overview:
    """What the corpus holds: counts, its outlets, the dates it spans."""
    row = con.execute(
        """SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM documents WHERE failed),
                  count(*), min(published), max(published) FROM articles"""
    ).fetchone()
    documents, failed, articles, first, last = row or (0, 0, 0, None, None)
    names = con.execute(
        "SELECT DISTINCT outlet FROM documents WHERE outlet IS NOT NULL ORDER BY outlet"
    ).fetchall()
    return Overview(documents, failed, articles, [name for (name,) in names], first, last)


def article_documents(con: Connection, article: str) -> list[str]:
    """The keys of the stored documents that hold an article with this id (one, unless two
    inputs gave the same record id)."""
    found = con.execute(
        "SELECT DISTINCT doc_key FROM articles WHERE article = ? ORDER BY doc_key", [article]
    ).fetchall()
    return [key for (key,) in found]


# --- helpers ------------------------------------------------------------------------------------


def _label(outlet: str | None) -> str:
    return outlet if outlet is not None else "(no outlet)"


def _share(part: int, whole: int) -> float:
    return round(part / whole, 3) if whole else 0.0


def _most_common(counter: Counter[str]) -> str:
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def _sorted_counts(counter: Counter[str], top: int | None = None) -> dict[str, int]:
    ordered = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    return dict(ordered[:top] if top else ordered)


VIEWS = {
    "entities": entities,
    "sources": sources,
    "outlets": outlets,
    "techniques": techniques,
    "stories": stories,
    "drift": drift,
    "timeline": timeline,
}
