"""Find time expressions in French news text and resolve them against the publication date.

`find_times` runs the language's single precompiled regex over the text (crible.nlp.time.grammar),
then resolves each match with plain date arithmetic (crible.nlp.time.calendar). When it is given a
spaCy `Doc`, the parse tells whether the governing verb is in the future tense, which turns "jeudi"
from the last Thursday into the next one. Conventions: docs/formats/time.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from spacy.tokens import Doc, Token

from crible.model import TimeExpression, TimeGrain
from crible.nlp.spans import doc_text
from crible.nlp.time import calendar
from crible.nlp.time.grammar import TimeGrammar, load_grammar
from crible.nlp.time.lexicon import TimeLexicon, normalise

_SENTENCE_BREAK = re.compile(r"[.!?…](?:\s|$)|\n")
_UNIT_GRAINS: dict[str, TimeGrain] = {
    "day": "day",
    "week": "week",
    "month": "month",
    "year": "year",
    "hour": "hour",
    "minute": "minute",
}
_PERIOD_GRAINS: dict[str, TimeGrain] = {
    "week": "week",
    "weekend": "week",
    "month": "month",
    "year": "year",
}


@dataclass(frozen=True)
class Clock:
    hour: int
    minute: int
    exact: bool  # minutes were written: grain minute rather than hour


@dataclass(frozen=True)
class Found:
    """What one match means: a day (or None when unresolvable), an optional clock, a grain."""

    day: date | None
    grain: TimeGrain
    clock: Clock | None = None

    def value(self) -> str | None:
        if self.day is None:
            return None
        if self.clock is None:
            return self.day.isoformat()
        return f"{self.day.isoformat()}T{self.clock.hour:02d}:{self.clock.minute:02d}"


class _Match:
    """One regex match with what its resolution needs; the tense is parsed only when asked."""

    def __init__(
        self,
        match: re.Match[str],
        grammar: TimeGrammar,
        text: str,
        doc: Doc | None,
        published: date | None,
    ) -> None:
        self.match = match
        self.grammar = grammar
        self.lex: TimeLexicon = grammar.lexicon
        self.text = text
        self.doc = doc
        self.published = published
        self._future: bool | None = None

    def group(self, name: str) -> str | None:
        """The text of group `name`; None when it did not take part or this shape lacks it."""
        if name not in self.match.re.groupindex:
            return None
        return self.match.group(name)

    def value(self, kind: str, name: str) -> str | None:
        """The lexicon value of the group `name`, read as `kind`; None if the group is empty."""
        form = self.group(name)
        return None if form is None else self.lex.value(kind, form)

    def int_value(self, kind: str, name: str) -> int | None:
        found = self.value(kind, name)
        return None if found is None else int(found)

    @property
    def future(self) -> bool:
        if self._future is None:
            self._future = self.doc is not None and is_future(
                self.doc, self.match.start(), self.match.end(), self.lex
            )
        return self._future

    def preceded_by(self, trigger: re.Pattern[str]) -> bool:
        start = self.match.start()
        return trigger.search(self.text, max(0, start - 40), start) is not None


def find_times(
    doc_or_text: Doc | str, published: date | None, *, lang: str = "fr"
) -> list[TimeExpression]:
    """Every time expression in the text, in order, with offsets into that text.

    `published` is the article's publication date: relative expressions resolve against it and
    get `value=None` without it (absolute dates with a year still resolve).
    """
    grammar = load_grammar(lang)
    if isinstance(doc_or_text, Doc):
        doc: Doc | None = doc_or_text
        text = doc_text(doc_or_text)
    else:
        doc, text = None, doc_or_text
    if isinstance(published, datetime):
        published = published.date()
    found: list[TimeExpression] = []
    last_day: tuple[int, date] | None = None  # end offset and day of the last dated expression
    for match in grammar.pattern.finditer(text):
        shape = match.lastgroup
        if shape is None:
            continue
        context = _Match(match, grammar, text, doc, published)
        if shape == "tm":
            result = _bare_clock(context, _anchor_day(text, match.start(), last_day, published))
        else:
            result = _RESOLVERS[shape](context)
        if result is None:
            continue
        if result.day is not None and result.grain not in ("week", "month", "year"):
            last_day = (match.end(), result.day)
        found.append(
            TimeExpression(
                start=match.start(),
                end=match.end(),
                text=match.group(),
                value=result.value(),
                grain=result.grain,
            )
        )
    return found


def is_future(doc: Doc, start: int, end: int, lex: TimeLexicon) -> bool:
    """Whether the verb governing the characters `start:end` of `doc` is in the future tense.

    Reads `Tense=Fut` on the verb or its auxiliaries, the periphrastic future ("va annoncer"),
    and, for what the tagger misses, future endings of finite verbs from the lexicon.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not doc.has_annotation("DEP"):
        return False
    token: Token = span.root
    for _ in range(4):
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            break
        token = token.head
    if token.pos_ not in ("VERB", "AUX"):
        return False
    future_aux = lex.words("future_aux")
    helpers = [child for child in token.children if child.dep_.startswith(("aux", "cop"))]
    if any("Fut" in t.morph.get("Tense", []) for t in [token, *helpers]):
        return True
    if "Inf" in token.morph.get("VerbForm", []):
        governors = [token.head] if token.dep_ == "xcomp" else []
        for helper in [*governors, *helpers]:
            if helper.lemma_.lower() in future_aux and "Pres" in helper.morph.get("Tense", []):
                return True
    if "Fin" in token.morph.get("VerbForm", []):
        tense = set(token.morph.get("Tense", [])) | set(token.morph.get("Mood", []))
        word = token.text.lower()
        if not tense & {"Past", "Imp", "Cnd", "Sub"} and word.endswith(
            tuple(lex.words("future_ending"))
        ):
            return True
    return False


