"""The rule layer: which stretches of text name an entity (spaCy NER, corrected and completed).

- outlets from the language's outlets list (case-sensitive, whole words; an elided article before
  the name stays outside the mention: "l'AFP" -> "AFP");
- NER entities, cleaned: an elided article is cut off ("l’OTAN" -> "OTAN"), junk is dropped
  (spans that start with a lower-case word such as "de la Défense", bare role phrases such as
  "Premier ministre israélien"), a leading role noun is cut off ("Président Macron" -> "Macron");
- acronyms the model missed, when the alias table knows them (an upper-case token such as "ONU");
- title + name the model missed ("le président Dupont");
- a first name the model cut off before a particle ("Marine | Le Pen" at the start of a sentence);
- capitalised proper nouns outside any entity: kept only when they repeat a name of the article
  ("Zelenskiy" after "Volodymyr Zelensky"), never looked up in the alias table alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from crible.nlp.entities.names import is_acronym, strip_elision

_PARTICLES = frozenset({"Le", "La", "De", "Du", "Van", "Von", "Di", "Da"})
_DOTTED = re.compile(r"(?:\b\w\.){2,}$")  # "O.T.A.N." keeps its last dot


@dataclass(frozen=True)
class Candidate:
    """A stretch of the doc text that names something; offsets relative to the Doc."""

    start: int
    end: int
    text: str
    label: str | None  # NER label (PER/ORG/LOC/MISC), or the rule's guess
    source: str  # "ner" | "outlet" | "acronym" | "title"


def compile_outlet_pattern(outlets: Sequence[tuple[str, Sequence[str]]]) -> re.Pattern[str]:
    names = {n for name, variants in outlets for n in (name, *variants)}
    alternation = "|".join(
        re.escape(n).replace("'", "['’]") for n in sorted(names, key=len, reverse=True)
    )
    return re.compile(rf"(?<![\w-])(?:[lLdD]['’])?(?P<name>{alternation})(?![\w-])")


def find_outlets(text: str, pattern: re.Pattern[str]) -> list[Candidate]:
    return [
        Candidate(m.start("name"), m.end("name"), m.group("name"), "ORG", "outlet")
        for m in pattern.finditer(text)
    ]


@lru_cache(maxsize=8)
def _role_prefix_pattern(role_nouns: frozenset[str]) -> re.Pattern[str]:
    alternation = "|".join(re.escape(n) for n in sorted(role_nouns, key=len, reverse=True))
    return re.compile(rf"(?:{alternation})(?= |$)")


def _role_prefix(lower: str, role_nouns: frozenset[str]) -> int:
    """Length of the role noun phrase that starts `lower`, or 0."""
    match = _role_prefix_pattern(role_nouns).match(lower)
    return match.end() if match else 0


def clean_ner_span(text: str, role_nouns: frozenset[str]) -> tuple[str, int] | None:
    """The name inside a NER span and its offset in the span, or None for junk."""
    name, offset = strip_elision(text)
    if not name or (not name[0].isupper() and not name[0].isdigit()):
        return None  # "de la Défense", "la ville": a phrase, not a name
    cut = _role_prefix(name.lower(), role_nouns)
    if cut:
        rest = name[cut:].lstrip()
        if not any(word[:1].isupper() for word in rest.split()):
            return None  # a bare role phrase: "Premier ministre israélien"
        offset += len(name) - len(rest)
        name = rest
    name = name.rstrip(" ,;:’'")
    if name.endswith(".") and not _DOTTED.search(name):
        name = name.rstrip(".")
    if len(name) < 2 or not any(ch.isalpha() for ch in name):
        return None
    return name, offset


def find_candidates(
    doc: Doc,
    outlet_pattern: re.Pattern[str],
    role_nouns: frozenset[str],
    known_acronym: Callable[[str], bool],
) -> list[Candidate]:
    """All name candidates of the doc, sorted, without overlaps (longer NER PER beats an outlet)."""
    text = doc.text
    outlets = find_outlets(text, outlet_pattern)
    found: list[Candidate] = []
    for ent in doc.ents:
        cleaned = clean_ner_span(ent.text, role_nouns)
        if cleaned is None:
            continue
        name, offset = cleaned
        start = ent.start_char + offset
        before = doc[ent.start - 1] if ent.start > 0 else None
        if (
            ent.label_ == "PER"
            and offset == 0
            and ent[0].text in _PARTICLES
            and before is not None
            and before.is_alpha
            and before.is_title
            and before.ent_iob_ == "O"
        ):
            # the model drops a sentence-initial first name before a particle: "Marine | Le Pen"
            start = before.idx
            name = text[start : ent.start_char + len(name)]
        found.append(Candidate(start, start + len(name), name, ent.label_, "ner"))
    kept_outlets = []
    for outlet in outlets:
        if any(
            c.start <= outlet.start
            and outlet.end <= c.end
            and c.end - c.start > outlet.end - outlet.start
            and c.label == "PER"
            for c in found
        ):
            continue  # "Michael Bloomberg" is a person, not the outlet
        kept_outlets.append(outlet)
    found = [c for c in found if not any(_overlap(c, o) for o in kept_outlets)]
    found += kept_outlets
    covered = bytearray(len(text) + 1)
    for c in found:
        covered[c.start : c.end] = b"\x01" * (c.end - c.start)
    single_roles = frozenset(n for n in role_nouns if " " not in n)
    for i, token in enumerate(doc):
        if token.ent_iob_ != "O" or covered[token.idx]:
            continue
        if (
            token.is_upper
            and token.is_alpha
            and is_acronym(token.text)
            and known_acronym(token.text)
        ):
            found.append(
                Candidate(token.idx, token.idx + len(token.text), token.text, None, "acronym")
            )
        elif token.lower_ in single_roles and i + 1 < len(doc):
            end = i + 1
            while (
                end < len(doc)
                and doc[end].pos_ == "PROPN"
                and doc[end].text[:1].isupper()
                and doc[end].ent_iob_ == "O"
            ):
                end += 1
            if end > i + 1:
                span = doc[i + 1 : end]
                found.append(Candidate(span.start_char, span.end_char, span.text, "PER", "title"))
                covered[span.start_char : span.end_char] = b"\x01" * len(span.text)
        elif (
            token.pos_ in ("PROPN", "NOUN")
            and token.is_alpha
            and token.is_title
            and len(token) >= 4
        ):
            # only kept if it is a variant of a name already in the article (see resolve.py)
            found.append(Candidate(token.idx, token.idx + len(token), token.text, None, "propn"))
    found.sort(key=lambda c: (c.start, -c.end))
    return found


def _overlap(a: Candidate, b: Candidate) -> bool:
    return a.start < b.end and b.start < a.end
