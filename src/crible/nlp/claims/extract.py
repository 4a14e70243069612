"""Put the finders together: every claim of one article (a `Doc`), in text order.

Segments are read in text order. In each: first the quotations that open there (direct speech;
the speaker is chosen by the attribution stage, `speakers.py`), a colon that opens unmarked
words, then (when the segment is not explained by a quotation) according-to, passive with an
agent, indirect speech, an incise without quotes, the carry-over of an earlier attribution while
the conditional goes on, and finally the outlet's own check-worthy statements. An interview's
answers (`layout.py`) are the interviewee's words; its questions are nobody's claim.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from crible.model import Certainty, Claim, ClaimSource, ClaimType, TextSpan
from crible.nlp.claims.attribution import (
    REPORT_RULES,
    Attribution,
    clause_end,
    find_according,
    find_coordinated,
    find_incise,
    find_indirect,
    find_passive,
    is_participle_report,
    report_of,
    reporting_verbs,
    subject_of,
)
from crible.nlp.claims.certainty import CueHit, find_cues, is_conditional, judge
from crible.nlp.claims.layout import (
    Interview,
    Paragraph,
    announces_quote,
    find_interview,
    is_title,
    paragraph_of,
    paragraphs,
    previous_filled,
)
from crible.nlp.claims.lexicon import ClaimLexicon
from crible.nlp.claims.quotes import Quote, find_quotes, is_scare_quote
from crible.nlp.claims.segments import Segment, paragraph_end, split_segments
from crible.nlp.claims.sources import SourceContext, build_context, resolve
from crible.nlp.claims.speakers import (
    SpeakerChoice,
    inner_speaker,
    intro_speaker,
    main_subject,
    speaker_words,
    tail_speaker,
)
from crible.nlp.claims.tokens import feats
from crible.nlp.spans import doc_text, has_entity

_BREAK_WORDS = {"mais", "tandis", "alors", "que", "qu'", "qu’", "cependant", "pourtant"}
SHORT_QUOTE = 4  # a quote of fewer words inside a sentence is a term, not a statement
CONTINUITY_PARAGRAPHS = 2  # a speaker holds unattributed quotes this many paragraphs on
_OPENERS = '«“"'


@dataclass
class _State:
    doc: Doc
    text: str  # doc_text(doc), built once: Doc.text joins every token on each access
    lexicon: ClaimLexicon
    ctx: SourceContext
    cues: list[CueHit]
    paras: list[Paragraph]
    quotes: list[Quote]
    claims: list[Claim] = field(default_factory=list)
    taken: list[tuple[int, int]] = field(default_factory=list)  # char ranges explained by a claim
    carry: ClaimSource | None = None
    # speakers introduced so far: (paragraph, char offset, source), in text order
    introduced: list[tuple[int, int, ClaimSource]] = field(default_factory=list)
    interview: Interview | None = None
    interviewee: ClaimSource | None = None

    def span(self, start: int, end: int) -> TextSpan:
        return TextSpan(start=start, end=end, text=self.text[start:end])

    def cues_in(self, start: int, end: int) -> list[CueHit]:
        return [c for c in self.cues if c.start >= start and c.end <= end]

    def paragraph(self, char: int) -> int:
        return paragraph_of(self.paras, char)

    def introduce(self, char: int, source: ClaimSource | None) -> None:
        if source is not None and (source.text or source.entity):
            self.introduced.append((self.paragraph(char), char, source))


def extract_claims(doc: Doc, lexicon: ClaimLexicon) -> list[Claim]:
    text = doc_text(doc)
    quotes = find_quotes(text)
    paras = paragraphs(text)
    ranges = [(q.open, q.close) for q in quotes]
    state = _State(
        doc,
        text,
        lexicon,
        build_context(doc, text, lexicon, ranges),
        find_cues(text, lexicon),
        paras,
        quotes,
    )
    segments = split_segments(doc)
    state.interview = find_interview(text, paras)
    handled: set[int] = set()
    if state.interview is not None:
        _interview_claims(state, segments, handled)
    by_segment: dict[int, list[Quote]] = {}
    k = 0
    for quote in quotes:  # by the segment of its first word: the model may glue the mark before
        while k < len(segments) and segments[k].end_char <= quote.start:
            k += 1
        if k < len(segments) and segments[k].start_char <= quote.start:
            by_segment.setdefault(k, []).append(quote)
    for index, segment in enumerate(segments):
        for quote in by_segment.get(index, []):
            _quote_claim(state, quote, segments, index, handled)
        if index not in handled:
            _colon_quote(state, segments, index, handled)
        if index in handled or _inside_taken(state, segment):
            continue
        if is_title(text, paras[segment.paragraph], segment.paragraph):
            continue  # the headline sums up the article; its claims are made in the body
        if _announces(state, segments, index) and _points_at_quote(state, segment):
            continue  # 'X a publié ce message :' announces the quotation below, it says nothing
        _segment_claim(state, segment, quotes)
    state.claims.sort(key=lambda c: c.content.start)
    return state.claims


def _announces(state: _State, segments: list[Segment], index: int) -> bool:
    """Does the segment end with a colon followed by a quotation (in the same paragraph or
    opening the next one)?"""
    segment = segments[index]
    text = state.text
    if not text[segment.start_char : segment.end_char].rstrip().endswith(":"):
        return False
    if index + 1 < len(segments):
        nxt = segments[index + 1]
        return text[nxt.start_char : nxt.start_char + 1] in _OPENERS
    return False


_POINTERS = {"ce", "cet", "cette", "ces"}


def _points_at_quote(state: _State, segment: Segment) -> bool:
    """Does the announcing segment say nothing of its own? Its report, if any, has a content
    that points at the quotation ('ce message', 'ces mots') or none at all."""
    found = find_indirect(segment.span, state.lexicon)
    if found is None:
        return True
    first = state.text[found.content_start : found.content_end].split()[:1]
    return not first or first[0].lower() in _POINTERS


def _inside_taken(state: _State, segment: Segment) -> bool:
    return any(a <= segment.start_char and segment.end_char <= b + 1 for a, b in state.taken)


def _inside_claim(state: _State, start: int, end: int) -> bool:
    return any(a <= start and end <= b + 1 for a, b in state.taken)


def _source(state: _State, words: list[Token]) -> tuple[ClaimSource, str]:
    source, why = resolve(words, state.ctx)
    state.ctx.seen.append(source)
    return source, why


def _interview_claims(state: _State, segments: list[Segment], handled: set[int]) -> None:
    """Each answer paragraph of an interview is one direct claim of the interviewee, the first
    person named in the introduction; questions are not claims."""
    interview = state.interview
    assert interview is not None
    person = state.ctx.first_person(state.paras[0].end, interview.lead_end)
    if person is None:
        state.interview = None
        return
    state.interviewee = person
    questions, answers = set(interview.questions), set(interview.answers)
    for k, segment in enumerate(segments):
        if segment.paragraph in questions or segment.paragraph in answers:
            handled.add(k)
    for number in interview.answers:
        para = state.paras[number]
        source = person.model_copy()
        _add(
            state,
            para.start,
            para.end,
            source,
            None,
            "direct",
            "reported",
            [
                f"an answer of the interview: {person.text}'s own words",
                "speaker rule: the interviewee answers the question before",
            ],
        )
        state.introduce(para.start, source)


def _quote_claim(
    state: _State, quote: Quote, segments: list[Segment], index: int, handled: set[int]
) -> None:
    doc = state.doc
    segment = segments[index]
    if _inside_claim(state, quote.open, quote.close):
        return  # inside an answer or a colon quotation already claimed
    if is_title(state.text, state.paras[segment.paragraph], segment.paragraph):
        return  # a headline repeats a quotation of the article: it is not a claim of its own
    before = state.text[segment.start_char : quote.open].rstrip()
    # words before it in the sentence (not a colon): a short quote is then a term
    inside_sentence = bool(before) and not before.endswith(":")
    if quote.words < SHORT_QUOTE and inside_sentence:
        return  # a term in quotes; the sentence's claim, if any, becomes "mixed"
    if _quoted_fragment(state, segment, quote):
        return  # words quoted inside a reported clause: the segment's claim is "mixed"
    choice = _choose_speaker(state, quote, segments, index)
    if choice is None and quote.words < SHORT_QUOTE:
        return
    source: ClaimSource | None = None
    why = ""
    cue = None
    if choice is not None:
        cue = choice.cue
        if choice.source is not None:
            source, why = choice.source.model_copy(), f"continues with {choice.source.text}"
        elif choice.words:
            source, why = _source(state, choice.words)
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
    why_parts += [w for w in (choice.why if choice else "", why, reason) if w]
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
    state.introduce(quote.open, source)
    for k, seg in enumerate(segments):
        # a segment that holds only a mark of the quotation (the model glued it) is not inside
        if seg.start_char < quote.end and seg.end_char > quote.start:
            handled.add(k)
        if cue is not None and seg.start_char <= cue[0] < seg.end_char:
            handled.add(k)
    if choice is not None and choice.rule == "incise" and source is not None and choice.words:
        _trailing_reports(state, segments, quote, choice.words, source)


def _choose_speaker(
    state: _State, quote: Quote, segments: list[Segment], index: int
) -> SpeakerChoice | None:
    """The attribution stage for one quotation: the rules of speakers.RULES, in order."""
    doc, text, lexicon = state.doc, state.text, state.lexicon
    segment = segments[index]
    intro_start = segment.start_char
    for claim in state.claims:  # an earlier quotation of the segment is not an introduction
        if claim.type == "direct" and intro_start <= claim.content.end < quote.open:
            intro_start = claim.content.end + 1
    for end_mark in (". ", "! ", "? ", "… "):  # a full sentence before is not the introduction
        cut = text.rfind(end_mark, intro_start, quote.open)
        if cut >= 0:
            intro_start = max(intro_start, cut + 2)
    colon = text[intro_start : quote.open].rstrip().endswith(":")
    intro = (
        doc.char_span(intro_start, quote.open, alignment_mode="contract")
        if intro_start < quote.open
        else None
    )
    choice = intro_speaker(intro, lexicon, colon) if intro is not None and len(intro) else None
    if choice is None:
        choice = _tail(state, quote, segments)
    if choice is None:
        inner = doc.char_span(quote.start, quote.end, alignment_mode="contract")
        choice = inner_speaker(inner, lexicon) if inner is not None else None
    if choice is not None:
        return choice
    number = state.paragraph(quote.open)
    opens_paragraph = not text[state.paras[number].start : quote.open].strip()
    previous = segments[index - 1] if index > 0 else None
    opens_segment = not text[segment.start_char : quote.open].strip()
    if (
        opens_segment
        and previous is not None
        and previous.paragraph == number
        and text[previous.start_char : previous.end_char].rstrip().endswith(":")
    ):
        found = intro_speaker(previous.span, lexicon, colon=True)
        if found is not None:
            return found
    if opens_paragraph:
        before = previous_filled(text, state.paras, number)
        if before is not None and announces_quote(text, state.paras, before):
            announce = next((s for s in reversed(segments) if s.paragraph == before), None)
            if announce is not None:
                found = intro_speaker(announce.span, lexicon, colon=True)
                if found is not None:
                    return SpeakerChoice("block", found.words, found.source, found.cue)
    for paragraph, char, source in reversed(state.introduced):
        if char >= quote.open:
            continue
        if paragraph == number:
            return SpeakerChoice("paragraph", source=source)
        break
    if (
        previous is not None
        and previous.paragraph == number
        and not any(
            c.type == "direct" and c.content.start - 2 <= previous.start_char < c.content.end
            for c in state.claims
        )
    ):
        subject = main_subject(previous.span)
        if subject is not None:
            words = speaker_words(subject, previous.span.start, previous.span.end)
            return SpeakerChoice("subject", words)
    for paragraph, char, source in reversed(state.introduced):
        if char < quote.open and number - paragraph <= CONTINUITY_PARAGRAPHS:
            return SpeakerChoice("continuity", source=source)
        break
    return None


def _tail(state: _State, quote: Quote, segments: list[Segment]) -> SpeakerChoice | None:
    """The words after the closing mark, up to the end of their segment."""
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
    return tail_speaker(tail, state.lexicon)


def _segment_at(segments: list[Segment], char: int) -> int | None:
    for index, segment in enumerate(segments):
        if segment.start_char <= char < segment.end_char:
            return index
    return None


def _trailing_reports(
    state: _State, segments: list[Segment], quote: Quote, speaker: list[Token], source: ClaimSource
) -> None:
    """'« … », a réagi X, qualifiant la décision de « … »': a participle after the incise reports
    for the same speaker."""
    index = _segment_at(segments, speaker[-1].idx)
    if index is None:
        return
    segment = segments[index]
    rest = state.doc[speaker[-1].i + 1 : segment.span.end]
    for verb_token, verb in reporting_verbs(rest, state.lexicon):
        if not is_participle_report(verb_token):
            continue
        found = report_of(rest, verb_token, verb, speaker)
        if found is not None:
            participle = replace(found, rule="participle")
            _report_claim(state, rest, participle, state.quotes, None, source)


def _quoted_fragment(state: _State, segment: Segment, quote: Quote) -> bool:
    """Is the quote a part of a reported statement rather than a statement of its own? Only a
    quote inside one sentence, not at its start and not after a colon, can be. Inside a 'que'
    clause (or the object) of a reporting verb it then is; inside the content of 'selon X' or of
    an incise, when that content has words outside the quotation marks."""
    if quote.open <= segment.start_char or quote.close > segment.end_char:
        return False
    before = state.text[segment.start_char : quote.open].rstrip()
    if before.endswith(":") or before.endswith((".", "!", "?", "…")):
        return False  # after a colon or a full sentence, the quotation stands on its own
    span = _clause_of(segment.span, quote)
    lexicon = state.lexicon
    for found in (
        find_according(span, lexicon=lexicon),
        find_passive(span, lexicon),
        find_indirect(span, lexicon),
        find_incise(span, lexicon),
    ):
        if found is None or not (found.content_start <= quote.start < found.content_end):
            continue
        if found.type == "indirect":
            return True
        outside = (
            state.text[found.content_start : quote.open]
            + state.text[quote.close : found.content_end]
        )
        if any(ch.isalnum() for ch in outside):
            return True
    return False


def _clause_of(span: Span, quote: Quote) -> Span:
    """The clause of the segment that holds the quotation: '… reconnaît une hausse, mais
    l'association juge que ses propositions « … »' -> 'l'association juge que …'."""
    doc = span.doc
    while True:
        end = clause_end(span, span.start)
        if end >= span.end or doc[end].idx >= quote.open:
            return span
        k = end
        while k < span.end and (doc[k].is_punct or doc[k].lower_ in _BREAK_WORDS):
            k += 1
        if k >= span.end:
            return span
        span = doc[k : span.end]