def _anchor_day(
    text: str, start: int, last_day: tuple[int, date] | None, published: date | None
) -> date | None:
    """The day a bare clock time belongs to: the last dated expression of the same sentence,
    else the publication date."""
    if last_day is not None and not _SENTENCE_BREAK.search(text, last_day[0], start):
        return last_day[1]
    return published


def _clock(m: _Match, p: str, part: str | None = None) -> Clock | None:
    hour_text = m.group(f"{p}_h") or m.group(f"{p}_h2")
    if hour_text is not None:
        minute_text = m.group(f"{p}_m") or m.group(f"{p}_m2")
        hour, minute, exact = int(hour_text), int(minute_text or 0), minute_text is not None
    else:
        named = m.value("time_word", f"{p}_tw")
        if named is None:
            return None
        hour, minute = (int(x) for x in named.split(":"))
        exact = False
    meridiem = m.value("meridiem", f"{p}_mer")
    if (meridiem == "pm" or part in ("afternoon", "evening")) and hour < 12:
        hour += 12
    elif meridiem == "am" and hour == 12:
        hour = 0
    return Clock(hour, minute, exact)


def _with_day(day: date | None, m: _Match, p: str, *, early: bool = False) -> Found:
    """A day, refined by an optional part of the day and clock time in the groups of `p`."""
    part = m.value("part_of_day", f"{p}_pod")
    clock = _clock(m, p, part)
    if clock is not None:
        if part == "night" and clock.hour < 12 and day is not None:
            day += timedelta(days=1)  # "mardi dans la nuit à 2h": the night starts on Tuesday
        return Found(day, "minute" if clock.exact else "hour", clock)
    if part is not None or early:
        return Found(day, "part_of_day")
    return Found(day, "day")


def _day_month(m: _Match, p: str) -> date | None | bool:
    """The date of the day-number + month groups of `p`; False when no such day exists."""
    form = m.group(f"{p}_dn") or "0"
    words = m.lex.words("day_word")
    day = int(words.get(normalise(form), form))
    month = m.int_value("month", f"{p}_mo")
    if month is None or not calendar.valid_day(day, month):
        return False
    year = m.group(f"{p}_y")
    if year is not None:
        try:
            return date(int(year), month, day)
        except ValueError:
            return False
    if m.published is None:
        return None
    weekday = m.int_value("weekday", f"{p}_day")
    if weekday is not None:
        named = calendar.day_month_weekday(m.published, day, month, weekday)
        if named is not None:
            return named
    return calendar.day_month_date(m.published, day, month, future=m.future)


def _weekday(m: _Match) -> Found | None:
    early = m.group("wd_early") is not None
    if m.group("wd_dn") is not None:
        explicit = _day_month(m, "wd")
        if explicit is False:
            return None
        return _with_day(explicit if isinstance(explicit, date) else None, m, "wd", early=early)
    weekday = m.int_value("weekday", "wd_day")
    step = m.int_value("direction", "wd_dir")
    day: date | None = None
    if m.published is not None and weekday is not None and step != 0:
        if m.group("wd_this") is not None:
            day = calendar.this_weekday(m.published, weekday)
        else:
            day = calendar.weekday_date(
                m.published, weekday, step=step or 0, future=step is None and m.future
            )
    return _with_day(day, m, "wd", early=early)


def _relative_day(m: _Match) -> Found:
    offset = m.int_value("relative_day", "rd_word") or 0
    day = None if m.published is None else m.published + timedelta(days=offset)
    return _with_day(day, m, "rd", early=m.group("rd_early") is not None)


def _this(m: _Match) -> Found:
    """ "ce matin", "cette nuit", "cette semaine", "ce week-end", "ce mois-ci", "ce soir-là"."""
    suffix = m.value("this_suffix", "dp_sfx")
    part = m.value("part_of_day", "dp_pod")
    published = None if suffix == "anchored" else m.published
    if part is not None:
        day = published
        if day is not None and part == "night" and not m.future and m.group("dp_h") is None:
            day -= timedelta(days=1)  # "cette nuit" in a past report: the night just gone
        return _with_day(day, m, "dp", early=True)
    period = m.value("period", "dp_per") or "day"
    grain = _PERIOD_GRAINS.get(period, "day")
    if published is None:
        return Found(None, grain)
    starts: dict[str, Callable[[], date]] = {
        "week": lambda: calendar.monday(published),
        "weekend": lambda: calendar.weekend(published, future=m.future),
        "month": lambda: published.replace(day=1),
        "year": lambda: date(published.year, 1, 1),
    }
    return Found(starts[period](), grain)


