"""Canonicalisation: name candidates of one article -> one `Entity` per referent.

Candidates are taken in text order; each is tied to an entity by the first rule that applies, and
the rule is written in the mention's `why`:

1. outlets list ("outlets list: 'AFP'"), or a name introduced by an outlet noun ("introduced as an
   outlet: 'quotidien régional Le Phare du Sud'");
2. same spelling as an earlier mention of the article (accents, case, hyphens folded);
3. surname (or initial + surname) of exactly one earlier person of the article; when two earlier
   people share that surname ("Marine Le Pen", "Jean-Marie Le Pen") a bare "Le Pen" is ambiguous and
   becomes an entity of its own: it is never merged with either;
4. alias table, exact name; ties go to the type compatible with the NER label, then the entry whose
   display name is the mention, then the notability prior; a NER person is retyped as a place
   from the table only in a place context ("villes de X");
5. transliteration variant (phonetic key) of an earlier entity of the article;
6. alias table, transliteration variant (names of two words or more, or places and organisations);
7. otherwise a new entity typed by the NER label, id = slug of the name. A ministry named by its
   portfolio ("ministère de l'Intérieur") is an organisation that is never linked to the table:
   every country has one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from crible.model import Entity, EntityKind, EntityType, Mention
from crible.nlp.entities.aliases import DEFAULT_KIND, AliasRecord, AliasTable
from crible.nlp.entities.names import name_tokens, norm_key, phonetic_key, slugify
from crible.nlp.entities.roles import RolePatterns, find_roles
from crible.nlp.entities.rules import Candidate

_PLACE_CONTEXT = re.compile(
    r"(?:\b(?:à|sur|dans|vers|depuis|près de|villes?|villages?|localités?|communes?|région)"
    r"(?:\s+(?:de|d['’]|du))?\s*|\bd['’])$",
    re.IGNORECASE,
)
NOTABLE_PRIOR = 300  # build_aliases.py: 100 per language with names + number of names
_TYPES: tuple[EntityType, ...] = ("PER", "ORG", "LOC", "MISC")


@dataclass(eq=False)
class _Building:
    id: str
    name: str
    type: EntityType
    kind: EntityKind
    wikidata: str | None = None
    geonames: int | None = None
    mentions: list[Mention] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)
    phonetic: set[str] = field(default_factory=set)
    tokens: list[list[str]] = field(default_factory=list)  # name_tokens of each spelling
    roles: list[str] = field(default_factory=list)

    def add(self, cand: Candidate, why: str) -> None:
        # model_construct: the values are built here and valid; skipping validation keeps it cheap
        self.mentions.append(
            Mention.model_construct(start=cand.start, end=cand.end, text=cand.text, why=why)
        )
        self.keys.add(norm_key(cand.text))
        self.phonetic.add(phonetic_key(cand.text))
        self.tokens.append(name_tokens(cand.text))

    def full_names(self) -> list[list[str]]:
        return [toks for toks in self.tokens if len(toks) >= 2]

    def to_entity(self) -> Entity:
        variants = list(dict.fromkeys(m.text for m in self.mentions))
        return Entity.model_construct(
            id=self.id,
            name=self.name,
            type=self.type,
            kind=self.kind,
            wikidata=self.wikidata,
            geonames=self.geonames,
            mentions=self.mentions,
            variants=variants,
            roles=list(dict.fromkeys(self.roles)),
        )


def _label(cand: Candidate) -> EntityType:
    label = cand.label or "MISC"
    return label if label in _TYPES else "MISC"  # type: ignore[return-value]


def _compatible(record: AliasRecord, label: str | None) -> bool:
    return label is None or label == "MISC" or record.type == label


def choose_record(
    records: Sequence[AliasRecord], label: str | None, place_context: bool, name: str = ""
) -> AliasRecord | None:
    """Tie-break: a type compatible with the NER label, then a record whose display name is the
    mention ("France" is France, not the Third Republic that also has the alias), then the
    notability prior."""
    if not records:
        return None
    compatible = [r for r in records if _compatible(r, label)]
    if compatible:
        key = norm_key(name)
        return max(compatible, key=lambda r: (norm_key(r.name) == key, r.prior))
    if label == "PER":
        # the model calls towns people ("Sderot"): retype in a place context, or when the name is a
        # notable place (a Wikidata entry named in three languages or more)
        places = [r for r in records if r.type == "LOC"]
        if not place_context:
            places = [r for r in places if r.wikidata and r.prior >= NOTABLE_PRIOR]
        return max(places, key=lambda r: r.prior) if places else None
    # the model often calls a person or an organisation a place: trust a checked Wikidata entry
    checked = [r for r in records if r.wikidata]
    return max(checked, key=lambda r: r.prior) if checked else None


def _surname_owners(toks: list[str], entities: Sequence[_Building]) -> list[_Building]:
    """Earlier people of whom `toks` is the surname, or initial(s) + surname ("V. Zelensky")."""
    owners = []
    ptoks = [phonetic_key(t) for t in toks]
    for ent in entities:
        if ent.type != "PER":
            continue
        for full in ent.full_names():
            if len(toks) >= len(full):
                continue
            tail = full[len(full) - len(toks) :]
            if tail == toks:
                owners.append(ent)
                break
            if [phonetic_key(t) for t in tail] == ptoks and len(toks[-1]) >= 4:
                owners.append(ent)
                break
            # initials: "v zelensky" for "volodymyr zelensky"
            if (
                len(toks) == len(full)
                or len(toks) < 2
                or not all(len(t) == 1 for t in toks[:-1])
                or phonetic_key(full[-1]) != ptoks[-1]
            ):
                continue
            if all(f.startswith(t) for f, t in zip(full, toks[:-1], strict=False)):
                owners.append(ent)
                break
    return owners


def _initials_owner(toks: list[str], entities: Sequence[_Building]) -> _Building | None:
    if len(toks) < 2 or not all(len(t) == 1 for t in toks[:-1]):
        return None
    found = []
    for ent in entities:
        if ent.type != "PER":
            continue
        for full in ent.full_names():
            if (
                len(full) == len(toks)
                and phonetic_key(full[-1]) == phonetic_key(toks[-1])
                and all(f.startswith(t) for f, t in zip(full[:-1], toks[:-1], strict=True))
            ):
                found.append(ent)
                break
    return found[0] if len(found) == 1 else None


def resolve_entities(
    text: str,
    candidates: Sequence[Candidate],
    table: AliasTable,
    roles: RolePatterns | None = None,
) -> list[Entity]:
    """One Entity per referent of the candidates, in order of first mention."""
    entities: list[_Building] = []
    by_id: dict[str, _Building] = {}

    def from_record(record: AliasRecord, cand: Candidate, why: str) -> None:
        ent_id = record.wikidata or slugify(record.name)
        ent = by_id.get(ent_id)
        if ent is None:
            ent = _Building(
                ent_id, record.name, record.type, record.kind, record.wikidata, record.geonames
            )
            by_id[ent_id] = ent
            entities.append(ent)
        ent.add(cand, why)

    def new_entity(cand: Candidate, why: str, *, suffix: str = "") -> None:
        etype = _label(cand)
        ent_id = slugify(cand.text) + suffix
        ent = by_id.get(ent_id)
        if ent is None:
            ent = _Building(ent_id, cand.text, etype, DEFAULT_KIND[etype])
            by_id[ent_id] = ent
            entities.append(ent)
        ent.add(cand, why)

    for cand in candidates:
        key = norm_key(cand.text)
        toks = name_tokens(cand.text)
        if cand.source == "outlet":
            records = [r for r in table.exact(cand.text) if r.kind == "outlet"]
            if records:
                from_record(records[0], cand, f"outlets list: '{cand.text}'")
            else:
                new_entity(cand, f"outlets list: '{cand.text}'")
                entities[-1].kind = "outlet" if entities[-1].type == "ORG" else entities[-1].kind
            continue
        if cand.source == "outlet_noun":
            why = f"introduced as an outlet: '{cand.cue} {cand.text}'"
            records = [r for r in table.exact(cand.text) if r.kind == "outlet"]
            same = [e for e in entities if key in e.keys and e.type in ("ORG", "MISC")]
            if cand.cue is None and same:  # a later bare mention of an introduced outlet
                why = f"same name as the outlet '{same[0].name}' introduced earlier"
            if records:
                from_record(records[0], cand, why)
            elif same:
                same[0].type, same[0].kind = "ORG", "outlet"
                same[0].add(cand, why)
            else:
                new_entity(cand, why)
                entities[-1].kind = "outlet"
            continue
        same = [e for e in entities if key in e.keys]
        if same:
            same[0].add(cand, f"same name as an earlier mention of '{same[0].name}'")
            continue
        if cand.source == "ministry":
            # "ministère de l'Intérieur" names the ministry of every country: never linked
            new_entity(
                cand, "a ministry named by its portfolio (not linked: every country has one)"
            )
            continue
        owners = list(dict.fromkeys(_surname_owners(toks, entities)))
        if len(owners) == 1:
            owner = owners[0]
            why = f"surname of '{owner.name}' mentioned earlier"
            if len(toks) >= 2 and all(len(t) == 1 for t in toks[:-1]):
                why = f"initials and surname of '{owner.name}' mentioned earlier"
            owner.add(cand, why)
            continue
        if len(owners) > 1:
            names = "' and '".join(o.name for o in owners)
            new_entity(
                cand,
                f"ambiguous surname: '{names}' both mentioned earlier; not merged",
                suffix="-ambiguous",
            )
            continue
        initials = _initials_owner(toks, entities)
        if initials is not None:
            initials.add(cand, f"initials and surname of '{initials.name}' mentioned earlier")
            continue
        pkey = phonetic_key(cand.text)
        if cand.source == "propn":
            variant = [e for e in entities if pkey in e.phonetic and e.type in ("PER", "LOC")]
            if variant:
                variant[0].add(cand, f"transliteration variant of '{variant[0].mentions[0].text}'")
            continue  # a bare proper noun the model did not tag, and no earlier name: skip
        place = bool(_PLACE_CONTEXT.search(text, max(0, cand.start - 40), cand.start))
        record = choose_record(table.exact(cand.text), cand.label, place, cand.text)
        if record is not None:
            from_record(record, cand, f"alias table: exact name '{cand.text}' of '{record.name}'")
            continue
        variant_of = [
            e
            for e in entities
            if pkey in e.phonetic
            and (cand.label in (None, "MISC") or e.type == cand.label or e.type == "LOC")
        ]
        if variant_of and len(key) >= 4:
            ent = variant_of[0]
            spelled = ent.mentions[0].text
            ent.add(cand, f"transliteration variant of '{spelled}'")
            continue
        if len(toks) >= 2 or cand.label in ("LOC", "ORG"):
            record = choose_record(table.phonetic(cand.text), cand.label, place)
            if record is not None and len(key) >= 5:
                from_record(
                    record, cand, f"alias table: transliteration variant of '{record.name}'"
                )
                continue
        new_entity(cand, f"named entity ({_label(cand)}) not in the alias table")

    if roles is not None:
        for ent in entities:
            if ent.type == "PER":
                for mention in ent.mentions:
                    ent.roles += find_roles(text, mention.start, mention.end, roles)
    return [ent.to_entity() for ent in entities]
