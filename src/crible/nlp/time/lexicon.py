"""Load the time lexicon of one language (`crible/lexicons/<lang>/time.tsv`), once.

Format: docs/formats/time.md. Adding a language adds a data file, not code.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from crible.errors import ResourceError

FILE_NAME = "time.tsv"

# kind -> does the value column have to be present?
KINDS: dict[str, bool] = {
    "weekday": True,
    "month": True,
    "day_word": True,
    "relative_day": True,
    "anchored_day": True,
    "part_of_day": True,
    "part_link": False,
    "early": True,
    "direction": True,
    "this": False,
    "this_suffix": True,
    "period": True,
    "unit": True,
    "count_prefix": True,
    "count_anchor": False,
    "number": True,
    "hour_mark": False,
    "time_word": True,
    "meridiem": True,
    "time_link": False,
    "time_trigger": False,
    "period_trigger": False,
    "future_aux": False,
    "future_ending": False,
}


@dataclass(frozen=True)
class TimeLexicon:
    """Every word list of one language, as `kind -> {lower-cased form: value}`."""

    lang: str
    version: str
    entries: dict[str, dict[str, str]]

    def words(self, kind: str) -> dict[str, str]:
        return self.entries.get(kind, {})

    def value(self, kind: str, form: str) -> str:
        """The value of `form` (as matched in the text) under `kind`."""
        return self.entries[kind][normalise(form)]


def normalise(form: str) -> str:
    """The key a form is stored under: lower case, typographic apostrophe and spaces folded."""
    return " ".join(form.lower().replace("’", "'").split())


def parse_lexicon(lang: str, text: str) -> TimeLexicon:
    """Parse the text of a time lexicon file; raises `ResourceError` on a malformed line."""
    entries: dict[str, dict[str, str]] = defaultdict(dict)
    version = "unknown"
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("#"):
            if "version:" in line:
                version = line.split("version:", 1)[1].split(",")[0].strip()
            continue
        if not line.strip():
            continue
        cells = line.split("\t")
        kind = cells[0].strip()
        if kind not in KINDS or len(cells) > 3 or len(cells) < 2 or not cells[1].strip():
            raise ResourceError(
                f"lexicon {lang}/{FILE_NAME} line {number} is malformed: {line!r}",
                hint="expected kind<TAB>form[<TAB>value] with a kind from docs/formats/time.md",
            )
        value = cells[2].strip() if len(cells) == 3 else ""
        if KINDS[kind] and not value:
            raise ResourceError(
                f"lexicon {lang}/{FILE_NAME} line {number}: kind {kind!r} needs a value",
                hint="add the third, tab-separated column (see docs/formats/time.md)",
            )
        entries[kind][normalise(cells[1])] = value
    return TimeLexicon(lang=lang, version=version, entries=dict(entries))


@lru_cache(maxsize=4)
def load_lexicon(lang: str = "fr") -> TimeLexicon:
    """The shipped time lexicon of `lang`, read once per process."""
    resource = files("crible") / "lexicons" / lang / FILE_NAME
    try:
        text = resource.read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as exc:
        raise ResourceError(
            f"time lexicon {lang}/{FILE_NAME} is missing",
            hint="reinstall crible, or add the data file for this language",
        ) from exc
    return parse_lexicon(lang, text)
