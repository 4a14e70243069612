"""Load the claim lexicons of one language (data in `crible/lexicons/<lang>/`), once.

Files and formats: reporting_verbs.tsv (docs/formats/reporting-verbs.md), certainty.tsv and
conditional_stems.tsv (docs/formats/certainty-cues.md), sources.tsv (docs/formats/source-cues.md),
first_names.tsv (docs/formats/first-names.md).
Adding a language adds these files, not code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib.resources import files

from crible.errors import ResourceError
from crible.model import Certainty, SourceKind
from crible.nlp.cues import BucketedCues
from crible.nlp.entities.names import strip_accents

_CERTAINTIES = {"asserted", "reported", "hedged", "unconfirmed", "denied"}
_SOURCE_KINDS = {"person", "organisation", "outlet", "document", "anonymous", "unknown"}


@dataclass(frozen=True)
class ReportingVerb:
    lemma: str
    kind: str  # speech | cognition
    certainty: Certainty
    takes_object: bool


@dataclass(frozen=True)
class ClaimLexicon:
    lang: str
    verbs: dict[str, ReportingVerb]
    forms: dict[str, str]  # inflected form -> lemma, for what the lemmatizer misses
    certainty_cues: BucketedCues  # the group name of a match gives the certainty
    cue_certainty: dict[str, Certainty]  # group name -> certainty
    source_cues: dict[str, SourceKind]  # noun lemma or phrase -> kind
    conditional_stems: dict[str, str] = field(default_factory=dict)  # stem -> lemma
    first_names: dict[str, str] = field(default_factory=dict)  # folded first name -> m | f | x

    @cached_property
    def phrase_cues(self) -> tuple[tuple[str, SourceKind], ...]:
        """The source cues of several words, in file order, each padded with spaces (for a
        whole-word test in a padded string)."""
        return tuple((f" {cue} ", kind) for cue, kind in self.source_cues.items() if " " in cue)

    def verb(self, lemma: str, form: str) -> ReportingVerb | None:
        """The reporting verb of a token, by lemma first, then by inflected form."""
        found = self.verbs.get(lemma.lower())
        if found is None:
            base = self.forms.get(form.lower())
            found = self.verbs.get(base) if base else None
        return found


def _rows(lang: str, name: str, width: int) -> list[list[str]]:
    resource = files("crible") / "lexicons" / lang / name
    try:
        text = resource.read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as exc:
        raise ResourceError(
            f"lexicon {lang}/{name} is missing", hint="reinstall crible or add the data file"
        ) from exc
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if len(cells) < width:
            raise ResourceError(
                f"lexicon {lang}/{name} line {number} has {len(cells)} columns, expected {width}",
                hint="columns are tab-separated; see docs/formats",
            )
        rows.append(cells)
    return rows


def _regular_forms(lemma: str) -> list[str]:
    """Common finite and participle forms of a regular -er verb (first group)."""
    if not lemma.endswith("er") or " " in lemma:
        return []
    stem = lemma[:-2]
    soft = stem + ("e" if stem.endswith("g") else "")
    soft = soft[:-1] + "ç" if stem.endswith("c") else soft
    endings_plain = ["e", "es", "ent", "é", "ée", "és", "ées", "era", "eront", "erait", "eraient"]
    endings_soft = ["ait", "aient", "a", "ant"]
    return (
        [stem + end for end in endings_plain]
        + [soft + end for end in endings_soft]
        + [stem + "èrent"]
    )


def _cue_regex(cue: str) -> str:
    words = []
    for word in cue.split():
        wild = word.endswith("*")
        word = re.escape(word.rstrip("*")).replace("'", "['’]")
        words.append(word + (r"\w*" if wild else ""))
    return r"\s+".join(words)


@lru_cache(maxsize=8)
def load_lexicon(lang: str = "fr") -> ClaimLexicon:
    verbs: dict[str, ReportingVerb] = {}
    forms: dict[str, str] = {}
    for lemma, kind, certainty, takes_object, extra in _rows(lang, "reporting_verbs.tsv", 5):
        if certainty not in _CERTAINTIES:
            raise ResourceError(f"reporting_verbs.tsv: unknown certainty {certainty!r}")
        verbs[lemma] = ReportingVerb(lemma, kind, certainty, takes_object == "yes")  # type: ignore[arg-type]
        for form in _regular_forms(lemma):
            forms.setdefault(form, lemma)
        if extra != "-":
            for form in extra.split(","):
                forms[form.strip()] = lemma
    parts = []
    cue_certainty: dict[str, Certainty] = {}
    for index, (cue, certainty, _note) in enumerate(_rows(lang, "certainty.tsv", 3)):
        if certainty not in _CERTAINTIES:
            raise ResourceError(f"certainty.tsv: unknown certainty {certainty!r}")
        group = f"c{index}"
        cue_certainty[group] = certainty  # type: ignore[assignment]
        parts.append(_cue_regex(cue.lower()))
    sources: dict[str, SourceKind] = {}
    for cue, kind in _rows(lang, "sources.tsv", 2):
        if kind not in _SOURCE_KINDS:
            raise ResourceError(f"sources.tsv: unknown kind {kind!r}")
        sources[cue] = kind  # type: ignore[assignment]
    stems = {stem: lemma for stem, lemma in _rows(lang, "conditional_stems.tsv", 2)}
    first_names: dict[str, str] = {}
    for name, gender in _rows(lang, "first_names.tsv", 2):
        if gender not in ("m", "f", "x"):
            raise ResourceError(f"first_names.tsv: unknown gender {gender!r} for {name!r}")
        first_names[strip_accents(name.lower())] = gender
    return ClaimLexicon(
        lang=lang,
        verbs=verbs,
        forms=forms,
        certainty_cues=BucketedCues(parts),
        cue_certainty=cue_certainty,
        source_cues=sources,
        conditional_stems=stems,
        first_names=first_names,
    )
