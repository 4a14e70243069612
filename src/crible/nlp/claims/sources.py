"""Who is speaking: a source noun phrase resolved to a canonical entity and a kind.

Works with `doc._.crible_entities` when the entities component ran, and falls back on spaCy's
NER labels and the source cues of the lexicon (sources.tsv) when it did not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from spacy.tokens import Doc, Token

from crible.model import ClaimSource, Entity, SourceKind
from crible.nlp.claims.lexicon import ClaimLexicon
from crible.nlp.claims.tokens import feats
from crible.nlp.entities.names import strip_accents
from crible.nlp.spans import entities as cached_entities

PRONOUNS = {
    "il": "Masc",
    "elle": "Fem",
    "lui": "Masc",
    "ils": "Masc",
    "elles": "Fem",
    "eux": "Masc",
}
_INDEFINITE = {"un", "une", "des", "plusieurs", "certains", "certaines", "quelques", "de", "d'"}
_POSSESSIVE = {"son", "sa", "ses", "leur", "leurs"}  # 'son avocate' is not the person named
_DEMONSTRATIVE = {"ce", "cet", "cette", "ces"}
_FIRST_SECOND = {"je", "j'", "j’", "nous", "tu", "vous", "on"}
_NER_KIND: dict[str, SourceKind] = {"PER": "person", "ORG": "organisation", "LOC": "organisation"}
_ENTITY_KIND: dict[str, SourceKind] = {
    "person": "person",
    "organisation": "organisation",
    "outlet": "outlet",
    "place": "organisation",
}


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    entity: str | None
    kind: SourceKind
    gender: str | None  # "Masc" | "Fem" | None
    roles: tuple[str, ...] = ()
    in_quote: bool = False  # named inside quotation marks: a topic of the quote, not a speaker


@dataclass
class SourceContext:
    """What the resolver knows about an article: named mentions and the sources seen so far."""

    doc: Doc
    text: str  # doc.text, built once
    lexicon: ClaimLexicon
    mentions: list[Mention]
    seen: list[ClaimSource] = field(default_factory=list)

    def mention_in(self, start: int, end: int) -> Mention | None:
        """The best named mention inside [start, end): a person first, else the last one."""
        inside = [m for m in self.mentions if m.start >= start and m.end <= end]
        if not inside:  # the speaker words hold part of a name: 'Lenoir' of 'Sophie Lenoir'
            inside = [m for m in self.mentions if m.start < end and m.end > start]
        people = [m for m in inside if m.kind == "person"]
        if people:
            return people[0]
        return inside[-1] if inside else None

    def first_person(self, start: int, end: int) -> ClaimSource | None:
        """The first person named in [start, end), outside quotation marks."""
        for mention in self.mentions:
            inside = start <= mention.start and mention.end <= end
            if inside and mention.kind == "person" and not mention.in_quote:
                return _from_mention(mention)
        return None

    def gender_of(self, source: ClaimSource) -> str | None:
        for mention in self.mentions:
            same = source.entity is not None and mention.entity == source.entity
            if (same or mention.start == source.start) and mention.gender:
                return mention.gender
        return None

    def recent_speaker(
        self, before: int, kind: SourceKind, gender: str | None
    ) -> ClaimSource | None:
        """The last speaker of `kind` given a statement before `before`, in this paragraph or the
        previous one, whose gender agrees: 'X a dit que … Elle a ajouté …' is X again."""
        paragraph = self.text.rfind("\n", 0, before)
        previous = self.text.rfind("\n", 0, max(paragraph, 0)) + 1 if paragraph > 0 else 0
        for source in reversed(self.seen):
            if source.start is None or source.start >= before or source.start < previous:
                continue
            if source.kind != kind or (source.entity is None and kind == "person"):
                continue
            known = self.gender_of(source)
            if gender and known and known != gender:
                continue
            if gender and not known:
                continue
            return source
        return None

    def role_holder(self, before: int, role: str, gender: str | None) -> Mention | None:
        """The most recent person before `before` given `role` by an apposition."""
        if not role:
            return None
        for mention in reversed(self.mentions):
            if mention.end > before or mention.kind != "person" or mention.in_quote:
                continue
            if gender and mention.gender and mention.gender != gender:
                continue
            if any(role in r.lower() for r in mention.roles):
                return mention
        return None

    def antecedent(
        self, before: int, kind: SourceKind, gender: str | None, role: str = ""
    ) -> Mention | None:
        """The most recent mention of `kind` before `before` whose gender does not clash (names
        inside quotation marks only when there is no other); first one carrying `role`, then,
        within the same paragraph, one of the same gender."""
        earlier = [m for m in reversed(self.mentions) if m.end <= before and m.kind == kind]
        earlier = [m for m in earlier if not m.in_quote] or earlier
        fits = [m for m in earlier if not (gender and m.gender and m.gender != gender)]
        if role:
            for mention in fits:
                if any(role in r.lower() for r in mention.roles):
                    return mention
        if gender:
            paragraph = self.text.rfind("\n", 0, before) + 1
            for mention in fits:
                if mention.start >= paragraph and mention.gender == gender:
                    return mention
        return fits[0] if fits else None


def build_context(
    doc: Doc, text: str, lexicon: ClaimLexicon, quotes: Sequence[tuple[int, int]] = ()
) -> SourceContext:
    """The mentions of the article; `quotes` (open, close offsets) mark those said inside
    quotation marks. A person's gender comes from the words around one of its mentions (M.,
    Mme, 'la ministre') or from the first name (lexicons/<lang>/first_names.tsv)."""
    entities: list[Entity] | None = doc._.crible_entities
    mentions: list[Mention] = []
    names = lexicon.first_names
    people = frozenset(cue for cue, kind in lexicon.source_cues.items() if kind == "person")
    if entities is not None:
        for entity in entities:
            kind = _ENTITY_KIND.get(entity.kind, "unknown")
            genders = [_gender_near(doc, m.start, m.text, names, people) for m in entity.mentions]
            known = next((g for g in genders if g), None) if kind == "person" else None
            for m in entity.mentions:
                roles = tuple(entity.roles) + _roles_near(doc, m.start, kind)
                inside = _inside(m.start, quotes)
                mentions.append(
                    Mention(m.start, m.end, m.text, entity.id, kind, known, roles, inside)
                )
    else:
        for ent in cached_entities(doc):
            kind = _NER_KIND.get(ent.label_, "unknown")
            if ent[0].is_lower and ent[0].lower_ in lexicon.source_cues and len(ent) > 1:
                ent = ent[1:]  # 'agence Belga': the descriptor is not the name
            gender = (
                _gender_near(doc, ent.start_char, ent.text, names, people)
                if kind == "person"
                else None
            )
            roles = _roles_near(doc, ent.start_char, kind)
            inside = _inside(ent.start_char, quotes)
            mentions.append(
                Mention(ent.start_char, ent.end_char, ent.text, None, kind, gender, roles, inside)
            )
    mentions.sort(key=lambda m: m.start)
    return SourceContext(doc, text, lexicon, mentions)


def _inside(char: int, quotes: Sequence[tuple[int, int]]) -> bool:
    return any(a < char < b for a, b in quotes)


def descriptor(doc: Doc, i: int) -> Token | None:
    """The noun that describes the name starting at token `i`: 'la ministre Sophie Lambert',
    'le patron de l'entreprise, Hervé Lenoir', 'Marie Dupont, la ministre'."""
    if i > 0 and doc[i - 1].pos_ == "NOUN":
        return doc[i - 1]
    if i > 1 and doc[i - 1].text == ",":
        word = doc[i - 2]
        while word.head.i < i and word.head.pos_ == "NOUN" and word.head.i != word.i:
            word = word.head
        if word.pos_ == "NOUN":
            return word
    name_end = i
    while name_end < len(doc) and doc[name_end].pos_ == "PROPN":
        name_end += 1
    after = name_end + 2 < len(doc) and doc[name_end].text == ","
    if after and doc[name_end + 1].pos_ == "DET" and doc[name_end + 2].pos_ == "NOUN":
        return doc[name_end + 2]
    if after and doc[name_end + 1].pos_ == "NOUN":
        return doc[name_end + 1]  # 'Bernard Lefèvre, maire de Saint-Aubin'

    return None


