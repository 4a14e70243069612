"""Everything the slant rules need for one language, built once per process and shared."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from crible.nlp.slant.genre import GenreCues
from crible.nlp.slant.lexicon import (
    EmotiveEntry,
    SlantTerm,
    load_emotive_entries,
    load_frame_terms,
    load_genre_cues,
    load_persuasion_cues,
    load_slant_terms,
)
from crible.nlp.slant.persuasion import CueSet
from crible.nlp.slant.terms import TermMatcher


@dataclass(frozen=True)
class SlantResources:
    lang: str
    loaded: TermMatcher[SlantTerm]
    emotive: TermMatcher[EmotiveEntry]
    cues: CueSet
    frames: TermMatcher[tuple[str, int]]
    genre_cues: GenreCues


@lru_cache(maxsize=8)
def slant_resources(lang: str) -> SlantResources:
    """Load and compile the slant data of `lang` (ResourceError if a file is missing or bad)."""
    terms = load_slant_terms(lang)
    frame_terms = load_frame_terms(lang)
    return SlantResources(
        lang=lang,
        loaded=TermMatcher(lang, ((t.variants, t) for t in terms)),
        emotive=TermMatcher(lang, ((e.variants, e) for e in load_emotive_entries(lang))),
        cues=CueSet(load_persuasion_cues(lang)),
        frames=TermMatcher(lang, ((t.variants, (t.frame, i)) for i, t in enumerate(frame_terms))),
        genre_cues=GenreCues(load_genre_cues(lang)),
    )
