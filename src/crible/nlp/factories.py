"""Every crible spaCy component is registered here, once (as spaCy does in
`spacy/pipeline/factories.py`). Component classes are imported inside the factory functions so that
importing this module stays cheap and free of import cycles.

Order in the pipeline: crible_entities -> crible_claims (needs entities for sources) ->
crible_times -> crible_slant.
"""

# No `from __future__ import annotations` here: spaCy validates factory arguments from their
# annotations at run time, and postponed (string) annotations break that validation.
from typing import Any

from spacy.language import Language

from crible.nlp.extensions import register_extensions

register_extensions()


@Language.factory(
    "crible_entities",
    default_config={"extra_aliases": [], "use_shipped_aliases": True},
    assigns=["doc._.crible_entities"],
    requires=["doc.ents", "token.pos", "token.dep"],
)
def make_entity_resolver(
    nlp: Language, name: str, extra_aliases: list[str], use_shipped_aliases: bool
) -> Any:
    from crible.nlp.entities.component import EntityResolver

    return EntityResolver(
        nlp, name, extra_aliases=extra_aliases, use_shipped_aliases=use_shipped_aliases
    )


@Language.factory(
    "crible_claims",
    default_config={},
    assigns=["doc._.crible_claims"],
    requires=["doc._.crible_entities", "token.morph", "token.lemma", "token.dep"],
)
def make_claim_extractor(nlp: Language, name: str) -> Any:
    from crible.nlp.claims.component import ClaimExtractor

    return ClaimExtractor(nlp, name)


@Language.factory(
    "crible_times",
    default_config={},
    assigns=["doc._.crible_times"],
    # morph/dep let a bare weekday read forward under a future-tense verb. It also reads
    # doc._.crible_published, which the caller sets before the pipeline runs (no component
    # assigns it, so it is not declared here, where analyze_pipes would flag it).
    requires=["token.morph", "token.dep"],
)
def make_time_resolver(nlp: Language, name: str) -> Any:
    from crible.nlp.time.component import TimeResolver

    return TimeResolver(nlp, name)


@Language.factory(
    "crible_slant",
    default_config={"model_dir": None},
    assigns=[
        "doc._.crible_slant",
        "doc._.crible_paragraphs",
        "doc._.crible_genre",
        "doc._.crible_frames",
    ],
    requires=["token.lemma"],
)
def make_slant_detector(nlp: Language, name: str, model_dir: str | None) -> Any:
    from crible.nlp.slant.component import SlantDetector

    return SlantDetector(nlp, name, model_dir=model_dir)
