"""Reported speech inside one segment: "selon X", "X affirme que …", "…, a indiqué X".

Each finder is a pure function of a segment; it returns where the cue, the speaker words and the
reported content are, or None.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace

from spacy.attrs import LEMMA, LOWER, POS
from spacy.strings import hash_string  # type: ignore[attr-defined]
from spacy.symbols import ADJ, ADP, DET, NOUN, PROPN, PUNCT
from spacy.tokens import Doc, Span, Token

from crible.model import ClaimType
from crible.nlp.claims.lexicon import ClaimLexicon, ReportingVerb
from crible.nlp.claims.sources import (
    antecedent_of_relative,
    is_first_or_second_person,
    noun_phrase,
    with_apposed_name,
)
from crible.nlp.claims.tokens import feats
from crible.nlp.spans import entities_within

_QUE = {"que", "qu'", "qu’"}
_SUBJECT_PRONOUNS = {"il", "elle", "ils", "elles"}  # 'mais il estime': the model says expl:subj
_APOSTROPHE_D = {"d'", "d’"}
_AFTER_SUBJECT = {"à", "au", "aux", "devant", "lors", "dans", "sur", "hier", "mardi"}
_NEGATION = {"ne", "n'", "n’", "pas", "ni", "jamais"}
_SKIP_BEFORE_QUE = {"ADV", "PRON", "PUNCT", "ADP", "DET", "NOUN", "PROPN", "ADJ"}
_RELATIVE = {"lequel", "laquelle", "lesquels", "lesquelles", "quoi"}  # 'selon lesquelles': no cue
# the word each phrase of `find_according` turns on ('de' counts only before 'source')
_ACCORDING_IDS = frozenset(
    hash_string(word) for word in ("pour", "selon", "d'après", "d’après", "après", "par")
)
_DE, _SOURCE = hash_string("de"), hash_string("source")
_ACCORDING_KEY = "crible_according_at"


def _according_positions(doc: Doc) -> list[int]:
    """The tokens `find_according` has to look at, read once per doc from one array (most
    sentences have none of them: no Token object is made for their words)."""
    cached: list[int] | None = doc.user_data.get(_ACCORDING_KEY)
    if cached is None:
        lowers = doc.to_array(LOWER).tolist() if len(doc) else []
        cached = [
            i
            for i, low in enumerate(lowers)
            if low in _ACCORDING_IDS
            or (low == _DE and i + 1 < len(lowers) and lowers[i + 1] == _SOURCE)
        ]
        doc.user_data[_ACCORDING_KEY] = cached
    return cached
_COORDINATION = {"et", "puis", "mais"}
_OPENING_MARKS = {"«", "“", '"'}  # 'a démenti « toute négociation »': a quoted object


@dataclass(frozen=True)
class Attribution:
    type: ClaimType
    cue_start: int
    cue_end: int
    speaker: list[Token]
    content_start: int
    content_end: int
    verb: ReportingVerb | None = None
    verb_text: str = ""
    rule: str = "subject"  # how the speaker was found: a key of REPORT_RULES


# What `why` says about how the speaker of a report was found.
REPORT_RULES = {
    "subject": "subject of the reporting verb",
    "according": "'selon X' names the source",
    "pour": "'Pour X,' opens the sentence with the source",
    "passive": "agent of the passive ('par X')",
    "incise": "subject of the incise after the statement",
    "participle": "the participle reports for the subject of the verb before",
    "relative": "'qui' after the source reports again",
}


def reporting_verbs(span: Span, lexicon: ClaimLexicon) -> list[tuple[Token, ReportingVerb]]:
    """Tokens of `span` that are finite (or compound) uses of a reporting verb."""
    # Whether a token is one does not depend on the span, and the finders ask for overlapping
    # spans: the doc is scanned once and the token indices kept (as plain ints) in user_data.
    doc = span.doc
    key = f"crible_reporting_verbs_{lexicon.lang}"
    indices: tuple[int, ...] | None = doc.user_data.get(key)
    if indices is None:
        indices = tuple(token.i for token, _ in _scan_reporting_verbs(doc, lexicon))
        doc.user_data[key] = indices
    found = []
    for i in indices:
        if span.start <= i < span.end:
            verb = lexicon.verb(doc[i].lemma_, doc[i].text)
            if verb is not None:  # always, by construction of `indices`
                found.append((doc[i], verb))
    return found


_NOT_VERBS = frozenset({NOUN, PROPN, DET, ADP, PUNCT, ADJ})
# (language, part of speech, LOWER id, LEMMA id) -> can the token be a reporting verb
_MAYBE_VERB: dict[tuple[str, bool, int, int], bool] = {}
_MAYBE_VERB_MAX = 200_000


def _scan_reporting_verbs(doc: Doc, lexicon: ClaimLexicon) -> list[tuple[Token, ReportingVerb]]:
    found = []
    strings = doc.vocab.strings
    rows = doc.to_array([POS, LOWER, LEMMA]).tolist() if len(doc) else []
    for i, (pos, lower, lemma) in enumerate(rows):
        # The test on words alone, from one array and cached by word: a Token object is made
        # only for the few words that pass it.
        key = (lexicon.lang, pos in _NOT_VERBS, lower, lemma)
        maybe = _MAYBE_VERB.get(key)
        if maybe is None:
            if len(_MAYBE_VERB) > _MAYBE_VERB_MAX:
                _MAYBE_VERB.clear()
            low = strings[lower]
            maybe = (not key[1] or low in lexicon.forms) and (
                lexicon.verb(strings[lemma] if lemma else "", low) is not None
            )
            _MAYBE_VERB[key] = maybe
        if not maybe:
            continue
        token = doc[i]
        verb = lexicon.verb(token.lemma_, token.text)
        if verb is None:
            continue
        if "Inf" in feats(token, "VerbForm"):
            continue
        followed_by_que = token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ in _QUE
        has_aux = any(c.dep_.startswith("aux") for c in token.children)
        participle = "Fin" not in feats(token, "VerbForm")
        if token.dep_ in ("acl", "amod") and participle and not has_aux and not followed_by_que:
            continue
        found.append((token, verb))
    return found


def subject_of(verb: Token) -> Token | None:
    """The subject of a verb; a coordinated verb, a gerund or a present participle without one
    shares the subject of the verb it hangs on ('a réagi X, qualifiant …', 'tout en réclamant')."""
    for child in verb.children:
        if child.dep_.startswith("nsubj") or (
            child.dep_ == "expl:subj" and child.lower_ in _SUBJECT_PRONOUNS
        ):
            return child
    if verb.head.i == verb.i:
        return None
    if verb.dep_ == "conj":
        return subject_of(verb.head)
    if is_participle_report(verb) and verb.dep_ != "conj":
        return subject_of(verb.head)
    return None


def is_participle_report(verb: Token) -> bool:
    """'qualifiant', 'tout en réclamant': a present participle that reports for the subject of
    the verb it hangs on."""
    return (
        verb.dep_ in ("advcl", "xcomp", "conj")
        and "Part" in feats(verb, "VerbForm")
        and verb.lower_.endswith("ant")
    )


def verb_cue(verb: Token) -> tuple[int, int]:
    """The verb with its auxiliaries and negation ("n'a ni confirmé ni démenti")."""
    start = verb.idx
    for child in verb.children:
        negation = child.dep_ == "advmod" and child.lower_ in _NEGATION
        if child.i < verb.i and (child.dep_.startswith("aux") or negation):
            start = min(start, child.idx)
    end = verb.idx + len(verb.text)
    for child in verb.children:
        if child.dep_ == "conj" and child.i <= verb.i + 3:
            end = max(end, child.idx + len(child.text))
    return start, end


def _trim_end(span: Span, upto: int) -> int:
    """Char end of `span` up to token `upto`, final punctuation dropped."""
    k = upto
    while k > span.start and (span.doc[k - 1].is_punct or span.doc[k - 1].is_space):
        k -= 1
    return (
        int(span.doc[k - 1].idx + len(span.doc[k - 1].text)) if k > span.start else span.start_char
    )


_CLAUSE_BREAK = {"mais", "tandis", "alors", "cependant", "pourtant"}


def clause_end(span: Span, first: int) -> int:
    """Token index where reported content starting at token `first` ends: the end of the
    segment, or before a second clause that has its own subject (', mais le ministère conteste
    …', 'tandis que X affirme …') or reports for the same subject (', qualifiant …', ', tout en
    réclamant …')."""
    doc = span.doc
    for k in range(first + 1, span.end - 1):
        token = doc[k]
        low = token.lower_
        after_comma = doc[k - 1].text == ","
        if low in _CLAUSE_BREAK and (after_comma or low == "mais") and _own_clause(span, k + 1):
            return k - 1 if after_comma else k
        if token.text == "," and k + 1 < span.end:
            nxt = doc[k + 1]
            after = doc[k + 3] if nxt.lower_ == "tout" and k + 3 < span.end else nxt
            if after.lower_ == "en" and k + 2 < span.end:
                after = doc[after.i + 1]
            if is_participle_report(after):
                return k
    return span.end


def _own_clause(span: Span, start: int) -> bool:
    """Does a clause with its own subject start at token `start` ('la FEO affirme …')?"""
    doc = span.doc
    for k in range(start, min(start + 12, span.end)):
        token = doc[k]
        punctuation = token.text in (",", ";", ":") and k > start
        if punctuation and doc[start].lower_ not in ("la", "le", "les", "l'", "l’"):
            return False
        subject = token.dep_.startswith("nsubj") or token.dep_ == "expl:subj"
        if subject and token.head.i > token.i:
            return token.head.pos_ in ("VERB", "AUX")
    return False


def find_according(
    span: Span, allow_empty: bool = False, lexicon: ClaimLexicon | None = None
) -> Attribution | None:
    """'selon X', "d'après X", 'de source X', 'cité par X', and (given the lexicon, which tells a
    source noun) 'Pour X, …' at the start of a sentence. With `allow_empty`, the phrase may stand
    alone (after a quotation: '« … », selon X')."""
    doc = span.doc
    positions = _according_positions(doc)
    for i in positions[bisect_left(positions, span.start) : bisect_left(positions, span.end)]:
        token = doc[i]
        low = token.lower_
        cue_first: Token | None = None
        speaker_from = token.i + 1
        if low == "pour" and lexicon is not None and _pour_source(span, token, lexicon):
            cue_first = token
        elif low in ("selon", "d'après", "d’après"):
            if token.i + 1 < span.end and doc[token.i + 1].lower_ in _RELATIVE:
                continue  # 'les informations selon lesquelles …' is the content, not a source
            cue_first = token
        elif low == "après" and token.i > span.start and doc[token.i - 1].lower_ in _APOSTROPHE_D:
            cue_first = doc[token.i - 1]
        elif low == "de" and token.i + 1 < span.end and doc[token.i + 1].lower_ == "source":
            cue_first, speaker_from = token, token.i
        elif low == "par" and token.i > span.start and doc[token.i - 1].lemma_.lower() == "citer":
            cue_first = doc[token.i - 1]
        if cue_first is None:
            continue
        stop = speaker_from
        while stop < span.end and doc[stop].text not in (",", ".", ";", ":", "«", "»", "!", "?"):
            stop += 1
        if stop == speaker_from or (speaker_from == token.i and stop - speaker_from < 2):
            continue
        stop = _apposed_name(span, stop)
        speaker = [doc[k] for k in range(speaker_from, stop)]
        if len(speaker) == 1 and speaker[0].lower_ in ("moi", "nous", "toi", "vous"):
            continue  # 'selon moi': the author's own view, not a report
        cue_start, cue_end = cue_first.idx, speaker[-1].idx + len(speaker[-1].text)
        if stop < span.end and doc[stop].text == "," and stop + 1 < span.end:
            content_start = doc[stop + 1].idx
            content_end = _trim_end(span, clause_end(span, stop + 1))
        else:
            first = span.start
            k = cue_first.i
            while k > first and doc[k - 1].is_punct:
                k -= 1
            content_start, content_end = span.start_char, _trim_end(span, k)
        if content_end <= content_start and not allow_empty:
            continue
        rule = "pour" if low == "pour" else "according"
        return Attribution(
            "according_to", cue_start, cue_end, speaker, content_start, content_end, rule=rule
        )
    return None


def _pour_source(span: Span, token: Token, lexicon: ClaimLexicon) -> bool:
    """'Pour la déléguée du syndicat, Karima Benhaddou, …', "Pour l'association X, …": the
    sentence opens with 'pour', a phrase that names a person or a body, then a comma."""
    doc = span.doc
    if token.i != span.start and not (
        token.i == span.start + 1 and doc[span.start].lower_ in _COORDINATION
    ):
        return False
    k = token.i + 1
    while k < span.end and doc[k].text not in (",", ".", ";", ":", "«"):
        k += 1
    if k >= span.end or doc[k].text != "," or k - token.i < 2:
        return False
    words = [doc[j] for j in range(token.i + 1, k)]
    if words[0].pos_ == "PRON":
        return words[0].lower_ in ("lui", "elle", "eux", "elles")
    if words[0].pos_ not in ("DET", "PROPN"):
        return False
    head = next((w for w in words if w.pos_ in ("NOUN", "PROPN")), None)
    if head is None:
        return False
    if head.pos_ == "PROPN":
        return True
    kind = lexicon.source_cues.get(head.lemma_.lower()) or lexicon.source_cues.get(head.lower_)
    return kind in ("person", "organisation", "outlet")


def _text(span: Span, start: int, end: int) -> str:
    """Text of a char range without rebuilding `doc.text` (costly on long documents)."""
    part = span.doc.char_span(start, end, alignment_mode="expand")
    return str(part.text) if part is not None else ""


def _apposed_name(span: Span, stop: int) -> int:
    """'selon la maire de Rennes, Nathalie Appéré, …': take the name in apposition too."""
    doc = span.doc
    if stop + 1 >= span.end or doc[stop].text != ",":
        return stop
    for ent in entities_within(span):
        apposed = ent.label_ == "PER" and ent.start == stop + 1 and ent.end < span.end
        if apposed and doc[ent.end].text == ",":
            return int(ent.end)
    return stop


def find_indirect(span: Span, lexicon: ClaimLexicon) -> Attribution | None:
    """'X affirme que …', 'X dément avoir …', 'X a confirmé l'information'."""
    doc = span.doc
    for verb_token, verb in reporting_verbs(span, lexicon):
        subject = subject_of(verb_token)
        before_relative = None
        if subject is None:
            before_relative = subject_before_commas(span, verb_token)
            subject = before_relative or _nearest_subject(span, verb_token)
        if subject is None or subject.i > verb_token.i or is_first_or_second_person(subject):
            continue
        if any(c.dep_ == "aux:pass" for c in verb_token.children):
            continue  # 'la hausse n'a pas été confirmée': the subject is what is reported
        before = verb_token.i - 1
        while before > span.start and doc[before].dep_.startswith("aux"):
            before -= 1
        if doc[before].text == "," and subject_of(verb_token) is None and not before_relative:
            continue  # an incise ('…, rapporte l'AFP'): find_incise reads it
        subject = antecedent_of_relative(subject)
        if not span.start <= subject.i < span.end:
            continue
        speaker = with_apposed_name(noun_phrase(subject, span.start, verb_token.i), verb_token.i)
        found = report_of(span, verb_token, verb, speaker)
        if found is not None:
            return found
    return None


def find_coordinated(span: Span, lexicon: ClaimLexicon, first: Attribution) -> list[Attribution]:
    """'X a assuré que … et a démenti toute négociation': a reporting verb coordinated with the
    first one and sharing its subject is a report of its own. Returns the first attribution cut
    before the coordination, then one attribution per coordinated verb; `[first]` when none."""
    doc = span.doc
    found = [first]
    for verb_token, verb in reporting_verbs(span, lexicon):
        previous = found[-1]
        if verb_token.idx < previous.cue_end or verb_token.idx >= previous.content_end:
            continue
        own = next((c for c in verb_token.children if c.dep_.startswith("nsubj")), None)
        if own is not None and own.i < verb_token.i and own.idx < previous.content_start:
            continue  # a subject of its own before the report ('X dit que Y a nié …')
        k = verb_token.i - 1
        while k > span.start and (
            doc[k].dep_.startswith("aux") or doc[k].lower_ in _NEGATION or doc[k].dep_ == "expl"
        ):
            k -= 1
        if doc[k].lower_ not in _COORDINATION or doc[k].idx <= previous.content_start:
            continue
        second = report_of(span, verb_token, verb, previous.speaker)
        if second is None:
            continue
        cut = _trim_end(span, k)
        found[-1] = replace(previous, content_end=cut)
        found.append(second)
    return found


_PRONOMINAL = {"se", "s'", "s’"}


def _infinitive_after(span: Span, verb: Token) -> int | None:
    """'a raconté avoir alerté sa hiérarchie', "affirme n'avoir « aucun désaccord »": an
    infinitive clause right after the verb (its negation included) is the content."""
    doc = span.doc
    k = verb.i + 1
    first = k
    while k < span.end and k <= verb.i + 3 and doc[k].lower_ in _NEGATION | {"n'", "n’"}:
        k += 1
    if k < span.end and doc[k].pos_ in ("VERB", "AUX") and "Inf" in feats(doc[k], "VerbForm"):
        return first
    return None


def _pronominal_attribute(verb: Token) -> bool:
    """'elle s'est dite « très inquiète »', 'il s'est déclaré favorable': a reflexive reporting
    verb whose attribute is the content."""
    return verb.lemma_ in ("dire", "déclarer") and any(
        c.lower_ in _PRONOMINAL and c.i < verb.i for c in verb.children
    )


def report_of(
    span: Span,
    verb_token: Token,
    verb: ReportingVerb,
    speaker: list[Token],
) -> Attribution | None:
    """The reported content of a reporting verb: its 'que' clause, else (for verbs whose object
    is the content) the words after the verb, up to the end of the segment."""
    doc = span.doc
    content_from = None
    k = verb_token.i + 1
    while k < span.end and k <= verb_token.i + 7:
        if doc[k].lower_ in _QUE:
            content_from = k + 1
            break
        if doc[k].pos_ not in _SKIP_BEFORE_QUE:
            break
        k += 1
    cue_start, cue_end = verb_cue(verb_token)
    if content_from is None:
        content_from = _infinitive_after(span, verb_token)
    takes_object = verb.takes_object or _pronominal_attribute(verb_token)
    if content_from is None and takes_object:
        after = next((t.i for t in span if t.idx >= cue_end), span.end)
        after = _skip_complements(span, after)
        if after < span.end and (not doc[after].is_punct or doc[after].text in _OPENING_MARKS):
            content_from = after
    if content_from is None or content_from >= span.end:
        return None
    content_end = _trim_end(span, clause_end(span, content_from))
    content_start = doc[content_from].idx
    if content_end <= content_start:
        return None
    return _indirect(span, verb, speaker, (cue_start, cue_end), (content_start, content_end))


def _indirect(
    span: Span,
    verb: ReportingVerb,
    speaker: list[Token],
    cue: tuple[int, int],
    content: tuple[int, int],
) -> Attribution:
    return Attribution(
        "indirect", cue[0], cue[1], speaker, content[0], content[1], verb, _text(span, *cue)
    )


_COMPLEMENT_HEADS = {"sur", "dans", "devant", "lors", "auprès", "à", "au", "aux", "en", "via"}
_KEEP_ADVERBS = {"ne", "n'", "n’", "tout", "toute", "tous", "toutes", "aucun", "aucune", "plus"}
_TIME_WORDS = {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "hier"}


def _skip_complements(span: Span, k: int) -> int:
    """'a accusé sur X Margaux Delorme de …', 'a réclamé mercredi l'abandon …': the object comes
    after the place, channel or day of the statement."""
    doc = span.doc
    start = k
    while k < span.end and k < start + 8:
        token = doc[k]
        adverb = (
            token.pos_ == "ADV" and token.head.i < token.i and token.lower_ not in _KEEP_ADVERBS
        )
        if token.lower_ in _TIME_WORDS or adverb:
            k += 1
            continue
        if token.lower_ in _COMPLEMENT_HEADS and token.pos_ == "ADP":
            head = token.head
            if head.i < k or head.i >= span.end:
                return k
            k = max(t.i for t in head.subtree if t.i < span.end) + 1
            if k < span.end and doc[k].text == ",":
                k += 1
            continue
        break
    return k


def find_passive(span: Span, lexicon: ClaimLexicon) -> Attribution | None:
    """'Ce calendrier a été confirmé mercredi par X', "L'adoption du texte a été qualifiée
    d'« historique » par Y": the subject is what is reported, the agent after 'par' the source."""
    doc = span.doc
    for verb_token, verb in reporting_verbs(span, lexicon):
        if not any(c.dep_ == "aux:pass" for c in verb_token.children):
            continue
        agent = next((c for c in verb_token.children if c.dep_ == "obl:agent"), None)
        subject = next((c for c in verb_token.children if c.dep_ == "nsubj:pass"), None)
        if agent is None or subject is None or subject.i > verb_token.i:
            continue
        if verb_token.dep_ in ("ccomp", "xcomp") and lexicon.verb(
            verb_token.head.lemma_, verb_token.head.text
        ):
            continue  # inside the clause another verb reports: 'a assuré que X avait été publié'
        if is_first_or_second_person(agent):
            continue
        if not span.start <= agent.i < span.end:
            continue
        speaker = []
        for t in agent.subtree:
            if (t.i <= agent.i and t.lower_ == "par") or not span.start <= t.i < span.end:
                continue
            if t.i > agent.i and (t.text in (",", ";", "(") or t.lower_ in _RELATIVE_OPENERS):
                break  # the agent ends before its relative clause or apposition
            speaker.append(t)
        while speaker and (speaker[-1].is_punct or speaker[-1].is_space):
            speaker.pop()
        speaker = with_apposed_name(speaker, span.end)
        subtree = [t.i for t in subject.subtree if span.start <= t.i < span.end]
        content_start = doc[min(subtree)].idx
        last = max(subtree) + 1
        cue_start, cue_end = verb_cue(verb_token)
        if verb.lemma == "qualifier":  # the quality is the content: "qualifiée d'« historique »"
            last = max(last, max(t.i for t in verb_token.subtree if t.i < agent.i) + 1)
        content_end = _trim_end(span, last)
        if content_end <= content_start or not speaker:
            continue
        return replace(
            _indirect(span, verb, speaker, (cue_start, cue_end), (content_start, content_end)),
            rule="passive",
        )
    return None


def find_incise(span: Span, lexicon: ClaimLexicon, after: int | None = None) -> Attribution | None:
    """'…, a indiqué le ministre à l'AFP' / '…, rapporte l'AFP' / '…, affirme-t-il': a reporting
    verb after a comma, with its subject after it. `after` (token index) restricts the search."""
    doc = span.doc
    for verb_token, verb in reporting_verbs(span, lexicon):
        if after is not None and verb_token.i < after:
            continue
        k = verb_token.i - 1
        while k >= span.start and (
            doc[k].dep_.startswith("aux") or clitic(doc[k].lower_) or doc[k].lower_ == "-t"
        ):
            k -= 1
        if k < span.start or doc[k].text not in (",", "»", "”", '"'):
            continue
        own = subject_of(verb_token)
        if own is not None and span.start <= own.i < verb_token.i:
            between = doc[own.i + 1 : verb_token.i]
            if not any(t.pos_ == "VERB" for t in between):
                continue  # 'X, président de Y, a demandé …': the subject comes first, no incise
        speaker_tokens = _inverted_subject(span, verb_token)
        if not speaker_tokens or any(
            t.lower_ in _QUE or t.pos_ in ("VERB", "SCONJ") for t in speaker_tokens
        ):
            continue  # '…, a démenti mercredi que …' is not an incise: a clause follows
        content_end = _trim_end(span, k + 1)  # empty when the incise follows a quotation
        cue_start, cue_end = doc[k + 1].idx, verb_token.idx + len(verb_token.text)
        return Attribution(
            "according_to",
            cue_start,
            cue_end,
            speaker_tokens,
            span.start_char,
            content_end,
            verb,
            _text(span, cue_start, cue_end),
            rule="incise",
        )
    return None


def _inverted_subject(span: Span, verb: Token) -> list[Token]:
    doc = span.doc
    for k in (verb.i - 1, verb.i + 1, verb.i + 2):
        if span.start <= k < span.end and clitic(doc[k].lower_):
            return [doc[k]]
    subject = subject_of(verb)
    if subject is not None and subject.i > verb.i:
        words = noun_phrase(subject, verb.i + 1, span.end)
        cut = next((k for k, w in enumerate(words) if k and w.lower_ in _AFTER_SUBJECT), None)
        return with_apposed_name(words[:cut] if cut else words, span.end)
    words = []
    for k in range(verb.i + 1, span.end):
        token = doc[k]
        if token.is_punct or token.lower_ in _AFTER_SUBJECT:
            break
        words.append(token)
    if not any(w.pos_ in ("NOUN", "PROPN", "PRON") for w in words):
        return []
    return with_apposed_name(words, span.end)


def clitic(word: str) -> bool:
    """'-il', '-t-elle', '-ils': an inverted subject pronoun."""
    word = word.removeprefix("-t").removeprefix("-")
    return word in ("il", "elle", "ils", "elles")


_RELATIVE_OPENERS = {"dont", "qui", "où", "que", "qu'", "qu’"}


def _skip_relative(span: Span, k: int) -> int:
    """From the comma just before a verb, the index before a comma-bounded relative clause
    ('l'entreprise, dont l'usine est à Cambrai, indique'): the model often hangs the verb there."""
    doc = span.doc
    j = k - 1
    while j > span.start and doc[j].text != ",":
        if doc[j].lower_ in _RELATIVE_OPENERS and doc[j - 1].text == ",":
            return j - 2
        j -= 1
    return k


def subject_before_commas(span: Span, verb: Token) -> Token | None:
    """When the model loses the subject of a verb that follows commas, the name before them:
    'Sa sœur, Julie Brissac, qui a lancé une pétition, a salué …' (a relative clause),
    'la directrice, Sylvie Marquet, en poste depuis 2024, conteste …' (an apposition). Chunks
    between commas are skipped back to the nearest one holding a proper noun; a chunk with a
    finite verb of its own (not a relative clause) stops the search."""
    doc = span.doc
    k = verb.i - 1
    while k > span.start and doc[k].dep_.startswith("aux"):
        k -= 1
    if k <= span.start or doc[k].text != ",":
        return None
    end = k
    while end > span.start:
        start = end - 1
        while start > span.start and doc[start - 1].text != ",":
            start -= 1
        chunk = doc[start:end]
        relative = doc[start].lower_ in _RELATIVE_OPENERS
        finite = any(t.pos_ in ("VERB", "AUX") and "Fin" in feats(t, "VerbForm") for t in chunk)
        if finite and not relative:
            return None  # a clause of its own: the content of an incise ('…, a annoncé X')
        names = [t for t in chunk if t.pos_ == "PROPN" and t.dep_ != "flat:name"]
        if names and not relative:
            head = names[0]
            while head.dep_ == "appos" and head.head.pos_ == "NOUN" and head.head.i < head.i:
                head = head.head
            return head
        end = start - 1
    return None


def _nearest_subject(span: Span, verb: Token) -> Token | None:
    doc = span.doc
    for k in range(verb.i - 1, span.start - 1, -1):  # 'A …, mais Bravella dément …': Bravella
        if doc[k].lower_ in _CLAUSE_BREAK:
            after = [t for t in doc[k + 1 : verb.i] if t.pos_ in ("NOUN", "PROPN", "PRON")]
            return after[0] if after else None
    for k in range(verb.i - 1, span.start - 1, -1):
        token = span.doc[k]
        if token.dep_.startswith("nsubj") and token.dep_ != "nsubj:pass":
            return token
    for k in range(verb.i - 1, span.start - 1, -1):
        token = span.doc[k]
        if token.pos_ in ("PROPN", "NOUN") or token.lower_ in ("il", "elle", "ils", "elles"):
            return token
    return None