def _colon_quote(state: _State, segments: list[Segment], index: int, handled: set[int]) -> None:
    """'il a déclaré : Je remercie …' without quotation marks: the quote runs to the end of the
    paragraph."""
    doc = state.doc
    segment = segments[index]
    if ":" not in state.text[segment.start_char : segment.end_char]:
        return  # (most segments: no need to look at their tokens)
    span = segment.span
    colon = next((t for t in span if t.text == ":"), None)
    if colon is None:
        return
    end = paragraph_end(state.text, colon.idx + 1)
    rest = state.text[colon.idx + 1 : end].lstrip()
    if not rest or rest[0] in _OPENERS:
        return
    intro = doc[span.start : colon.i]
    found = intro_speaker(intro, state.lexicon, colon=False) if len(intro) else None
    if found is None or found.cue is None or found.cue[0] < intro.start_char or not found.words:
        return
    cue = found.cue
    source, why = _source(state, found.words)
    start = colon.idx + 1
    while start < len(state.text) and state.text[start].isspace():
        start += 1
    cue_tokens = doc.char_span(*cue, alignment_mode="expand")
    certainty, reason = judge(
        "reported",
        list(cue_tokens) if cue_tokens is not None else [],
        state.cues_in(*cue),
        state.lexicon,
    )
    why_parts = [f"a colon after '{state.text[cue[0] : cue[1]]}' opens {source.text}'s own words"]
    why_parts += [w for w in (found.why, why, reason) if w]
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
    state.introduce(start, source)
    for k, seg in enumerate(segments):
        if seg.start_char < end and seg.end_char > segment.start_char:
            handled.add(k)


