"""The stable API of the slant rules, for crible.learn and the component.

    paragraph_spans(doc)                      -> [(start, end), ...]   non-blank lines
    rule_findings(doc)                        -> [SlantFinding, ...]   loaded, emotive wording, cues
    paragraph_techniques(doc, findings, spans) -> [[technique, ...], ...]
    rule_genre(doc, findings)                 -> "opinion" | "reporting" | "satire" | None
    rule_frames(doc)                          -> [frame, ...]

Optional keyword arguments let a caller share work already done (spans, token keys).

Offsets are relative to the Doc. Data is loaded once per language (the Doc's `lang_`).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from crible.model import SlantFinding
from crible.nlp.slant.emotive import find_emotive_wording
from crible.nlp.slant.frames import doc_frames
from crible.nlp.slant.genre import decide_genre
from crible.nlp.slant.loaded import find_loaded_wording
from crible.nlp.slant.paragraphs import line_spans, techniques_by_paragraph
from crible.nlp.slant.persuasion import find_anaphora
from crible.nlp.slant.resources import slant_resources
from crible.nlp.spans import doc_text

__all__ = [
    "paragraph_spans",
    "paragraph_techniques",
    "rule_findings",
    "rule_frames",
    "rule_genre",
]


def paragraph_spans(doc: Doc) -> list[tuple[int, int]]:
    """Char offsets of the non-blank lines of the Doc (SemEval's paragraphs)."""
    return line_spans(doc_text(doc))


def rule_findings(
    doc: Doc,
    spans: Sequence[tuple[int, int]] | None = None,
    *,
    keys: Sequence[tuple[str, ...]] | None = None,
) -> list[SlantFinding]:
    """Every rule finding (partisan and emotive wording, persuasion cues, anaphora), sorted by
    offset.

    `spans` (from `paragraph_spans`) and `keys` (from `terms.token_keys`) may be passed when
    already computed. Emotive wording that overlaps a partisan term of a side (slant.tsv, which
    knows the side and the context) gives way to it; findings of one technique that overlap keep the
    longest (then the most confident)."""
    res = slant_resources(doc.lang_)
    spans = paragraph_spans(doc) if spans is None else spans
    partisan = find_loaded_wording(doc, res.loaded, spans, keys)
    emotive = [
        f
        for f in find_emotive_wording(doc, res.emotive, spans, keys)
        if all(f.end <= p.start or f.start >= p.end for p in partisan if p.side)
    ]
    findings = _one_per_technique(
        [*partisan, *emotive, *res.cues(doc_text(doc)), *find_anaphora(doc_text(doc), spans)]
    )
    findings.sort(key=lambda f: (f.start, f.end, f.technique))
    return findings


def _one_per_technique(findings: list[SlantFinding]) -> list[SlantFinding]:
    """Overlapping findings of the same technique: the longest, then the most confident, wins."""
    kept: list[SlantFinding] = []
    for f in sorted(findings, key=lambda f: (f.start - f.end, -f.score, f.start)):
        if all(
            k.technique != f.technique or f.end <= k.start or f.start >= k.end for k in kept
        ):
            kept.append(f)
    return kept


def paragraph_techniques(
    doc: Doc, findings: Sequence[SlantFinding], spans: Sequence[tuple[int, int]]
) -> list[list[str]]:
    """For each paragraph span, the techniques found in it (scheme order)."""
    del doc  # part of the stable signature; the rules need only the findings
    return techniques_by_paragraph(findings, spans)


def rule_genre(doc: Doc, findings: Sequence[SlantFinding]) -> str | None:
    """opinion | reporting | satire from surface cues; None for an empty Doc."""
    return decide_genre(doc_text(doc), findings, slant_resources(doc.lang_).genre_cues)


def rule_frames(doc: Doc, *, keys: Sequence[tuple[str, ...]] | None = None) -> list[str]:
    """Frames with enough keyword evidence (frames.tsv), in scheme order."""
    return doc_frames(doc, slant_resources(doc.lang_).frames, keys=keys)