def _roles_near(doc: Doc, char: int, kind: SourceKind) -> tuple[str, ...]:
    token = doc.char_span(char, char + 1, alignment_mode="expand")
    noun = descriptor(doc, token.start) if token is not None and kind == "person" else None
    return (noun.lemma_.lower(), noun.lower_) if noun is not None else ()


_GENDER_WORDS = {"m.": "Masc", "monsieur": "Masc", "mme": "Fem", "mme.": "Fem", "madame": "Fem"}
_NAME_GENDER = {"m": "Masc", "f": "Fem"}


def _gender_near(
    doc: Doc,
    char: int,
    name: str = "",
    names: dict[str, str] | None = None,
    people: frozenset[str] | None = None,
) -> str | None:
    """Gender of a person from the words around the name (M., Mme, la ministre …), else from
    the first name. `people`: the nouns that can describe a person (others are ignored)."""
    words = name.split()
    if words and words[0].lower() in _GENDER_WORDS:
        return _GENDER_WORDS[words[0].lower()]
    token = doc.char_span(char, char + 1, alignment_mode="expand")
    if token is None:
        return None
    i = token.start
    for j in range(max(i - 2, 0), i):
        if doc[j].lower_ in ("m.", "monsieur"):
            return "Masc"
        if doc[j].lower_ in ("mme", "madame", "mme."):
            return "Fem"
    noun = descriptor(doc, i)
    if noun is not None and people is not None and not {noun.lemma_.lower(), noun.lower_} & people:
        noun = None  # 'Patrick Sauvageot, la fin d'un combat': not a word for a person
    if noun is not None:
        dets = [c for c in noun.children if c.dep_ == "det"]
        genders = (feats(dets[0], "Gender") if dets else ()) or feats(noun, "Gender")
        if genders:
            return genders[0]
    agreed = _agreement(doc, i, len(words))
    if agreed:
        return agreed
    if names and len(words) >= 2:
        return _NAME_GENDER.get(names.get(norm_first_name(words[0]), ""))
    return None


