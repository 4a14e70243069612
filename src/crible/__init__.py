"""crible: read raw news text and show what is in it.

import crible
result = crible.analyze(text, published="2024-03-01")
for article in result.documents[0].articles:
    print(article.id, [claim.certainty for claim in article.claims])
"""

from __future__ import annotations

from crible.analysis import Settings, analyze, analyze_many, analyze_paths
from crible.model import Document, Result
from crible.version import __version__

__all__ = [
    "Document",
    "Result",
    "Settings",
    "__version__",
    "analyze",
    "analyze_many",
    "analyze_paths",
]
