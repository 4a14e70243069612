"""Settings from a TOML config file (`--config FILE` or the CRIBLE_CONFIG variable).

Keys are the long option names of `crible analyze`:

    lang = "fr"
    published = "2023-10-12"
    aliases = ["my_aliases.tsv"]      # relative paths are relative to the config file
    model = "models/persuasion"
    max_size = 20                      # MB
    n_process = 2
    batch_size = 16
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from crible.errors import UsageError

KEYS = {"lang", "published", "aliases", "model", "max_size", "n_process", "batch_size"}


def load_config(path: str | None) -> dict[str, Any]:
    path = path or os.environ.get("CRIBLE_CONFIG")
    if not path:
        return {}
    file = Path(path)
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"cannot read the config file {file}: {exc.strerror}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"the config file {file} is not valid TOML: {exc}") from exc
    section = data.get("crible", data)
    unknown = set(section) - KEYS
    if unknown:
        raise UsageError(
            f"unknown key(s) in {file}: {', '.join(sorted(unknown))}",
            hint=f"known keys: {', '.join(sorted(KEYS))}",
        )
    if "aliases" in section:
        aliases = section["aliases"]
        if isinstance(aliases, str):
            aliases = [aliases]
        section["aliases"] = [str((file.parent / a).resolve()) for a in aliases]
    if "model" in section:
        section["model"] = str((file.parent / section["model"]).resolve())
    return dict(section)