def _agreement(doc: Doc, i: int, length: int) -> str | None:
    """Gender shown by the agreement of a participle or an adjective with the name at token `i`:
    'Interrogée, Sylvie Marquet …' (the sentence opens with it), 'X s'est dite inquiète',
    'X est arrivée' (the name is the subject of an 'être' participle or attribute)."""
    end = min(i + max(length, 1), len(doc))
    name = [doc[k] for k in range(i, end) if doc[k].pos_ in ("PROPN", "NOUN")]
    head = next((t for t in name if not t.dep_.startswith("flat")), None)
    if head is not None and head.dep_ == "nsubj":
        verb = head.head
        with_etre = any(
            c.lemma_ == "être" and c.dep_ in ("aux", "aux:tense", "cop") for c in verb.children
        )
        if with_etre and verb.i > head.i and verb.pos_ in ("VERB", "ADJ"):
            genders = feats(verb, "Gender")
            if genders:
                return genders[0]
    if i >= 2 and doc[i - 1].text == ",":
        first = doc[i - 1].sent.start
        opener = doc[first]
        participle = "Part" in feats(opener, "VerbForm")
        if i - first <= 6 and opener.pos_ in ("VERB", "ADJ") and participle:
            genders = feats(opener, "Gender")
            if genders:
                return genders[0]
    return None


