"""The `crible` command. Each command module registers itself on the Typer apps in `app.py`."""

from __future__ import annotations

import sys

from crible.cli import analyze as _analyze  # noqa: F401  (registers commands)
from crible.cli import batch as _batch  # noqa: F401
from crible.cli import corpus as _corpus  # noqa: F401
from crible.cli import export as _export  # noqa: F401
from crible.cli import serve as _serve  # noqa: F401
from crible.cli.app import app


def _register_optional() -> None:
    # Command modules of the learning side are imported when present.
    import importlib

    for name in ("crible.cli.evaluate_claims", "crible.cli.learn"):
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise


_register_optional()


def main() -> None:
    sys.exit(app())


__all__ = ["app", "main"]
