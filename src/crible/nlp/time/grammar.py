"""The time grammar: one regular expression per language, built once from its lexicon.

Each alternative is a named group (`wd`, `rd`, …) whose sub-groups carry the same prefix, so the
matcher knows which shape it found from `match.lastgroup`. Word order lives here; every word comes
from the data file (docs/formats/time.md). A language with another word order would add
alternatives here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from crible.nlp.phrases import phrase_alternation
from crible.nlp.time.lexicon import TimeLexicon, load_lexicon

SP = r"[^\S\n]+"  # spaces inside one expression, never a line break
DIGIT_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
YEAR = r"(?:1[6-9]|20|21)\d\d"

# the alternatives, in the order the regex tries them at one position
# the kinds whose words can begin an expression (digits aside)
FIRST_WORDS = (
    "early",
    "this",
    "weekday",
    "relative_day",
    "anchored_day",
    "part_of_day",
    "period",
    "count_prefix",
    "number",
    "month",
    "time_word",
    "day_word",
)
SHAPES = ("wd", "rd", "dp", "pd", "ct", "ac", "ad", "nd", "iso", "dt", "mo", "yr", "tm")


@dataclass(frozen=True)
class TimeGrammar:
    lexicon: TimeLexicon
    pattern: re.Pattern[str]  # the single pass over a text
    time_trigger: re.Pattern[str]  # searched in the text just before a bare clock time
    period_trigger: re.Pattern[str]  # … before a bare month or year


def _alt(lexicon: TimeLexicon, kind: str) -> str:
    """The forms of `kind`, longest first, as a prefix tree (the patterns ignore case)."""
    return "(?:" + phrase_alternation(lexicon.words(kind), fold_case=True, space=SP) + ")"


def _trigger(lexicon: TimeLexicon, kind: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + _alt(lexicon, kind) + r"[^\S\n]*$", re.IGNORECASE)


def _clock(lexicon: TimeLexicon, p: str) -> str:
    hour = r"(?:2[0-3]|[01]?\d)"
    return (
        rf"(?:(?P<{p}_h>{hour})[^\S\n]?{_alt(lexicon, 'hour_mark')}"
        rf"(?:[^\S\n]?(?P<{p}_m>[0-5]\d))?(?!\w)"
        rf"|(?P<{p}_h2>{hour}):(?P<{p}_m2>[0-5]\d)(?![\w:])"
        rf"|(?P<{p}_tw>{_alt(lexicon, 'time_word')})(?!\w))"
        rf"(?:{SP}(?P<{p}_mer>{_alt(lexicon, 'meridiem')})(?!\w))?"
    )


def _then_part(lexicon: TimeLexicon, p: str) -> str:
    """An optional part of the day after a day: "mardi soir", "mardi dans la soirée"."""
    link = _alt(lexicon, "part_link")
    return rf"(?:{SP}(?:{link}{SP})?(?P<{p}_pod>{_alt(lexicon, 'part_of_day')})(?![\w-]))?"


def _then_clock(lexicon: TimeLexicon, p: str) -> str:
    """An optional clock time after a day: "mardi 20h", "mardi à 20 h 30"."""
    return rf"(?:(?:{SP}{_alt(lexicon, 'time_link')})?{SP}{_clock(lexicon, p)})?"


def build_pattern(lexicon: TimeLexicon) -> re.Pattern[str]:
    lx = lexicon
    early = _alt(lx, "early")
    this = _alt(lx, "this")
    weekday = _alt(lx, "weekday")
    month = _alt(lx, "month")
    part = _alt(lx, "part_of_day")
    period = _alt(lx, "period")
    direction = _alt(lx, "direction")
    number = rf"(?:\d{{1,4}}|{_alt(lx, 'number')})"
    unit = _alt(lx, "unit")
    day = rf"(?:{_alt(lx, 'day_word')}|{DIGIT_DAY})"
    shapes = {
        "wd": (
            rf"(?<!\w)(?:(?P<wd_early>{early}){SP})?(?:(?P<wd_this>{this}){SP})?"
            rf"(?P<wd_day>{weekday})(?![\w-])"
            rf"(?:{SP}(?P<wd_dir>{direction})(?!\w))?"
            rf"(?:{SP}(?P<wd_dn>{day}){SP}(?P<wd_mo>{month})(?!\w)"
            rf"(?:{SP}(?P<wd_y>{YEAR})(?!\w))?)?" + _then_part(lx, "wd") + _then_clock(lx, "wd")
        ),
        "rd": (
            rf"(?<![\w-])(?:(?P<rd_early>{early}){SP})?"
            rf"(?P<rd_word>{_alt(lx, 'relative_day')})(?![\w-])"
            + _then_part(lx, "rd")
            + _then_clock(lx, "rd")
        ),
        "dp": (
            rf"(?<!\w)(?:(?P<dp_early>{early}){SP})?(?P<dp_this>{this}){SP}"
            rf"(?:(?P<dp_pod>{part})|(?P<dp_per>{period}))"
            rf"(?P<dp_sfx>{_alt(lx, 'this_suffix')})?(?![\w-])" + _then_clock(lx, "dp")
        ),
        "pd": (
            rf"(?<![\w-])(?:(?P<pd_pod>{part})|(?P<pd_per>{period})){SP}"
            rf"(?P<pd_dir>{direction})(?!\w)"
        ),
        "ct": (
            rf"(?<!\w)(?P<ct_pre>{_alt(lx, 'count_prefix')}){SP}"
            rf"(?P<ct_n>{number})(?![\w-]){SP}(?P<ct_u>{unit})(?![\w-])"
        ),
        "ac": (
            rf"(?<![\w,.-])(?P<ac_n>{number})(?![\w-]){SP}(?P<ac_u>{unit})(?![\w-]){SP}"
            rf"(?P<ac_rel>{_alt(lx, 'count_anchor')})(?!\w)"
        ),
        "ad": (
            rf"(?<![\w-])(?P<ad_word>{_alt(lx, 'anchored_day')})(?![\w-])" + _then_part(lx, "ad")
        ),
        "nd": (
            rf"(?<![\w/.-])(?P<nd_day>{DIGIT_DAY})(?P<nd_s>[/.-])(?P<nd_month>1[0-2]|0?[1-9])"
            rf"(?P=nd_s)(?P<nd_year>{YEAR})(?![\w/]|[.-]\d)" + _then_clock(lx, "nd")
        ),
        "iso": (
            rf"(?<![\w/.-])(?P<iso_y>{YEAR})-(?P<iso_m>1[0-2]|0[1-9])-(?P<iso_d>3[01]|[12]\d|0[1-9])"
            rf"(?![\w/]|[.-]\d)"
        ),
        "dt": (
            rf"(?<![\w,./])(?:(?P<dt_early>{early}){SP})?(?P<dt_dn>{day}){SP}"
            rf"(?P<dt_mo>{month})(?!\w)(?:{SP}(?P<dt_y>{YEAR})(?!\w))?"
            + _then_part(lx, "dt")
            + _then_clock(lx, "dt")
        ),
        "mo": (
            rf"(?<!\w)(?P<mo_mo>{month})(?!\w)"
            rf"(?:{SP}(?P<mo_y>{YEAR})(?!\w)|{SP}(?P<mo_dir>{direction})(?!\w))?"
        ),
        "yr": rf"(?<![\w.,/-])(?P<yr_y>{YEAR})(?!\w|[.,/-]\d)",
        "tm": r"(?<![\w.,/:])" + _clock(lx, "tm"),
    }
    body = "|".join(f"(?P<{name}>{shapes[name]})" for name in SHAPES)
    # every expression starts a word that is a digit or one of these: one cheap look-ahead
    # rejects most positions before the alternatives are tried
    first = {form for kind in FIRST_WORDS for form in lx.words(kind)}
    first_word = phrase_alternation(first, fold_case=True, space=SP)
    return re.compile(rf"(?<!\w)(?=\d|(?:{first_word})(?!\w))(?:{body})", re.IGNORECASE)


@lru_cache(maxsize=4)
def load_grammar(lang: str = "fr") -> TimeGrammar:
    """The compiled grammar of `lang`, built once per process."""
    lexicon = load_lexicon(lang)
    return TimeGrammar(
        lexicon=lexicon,
        pattern=build_pattern(lexicon),
        time_trigger=_trigger(lexicon, "time_trigger"),
        period_trigger=_trigger(lexicon, "period_trigger"),
    )
