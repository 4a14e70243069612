"""How well the slant rules alone (no trained model) find the techniques of a SemEval-format
corpus: paragraph labels against the rules' findings per paragraph, and span precision (a rule
span is right when it overlaps, by one character or more, a gold span of its technique).

Used by `benchmarks/slant_rules.py` and by the tests that keep the held-out figures as floors.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.language import Language

from crible.learn import semeval
from crible.model import SlantFinding
from crible.nlp.slant import api


@dataclass
class RulesRun:
    predicted: dict[tuple[str, int], set[str]] = field(default_factory=dict)
    span_hits: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    wrong: list[tuple[str, SlantFinding]] = field(default_factory=list)  # spans matching no gold

    def span_precision(self, technique: str) -> tuple[int, int]:
        """(right, all) rule spans of `technique`."""
        right, total = self.span_hits.get(technique, [0, 0])
        return right, total


def run_rules(
    nlp: Language,
    articles: dict[str, str],
    gold_spans: Iterable[semeval.TechniqueSpan] = (),
) -> RulesRun:
    """The rules' techniques for every paragraph of `articles` (id -> text), and their spans
    checked against `gold_spans`."""
    by_article: dict[str, list[semeval.TechniqueSpan]] = defaultdict(list)
    for span in gold_spans:
        by_article[span.article_id].append(span)
    run = RulesRun()
    ids = list(articles)
    for article_id, doc in zip(ids, nlp.pipe([articles[i] for i in ids]), strict=True):
        lines = semeval.paragraphs(doc.text)
        findings = api.rule_findings(doc)
        per = api.paragraph_techniques(doc, findings, [(p.start, p.end) for p in lines])
        for paragraph, techniques in zip(lines, per, strict=True):
            run.predicted[article_id, paragraph.line] = set(techniques)
        for f in findings:
            right = any(
                g.technique == f.technique and g.start < f.end and f.start < g.end
                for g in by_article[article_id]
            )
            run.span_hits[f.technique][0] += int(right)
            run.span_hits[f.technique][1] += 1
            if not right:
                run.wrong.append((article_id, f))
    return run