def norm_first_name(name: str) -> str:
    """Key of a first name in the first-name list: lower case, accents kept off."""
    return strip_accents(name.lower())


def is_first_or_second_person(token: Token) -> bool:
    return token.lower_ in _FIRST_SECOND


_RELATIVE_SUBJECTS = {"qui", "lequel", "laquelle", "lesquels", "lesquelles"}


def antecedent_of_relative(subject: Token) -> Token:
    """'Bernard Vidal, qui a publié ce message': 'qui' stands for the noun its clause hangs on."""
    if subject.lower_ in _RELATIVE_SUBJECTS:
        verb = subject.head
        if verb.dep_ == "acl:relcl" and verb.head.i != verb.i:
            return verb.head
    return subject


_NAME_TITLES = {"me", "m.", "mme", "dr", "pr", "mgr"}


def with_apposed_name(words: list[Token], hi: int) -> list[Token]:
    """'Sa présidente, Léa Fontanel, a annoncé': the name in apposition after a role noun phrase
    (token window ends at `hi`) is part of the speaker's words."""
    if not words:
        return words
    doc = words[0].doc
    k = words[-1].i + 1
    limit = min(hi, len(doc))
    if k + 1 >= limit or doc[k].text != ",":
        return words
    first = k + 1
    if doc[first].lower_ in _NAME_TITLES and first + 1 < limit:
        first += 1  # 'l'avocate des familles, Me Sophie Garrigue'
    if doc[first].pos_ != "PROPN" or any(w.pos_ == "PROPN" for w in words):
        return words
    end = first
    while end < min(hi, len(doc)) and doc[end].pos_ == "PROPN":
        end += 1
    return words + [doc[j] for j in range(k, end)]


def noun_phrase(token: Token, lo: int, hi: int) -> list[Token]:
    """The noun phrase headed by `token` (relative and adverbial clauses left out), inside the
    token window [lo, hi)."""
    dropped: set[int] = set()
    for child in token.children:
        if child.dep_ in ("acl:relcl", "acl", "advcl", "punct") and child.i > token.i:
            if child.dep_ == "punct":
                continue
            dropped.update(t.i for t in child.subtree)
    kept = [t for t in token.subtree if lo <= t.i < hi and t.i not in dropped]
    if not kept:
        return [token]
    first, last = kept[0].i, kept[-1].i
    words = [token.doc[k] for k in range(first, last + 1)]
    while words and (words[-1].is_punct or words[-1].is_space):
        words.pop()
    while words and (words[0].is_punct or words[0].is_space):
        words.pop(0)
    return words or [token]


def _head_noun(words: list[Token]) -> Token | None:
    for word in words:
        if word.pos_ in ("NOUN", "PROPN"):
            return word
    return None


def _cue_kind(words: list[Token], lexicon: ClaimLexicon) -> tuple[SourceKind | None, str]:
    """Kind from the cue words of the lexicon: a phrase in the words, else the head noun."""
    lowered = " ".join(w.lower_.replace("’", "'") for w in words)
    head = _head_noun(words)
    if head is not None:  # 'l'entourage du Premier ministre' is the entourage, not the minister
        for key in (head.lower_, head.lemma_.lower()):
            if lexicon.source_cues.get(key) == "anonymous":
                return "anonymous", key
    padded = " " + lowered + " "
    for cue, kind in lexicon.phrase_cues:
        if cue in padded:
            return kind, cue[1:-1]
    head = _head_noun(words)
    if head is not None:
        for key in (head.lower_, head.lemma_.lower()):
            if key in lexicon.source_cues:
                return lexicon.source_cues[key], key
    return None, ""


