"""Load the spaCy pipeline crible runs: the pinned French model plus crible's components."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import spacy
from spacy.language import Language

from crible.errors import ModelError
from crible.nlp import factories  # noqa: F401  (registers the crible_* factories)

# One spaCy model per supported language; adding a language adds a line here and its lexicons.
MODELS = {"fr": "fr_core_news_md"}
ALL_COMPONENTS = ("entities", "claims", "times", "slant")


def load_pipeline(
    lang: str = "fr",
    *,
    components: Sequence[str] = ALL_COMPONENTS,
    extra_aliases: Sequence[str] = (),
    model_dir: str | None = None,
) -> Language:
    """The model for `lang` with the requested crible components, in pipeline order.

    Cached: the same arguments give the same (shared) `Language` object.
    """
    return _load(lang, tuple(components), tuple(extra_aliases), model_dir)


def pipeline_loads() -> int:
    """How many pipelines this process has loaded (each `spacy.load` of a model counts once):
    batch workers report it, to show the model loads once per worker."""
    return _load.cache_info().misses


@lru_cache(maxsize=8)
def _load(
    lang: str, components: tuple[str, ...], extra_aliases: tuple[str, ...], model_dir: str | None
) -> Language:
    name = MODELS.get(lang)
    if name is None:
        raise ModelError(
            f"no spaCy model is configured for language {lang!r}",
            hint=f"supported: {', '.join(sorted(MODELS))}",
        )
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"the spaCy model {name} is not installed",
            hint="run the README's setup command; the model comes from PyPI as a pinned package",
        ) from exc
    for component in ALL_COMPONENTS:
        if component not in components:
            continue
        config: dict[str, object] = {}
        if component == "entities":
            config = {"extra_aliases": list(extra_aliases)}
        elif component == "slant":
            config = {"model_dir": model_dir}
        nlp.add_pipe(f"crible_{component}", config=config)
    return nlp
