"""Date arithmetic for the resolver: plain functions of `datetime.date`, no language in them.

Conventions (docs/formats/time.md): "past" means on or before the publication date, which is the
news default; `future=True` is used when the governing verb is in the future tense.
"""

from __future__ import annotations

from datetime import date, timedelta

SATURDAY = 5


def monday(day: date) -> date:
    """The Monday of the ISO week of `day`."""
    return day - timedelta(days=day.weekday())


def weekday_date(published: date, weekday: int, *, step: int = 0, future: bool = False) -> date:
    """The date of a named weekday seen from `published`.

    step -1 ("jeudi dernier"): the latest one strictly before; step 1 ("lundi prochain"): the
    first one strictly after; step 0: the latest one on or before, or with `future` the first
    one on or after.
    """
    if step < 0:
        return published - timedelta(days=(published.weekday() - weekday) % 7 or 7)
    if step > 0:
        return published + timedelta(days=(weekday - published.weekday()) % 7 or 7)
    if future:
        return published + timedelta(days=(weekday - published.weekday()) % 7)
    return published - timedelta(days=(published.weekday() - weekday) % 7)


def this_weekday(published: date, weekday: int) -> date:
    """ "ce mercredi": the named day of the publication's own week (Monday to Sunday)."""
    return monday(published) + timedelta(days=weekday)


def valid_day(day: int, month: int) -> bool:
    """Whether some year has this day of this month (29 February included)."""
    try:
        date(2000, month, day)
    except ValueError:
        return False
    return True


def day_month_date(published: date, day: int, month: int, *, future: bool = False) -> date:
    """The nearest such date not after `published` (or, with `future`, not before it)."""
    step = 1 if future else -1
    year = published.year
    for _ in range(9):  # 29 February may need up to 8 years
        try:
            candidate = date(year, month, day)
        except ValueError:
            year += step
            continue
        if (candidate <= published) if not future else (candidate >= published):
            return candidate
        year += step
    raise ValueError(f"no date {day}/{month} near {published}")


def day_month_weekday(published: date, day: int, month: int, weekday: int) -> date | None:
    """ "dimanche 12 novembre": the date nearest `published` (a year either way) that falls on
    `weekday`; None when none of the three candidates does."""
    candidates: list[date] = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate.weekday() == weekday:
            candidates.append(candidate)
    if not candidates:
        return None
    return min(candidates, key=lambda candidate: abs((candidate - published).days))


def month_start(published: date, month: int, *, step: int = 0, future: bool = False) -> date:
    """The first day of the nearest such month not after (or, with `future`, not before);
    step -1 ("décembre dernier") the latest one before the publication's month, step 1
    ("mars prochain") the first one after it."""
    year = published.year
    if step < 0:
        return date(year if month < published.month else year - 1, month, 1)
    if step > 0:
        return date(year if month > published.month else year + 1, month, 1)
    if not future and month > published.month:
        year -= 1
    elif future and month < published.month:
        year += 1
    return date(year, month, 1)


def add_months(day: date, months: int) -> date:
    """The first day of the month `months` after the month of `day`."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def weekend(published: date, *, step: int = 0, future: bool = False) -> date:
    """The Saturday of a week-end.

    step 0 ("ce week-end"): the week-end of the publication's week, except that on a Monday or
    Tuesday without a future verb it is the one just past; step -1 ("le week-end dernier"): the
    latest week-end whose Sunday is before the publication; step 1 ("le week-end prochain"): the
    first Saturday after the publication.
    """
    if step < 0:
        last = published - timedelta(days=2)
        return last - timedelta(days=(last.weekday() - SATURDAY) % 7)
    if step > 0:
        return published + timedelta(days=(SATURDAY - published.weekday()) % 7 or 7)
    saturday = monday(published) + timedelta(days=SATURDAY)
    if published.weekday() <= 1 and not future:
        return saturday - timedelta(days=7)
    return saturday
