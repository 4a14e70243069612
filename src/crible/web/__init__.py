"""The web service: `crible serve` runs `create_app` under uvicorn.

GET  /              a page to paste text or drop a file; the result renders like the report
POST /api/analyze   the JSON contract in one envelope (see docs/web.md); OpenAPI at /docs
GET  /healthz       the server and its analysis workers
With --db (a corpus database made by crible batch):
GET  /corpus        the corpus page, a tab per view; /corpus/chart/NAME.svg its charts
GET  /api/corpus/VIEW   the rows of a corpus view in the envelope
"""

from crible.web.app import WebSettings, add_page, create_app

__all__ = ["WebSettings", "add_page", "create_app"]
