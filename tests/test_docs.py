"""Docs are tested: the CLI reference is current, and every formats doc named exists."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_cli_reference_is_current() -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "cli_reference.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr


def test_readme_gives_the_ci_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert ci in (REPO / "README.md").read_text(encoding="utf-8")


def test_every_lexicon_has_a_format_doc() -> None:
    docs = " ".join(p.read_text(encoding="utf-8") for p in (REPO / "docs" / "formats").glob("*.md"))
    lexicons = REPO / "src" / "crible" / "lexicons" / "fr"
    missing = [p.name for p in lexicons.iterdir() if p.name not in docs]
    assert not missing, f"lexicons without a documented format: {missing}"
