"""Put the finders together: every claim of one article (a `Doc`), in text order.

Order of work: quotations first (direct speech and its intro or incise), then, in each remaining
segment, according-to, indirect speech, an incise without quotes, the carry-over of an earlier
attribution while the conditional goes on, and finally the outlet's own check-worthy statements.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from crible.model import Certainty, Claim, ClaimSource, ClaimType, TextSpan
from crible.nlp.claims.attribution import (
    Attribution,
    clitic,
    find_according,
    find_coordinated,
    find_incise,
    find_indirect,
    reporting_verbs,
    subject_of,
)
from crible.nlp.claims.certainty import CueHit, find_cues, is_conditional, judge
from crible.nlp.claims.lexicon import ClaimLexicon
from crible.nlp.claims.quotes import Quote, find_quotes, is_scare_quote
from crible.nlp.claims.segments import Segment, paragraph_end, split_segments
from crible.nlp.claims.sources import SourceContext, build_context, noun_phrase, resolve
from crible.nlp.claims.tokens import feats
from crible.nlp.spans import doc_text, has_entity

SHORT_QUOTE = 4  # a quote of fewer words inside a sentence is a term, not a statement
_OPENERS = '«“"'


@dataclass
class _State:
    doc: Doc
    text: str  # doc_text(doc), built once: Doc.text joins every token on each access
    lexicon: ClaimLexicon
    ctx: SourceContext
    cues: list[CueHit]
    claims: list[Claim]
    taken: list[tuple[int, int]]  # char ranges already explained by a claim
    carry: ClaimSource | None = None
    last_quote_source: tuple[int, ClaimSource] | None = None

    def span(self, start: int, end: int) -> TextSpan:
        return TextSpan(start=start, end=end, text=self.text[start:end])

    def cues_in(self, start: int, end: int) -> list[CueHit]:
        return [c for c in self.cues if c.start >= start and c.end <= end]


def extract_claims(doc: Doc, lexicon: ClaimLexicon) -> list[Claim]:
    text = doc_text(doc)
    state = _State(
        doc, text, lexicon, build_context(doc, text, lexicon), find_cues(text, lexicon), [], []
    )
    segments = split_segments(doc)
    quotes = find_quotes(text)
    handled: set[int] = set()
    for quote in quotes:
        _quote_claim(state, quote, segments, handled)
    _colon_quotes(state, segments, handled)
    for index, segment in enumerate(segments):
        if index in handled or _inside_taken(state, segment):
            continue
        _segment_claim(state, segment, quotes)
    state.claims.sort(key=lambda c: c.content.start)
    return state.claims


def _inside_taken(state: _State, segment: Segment) -> bool:
    return any(a <= segment.start_char and segment.end_char <= b + 1 for a, b in state.taken)


def _segment_at(segments: list[Segment], char: int) -> int | None:
    for index, segment in enumerate(segments):
        if segment.start_char <= char < segment.end_char:
            return index
    return None


def _source(state: _State, words: list[Token]) -> tuple[ClaimSource, str]:
    source, why = resolve(words, state.ctx)
    state.ctx.seen.append(source)
    return source, why


def _quote_claim(state: _State, quote: Quote, segments: list[Segment], handled: set[int]) -> None:
    doc = state.doc
    index = _segment_at(segments, quote.open)
    if index is None:
        return
    segment = segments[index]
    inside_sentence = quote.open > segment.start_char and quote.close < segment.end_char - 1
    if quote.words < SHORT_QUOTE and inside_sentence:
        return  # a term in quotes; the sentence's claim, if any, becomes "mixed"
    if _quoted_fragment(state, segment, quote):
        return  # words quoted inside a reported clause: the segment's claim is "mixed"
    intro = doc.char_span(segment.start_char, quote.open, alignment_mode="contract")
    found = _quote_intro(state, intro) if intro is not None and len(intro) else None
    if found is None:
        found = _quote_tail(state, quote, segments)
    if found is None:
        found = _quote_inner_incise(state, quote)
    if found is None:
        source, why, cue = _quote_without_speaker(state, quote)
        if source is None and quote.words < SHORT_QUOTE:
            return
    else:
        source, why, cue = found
    cue_text_span = state.span(*cue) if cue is not None else None
    cue_tokens = doc.char_span(*cue, alignment_mode="expand") if cue is not None else None
    cues = state.cues_in(*cue) if cue is not None else []
    verb = None
    if cue_tokens is not None:
        for token, v in reporting_verbs(cue_tokens, state.lexicon):
            verb = (v, token.text)
    certainty, reason = judge(
        "reported",
        list(cue_tokens) if cue_tokens is not None else [],
        cues,
        state.lexicon,
        verb[0].certainty if verb else None,
        verb[1] if verb else "",
    )
    why_parts = [
        f"quotation marks give {source.text or 'an unknown speaker'}'s own words"
        if source
        else "quotation marks with no speaker found"
    ]
    if why:
        why_parts.append(why)
    if reason:
        why_parts.append(reason)
    state.claims.append(
        Claim(
            content=state.span(quote.start, quote.end),
            source=source if source is not None else ClaimSource(kind="unknown"),
            cue=cue_text_span,
            type="direct",
            certainty=certainty,
            why="; ".join(why_parts),
        )
    )
    state.taken.append((quote.open, quote.close))
    if source is not None:
        state.last_quote_source = (quote.close, source)
    for k, seg in enumerate(segments):
        if seg.start_char < quote.close and seg.end_char > quote.open:
            handled.add(k)
        if cue is not None and seg.start_char <= cue[0] < seg.end_char:
            handled.add(k)


_Found = tuple[ClaimSource, str, tuple[int, int]]


def _quoted_fragment(state: _State, segment: Segment, quote: Quote) -> bool:
    """Is the quote a part of a reported statement rather than a statement of its own? Only a
    quote inside one sentence, not at its start and not after a colon, can be. Inside a 'que'
    clause (or the object) of a reporting verb it then is; inside the content of 'selon X' or of
    an incise, when that content has words outside the quotation marks."""
    if quote.open <= segment.start_char or quote.close > segment.end_char:
        return False
    if state.text[segment.start_char : quote.open].rstrip().endswith(":"):
        return False
    span = segment.span
    found = find_according(span)
    if found is None:
        found = find_indirect(span, state.lexicon)
    if found is None:
        found = find_incise(span, state.lexicon)
    if found is None or not (found.content_start <= quote.start < found.content_end):
        return False
    if found.type == "indirect":
        return True
    outside = (
        state.text[found.content_start : quote.open] + state.text[quote.close : found.content_end]
    )
    return any(ch.isalnum() for ch in outside)


def _quote_intro(state: _State, intro: Span) -> _Found | None:
    """'X a déclaré : « …' or 'Selon X, « …'."""
    verbs = reporting_verbs(intro, state.lexicon)
    if verbs:
        token, _verb = verbs[-1]
        subject = subject_of(token)
        if subject is not None and intro.start <= subject.i < intro.end:
            words = noun_phrase(subject, intro.start, token.i if subject.i < token.i else intro.end)
            source, why = _source(state, words)
            cue = _cue_range(token)
            return source, why, cue
    according = find_according(intro)
    if according is not None:
        source, why = _source(state, according.speaker)
        return source, why, (according.cue_start, according.cue_end)
    return None


def _quote_tail(state: _State, quote: Quote, segments: list[Segment]) -> _Found | None:
    """'« … », a indiqué le ministre à l'AFP' or '« … », selon X'."""
    text = state.text
    nxt = quote.close
    while nxt < len(text) and text[nxt] in " \t\u00a0\u202f":
        nxt += 1
    if nxt >= len(text) or text[nxt] == "\n":
        return None
    index = _segment_at(segments, nxt)
    if index is None:
        return None
    tail = state.doc.char_span(quote.close, segments[index].end_char, alignment_mode="contract")
    if tail is None or not len(tail):
        return None
    incise = find_incise(tail, state.lexicon)
    if incise is None:
        # the tail may start right at the verb (no comma): '« … » a-t-il dit'
        verbs = reporting_verbs(tail, state.lexicon)
        if verbs and verbs[0][0].i <= tail.start + 2:
            token = verbs[0][0]
            subject = subject_of(token)
            if subject is not None and subject.i > token.i:
                words = noun_phrase(subject, token.i + 1, tail.end)
                source, why = _source(state, words)
                return source, why, _cue_range(token)
    if incise is not None and incise.cue_start <= tail.start_char + 12:
        source, why = _source(state, incise.speaker)
        return source, why, (incise.cue_start, incise.cue_end)
    according = find_according(tail, allow_empty=True)
    if according is not None and according.cue_start <= tail.start_char + 4:
        source, why = _source(state, according.speaker)
        return source, why, (according.cue_start, according.cue_end)
    return None


