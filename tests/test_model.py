from __future__ import annotations

from crible.model import Claim, ClaimSource, Entity, Mention, TextSpan, shift_offsets


def test_shift_offsets_moves_every_nested_offset_in_place() -> None:
    entity = Entity(
        id="x", name="X", type="PER", mentions=[Mention(start=1, end=2, text="X", why="w")]
    )
    claim = Claim(
        content=TextSpan(start=5, end=9, text="abcd"),
        source=ClaimSource(text="X", start=1, end=2, entity="x", kind="person"),
        cue=None,
        type="direct",
        certainty="reported",
        why="w",
    )
    shift_offsets(entity, 100)
    shift_offsets(claim, 100)
    assert (entity.mentions[0].start, entity.mentions[0].end) == (101, 102)
    assert (claim.content.start, claim.content.end) == (105, 109)
    assert claim.source is not None and (claim.source.start, claim.source.end) == (101, 102)


def test_shift_offsets_leaves_missing_offsets_alone() -> None:
    claim = Claim(
        content=TextSpan(start=0, end=1, text="a"),
        source=ClaimSource(kind="anonymous"),
        certainty="asserted",
        why="w",
    )
    shift_offsets(claim, 7)
    assert claim.source is not None and claim.source.start is None
    assert claim.content.start == 7


def test_doc_text_cache_matches_spacy() -> None:
    import spacy

    from crible.nlp.spans import doc_text, remember_text

    nlp = spacy.blank("fr")
    text = "L’équipe  a gagné\u00a0: « bravo » !\n"
    doc = nlp.make_doc(text)
    assert doc_text(doc) == doc.text == text
    seeded = nlp.make_doc(text)
    remember_text(seeded, text)
    assert doc_text(seeded) == seeded.text
