"""The rule layer: which stretches of text name an entity (spaCy NER, corrected and completed).

- outlets from the language's outlets list (case-sensitive, whole words; an elided article before
  the name stays outside the mention: "l'AFP" -> "AFP");
- NER entities, cleaned: an elided article is cut off ("l’OTAN" -> "OTAN"), junk is dropped
  (spans that start with a lower-case word such as "de la Défense", bare role phrases such as
  "Premier ministre israélien"), a leading role noun is cut off ("Président Macron" -> "Macron");
- acronyms the model missed, when the alias table knows them (an upper-case token such as "ONU");
- title + name the model missed ("le président Dupont");
- a first name the model cut off before a particle ("Marine | Le Pen" at the start of a sentence);
- role phrases: a portfolio after a title is part of the role, not an entity ("le ministre des
  Transports": no "Transports"; "la secrétaire d'État": no "État"), and a ministry named by its
  portfolio is one organisation ("le ministère de l'Intérieur");
- a name introduced by an outlet noun is an outlet ("le quotidien régional Le Phare du Sud");
- capitalised proper nouns outside any entity: kept only when they repeat a name of the article
  ("Zelenskiy" after "Volodymyr Zelensky"), never looked up in the alias table alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from spacy.attrs import ENT_IOB, IS_TITLE, IS_UPPER, LOWER
from spacy.strings import hash_string  # type: ignore[attr-defined]
from spacy.tokens import Doc

from crible.nlp.entities.names import is_acronym, strip_accents, strip_elision
from crible.nlp.phrases import phrase_alternation
from crible.nlp.spans import doc_text
from crible.nlp.spans import entities as cached_entities

_PARTICLES = frozenset({"Le", "La", "De", "Du", "Van", "Von", "Di", "Da"})
_DOTTED = re.compile(r"(?:\b\w\.){2,}$")  # "O.T.A.N." keeps its last dot


@dataclass(frozen=True)
class Candidate:
    """A stretch of the doc text that names something; offsets relative to the Doc."""

    start: int
    end: int
    text: str
    label: str | None  # NER label (PER/ORG/LOC/MISC), or the rule's guess
    source: str  # "ner" | "outlet" | "acronym" | "title" | "propn" | "ministry" | "outlet_noun"
    cue: str | None = None  # the words that gave the rule ("quotidien régional")


# a lower-case word between a title and its portfolio ("ministre ukrainienne de l'Énergie",
# "ministre délégué chargé du Numérique"), or between an outlet noun and the name
_LOWER_WORD = r"(?!(?:de|des|du|d|à|au|aux|et|a|est|ont|sont|qui|que)(?![\w'’-]))[a-zà-ÿœæ][\w-]*"
_PREP = (
    r"(?:de[ \t]+la[ \t]+|de[ \t]+l['’][ \t]*|des[ \t]+|du[ \t]+|de[ \t]+|d['’][ \t]*"
    r"|à[ \t]+la[ \t]+|à[ \t]+l['’][ \t]*|aux[ \t]+|au[ \t]+)"
)


@dataclass(frozen=True)
class ContextPatterns:
    """Patterns over the words around a name: role phrases and outlet nouns."""

    title: re.Pattern[str]  # a title as written ("secrétaire d'État")
    portfolio: re.Pattern[str]  # title or ministry + preposition + portfolio(s)
    outlet_noun: re.Pattern[str]  # outlet noun + up to two lower-case words, before a name


def compile_context_patterns(
    titles: Sequence[str],
    ministries: Sequence[str],
    portfolios: Sequence[str],
    outlet_nouns: Sequence[str],
) -> ContextPatterns:
    title = re.compile(rf"(?<![\w-])(?i:{phrase_alternation(titles, fold_case=True)})s?(?![\w-])")
    spelled = [*portfolios, *(strip_accents(p) for p in portfolios)]
    port = rf"(?:{phrase_alternation(spelled)})(?![\w-])"
    ministry = phrase_alternation(ministries, fold_case=True)
    office = rf"(?i:(?P<ministry>{ministry})|{phrase_alternation(titles, fold_case=True)})s?"
    portfolio = re.compile(
        rf"(?<![\w-]){office}(?:[ \t]+{_LOWER_WORD}){{0,3}}[ \t]+{_PREP}(?P<first>{port})"
        rf"(?:(?:[ \t]*,[ \t]*|[ \t]+et[ \t]+){_PREP}{port})*"
    )
    noun = phrase_alternation(outlet_nouns, fold_case=True)
    outlet_noun = re.compile(
        rf"(?<![\w-])(?P<noun>{noun})(?:[ \t]+{_LOWER_WORD}){{0,2}}?" r"[ \t]+(?=[A-ZÀ-ÖØ-Þ0-9])"
    )
    return ContextPatterns(title, portfolio, outlet_noun)


def compile_outlet_pattern(outlets: Sequence[tuple[str, Sequence[str]]]) -> re.Pattern[str]:
    names = {n for name, variants in outlets for n in (name, *variants)}
    alternation = phrase_alternation(names, space=" ")
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


_IOB_OUTSIDE = 2  # spaCy's ENT_IOB code for "O"


@lru_cache(maxsize=16)
def _role_hashes(single_roles: frozenset[str]) -> np.ndarray:
    """The string hashes of the role nouns (a hash depends on the string only, not the vocab)."""
    return np.array(sorted(hash_string(n) for n in single_roles), dtype=np.uint64)


def _rule_positions(doc: Doc, single_roles: frozenset[str]) -> list[int]:
    """Indices of the tokens the rules below can act on: outside any NER entity, and upper-case,
    title-case or a role noun. One array call instead of a Python object per token."""
    if not len(doc):
        return []
    rows = doc.to_array([ENT_IOB, IS_UPPER, IS_TITLE, LOWER])
    roles = _role_hashes(single_roles)
    wanted = (rows[:, 0] == _IOB_OUTSIDE) & (
        (rows[:, 1] == 1) | (rows[:, 2] == 1) | np.isin(rows[:, 3], roles)
    )
    return [int(i) for i in np.flatnonzero(wanted)]


def find_candidates(
    doc: Doc,
    outlet_pattern: re.Pattern[str],
    role_nouns: frozenset[str],
    known_acronym: Callable[[str], bool],
    context: ContextPatterns | None = None,
) -> list[Candidate]:
    """All name candidates of the doc, sorted, without overlaps (longer NER PER beats an outlet)."""
    text = doc_text(doc)
    outlets = find_outlets(text, outlet_pattern)
    found: list[Candidate] = []
    for ent in cached_entities(doc):
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
    for i in _rule_positions(doc, single_roles):
        token = doc[i]
        if covered[token.idx]:
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
    if context is not None:
        found = apply_role_phrases(text, found, context)
        found = apply_outlet_nouns(doc, found, context)
    found.sort(key=lambda c: (c.start, -c.end))
    return found


def apply_role_phrases(
    text: str, found: list[Candidate], context: ContextPatterns
) -> list[Candidate]:
    """Drop names that are part of a role phrase; make "ministère de X" one organisation."""
    inside: list[tuple[int, int]] = [(m.start(), m.end()) for m in context.title.finditer(text)]
    ministries: list[Candidate] = []
    for match in context.portfolio.finditer(text):
        inside.append((match.start("first"), match.end()))
        if match.group("ministry"):
            ministries.append(
                Candidate(match.start(), match.end(), match.group(), "ORG", "ministry", "ministère")
            )
    if not inside:
        return found
    kept = [
        c
        for c in found
        if c.source == "outlet" or not any(s <= c.start and c.end <= e for s, e in inside)
    ]
    kept = [c for c in kept if not any(_overlap(c, m) for m in ministries)]
    return kept + ministries


_NAME_PARTICLES = frozenset({"de", "du", "des", "la", "le", "les", "l'", "d'", "l’", "d’", "en"})


def apply_outlet_nouns(
    doc: Doc, found: list[Candidate], context: ContextPatterns
) -> list[Candidate]:
    """A name right after an outlet noun ("l'hebdomadaire X", "la chaîne Y") is an outlet."""
    text = doc_text(doc)
    for match in context.outlet_noun.finditer(text):
        start = match.end()
        cue = " ".join(match.group().split())
        at = [c for c in found if c.start == start]
        if any(c.source == "outlet" for c in at):
            continue  # on the outlets list already
        if at:
            name = max(at, key=lambda c: c.end)
            outlet = Candidate(name.start, name.end, name.text, "ORG", "outlet_noun", cue)
        else:
            span = _capitalised_run(doc, start)
            if span is None:
                continue
            outlet = Candidate(span[0], span[1], text[span[0] : span[1]], "ORG", "outlet_noun", cue)
        found = [c for c in found if not _overlap(c, outlet)] + [outlet]
        for again in re.finditer(rf"(?<![\w-]){re.escape(outlet.text)}(?![\w-])", text):
            if again.start() > outlet.end and not any(
                c.source in ("outlet", "outlet_noun") and _overlap(c, _span(again)) for c in found
            ):
                # a later bare mention of the outlet the model missed or typed otherwise
                repeat = Candidate(again.start(), again.end(), outlet.text, "ORG", "outlet_noun")
                found = [c for c in found if not _overlap(c, repeat)] + [repeat]
    return found


def _span(match: re.Match[str]) -> Candidate:
    return Candidate(match.start(), match.end(), match.group(), None, "match")


def _capitalised_run(doc: Doc, start: int) -> tuple[int, int] | None:
    """The capitalised words from `start` ("Le Phare du Sud"), particles allowed inside."""
    first = next((t.i for t in doc if t.idx == start), None)
    if first is None:
        return None
    end = first
    i = first
    while i < len(doc) and i - first < 6:
        token = doc[i]
        if token.text[:1].isupper() or token.text[:1].isdigit():
            end = i + 1
        elif token.lower_ not in _NAME_PARTICLES:
            break
        i += 1
    return (doc[first].idx, doc[end - 1].idx + len(doc[end - 1])) if end > first else None


def _overlap(a: Candidate, b: Candidate) -> bool:
    return a.start < b.end and b.start < a.end