def _period_direction(m: _Match) -> Found:
    """ "la semaine dernière", "le mois prochain", "l'an dernier", "la nuit dernière"."""
    step = m.int_value("direction", "pd_dir") or 0
    part = m.value("part_of_day", "pd_pod")
    published = m.published if step != 0 else None
    if part is not None:
        if published is None:
            return Found(None, "part_of_day")
        if part == "night":
            return Found(published - timedelta(days=1) if step < 0 else published, "part_of_day")
        return Found(published + timedelta(days=step), "part_of_day")
    period = m.value("period", "pd_per") or "week"
    grain = _PERIOD_GRAINS.get(period, "day")
    if published is None:
        return Found(None, grain)
    starts: dict[str, Callable[[], date]] = {
        "week": lambda: calendar.monday(published) + timedelta(weeks=step),
        "weekend": lambda: calendar.weekend(published, step=step),
        "month": lambda: calendar.add_months(published, step),
        "year": lambda: date(published.year + step, 1, 1),
    }
    return Found(starts[period](), grain)


def _count(m: _Match, p: str) -> tuple[int | None, TimeGrain]:
    number = m.group(f"{p}_n") or ""
    if number.isdigit():
        count: int | None = int(number)
    else:
        word = m.lex.value("number", number)
        count = int(word) if word.isdigit() else None
    unit = m.value("unit", f"{p}_u") or "day"
    return count, _UNIT_GRAINS.get(unit, "day")


def _counted(m: _Match) -> Found:
    """ "il y a quatre jours", "dans deux semaines", "il y a un an"."""
    count, grain = _count(m, "ct")
    sign = m.int_value("count_prefix", "ct_pre") or -1
    if count is None or m.published is None or grain in ("hour", "minute"):
        return Found(None, grain)  # no publication time: hours ago cannot be dated
    shift = sign * count
    published = m.published
    if grain == "day":
        return Found(published + timedelta(days=shift), grain)
    if grain == "week":
        return Found(calendar.monday(published + timedelta(weeks=shift)), grain)
    if grain == "month":
        return Found(calendar.add_months(published, shift), grain)
    return Found(date(published.year + shift, 1, 1), grain)


def _anchored_count(m: _Match) -> Found:
    """ "quatre jours après l'opération": relative to another event, never resolved."""
    return Found(None, _count(m, "ac")[1])


def _anchored_day(m: _Match) -> Found:
    """ "la veille", "le lendemain au soir": relative to another event, never resolved."""
    return _with_day(None, m, "ad")


def _numeric_date(m: _Match) -> Found | None:
    try:
        day = date(
            int(m.group("nd_year") or 0), int(m.group("nd_month") or 0), int(m.group("nd_day") or 0)
        )
    except ValueError:
        return None
    return _with_day(day, m, "nd")


def _iso_date(m: _Match) -> Found | None:
    try:
        day = date(
            int(m.group("iso_y") or 0), int(m.group("iso_m") or 0), int(m.group("iso_d") or 0)
        )
    except ValueError:
        return None
    return Found(day, "day")


def _date(m: _Match) -> Found | None:
    day = _day_month(m, "dt")
    if day is False:
        return None
    early = m.group("dt_early") is not None
    return _with_day(day if isinstance(day, date) else None, m, "dt", early=early)


def _month(m: _Match) -> Found | None:
    """A month alone needs a cue before it ("en octobre", "fin mars"), or, written in lower
    case, a year or a direction after it ("octobre 2023", "mars prochain"), so that "Mars" the
    planet or the brand stays out."""
    form = m.group("mo_mo") or ""
    year = m.group("mo_y")
    step = m.int_value("direction", "mo_dir")
    qualified = (year is not None or step is not None) and form.islower()
    if not qualified and not m.preceded_by(m.grammar.period_trigger):
        return None
    month = int(m.lex.value("month", form))
    if year is not None:
        return Found(date(int(year), month, 1), "month")
    if m.published is None or step == 0:
        return Found(None, "month")
    if step is not None:
        return Found(calendar.month_start(m.published, month, step=step), "month")
    return Found(calendar.month_start(m.published, month, future=m.future), "month")


def _year(m: _Match) -> Found | None:
    if not m.preceded_by(m.grammar.period_trigger):
        return None
    return Found(date(int(m.group("yr_y") or 0), 1, 1), "year")


def _bare_clock(m: _Match, day: date | None) -> Found | None:
    """ "à 14h", "vers midi": a clock time alone needs a cue before it."""
    if not m.preceded_by(m.grammar.time_trigger):
        return None
    return _with_day(day, m, "tm")


_RESOLVERS: dict[str, Callable[[_Match], Found | None]] = {
    "wd": _weekday,
    "rd": _relative_day,
    "dp": _this,
    "pd": _period_direction,
    "ct": _counted,
    "ac": _anchored_count,
    "ad": _anchored_day,
    "nd": _numeric_date,
    "iso": _iso_date,
    "dt": _date,
    "mo": _month,
    "yr": _year,
}
