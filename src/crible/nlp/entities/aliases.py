"""The alias table: names -> canonical entities (Wikidata id, type, kind, GeoNames id).

Format `crible-aliases/1` (docs/formats/aliases.md): UTF-8 TSV, `#` comments, one entity a row:

    name  type  kind  wikidata  geonames  lang  prior  alias  alias ...

The shipped table (src/crible/lexicons/aliases/aliases.tsv.gz) is built by
scripts/build_aliases.py, together with a key index (index.tsv.gz: `key<TAB>row,row`, phonetic
keys prefixed with `~`), so loading needs no normalisation work: rows are parsed on first use.
User files use the same format; a user row replaces the shipped rows for each of its names.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import get_args

from crible.errors import ResourceError
from crible.model import EntityKind, EntityType
from crible.nlp.entities.names import norm_key, phonetic_key

FORMAT = "crible-aliases/1"
SHIPPED_DIR = Path(__file__).resolve().parents[2] / "lexicons" / "aliases"
SHIPPED_TABLE = SHIPPED_DIR / "aliases.tsv.gz"
SHIPPED_INDEX = SHIPPED_DIR / "index.tsv.gz"
PHONETIC_PREFIX = "~"

TYPES: tuple[str, ...] = get_args(EntityType)
KINDS: tuple[str, ...] = get_args(EntityKind)
DEFAULT_KIND: dict[str, EntityKind] = {
    "PER": "person",
    "ORG": "organisation",
    "LOC": "place",
    "MISC": "other",
}
_QID = re.compile(r"^Q[1-9][0-9]*$")
_EMPTY = ("", "-")


@dataclass(frozen=True)
class AliasRecord:
    """One entity of the table."""

    name: str
    type: EntityType
    kind: EntityKind
    wikidata: str | None
    geonames: int | None
    langs: tuple[str, ...]
    prior: int
    aliases: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


class AliasFormatError(ValueError):
    """A row does not follow crible-aliases/1; the message says which column and why."""


def parse_row(line: str) -> AliasRecord:
    """Parse one data row (no trailing newline). Raises AliasFormatError."""
    cols = line.split("\t")
    if len(cols) < 2:
        raise AliasFormatError("expected at least 2 tab-separated columns (name, type)")
    cols += [""] * (7 - len(cols))
    name, etype, kind, qid, geo, langs, prior = (col.strip() for col in cols[:7])
    if not name:
        raise AliasFormatError("column 1 (name) is empty")
    if etype not in TYPES:
        raise AliasFormatError(f"column 2 (type) is {etype!r}; expected one of {', '.join(TYPES)}")
    if kind in _EMPTY:
        kind = DEFAULT_KIND[etype]
    elif kind not in KINDS:
        raise AliasFormatError(f"column 3 (kind) is {kind!r}; expected one of {', '.join(KINDS)}")
    if qid in _EMPTY:
        wikidata = None
    elif _QID.match(qid):
        wikidata = qid
    else:
        raise AliasFormatError(f"column 4 (wikidata) is {qid!r}; expected Q<digits> or empty")
    if geo in _EMPTY:
        geonames = None
    elif geo.isdigit():
        geonames = int(geo)
    else:
        raise AliasFormatError(f"column 5 (geonames) is {geo!r}; expected digits or empty")
    if prior in _EMPTY:
        prior_value = 0
    elif prior.isdigit():
        prior_value = int(prior)
    else:
        raise AliasFormatError(f"column 7 (prior) is {prior!r}; expected a whole number or empty")
    aliases = tuple(dict.fromkeys(a.strip() for a in cols[7:] if a.strip() and a.strip() != name))
    return AliasRecord(
        name=name,
        type=etype,  # type: ignore[arg-type]  # checked against TYPES above
        kind=kind,  # type: ignore[arg-type]  # checked against KINDS above
        wikidata=wikidata,
        geonames=geonames,
        langs=tuple(lang for lang in langs.split(",") if lang and lang != "-"),
        prior=prior_value,
        aliases=aliases,
    )


def format_row(record: AliasRecord) -> str:
    cols = [
        record.name,
        record.type,
        record.kind,
        record.wikidata or "",
        str(record.geonames) if record.geonames is not None else "",
        ",".join(record.langs),
        str(record.prior),
        *record.aliases,
    ]
    return "\t".join(cols)


def record_keys(record: AliasRecord) -> tuple[set[str], set[str]]:
    """The exact (`norm_key`) and phonetic keys under which a record is indexed."""
    exact = {norm_key(n) for n in record.names}
    phonetic = {phonetic_key(n) for n in record.names if len(norm_key(n)) >= 4}
    exact.discard("")
    phonetic.discard("")
    return exact, phonetic


def _data_lines(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\n").rstrip("\r")
        if line.strip() and not line.startswith("#"):
            yield number, line


def read_user_file(path: str | Path) -> list[AliasRecord]:
    """Read a user alias file; a bad file raises ResourceError naming the file, line and problem."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ResourceError(
            f"alias file {file} does not exist", hint="check the extra_aliases path"
        ) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ResourceError(
            f"alias file {file} cannot be read: {exc}", hint="save it as UTF-8 text"
        ) from exc
    records = []
    for number, line in _data_lines(text.splitlines()):
        try:
            records.append(parse_row(line))
        except AliasFormatError as exc:
            raise ResourceError(
                f"alias file {file}, line {number}: {exc}",
                hint=f"see docs/formats/aliases.md ({FORMAT})",
            ) from exc
    return records


