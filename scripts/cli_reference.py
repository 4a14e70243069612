"""Write docs/cli.md, the reference of every crible command and option, from the Typer app.

python scripts/cli_reference.py          # rewrite docs/cli.md
python scripts/cli_reference.py --check  # exit 1 if docs/cli.md is out of date (tests do this)
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Any

import typer

from crible.cli import app

DOC = Path(__file__).resolve().parents[1] / "docs" / "cli.md"


def render() -> str:
    root = typer.main.get_command(app)
    lines = [
        "# Command-line reference",
        "",
        "Generated from the code by `scripts/cli_reference.py`; a test fails when it is stale.",
        "",
    ]
    for path, command in _walk(root, ["crible"]):
        lines += [f"## `{' '.join(path)}`", "", (command.help or "").strip().split("\n\n")[0], ""]
        params = [p for p in command.params if p.name != "help"]
        if params:
            lines += ["| argument or option | help |", "|---|---|"]
            for param in params:
                names = ", ".join(f"`{o}`" for o in (param.opts + param.secondary_opts))
                if param.param_type_name == "argument":
                    names = f"`{(param.name or '').upper()}`"
                text = getattr(param, "help", None) or ""
                kind = getattr(param, "bare_type", None)
                if isinstance(kind, type) and issubclass(kind, Enum):
                    text += f" Choices: {', '.join(str(m.value) for m in kind)}."
                lines.append(f"| {names} | {' '.join(text.split())} |")
            lines.append("")
    return "\n".join(lines)


def _walk(command: Any, path: list[str]) -> list[tuple[list[str], Any]]:
    # Duck-typed: recent typer vendors its own click, whose classes are not click's.
    if hasattr(command, "commands"):
        out = []
        for name in sorted(command.commands):
            out += _walk(command.commands[name], [*path, name])
        return out
    return [(path, command)]


def main() -> None:
    text = render()
    if "--check" in sys.argv:
        if not DOC.exists() or DOC.read_text(encoding="utf-8") != text:
            print(f"{DOC} is out of date: run python scripts/cli_reference.py", file=sys.stderr)
            sys.exit(1)
        return
    DOC.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