def _segment_claim(state: _State, segment: Segment, quotes: list[Quote]) -> None:
    span = segment.span
    lexicon = state.lexicon
    if state.text[segment.start_char : segment.end_char].rstrip().endswith("?"):
        return  # a question reports nothing and states nothing
    found: Attribution | None = find_according(span, lexicon=lexicon)
    if found is not None and any(q.open < found.cue_start < q.close for q in quotes):
        found = None  # 'selon' inside quotation marks belongs to the quoted words
    reports: list[Attribution] = []
    if found is None:
        found = find_passive(span, lexicon)
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
        reports = reports or [found]
        cut = _second_clause(span, reports[-1])
        if cut is not None:
            cues = state.cues_in(segment.start_char, reports[-1].content_end)
        source = None
        for report in reports:
            source = _report_claim(state, span, report, quotes, cues if len(reports) < 2 else None)
        if cut is not None:
            _rest_of_segment(state, segment, cut, reports[-1], source, quotes)
        return
    conditional = (
        next((t for t in span if is_conditional(t, lexicon)), None)
        if state.carry is not None
        else None
    )
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


def _second_clause(span: Span, report: Attribution) -> int | None:
    """Token index where a second clause starts after the report's content ('…, mais le syndicat
    dément …', '…, tout en réclamant …'), or None."""
    doc = span.doc
    after = max(report.content_end, report.cue_end)
    if report.speaker:
        after = max(after, report.speaker[-1].idx + len(report.speaker[-1].text))
    k = next((t.i for t in span if t.idx >= after), span.end)
    while k < span.end and doc[k].is_punct and doc[k].text not in _OPENERS:
        k += 1
    if k >= span.end - 1 or report.content_start < span.start_char:
        return None
    word = doc[k].lower_
    if word == "qui" and doc[k - 1].text == "," and k + 1 < span.end:
        return k  # ', qui dénonce une méthode « alarmiste »': the source reports again
    if word in ("mais", "tandis", "alors", "cependant", "pourtant"):
        k += 1
        while k < span.end and doc[k].lower_ in ("que", "qu'", "qu’", ","):
            k += 1
        return k if k < span.end - 1 else None
    if word == "tout" or word == "en" or is_participle_report(doc[k]):
        return k
    return None