class AliasTable:
    """Key -> candidate records. Shipped rows are parsed lazily; user rows win per key."""

    def __init__(
        self,
        shipped_rows: Sequence[str] = (),
        shipped_index: dict[str, str] | None = None,
        user_records: Sequence[AliasRecord] = (),
    ) -> None:
        self._rows = shipped_rows
        self._index = shipped_index or {}
        self._parsed: dict[int, AliasRecord] = {}
        self._user: dict[str, list[AliasRecord]] = {}
        for record in user_records:
            exact, phonetic = record_keys(record)
            for key in exact:
                self._user.setdefault(key, []).append(record)
            for key in phonetic:
                self._user.setdefault(PHONETIC_PREFIX + key, []).append(record)

    def __len__(self) -> int:
        return len(self._rows) + len({id(r) for recs in self._user.values() for r in recs})

    def _row(self, number: int) -> AliasRecord:
        record = self._parsed.get(number)
        if record is None:
            record = parse_row(self._rows[number])
            self._parsed[number] = record
        return record

    def _get(self, key: str) -> list[AliasRecord]:
        user = self._user.get(key)
        if user is not None:
            return list(user)
        raw = self._index.get(key)
        if raw is None:
            return []
        return [self._row(int(n)) for n in raw.split(",")]

    def exact(self, name: str) -> list[AliasRecord]:
        """Records having `name` among their names (accent-, case-, hyphen-insensitive)."""
        return self._get(norm_key(name))

    def phonetic(self, name: str) -> list[AliasRecord]:
        """Records with a name of the same `phonetic_key` (transliteration variants)."""
        return self._get(PHONETIC_PREFIX + phonetic_key(name))


def _read_gz_lines(path: Path) -> list[str]:
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            return handle.read().split("\n")
    except OSError as exc:
        raise ResourceError(
            f"the shipped alias data {path} is missing or broken: {exc}",
            hint="reinstall crible, or rebuild it with scripts/build_aliases.py",
        ) from exc


@lru_cache(maxsize=1)
def _shipped() -> tuple[list[str], dict[str, str]]:
    rows = [line for line in _read_gz_lines(SHIPPED_TABLE) if line and line[0] != "#"]
    pairs = (
        line.split("\t", 1) for line in _read_gz_lines(SHIPPED_INDEX) if line and line[0] != "#"
    )
    return rows, dict(pairs)


@lru_cache(maxsize=8)
def load_alias_table(extra: tuple[str, ...] = (), *, use_shipped: bool = True) -> AliasTable:
    """The alias table, loaded once per (extra files, use_shipped) combination."""
    user = [record for path in extra for record in read_user_file(path)]
    if not use_shipped:
        return AliasTable(user_records=user)
    rows, index = _shipped()
    return AliasTable(rows, index, user)
