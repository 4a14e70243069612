"""The certainty cues are matched bucket by bucket; the hits must be the single alternation's."""

from __future__ import annotations

from test_claims_table import ALL_CLAIMS, CASES

from crible.nlp.claims.certainty import find_cues
from crible.nlp.claims.lexicon import load_lexicon


def _texts(sample_text: str) -> list[str]:
    cases = [getattr(case, "values", case) for case in CASES]  # pytest.param or a plain tuple
    texts = [str(case[0]) for case in cases] + [text for text, _ in ALL_CLAIMS]
    texts.append(sample_text)
    joined = " ".join(texts)
    # upper case; and a letter whose lowercase is longer, which sends the match to the fallback
    return [*texts, joined, joined.upper(), "İ " + joined]


def test_bucketed_cues_match_the_single_alternation(sample_text: str) -> None:
    lexicon = load_lexicon("fr")
    found = 0
    for text in _texts(sample_text):
        single = [
            (m.start(), m.end(), m.group(), lexicon.cue_certainty[m.lastgroup or ""])
            for m in lexicon.certainty_cues.pattern.finditer(text)
        ]
        hits = [(c.start, c.end, c.text, c.certainty) for c in find_cues(text, lexicon)]
        assert hits == single, text[:80]
        found += len(single)
    assert found > 40