def resolve(words: list[Token], ctx: SourceContext) -> tuple[ClaimSource, str]:
    """The source of a statement from the words that name the speaker, and why."""
    start, end = words[0].idx, words[-1].idx + len(words[-1].text)
    text = ctx.text[start:end]
    first = words[0].lower_.replace("’", "'").removeprefix("-t").removeprefix("-")
    if len(words) == 1 and first in PRONOUNS:
        kind: SourceKind = "person" if first in ("il", "elle", "lui") else "organisation"
        speaker = ctx.recent_speaker(start, "person", PRONOUNS[first]) if kind == "person" else None
        if speaker is not None:
            return speaker.model_copy(), f"'{text}' refers back to {speaker.text}, who spoke last"
        found = ctx.antecedent(start, kind, PRONOUNS[first])
        if found is None and kind == "organisation":
            found = ctx.antecedent(start, "person", None)
        if found is not None:
            return _from_mention(found), f"'{text}' refers back to {found.text}"
        unresolved: SourceKind = "person" if kind == "person" else "unknown"
        return ClaimSource(text=text, start=start, end=end, kind=unresolved), f"'{text}' unresolved"
    cue_kind, cue = _cue_kind(words, ctx.lexicon)
    has_name = any(w.pos_ == "PROPN" for w in words)
    if cue_kind == "anonymous" or (
        first in _INDEFINITE and not has_name and cue_kind != "document"
    ):
        source = ClaimSource(text=text, start=start, end=end, kind="anonymous")
        return source, f"'{text}' is an unnamed source"
    if first in _DEMONSTRATIVE and cue_kind is not None:
        for earlier in reversed(ctx.seen):
            if earlier.kind == cue_kind:
                return earlier.model_copy(), f"'{text}' points back to {earlier.text}"
    mention = ctx.mention_in(start, end)
    if mention is not None and (
        (cue_kind == "person" and mention.kind != "person") or cue_kind == "document"
    ):
        mention = None  # 'la ministre de la Santé': a role, whatever the name inside it
    if mention is not None:
        source = _from_mention(mention)
        if cue_kind in ("outlet", "document") or (
            source.kind == "unknown" and cue_kind is not None and cue_kind != "person"
        ):
            source.kind = cue_kind
        elif source.kind == "unknown" and cue_kind == "person":
            source.kind = "person"
        return source, f"'{mention.text}' names the source"
    if cue_kind == "person" and first not in _POSSESSIVE:
        head = _head_noun(words)
        genders: tuple[str, ...] = ()
        if head is not None:
            det = [w for w in words if w.i < head.i and w.pos_ == "DET"]
            genders = (feats(det[-1], "Gender") if det else ()) or feats(head, "Gender")
        gender = genders[0] if genders else None
        found = ctx.role_holder(start, cue, gender)
        if found is not None:
            return _from_mention(found), f"'{text}' refers back to {found.text}, given that role"
        if _indefinite_complement(words, head):
            source = ClaimSource(text=text, start=start, end=end, kind="anonymous")
            return source, f"'{text}' is an unnamed source"
        found = ctx.antecedent(start, "person", gender, cue)
        if found is not None:
            return _from_mention(found), f"'{text}' refers back to {found.text}"
        return ClaimSource(text=text, start=start, end=end, kind="person"), f"'{text}' is a role"
    kind = cue_kind or "unknown"
    return ClaimSource(text=text, start=start, end=end, kind=kind), f"'{text}' is the source"


def _indefinite_complement(words: list[Token], head: Token | None) -> bool:
    """'le directeur d'un établissement': a role in some unnamed body is nobody in particular."""
    if head is None:
        return False
    after = [w.lower_ for w in words if w.i > head.i]
    return any(
        a in ("d'", "d’", "de") and b in ("un", "une", "plusieurs") for a, b in pairwise(after)
    )


def _from_mention(mention: Mention) -> ClaimSource:
    return ClaimSource(
        text=mention.text,
        start=mention.start,
        end=mention.end,
        entity=mention.entity,
        kind=mention.kind,
    )
