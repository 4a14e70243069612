"""The `crible_slant` component: runs the slant rules (and, with `model_dir`, the trained
persuasion model) and writes crible_slant, crible_paragraphs, crible_genre and crible_frames."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from crible.errors import ModelError
from crible.nlp.extensions import register_extensions
from crible.nlp.slant import api
from crible.nlp.slant.paragraphs import paragraphs
from crible.nlp.slant.resources import slant_resources
from crible.nlp.slant.terms import token_keys


class SlantDetector:
    def __init__(self, nlp: Language, name: str, *, model_dir: str | None) -> None:
        register_extensions()
        self.name = name
        self.lang = nlp.lang
        slant_resources(nlp.lang)  # load and validate the data now, not on the first doc
        self.model: Any = None
        if model_dir is not None:
            self.model = _load_model(Path(model_dir))

    def __call__(self, doc: Doc) -> Doc:
        spans = api.paragraph_spans(doc)
        keys = token_keys(doc)
        findings = api.rule_findings(doc, spans, keys=keys)
        techniques: list[list[str]] | None = None
        genre: str | None = None
        frames: list[str] | None = None
        if self.model is not None:
            predicted = self.model.predict(doc, spans, findings)
            techniques = predicted.techniques
            genre = predicted.genre
            frames = predicted.frames
        if techniques is None:
            techniques = api.paragraph_techniques(doc, findings, spans)
        if genre is None:
            genre = api.rule_genre(doc, findings)
        if frames is None:
            frames = api.rule_frames(doc, keys=keys)
        doc._.crible_slant = findings
        doc._.crible_paragraphs = paragraphs(spans, techniques)
        doc._.crible_genre = genre
        doc._.crible_frames = list(frames)
        return doc


def _load_model(path: Path) -> Any:
    if not path.is_dir():
        raise ModelError(
            f"the persuasion model directory {path} does not exist",
            hint="train one with crible.learn, or leave model_dir unset to use the rules only",
        )
    try:
        # crible.learn is written alongside; imported only when a model is asked for
        models = importlib.import_module("crible.learn.models")
        return models.PersuasionModel.load(path)
    except ModelError:
        raise
    except Exception as exc:
        raise ModelError(
            f"{path} is not a crible persuasion model ({exc})",
            hint="point model_dir at a directory written by crible.learn's training",
        ) from exc
