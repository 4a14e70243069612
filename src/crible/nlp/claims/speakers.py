"""The attribution stage: who said a quotation.

Candidates are the words around the quotation that can name a speaker: the subject of a verb in
the introduction before it (through "qui" to the name it refers to), the inverted subject of an
incise after it ("», a réagi sur X la chanteuse Y", "», a-t-il ajouté", "», selon X"), a clitic
inside it ("« …, dit-elle. … »"), the speaker of the sentence that opens a quotation block
(a paragraph ending with a colon), the interviewee of a question-and-answer layout, the speaker
the paragraph has already introduced, and the speaker of the previous quotations. Mentions inside
the quotation and objects of the introducing verb ("s'en est pris à Y :") are never candidates:
only subjects are read.

The rules are tried in the order of `RULES` (docs/architecture.md lists them); the first that
finds a speaker wins, and its name goes into the claim's `why`. Every function here is pure: it
reads the parsed `Doc` and returns a `SpeakerChoice` or None.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from crible.model import ClaimSource
from crible.nlp.claims.attribution import (
    clitic,
    find_according,
    find_incise,
    reporting_verbs,
    subject_of,
)
from crible.nlp.claims.lexicon import ClaimLexicon
from crible.nlp.claims.sources import antecedent_of_relative, noun_phrase, with_apposed_name

# In the order they are tried; the value is what `why` says.
RULES = {
    "intro": "subject of the reporting verb before the quotation",
    "colon": "subject of the sentence that opens the quotation with a colon",
    "incise": "subject of the incise after the quotation",
    "according": "'selon X' next to the quotation",
    "inner": "pronoun of the incise inside the quotation",
    "block": "speaker of the paragraph that announces the quotation (ends with a colon)",
    "answer": "the interviewee answers the question before",
    "paragraph": "speaker already introduced in the paragraph",
    "subject": "person the previous sentence is about",
    "continuity": "speaker of the previous quotations, no other speaker introduced since",
}
_SKIP_IN_TAIL = {"lui", "leur", "nous", "vous", "me", "m'", "m’", "se", "s'", "s’", "y", "en"}
_INCISE_REACH = 4  # tokens after the closing mark where the incise verb may be
_STOP_SPEAKER = {",", ".", ";", ":", "!", "?", "«", "»", "(", ")"}


@dataclass(frozen=True)
class SpeakerChoice:
    """A speaker found by one rule: words to resolve into a source, or a source already known."""

    rule: str  # a key of RULES
    words: list[Token] | None = None
    source: ClaimSource | None = None
    cue: tuple[int, int] | None = None

    @property
    def why(self) -> str:
        return f"speaker rule: {RULES[self.rule]}"


def cue_range(verb: Token) -> tuple[int, int]:
    """The verb with the auxiliaries before it ('a déclaré', 'a-t-il ajouté' -> 'a … ajouté')."""
    start = verb.idx
    for child in verb.children:
        if child.dep_.startswith("aux") and child.i < verb.i:
            start = min(start, child.idx)
    return start, verb.idx + len(verb.text)


def speaker_words(subject: Token, lo: int, hi: int) -> list[Token]:
    """The noun phrase naming the speaker, from its subject token, inside [lo, hi)."""
    subject = antecedent_of_relative(subject)
    return with_apposed_name(noun_phrase(subject, min(lo, subject.i), hi), hi)


def _clause_verb(token: Token) -> Token | None:
    """The verb whose clause holds `token`, climbing from gerunds and infinitives ('en
    commentant') to the verb that has a subject."""
    verb: Token | None = token if token.pos_ in ("VERB", "AUX") else None
    if verb is None:
        for ancestor in token.ancestors:
            if ancestor.pos_ in ("VERB", "AUX"):
                verb = ancestor
                break
    steps = 0
    while verb is not None and subject_of(verb) is None and steps < 4:
        if verb.head.i == verb.i:
            return None
        verb = verb.head
        steps += 1
    return verb


def intro_speaker(intro: Span, lexicon: ClaimLexicon, colon: bool) -> SpeakerChoice | None:
    """'X a déclaré : « …', 'X, qui a publié ce message :', 'Selon X, « …'. After a colon any
    verb counts ('a défendu ces choix :', 's'en est pris à Y :'): its subject, never its object."""
    verbs = reporting_verbs(intro, lexicon)
    for token, _verb in reversed(verbs):
        subject = subject_of(token)
        if subject is not None and subject.dep_ == "nsubj:pass":
            continue  # 'le message avait été publié': what is reported, not who speaks
        if subject is not None and intro.start <= subject.i < intro.end:
            hi = token.i if subject.i < token.i else intro.end
            words = speaker_words(subject, intro.start, hi)
            return SpeakerChoice("intro", words, cue=cue_range(token))
    according = find_according(intro)
    if according is not None:
        return SpeakerChoice(
            "according", according.speaker, cue=(according.cue_start, according.cue_end)
        )
    if not colon:
        return None
    last = intro.end - 1
    while last > intro.start and (intro.doc[last].is_punct or intro.doc[last].is_space):
        last -= 1
    verb = _clause_verb(intro.doc[last])
    if verb is None or not intro.start <= verb.i < intro.end:
        return None
    subject = subject_of(verb)
    if subject is None or not intro.start <= subject.i < intro.end:
        return None
    hi = verb.i if subject.i < verb.i else intro.end
    words = speaker_words(subject, intro.start, hi)
    if not any(w.pos_ in ("PROPN", "NOUN", "PRON") for w in words):
        return None
    return SpeakerChoice("colon", words, cue=cue_range(verb))


def tail_speaker(tail: Span, lexicon: ClaimLexicon) -> SpeakerChoice | None:
    """'« … », a indiqué le ministre', '« … », lui a répondu sur X la vice-présidente, Y',
    '« … » a-t-il dit', '« … », selon X'. The verb must come right after the closing mark; any
    verb whose subject follows it is an incise, in the lexicon or not ('sourit-il')."""
    doc = tail.doc
    k = tail.start
    while k < tail.end and (doc[k].is_punct or doc[k].is_space) and doc[k].text != "«":
        k += 1
    if k < tail.end and doc[k].lower_ in ("selon", "d'après", "d’après"):
        according = find_according(tail, allow_empty=True)
        if according is not None:
            return SpeakerChoice(
                "according", according.speaker, cue=(according.cue_start, according.cue_end)
            )
        return None
    first = k
    while k < tail.end and k < first + _INCISE_REACH:
        token = doc[k]
        if token.pos_ == "VERB" or (token.pos_ == "AUX" and not _has_verb_after(doc, k, tail.end)):
            words = _inverted_speaker(tail, token)
            if words:
                return SpeakerChoice("incise", words, cue=cue_range(token))
            return None
        skippable = token.dep_.startswith("aux") or token.lower_ in _SKIP_IN_TAIL
        if not (skippable or token.pos_ == "ADV"):
            break
        k += 1
    incise = find_incise(tail, lexicon)
    if incise is not None and incise.cue_start <= tail.start_char + 12:
        return SpeakerChoice("incise", incise.speaker, cue=(incise.cue_start, incise.cue_end))
    return None


def _has_verb_after(doc: Doc, k: int, end: int) -> bool:
    return k + 1 < end and doc[k + 1].pos_ == "VERB"


def _inverted_speaker(tail: Span, verb: Token) -> list[Token]:
    """The subject after an incise verb: a clitic ('-t-il'), the parser's subject, or the first
    noun phrase after the verb once its complements ('sur X', 'dans les couloirs') are skipped."""
    doc = tail.doc
    for k in (verb.i + 1, verb.i + 2):
        if k < tail.end and clitic(doc[k].lower_):
            return [doc[k]]
    subject = subject_of(verb)
    if subject is not None and subject.i > verb.i and subject.i < tail.end:
        return _apposed(tail, noun_phrase(subject, verb.i + 1, tail.end))
    k = verb.i + 1
    while k < tail.end:
        token = doc[k]
        if token.text in _STOP_SPEAKER:
            return []
        if token.pos_ == "ADP":
            k = _skip_phrase(tail, k)
            continue
        if token.pos_ == "ADV":
            k += 1
            continue
        if token.pos_ in ("DET", "NOUN", "PROPN"):
            end = k
            while end < tail.end and doc[end].text not in _STOP_SPEAKER:
                end += 1
            return _apposed(tail, [doc[j] for j in range(k, end)])
        return []
    return []


def _skip_phrase(tail: Span, k: int) -> int:
    """Index after the prepositional phrase starting at `k` ('sur les réseaux sociaux'): the
    subtree of the noun the preposition introduces."""
    doc = tail.doc
    head = doc[k].head
    if head.i <= k:
        return k + 1
    # the noun and the adjectives right after it: the parser often hangs the speaker on it
    j = head.i + 1
    while j < tail.end and doc[j].pos_ == "ADJ":
        j += 1
    return min(j, tail.end)


def _apposed(tail: Span, words: list[Token]) -> list[Token]:
    """'la vice-présidente chargée de la vie étudiante, Claire Husson': add the name apposed."""
    return with_apposed_name(words, tail.end)


def inner_speaker(inner: Span, lexicon: ClaimLexicon) -> SpeakerChoice | None:
    """'« Il faut agir, dit-elle. Nous … »': the speaker named inside the quotation."""
    doc = inner.doc
    for token, _verb in reporting_verbs(inner, lexicon):
        if token.i == inner.start or doc[token.i - 1].text != ",":
            continue
        for k in (token.i + 1, token.i + 2):
            if k < inner.end and clitic(doc[k].lower_):
                end = doc[k].idx + len(doc[k].text)
                return SpeakerChoice("inner", [doc[k]], cue=(token.idx, end))
    return None


def main_subject(segment: Span) -> Token | None:
    """The subject of the sentence's main verb, when it names a person (a proper noun)."""
    root = segment.root
    subject = subject_of(root) if root.pos_ in ("VERB", "AUX") else None
    if subject is None:
        for child in root.children:
            if child.dep_.startswith("nsubj"):
                subject = child
    if subject is None or subject.pos_ not in ("PROPN", "NOUN"):
        return None
    if subject.pos_ == "NOUN" and not any(
        t.pos_ == "PROPN" and t.i > subject.i and t.head.i == subject.i for t in subject.subtree
    ):
        return None  # 'Le maire Paul Girard' names a person; 'Le projet' does not
    return subject