def _rest_of_segment(
    state: _State,
    segment: Segment,
    start: int,
    first: Attribution,
    source: ClaimSource | None,
    quotes: list[Quote],
) -> None:
    """The second clause of a segment: a report of its own ('mais le ministère conteste ce
    chiffre'), or a participle that reports for the same speaker ('tout en réclamant …')."""
    doc = state.doc
    rest = doc[start : segment.span.end]
    relative = doc[start].lower_ == "qui"
    for verb_token, verb in reporting_verbs(rest, state.lexicon):
        subject = subject_of(verb_token)
        if relative and subject is not None and subject.i == start:
            speaker = speaker_words(doc[start], segment.span.start, start)
            found = report_of(rest, verb_token, verb, speaker)
            if found is not None:
                _report_claim(state, rest, replace(found, rule="relative"), quotes, None)
            return
        if is_participle_report(verb_token) and verb_token.i <= start + 2:
            found = report_of(rest, verb_token, verb, first.speaker)
            if found is not None:
                _report_claim(state, rest, replace(found, rule="participle"), quotes, None, source)
            return
    if not relative:
        _segment_claim(state, Segment(rest, segment.paragraph), quotes)


def _report_claim(
    state: _State,
    span: Span,
    found: Attribution,
    quotes: list[Quote],
    cues: list[CueHit] | None,
    known: ClaimSource | None = None,
) -> ClaimSource:
    """One attributed claim. `cues` are the certainty cues of the whole segment; None when the
    segment holds several reports, each then judged on its own cue and content only. `known`:
    the speaker, when it was resolved already (a participle after the speaker's first report)."""
    lexicon = state.lexicon
    if known is not None:
        source, who = known.model_copy(), "the same speaker goes on"
    else:
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
    rule = f"speaker rule: {REPORT_RULES[found.rule]}"
    parts = [f"'{cue_text}' attributes the statement to {source.text}", rule, who, reason]
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
    state.introduce(found.cue_start, source)
    return source


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
    return text[span.start_char : span.end_char].rstrip()[-1:] not in '.!?…»”"'


def _check_worthy(span: Span, text: str) -> bool:
    """Rule for the outlet's own statements: not a title line, at least four words, a finite
    verb in the third person, not a question, and something a fact-checker can verify: a
    number or a named entity (person, organisation, place, event)."""
    segment = text[span.start_char : span.end_char]
    if segment.rstrip().endswith("?"):
        return False
    words = 0
    verbs = []  # morphology is read only for verbs: for every token, it was the costliest step
    for t in span:
        if not t.is_punct and not t.is_space:
            words += 1
        if t.pos_ in ("VERB", "AUX"):
            verbs.append(t)
    if words < 4 or _is_title(span, text):
        return False
    finite = any("Fin" in feats(t, "VerbForm") and "3" in feats(t, "Person") for t in verbs) or any(
        t.pos_ == "VERB" and "Part" in feats(t, "VerbForm") for t in verbs
    )
    if not finite:
        return False
    # a digit can only be in a token: the segment's text between them is spaces
    return has_entity(span) or any(ch.isdigit() for ch in segment) or any(t.like_num for t in span)
