"""Write docs/cli.md, the reference of every crible command and option, from the Typer app.

python scripts/cli_reference.py          # rewrite docs/cli.md
python scripts/cli_reference.py --check  # exit 1 if docs/cli.md is out of date (tests do this)
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
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
                if isinstance(param, click.Argument):
                    names = f"`{param.human_readable_name}`"
                text = getattr(param, "help", None) or ""
                if isinstance(param.type, click.Choice):
                    text += f" Choices: {', '.join(map(str, param.type.choices))}."
                lines.append(f"| {names} | {' '.join(text.split())} |")
            lines.append("")
    return "\n".join(lines)


def _walk(command: click.Command, path: list[str]) -> list[tuple[list[str], click.Command]]:
    if isinstance(command, click.Group):
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
