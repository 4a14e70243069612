"""The corpus views as the web serves them: which parameters each view takes, how a query
string becomes the view's options (one parser for the page, the JSON API and the charts, so all
three refuse the same things with the same words), and the database opened for one request.

The database is opened read-only for each request and closed when the answer is made: between
requests the server holds no lock on the file, so a `crible batch` can write to it. While a batch
holds it, DuckDB refuses readers from other processes; that is answered 503 `store_locked`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlencode

from crible.corpus import views
from crible.corpus.store import Connection, closing, open_store
from crible.corpus.stories import THRESHOLD, WINDOW_DAYS
from crible.errors import StoreError, StoreLocked, UsageError
from crible.ingest.document import parse_date
from crible.render.views import SOURCE_KINDS
from crible.web.envelope import ApiError

# How a parameter's text is read: free text, a date, a whole number of rows (0: all), a
# similarity above 0 and at most 1, a whole number of days, true/false, one of `choices`.
ParamType = Literal["text", "date", "count", "share", "days", "flag", "choice"]

_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


@dataclass(frozen=True)
class Param:
    name: str
    type: ParamType
    help: str
    choices: tuple[str, ...] = ()
    keyword: str = ""  # the view function's argument, when it is not `name`
    placeholder: str = ""  # what the view takes when the parameter is not given

    @property
    def argument(self) -> str:
        return self.keyword or self.name


OUTLET = Param("outlet", "text", "Only the documents of this outlet (its exact name).")
SINCE = Param("since", "date", "Only articles published on or after this date (YYYY-MM-DD).")
UNTIL = Param("until", "date", "Only articles published up to this date (YYYY-MM-DD).")
LIMIT = Param("limit", "count", "At most this many rows (0: all).")
KIND = Param("kind", "choice", "Only sources of this kind.", tuple(SOURCE_KINDS))
SIMILARITY = Param(
    "threshold",
    "share",
    f"Similarity (above 0, at most 1) from which two claims tell the same story "
    f"(default {THRESHOLD}).",
    placeholder=str(THRESHOLD),
)
WINDOW = Param(
    "window",
    "days",
    f"Claims published more than this many days apart are not linked (default {WINDOW_DAYS}).",
    keyword="window_days",
    placeholder=str(WINDOW_DAYS),
)
ENTITY = Param("entity", "text", "An entity: its id, its name or a spelling seen (any case).")
TERM = Param("term", "text", "A word or phrase (whole words, ignoring case and accents).")
BY_OUTLET = Param("by_outlet", "flag", "One count per outlet and day (true or false).")

FILTERS = (OUTLET, SINCE, UNTIL)


@dataclass(frozen=True)
class CorpusView:
    name: str
    title: str
    summary: str
    function: Callable[..., Sequence[Any]]
    row: type
    params: tuple[Param, ...]
    limit: int  # the rows given when no limit is asked (0: all), as in `crible corpus`


_VIEWS = (
    CorpusView(
        "outlets",
        "Outlets",
        "How each outlet reports: the shares of its claims that are hedged, from an anonymous "
        "source or said to be unconfirmed; slanted spans per 1,000 words; its top techniques "
        "and genres.",
        views.outlets,
        views.OutletRow,
        (*FILTERS, LIMIT),
        0,
    ),
    CorpusView(
        "drift",
        "Certainty drift",
        "Claims that one outlet reports, hedges or calls unconfirmed while another states "
        "them as fact, both texts side by side.",
        views.drift,
        views.DriftRow,
        (*FILTERS, SIMILARITY, WINDOW, LIMIT),
        50,
    ),
    CorpusView(
        "stories",
        "Stories",
        "The same claim told by several articles (grouped by content similarity), with each "
        "outlet's certainty side by side.",
        views.stories,
        views.StoryRow,
        (*FILTERS, SIMILARITY, WINDOW, LIMIT),
        50,
    ),
    CorpusView(
        "sources",
        "Sources",
        "Who is quoted or cited, how often, by which outlets, and how firmly.",
        views.sources,
        views.SourceRow,
        (*FILTERS, KIND, LIMIT),
        50,
    ),
    CorpusView(
        "entities",
        "Entities",
        "Canonical entities, most mentioned first, with mentions per outlet and every "
        "spelling seen.",
        views.entities,
        views.EntityRow,
        (*FILTERS, LIMIT),
        50,
    ),
    CorpusView(
        "timeline",
        "Timeline",
        "Mentions per day of an entity or of a term (give one of them). Undated articles "
        "are left out.",
        views.timeline,
        views.TimelineRow,
        (ENTITY, TERM, *FILTERS, BY_OUTLET, LIMIT),
        0,
    ),
    CorpusView(
        "techniques",
        "Techniques",
        "Slant techniques per outlet: spans found, and per 1,000 words of that outlet.",
        views.techniques,
        views.TechniqueRow,
        (*FILTERS, LIMIT),
        50,
    ),
)
VIEWS: dict[str, CorpusView] = {view.name: view for view in _VIEWS}


def invalid(message: str) -> ApiError:
    return ApiError("invalid", message, 422)


def options(
    view: CorpusView, query: Mapping[str, str], params: Sequence[Param] | None = None
) -> dict[str, Any]:
    """The keyword arguments of `view.function` that `query` asks for. `params` narrows the
    parameters accepted (a chart takes no limit). An empty value is a parameter not given (a
    form's blank field); a parameter the view does not take, or one given twice, is refused."""
    accepted = {p.name: p for p in (view.params if params is None else params)}
    for name in query:
        if name not in accepted:
            takes = ", ".join(accepted) or "no parameters"
            raise invalid(f"{name}: not a parameter of the {view.name} view (it takes {takes})")
        if len(_all(query, name)) > 1:
            raise invalid(f"{name}: given more than once; give it once")
    found: dict[str, Any] = {}
    for param in accepted.values():
        text = query.get(param.name, "")
        if text.strip():
            found[param.argument] = _value(param, text)
    if LIMIT in accepted.values():
        found["limit"] = found.get("limit", view.limit) or None
    since, until = found.get("since"), found.get("until")
    if since and until and since > until:
        raise invalid(f"since {since} is after until {until}: nothing can match")
    return found


def _all(query: Mapping[str, str], name: str) -> list[str]:
    getlist = getattr(query, "getlist", None)
    return list(getlist(name)) if getlist else [query[name]]


def _value(param: Param, text: str) -> Any:
    plain = text.strip()
    if param.type == "text":
        return text
    if param.type == "date":
        try:
            return parse_date(plain)
        except ValueError:
            raise invalid(f"{param.name}: {text!r} is not a date; give YYYY-MM-DD") from None
    if param.type == "flag":
        if plain.lower() in _TRUE + _FALSE:
            return plain.lower() in _TRUE
        raise invalid(f"{param.name}: {text!r} is not true or false")
    if param.type == "choice":
        if plain in param.choices:
            return plain
        raise invalid(f"{param.name}: {text!r} is not one of {', '.join(param.choices)}")
    if param.type == "share":
        try:
            share = float(plain)
        except ValueError:
            share = -1.0
        if 0 < share <= 1:
            return share
        raise invalid(f"{param.name}: {text!r} is not a number above 0 and at most 1")
    # count, days: whole numbers, 0 or more
    if plain.isascii() and plain.isdigit():
        return int(plain)
    what = (
        "a number of rows: give 0 (all rows) or more"
        if param.type == "count"
        else ("a number of days: give 0 or more")
    )
    raise invalid(f"{param.name}: {text!r} is not {what}")


@contextmanager
def corpus(db: Path) -> Iterator[Connection]:
    """The corpus database, read-only, for one request; closed (and its lock released) after."""
    try:
        con = open_store(db, read_only=True)
    except StoreLocked:
        raise ApiError(
            "store_locked",
            f"the corpus database {db.name} is being written by another process (a crible "
            "batch is running on it): try again when the batch has finished",
            503,
        ) from None
    except StoreError as error:
        raise ApiError(
            "store", f"the server cannot read its corpus database: {error.message}", 500
        ) from None
    with closing(con):
        yield con


def rows(con: Connection, view: CorpusView, found: Mapping[str, Any]) -> list[Any]:
    """The view's rows; what the view itself refuses (an entity the corpus does not know, a
    timeline with neither entity nor term) is a 422 like any other bad parameter."""
    try:
        return list(view.function(con, **found))
    except UsageError as error:
        raise invalid(error.line()) from None


def url(path: str, **params: str | None) -> str:
    """`path` with the parameters that have a value, as a query string."""
    given = {name: value for name, value in params.items() if value}
    return f"{path}?{urlencode(given)}" if given else path
