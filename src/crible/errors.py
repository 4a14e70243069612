"""Typed errors with stable codes. The library raises them; the CLI and web edges turn them into
one-line messages. Each message says what is wrong and what to do about it."""

from __future__ import annotations


class CribleError(Exception):
    """Base class. `code` is stable and appears in the JSON `errors` list."""

    code = "error"

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        self.message = message
        self.hint = hint
        super().__init__(self.line())

    def line(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class InputError(CribleError):
    """A document cannot be read; the rest of the batch goes on."""

    code = "input_error"


class EmptyInput(InputError):
    code = "empty"


class BinaryInput(InputError):
    code = "binary"


class UndecodableInput(InputError):
    code = "undecodable"


class InputTooLarge(InputError):
    code = "too_large"


class UnreadableInput(InputError):
    code = "unreadable"


class MalformedRecord(InputError):
    code = "malformed_record"


class NoTextFound(InputError):
    code = "no_text"


class FetchFailed(InputError):
    code = "fetch_failed"


class UsageError(CribleError):
    """The caller asked for something impossible (bad option, missing file); exit code 2."""

    code = "usage"


class ResourceError(CribleError):
    """A data file or model crible needs is missing or broken."""

    code = "resource"


class ModelError(ResourceError):
    code = "model"


class AnalysisTimeout(CribleError):
    """An analysis ran over the time limit it was given (the web server's --timeout)."""

    code = "timeout"


class AnalysisFailed(CribleError):
    """The analysis itself broke on an input: a bug to report, not the user's fault."""

    code = "analysis_failed"


class StoreError(ResourceError):
    """The corpus database cannot be opened or written (missing, locked, newer schema)."""

    code = "store"


class StoreLocked(StoreError):
    """Another process holds the corpus database for writing (a running `crible batch`)."""

    code = "store_locked"
