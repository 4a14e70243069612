"""Precision and recall of crible's slant rules (no trained model) on a SemEval-format corpus.

    .venv/bin/python benchmarks/slant_rules.py DIR
    .venv/bin/python benchmarks/slant_rules.py --articles A --labels L [--spans S]

DIR is a folder in the layout of examples/semeval-fr: `articles/article<ID>.txt`,
`techniques.txt` (paragraph labels) and `spans.txt` (technique spans, optional). Prints, per
technique and overall, the paragraph-level precision, recall and F1 of the rules, then span
precision, and these lines:

    loaded_paragraph_recall=   share of the gold Loaded_Language paragraphs the rules flag
                               Loaded_Language
    loaded_span_precision=     share of the rules' Loaded_Language spans that overlap a gold
                               Loaded_Language span (at least one character in common)

Every Loaded_Language span the rules report counts, whatever its score.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from crible.learn import semeval
from crible.learn.metrics import f1_scores
from crible.learn.report import confusion_lines, score_lines
from crible.learn.rules_eval import run_rules
from crible.nlp.pipeline import load_pipeline
from crible.nlp.slant.scheme import TECHNIQUES

LOADED = "Loaded_Language"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path)
    parser.add_argument("--articles", type=Path)
    parser.add_argument("--labels", type=Path)
    parser.add_argument("--spans", type=Path)
    parser.add_argument("--lang", default="fr")
    parser.add_argument("--show", action="store_true", help="print every wrong LL span")
    args = parser.parse_args()
    if args.folder is not None:
        articles_dir = args.articles or args.folder / "articles"
        labels_path = args.labels or args.folder / "techniques.txt"
        spans_path = args.spans or args.folder / "spans.txt"
    elif args.articles and args.labels:
        articles_dir, labels_path, spans_path = args.articles, args.labels, args.spans
    else:
        parser.error("give a corpus folder, or --articles and --labels")
    records = semeval.read_technique_labels(labels_path)
    articles = semeval.read_articles(articles_dir, ids={r.article_id for r in records})
    has_spans = spans_path is not None and spans_path.exists()
    gold_spans = semeval.read_technique_spans(spans_path) if has_spans else []
    gold = {(r.article_id, r.line): set(r.techniques) for r in records}

    nlp = load_pipeline(args.lang, components=[])
    started = time.perf_counter()
    run = run_rules(nlp, articles, gold_spans)
    predicted = run.predicted
    wrong = [
        f"  {article_id}: {f.text!r} ({f.score}) {f.why}"
        for article_id, f in run.wrong
        if args.show and f.technique == LOADED
    ]
    seconds = time.perf_counter() - started

    scores = f1_scores(gold, predicted, TECHNIQUES)
    print(f"corpus: {len(articles)} articles, {len(gold)} labelled paragraphs ({labels_path})")
    print("paragraph level (a paragraph's techniques against the rules' findings in it):")
    for line in score_lines(scores, TECHNIQUES):
        print(line)
    for line in confusion_lines(scores):
        print(line)
    if has_spans:
        print("span precision (a rule span is right when it overlaps a gold span of its kind):")
        for technique in TECHNIQUES:
            right, total = run.span_precision(technique)
            if total:
                print(f"  {technique}: {right}/{total} = {right / total:.3f}")
    loaded = scores.counts[LOADED]
    print(f"loaded_paragraphs_gold={loaded.support}")
    print(f"loaded_paragraph_recall={loaded.recall:.3f}")
    print(f"loaded_paragraph_precision={loaded.precision:.3f}")
    if has_spans:
        right, total = run.span_precision(LOADED)
        print(
            "loaded_span_precision definition: a predicted Loaded_Language span is right when it "
            "overlaps (one character or more) a gold Loaded_Language span; every span counts"
        )
        print(f"loaded_spans_predicted={total}")
        print(f"loaded_span_precision={right / total if total else 0.0:.3f}")
    else:
        print("loaded_span_precision=n/a (no span file)", file=sys.stderr)
    print(f"micro_f1={scores.micro_f1:.3f}")
    print(f"rules_seconds={seconds:.2f}")
    for line in wrong:
        print(line)


if __name__ == "__main__":
    main()
