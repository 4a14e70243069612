#!/usr/bin/env python3
"""Print a gold JSON file in a readable way, for review."""

import json
import sys
from pathlib import Path

for p in sys.argv[1:]:
    d = json.loads(Path(p).read_text(encoding="utf-8"))
    print("==", p, d["style"])
    print(d["text"])
    print("--")
    for c in d["claims"]:
        src = c["source"]["text"] if c["source"] else "-"
        kind = f"{c['type'] or 'outlet'}/{c['certainty']}"
        patterns = ",".join(c["patterns"])
        print(f"[{kind}] <{src}> ({c['speaker']}) {c['content']['text']!r} {patterns}")
