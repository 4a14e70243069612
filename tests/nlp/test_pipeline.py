from __future__ import annotations

import pytest

from crible.errors import ModelError
from crible.nlp.pipeline import ALL_COMPONENTS, load_pipeline


def test_every_requirement_is_assigned_by_an_earlier_stage() -> None:
    nlp = load_pipeline()
    assert [n for n in nlp.pipe_names if n.startswith("crible_")] == [
        f"crible_{c}" for c in ALL_COMPONENTS
    ]
    problems = nlp.analyze_pipes(pretty=False)["problems"]
    assert all(not found for found in problems.values()), problems


def test_unsupported_language_is_a_clear_error() -> None:
    with pytest.raises(ModelError, match="no spaCy model is configured for language 'xx'"):
        load_pipeline("xx")
