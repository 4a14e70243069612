"""What a request asks to analyse: a JSON body or a form (pasted text or an uploaded file),
turned into a worker `Job`, or refused with the error that says what to send instead."""

from __future__ import annotations

import datetime as dt
import json

from fastapi import Request
from pydantic import BaseModel, ConfigDict, Field, StrictStr, ValidationError
from starlette.datastructures import FormData, UploadFile

from crible.ingest.document import parse_date
from crible.ingest.formats import format_from_name
from crible.web.envelope import ApiError, describe_validation
from crible.web.workers import Job

# File types the upload takes: every reader crible has (an .xml file or a name without a suffix
# is sniffed). Anything else with a suffix is refused.
UPLOAD_SUFFIXES = (
    ".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson", ".csv", ".tsv",
    ".rss", ".atom", ".xml",
)  # fmt: skip


class AnalyzeRequest(BaseModel):
    """The JSON body of POST /api/analyze."""

    model_config = ConfigDict(extra="forbid")

    text: StrictStr = Field(description="The text: one article or several glued together.")
    published: StrictStr | None = Field(
        default=None, description="Publication date YYYY-MM-DD, to resolve 'mardi', 'hier'…"
    )
    source: StrictStr | None = Field(
        default=None, description="A name for the text in the result (default '<text>')."
    )


async def job_from_request(request: Request, max_bytes: int) -> Job:
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media == "application/json" or media.endswith("+json"):
        return job_from_json(await request.body())
    if media in ("multipart/form-data", "application/x-www-form-urlencoded"):
        return await job_from_form(await read_form(request, max_bytes))
    raise ApiError(
        "unsupported_media_type",
        f"Content-Type {media or '(none)'} is not accepted: send application/json "
        '({"text": "…"}) or a form (multipart/form-data with a file or a text field)',
    )


def job_from_json(body: bytes) -> Job:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ApiError("bad_json", f"the body is not valid JSON ({exc})") from None
    try:
        request = AnalyzeRequest.model_validate(data)
    except ValidationError as exc:
        raise ApiError("invalid", describe_validation(exc.errors())) from None
    return text_job(request.text, request.published, request.source)


async def read_form(request: Request, max_bytes: int) -> FormData:
    # Starlette caps a form's text fields at 1 MB by default; the pasted text may be larger.
    return await request.form(max_files=1, max_fields=10, max_part_size=max_bytes)


async def job_from_form(form: FormData, *, pasted: bool = False) -> Job:
    """A job from a form's `file` (if one was chosen) or `text` field. `pasted`: the text comes
    from the page's text box, whose line ends every browser sends as CRLF; they are turned back
    into what was pasted, so that offsets match the text as the user sees it."""
    published = _field(form, "published")
    source = _field(form, "source")
    upload = form.get("file")
    if isinstance(upload, UploadFile) and upload.filename:
        return file_job(upload.filename, await upload.read(), published, source)
    text = _field(form, "text") or ""
    if pasted:
        text = text.replace("\r\n", "\n")
    return text_job(text, published, source or ("pasted text" if pasted else None))


def text_job(text: str, published: str | None, source: str | None) -> Job:
    date = _date(published)
    if not text.strip():
        raise ApiError("empty", "the text is empty: paste or send some text to analyse")
    return Job(source=source or "<text>", text=text, published=date)


def file_job(filename: str, data: bytes, published: str | None, source: str | None) -> Job:
    date = _date(published)
    name = filename.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    fmt = format_from_name(name)
    sniffed = name.lower().endswith(".xml") or "." not in name.lstrip(".")
    if fmt is None and not sniffed:
        raise ApiError(
            "unsupported_media_type",
            f"{name}: crible does not read this type of file; "
            "send text, HTML, JSONL, CSV or an RSS/Atom feed",
        )
    if not data:
        raise ApiError("empty", f"{name}: the file is empty")
    return Job(source=source or name, data=data, input_format=fmt, published=date)


def _date(published: str | None) -> dt.date | None:
    try:
        return parse_date(published)
    except ValueError:
        raise ApiError(
            "invalid", f"published: {published!r} is not a date; give YYYY-MM-DD"
        ) from None


def _field(form: FormData, name: str) -> str | None:
    value = form.get(name)
    return value if isinstance(value, str) and value.strip() else None