def _quote_inner_incise(state: _State, quote: Quote) -> _Found | None:
    """'« Il faut agir, dit-elle. Nous … »': the speaker named inside the quotation."""
    inner = state.doc.char_span(quote.start, quote.end, alignment_mode="contract")
    if inner is None:
        return None
    for token, _verb in reporting_verbs(inner, state.lexicon):
        if token.i == inner.start or state.doc[token.i - 1].text != ",":
            continue
        for k in (token.i + 1, token.i + 2):
            if k < inner.end and clitic(state.doc[k].lower_):
                source, why = _source(state, [state.doc[k]])
                end = state.doc[k].idx + len(state.doc[k].text)
                return source, why, (token.idx, end)
    return None


def _quote_without_speaker(
    state: _State, quote: Quote
) -> tuple[ClaimSource | None, str, tuple[int, int] | None]:
    """A quote with no speaker nearby continues the previous quote's speaker when that quote
    ended in the previous paragraphs; else its source is unknown."""
    if state.last_quote_source is not None:
        _end, source = state.last_quote_source
        return source.model_copy(), f"continues the quotation of {source.text}", None
    return None, "", None


def _cue_range(verb: Token) -> tuple[int, int]:
    start = verb.idx
    for child in verb.children:
        if child.dep_.startswith("aux") and child.i < verb.i:
            start = min(start, child.idx)
    return start, verb.idx + len(verb.text)


