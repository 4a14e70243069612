"""The shipped emotive.tsv is what scripts/build_emotive.py makes of our hand-written entries
(the derived rows need the textblob-fr wheel, which the tests do not download)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[3]
SHIPPED = REPO / "src" / "crible" / "lexicons" / "fr" / "emotive.tsv"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_emotive", REPO / "scripts" / "build_emotive.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_emotive"] = module
    spec.loader.exec_module(module)
    return module


def test_crible_rows_are_the_hand_written_source() -> None:
    build = _script()
    ours = [row.line() for row in build.read_all_ours()]
    lines = [line for line in SHIPPED.read_text(encoding="utf-8").splitlines() if line]
    shipped = [line for line in lines if not line.startswith("#") and line.endswith("\tcrible")]
    assert shipped == ours
    assert lines[: len(build.HEADER.splitlines())] == build.HEADER.splitlines()


def test_derived_forms_are_grouped_under_their_masculine_singular() -> None:
    build = _script()
    forms = {
        "scandaleux",
        "scandaleuse",
        "scandaleuses",
        "actif",
        "active",
        "actives",
        "fatal",
        "fatals",
        "fatale",
        "belle",
    }
    assert build.base_form("scandaleuses", forms) == "scandaleux"
    assert build.base_form("actives", forms) == "actif"
    assert build.base_form("fatale", forms) == "fatal"
    assert build.base_form("belle", forms) == "belle"  # "beau" is not in the list