def _colon_quotes(state: _State, segments: list[Segment], handled: set[int]) -> None:
    """'il a déclaré : Je remercie …' without quotation marks: the quote runs to the end of the
    paragraph."""
    doc = state.doc
    for index, segment in enumerate(segments):
        if index in handled:
            continue
        span = segment.span
        colon = next((t for t in span if t.text == ":"), None)
        if colon is None:
            continue
        rest = state.text[colon.idx + 1 : segment.end_char].lstrip()
        if not rest or rest[0] in _OPENERS:
            continue
        intro = doc[span.start : colon.i]
        found = _quote_intro(state, intro) if len(intro) else None
        if found is None or found[2][0] < intro.start_char:
            continue
        source, why, cue = found
        start = colon.idx + 1
        while start < len(state.text) and state.text[start].isspace():
            start += 1
        end = paragraph_end(state.text, start)
        cue_tokens = doc.char_span(*cue, alignment_mode="expand")
        certainty, reason = judge(
            "reported",
            list(cue_tokens) if cue_tokens is not None else [],
            state.cues_in(*cue),
            state.lexicon,
        )
        why_parts = [
            f"a colon after '{state.text[cue[0] : cue[1]]}' opens {source.text}'s own words"
        ]
        why_parts += [w for w in (why, reason) if w]
        state.claims.append(
            Claim(
                content=state.span(start, end),
                source=source,
                cue=state.span(*cue),
                type="direct",
                certainty=certainty,
                why="; ".join(why_parts),
            )
        )
        state.taken.append((start, end))
        state.last_quote_source = (end, source)
        for k, seg in enumerate(segments):
            if seg.start_char < end and seg.end_char > segment.start_char:
                handled.add(k)


def _segment_claim(state: _State, segment: Segment, quotes: list[Quote]) -> None:
    span = segment.span
    lexicon = state.lexicon
    found: Attribution | None = find_according(span)
    reports: list[Attribution] = []
    if found is None:
        found = find_indirect(span, lexicon)
        if found is not None:
            reports = find_coordinated(span, lexicon, found)
    if found is None:
        found = find_incise(span, lexicon)
        if found is not None and found.content_end <= found.content_start:
            found = None
    cues = state.cues_in(segment.start_char, segment.end_char)
    if found is not None:
        for report in reports or [found]:
            _report_claim(state, span, report, quotes, cues if len(reports) < 2 else None)
        return
    conditional = next((t for t in span if is_conditional(t, lexicon)), None)
    if state.carry is not None and conditional is not None:
        certainty, reason = judge("reported", list(span), cues, lexicon)
        cue = _verb_group(conditional)
        parts = [
            f"continues the report attributed to {state.carry.text}",
            reason,
        ]
        _add(
            state,
            segment.start_char,
            _content_end(span),
            state.carry.model_copy(),
            state.span(*cue),
            "according_to",
            certainty,
            parts,
        )
        return
    state.carry = None
    if not _check_worthy(span, state.text):
        return
    certainty, reason = judge("asserted", list(span), cues, lexicon)
    if certainty == "asserted":
        reason = "the outlet states it without attribution and it holds a checkable fact"
    _add(
        state,
        segment.start_char,
        _content_end(span),
        None,
        None,
        None,
        certainty,
        ["no source is given", reason],
    )


def _report_claim(
    state: _State,
    span: Span,
    found: Attribution,
    quotes: list[Quote],
    cues: list[CueHit] | None,
) -> None:
    """One attributed claim. `cues` are the certainty cues of the whole segment; None when the
    segment holds several reports, each then judged on its own cue and content only."""
    lexicon = state.lexicon
    source, who = _source(state, found.speaker)
    claim_type: ClaimType = found.type
    has_quote = any(
        q.start >= found.content_start and q.end <= found.content_end + 1
        for q in quotes
        if not is_scare_quote(state.text, q)
    )
    if has_quote:
        claim_type = "mixed"
    content_end = _close_quotes(found.content_start, found.content_end, quotes)
    scope = span
    if cues is None:
        start = min(found.cue_start, found.content_start)
        end = max(found.cue_end, found.content_end)
        cues = state.cues_in(start, end)
        scope = state.doc.char_span(start, end, alignment_mode="expand") or span
    certainty, reason = judge(
        "reported",
        _hedge_scope(scope, found),
        cues,
        lexicon,
        found.verb.certainty if found.verb else None,
        found.verb_text,
    )
    cue_text = state.text[found.cue_start : found.cue_end]
    parts = [f"'{cue_text}' attributes the statement to {source.text}", who, reason]
    if has_quote:
        parts.append("part of it is quoted word for word")
    _add(
        state,
        found.content_start,
        content_end,
        source,
        state.span(found.cue_start, found.cue_end),
        claim_type,
        certainty,
        parts,
    )
    state.carry = source


def _close_quotes(start: int, end: int, quotes: list[Quote]) -> int:
    """Content that ends inside a quotation it opened ends after the closing mark."""
    for quote in quotes:
        if start <= quote.open < end < quote.close:
            return quote.close
    return end


def _hedge_scope(span: Span, found: Attribution) -> list[Token]:
    """Tokens whose conditional hedges the claim. After a reporting verb in a past tense, a
    conditional in the reported clause is the sequence of tenses ('a affirmé que les prix
    baisseraient'), not a hedge: only the cue counts then."""
    if found.type == "indirect":
        cue = span.doc.char_span(found.cue_start, found.cue_end, alignment_mode="expand")
        cue_tokens = list(cue) if cue is not None else []
        past = any(
            "Part" in feats(t, "VerbForm")
            or "Imp" in feats(t, "Tense")
            or "Past" in feats(t, "Tense")
            for t in cue_tokens
        )
        if past:
            return cue_tokens
    return list(span)


def _add(
    state: _State,
    start: int,
    end: int,
    source: ClaimSource | None,
    cue: TextSpan | None,
    claim_type: ClaimType | None,
    certainty: Certainty,
    parts: list[str],
) -> None:
    state.claims.append(
        Claim(
            content=state.span(start, end),
            source=source,
            cue=cue,
            type=claim_type,
            certainty=certainty,
            why="; ".join(p for p in parts if p),
        )
    )
    state.taken.append((start, end))


def _verb_group(token: Token) -> tuple[int, int]:
    """The conditional verb with its participle: 'aurait adressé', 'serait perçu'."""
    head = token.head if token.dep_.startswith("aux") else token
    start = min(token.idx, head.idx)
    end = max(token.idx + len(token.text), head.idx + len(head.text))
    return start, end


def _content_end(span: Span) -> int:
    k = span.end
    while k > span.start and (span.doc[k - 1].is_punct or span.doc[k - 1].is_space):
        k -= 1
    last = span.doc[k - 1]
    return int(last.idx + len(last.text))


def _is_title(span: Span, text: str) -> bool:
    """A first line that is a whole paragraph and ends without sentence punctuation."""
    if "\n" in text[: span.start_char] or not text[span.end_char :].startswith("\n"):
        return False
    return span.text.rstrip()[-1:] not in '.!?…»”"'


def _check_worthy(span: Span, text: str) -> bool:
    """Rule for the outlet's own statements: not a title line, at least four words, a finite
    verb in the third person, not a question, and something a fact-checker can verify: a
    number or a named entity (person, organisation, place, event)."""
    words = [t for t in span if not t.is_punct and not t.is_space]
    if len(words) < 4 or span.text.rstrip().endswith("?"):
        return False
    if _is_title(span, text):
        return False
    # Morphology is read only for verbs: building it for every token was the costliest step.
    verbs = [t for t in span if t.pos_ in ("VERB", "AUX")]
    finite = any("Fin" in feats(t, "VerbForm") and "3" in feats(t, "Person") for t in verbs) or any(
        t.pos_ == "VERB" and "Part" in feats(t, "VerbForm") for t in verbs
    )
    if not finite:
        return False
    has_number = any(t.like_num or any(ch.isdigit() for ch in t.text) for t in span)
    return has_number or has_entity(span)
