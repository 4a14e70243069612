#!/usr/bin/env python3
"""Convert the claims-gold markup files into crible's claims gold JSON, and check them.

Standard library only.  Usage (from /work/handoff/claims-gold):

    python3 tool/markup_to_gold.py              # every markup/*.txt -> dev/ or heldout/
    python3 tool/markup_to_gold.py markup/01-*.txt --review   # also list uncovered sentences
    python3 tool/markup_to_gold.py --readme     # rewrite the counts block of README.md

Markup (see README.md for the full description):

    id: 01
    slug: pecheurs-eoliennes
    style: interview
    published: 2026-03-12
    notes: one or two lines
    speaker kerbrat: Maëlle Kerbrat | person f
    speaker lumeris: Lumeris Énergie | org
    ---
    Title line

    Paragraph text, wrapped freely; a blank line ends a paragraph.
    [[kerbrat:Maëlle Kerbrat]] marks a mention of a speaker (a name, or the
    words of an organisation, document or anonymous source).
    <q1 src=kerbrat t=direct c=reported p=colon>quoted words</q1> is a claim;
    <a>An outlet sentence</a> is an outlet claim (source null, type null).

`src=KEY` takes the nearest mention of KEY that ends before the content starts;
`src=KEY+` the first mention after the content ends (a later incise);
`src=KEY#LABEL` the mention written [[KEY#LABEL:...]].
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TYPES = {"direct", "indirect", "mixed", "according_to"}
CERTAINTIES = ["asserted", "reported", "hedged", "unconfirmed", "denied"]
STYLES = ["interview", "reactions", "report", "tweets", "statements", "mixed"]
KINDS = {"person", "org", "doc", "anon"}
PATTERNS = {
    "carry": "speaker introduced once holds the following quotes (same or next paragraphs)",
    "multipara": "quotation going on over several paragraphs (derived)",
    "colon": "quote introduced by a colon, with quotation marks",
    "colon-nomarks": "words after 'a déclaré :' without quotation marks",
    "answer": "interview answer (Q/A layout, no marks)",
    "incise": "inverted incise after the content ('…, déclare X', '…, a-t-il ajouté')",
    "selon": "'selon X', 'd'après X', 'pour X, …'",
    "pronoun": "speaker designated by a pronoun (il, elle)",
    "role": "speaker designated by a role noun (la ministre, le porte-parole)",
    "fragment": "short quoted fragment inside a reported clause",
    "nominal": "indirect speech with a nominal object",
    "passive": "passive reporting ('a été annoncé par Y')",
    "org": "organisation or document as speaker (derived from the speaker kind)",
    "anon": "anonymous source (derived from the speaker kind)",
    "twoclause": "one of two clauses with their own subjects in one sentence",
    "topic": "another person is the object or topic of the claim, next to the speaker",
    "continued": "following sentence continuing an attributed report in the conditional",
    "tweet": "social-media post",
}

TOKEN = re.compile(
    r"\[\[(?P<mkey>[a-z0-9_]+)(?:#(?P<mlabel>[a-z0-9_]+))?:(?P<msurf>[^\]]+)\]\]"
    r"|<(?P<close>/)?(?P<cid>q\d+|a)(?P<attrs>(?:\s+[a-z]+=[^\s>]+)*)\s*>"
)


class MarkupError(Exception):
    pass


@dataclass
class Mention:
    key: str
    label: str | None
    start: int
    end: int


@dataclass
class Claim:
    cid: str
    attrs: dict[str, str]
    start: int = -1
    end: int = -1
    order: int = 0


@dataclass
class Article:
    path: Path
    header: dict[str, str]
    notes: list[str]
    speakers: dict[str, tuple[str, str, str | None]]  # key -> (canonical, kind, gender)
    text: str = ""
    mentions: list[Mention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def parse(path: Path) -> Article:
    raw = path.read_text(encoding="utf-8")
    if "\n---\n" not in raw:
        raise MarkupError(f"{path.name}: no '---' line between header and body")
    head, body = raw.split("\n---\n", 1)
    header: dict[str, str] = {}
    notes: list[str] = []
    speakers: dict[str, tuple[str, str, str | None]] = {}
    for line in head.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("speaker "):
            m = re.fullmatch(r"speaker ([a-z0-9_]+):\s*(.+?)\s*\|\s*(\w+)(?:\s+([mf]))?", line)
            if not m:
                raise MarkupError(f"{path.name}: bad speaker line {line!r}")
            if m.group(3) not in KINDS:
                raise MarkupError(f"{path.name}: unknown speaker kind in {line!r}")
            speakers[m.group(1)] = (m.group(2), m.group(3), m.group(4))
            continue
        key, _, value = line.partition(":")
        if key.strip() == "notes":
            notes.append(value.strip())
        else:
            header[key.strip()] = value.strip()
    paragraphs = [
        " ".join(x.strip() for x in block.strip().splitlines())
        for block in re.split(r"\n\s*\n", body.strip())
    ]
    source = "\n".join(paragraphs)
    art = Article(path, header, notes, speakers)
    out: list[str] = []
    pos = 0
    length = 0
    open_claims: dict[str, Claim] = {}
    order = 0
    for m in TOKEN.finditer(source):
        chunk = source[pos : m.start()]
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        if m.group("mkey"):
            surf = m.group("msurf")
            key = m.group("mkey")
            if key not in speakers:
                art.errors.append(f"mention of undeclared speaker {key!r}")
            art.mentions.append(Mention(key, m.group("mlabel"), length, length + len(surf)))
            out.append(surf)
            length += len(surf)
            continue
        cid = m.group("cid")
        if m.group("close"):
            if cid not in open_claims:
                art.errors.append(
                    f"</{cid}> closes nothing (near {source[max(0, m.start()-40):m.start()]!r})"
                )
                continue
            claim = open_claims.pop(cid)
            claim.end = length
            art.claims.append(claim)
        else:
            if cid in open_claims:
                art.errors.append(
                    f"<{cid}> opened twice (near {source[max(0, m.start()-40):m.start()]!r})"
                )
                continue
            attrs = dict(a.split("=", 1) for a in m.group("attrs").split())
            order += 1
            open_claims[cid] = Claim(cid, attrs, start=length, order=order)
    out.append(source[pos:])
    for cid in open_claims:
        art.errors.append(f"<{cid}> is never closed")
    art.text = "".join(out)
    for stray in ("[[", "]]", "<", ">", "{", "}", "|"):
        if stray in art.text:
            i = art.text.index(stray)
            art.errors.append(
                f"stray markup {stray!r} left in text near {art.text[max(0, i-30):i+30]!r}"
            )
    seen_ids = Counter(c.cid for c in art.claims if c.cid != "a")
    for cid, n in seen_ids.items():
        if n > 1:
            art.errors.append(f"claim id {cid} used {n} times")
    return art


def is_question(para: str) -> bool:
    """An interviewer's line: introduced by a dash, or a plain line ending with '?'."""
    return para.startswith("— ") or para.rstrip().endswith("?")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for part in text.split("\n"):
        spans.append((start, start + len(part)))
        start += len(part) + 1
    return spans


def para_of(spans: list[tuple[int, int]], offset: int) -> int:
    for i, (s, e) in enumerate(spans):
        if s <= offset <= e:
            return i
    return len(spans) - 1


def resolve_source(art: Article, claim: Claim) -> Mention | None:
    spec = claim.attrs.get("src")
    if spec is None:
        return None
    after = spec.endswith("+")
    spec = spec.rstrip("+")
    key, _, label = spec.partition("#")
    if key not in art.speakers:
        art.errors.append(f"{claim.cid}: src={key!r} is not a declared speaker")
        return None
    cands = [m for m in art.mentions if m.key == key]
    if label:
        cands = [m for m in cands if m.label == label]
        if len(cands) != 1:
            art.errors.append(f"{claim.cid}: src={spec!r} needs exactly one labelled mention")
            return None
        return cands[0]
    if after:
        later = [m for m in cands if m.start >= claim.end]
        if not later:
            art.errors.append(f"{claim.cid}: no mention of {key!r} after the content")
            return None
        return min(later, key=lambda m: m.start)
    earlier = [m for m in cands if m.end <= claim.start]
    if not earlier:
        art.errors.append(f"{claim.cid}: no mention of {key!r} before the content (use {key}+?)")
        return None
    return max(earlier, key=lambda m: m.end)


NUMBER_WORDS = re.compile(
    r"\b(deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|trente|"
    r"quarante|cinquante|soixante|cent|cents|mille|million|millions|milliard|milliards|"
    r"moitié|tiers|quart|dizaine|dizaines|centaine|centaines|douzaine|premier|première)\b",
    re.IGNORECASE,
)


def has_number_or_entity(s: str) -> bool:
    if re.search(r"\d", s):
        return True
    if NUMBER_WORDS.search(s):
        return True
    words = re.findall(r"[\wÀ-ÿ-]+", s)
    return any(w[:1].isupper() for w in words[1:])


def check(art: Article) -> list[dict]:
    text = art.text
    name = art.path.name
    h = art.header
    for k in ("id", "slug", "style", "published"):
        if k not in h:
            art.errors.append(f"header {k!r} missing")
    if h.get("style") not in STYLES:
        art.errors.append(f"style {h.get('style')!r} is not one of {STYLES}")
    if not art.notes:
        art.errors.append("notes missing")
    if not re.fullmatch(r"\d{2}-[a-z0-9-]+\.txt", name) or not name.startswith(
        h.get("id", "??") + "-"
    ):
        art.errors.append(f"file name {name!r} must be NN-slug.txt with NN = id")
    spans = paragraph_spans(text)
    body = text.split("\n", 1)[1] if "\n" in text else ""
    n_words = len(re.findall(r"[\wÀ-ÿ]+(?:['’-][\wÀ-ÿ]+)*", body))
    # interview questions ("— ..." lines) are not counted as paragraphs
    n_par = sum(
        1 for s, e in spans[1:] if not (h.get("style") == "interview" and is_question(text[s:e]))
    )
    if not 3 <= n_par <= 8:
        art.errors.append(f"{n_par} body paragraphs (want 3-8)")
    if not 150 <= n_words <= 450:
        art.errors.append(f"{n_words} words (want 150-450)")
    # quotation marks: a paragraph may leave a quotation open when the next one reopens it
    for i, (s, e) in enumerate(spans):
        para = text[s:e]
        depth = para.count("«") - para.count("»")
        if depth > 0:
            nxt = text[spans[i + 1][0] : spans[i + 1][1]] if i + 1 < len(spans) else ""
            if not nxt.startswith("«"):
                art.errors.append(f"paragraph {i} leaves a quotation open: {para[:50]!r}")
        elif depth < 0 and not para.startswith("«"):
            art.errors.append(f"paragraph {i} closes more quotations than it opens: {para[:50]!r}")
    out = []
    mention_by_key: dict[str, list[Mention]] = {}
    for m in art.mentions:
        mention_by_key.setdefault(m.key, []).append(m)
    for key in art.speakers:
        if key not in mention_by_key:
            art.errors.append(f"speaker {key!r} declared but never mentioned")
    for c in sorted(art.claims, key=lambda c: (c.start, c.end)):
        a = c.attrs
        where = f"{c.cid} {text[c.start:c.end][:40]!r}"
        content = text[c.start : c.end]
        if not content.strip():
            art.errors.append(f"{where}: empty content")
            continue
        if content != content.strip():
            art.errors.append(f"{where}: content has leading/trailing space")
        ctype = a.get("t")
        cert = a.get("c", "asserted" if c.cid == "a" else None)
        pats = [p for p in a.get("p", "").split(",") if p]
        for p in pats:
            if p not in PATTERNS:
                art.errors.append(f"{where}: unknown pattern {p!r}")
        if cert not in CERTAINTIES:
            art.errors.append(f"{where}: certainty {cert!r}")
        mention = resolve_source(art, c)
        if c.cid == "a":
            if ctype or "src" in a:
                art.errors.append(f"{where}: an outlet claim has no type and no source")
            if cert == "reported" or cert == "denied":
                art.errors.append(f"{where}: outlet claim cannot be {cert}")
            if len(content.split()) < 4 or not has_number_or_entity(content):
                art.warnings.append(f"{where}: outlet claim without 4 words / number / entity?")
        else:
            if ctype not in TYPES:
                art.errors.append(f"{where}: type {ctype!r}")
            if cert == "asserted":
                art.errors.append(f"{where}: an attributed claim is not 'asserted'")
            if mention is None and "src" not in a:
                art.errors.append(f"{where}: attributed claim without src")
        # content edges
        if ctype == "direct":
            if content[0] in '«»“”"' or content[-1] in '«»“”"':
                art.errors.append(f"{where}: direct content includes its quotation marks")
            before = text[: c.start].rstrip(" \u00a0")
            after = text[c.end :].lstrip(" \u00a0")
            ok_before = (
                before.endswith(("«", ":", "“", "—")) or before.endswith("\n") or before == ""
            )
            if "answer" in pats:
                ok_before = ok_before or before.endswith("\n")
            if not ok_before:
                art.errors.append(f"{where}: direct content not after « or : or a paragraph start")
            ok_after = after.startswith(("»", "”", "\n")) or after == ""
            if not ok_after:
                art.errors.append(f"{where}: direct content not followed by » or a paragraph end")
            if ("colon-nomarks" in pats or "answer" in pats) and not (
                after.startswith("\n") or after == ""
            ):
                art.errors.append(f"{where}: unmarked direct content must run to the paragraph end")
        else:
            if re.search(r"[.,;:]$", content):
                art.errors.append(f"{where}: content ends with punctuation")
            if ctype == "mixed" and ("«" not in content or "»" not in content):
                art.errors.append(f"{where}: mixed content without quoted words")
            if ctype != "mixed" and ctype is not None and "«" in content and ctype != "direct":
                art.warnings.append(f"{where}: {ctype} content holds quotation marks (mixed?)")
        if content.count("«") != content.count("»") and ctype != "direct":
            art.errors.append(f"{where}: unbalanced quotation marks in content")
        if "\n" in content and ctype not in ("direct",):
            art.errors.append(f"{where}: only a direct quotation may cross paragraphs")
        # source position
        src = None
        speaker = None
        if mention is not None:
            src = mention
            speaker = art.speakers[mention.key][0]
            if src.start < c.end and src.end > c.start:
                art.errors.append(f"{where}: the source lies inside the content")
            if src.start >= c.end:
                if para_of(spans, src.start) != para_of(spans, c.end):
                    art.errors.append(f"{where}: later source outside the content's last paragraph")
                if not {"incise", "passive", "selon"} & set(pats):
                    art.errors.append(f"{where}: later source but no incise/passive/selon pattern")
            kind = art.speakers[mention.key][1]
            if kind in ("org", "doc") and "org" not in pats:
                pats.append("org")
            if kind == "anon" and "anon" not in pats:
                pats.append("anon")
        if ctype == "direct" and "\n" in content and "multipara" not in pats:
            pats.append("multipara")
        if "twoclause" in pats:
            pass
        out.append(
            {
                "content": {"start": c.start, "end": c.end, "text": content},
                "source": None
                if src is None
                else {
                    "start": src.start,
                    "end": src.end,
                    "entity": None,
                    "text": text[src.start : src.end],
                },
                "type": ctype,
                "certainty": cert,
                "speaker": speaker,
                "patterns": sorted(pats),
            }
        )
    # overlaps of one claim type
    for i, x in enumerate(out):
        for y in out[i + 1 :]:
            if x["type"] == y["type"]:
                a0, a1 = x["content"]["start"], x["content"]["end"]
                b0, b1 = y["content"]["start"], y["content"]["end"]
                if a0 < b1 and b0 < a1:
                    first, second = x["content"]["text"][:30], y["content"]["text"][:30]
                    art.errors.append(f"overlapping {x['type']} contents: {first!r} / {second!r}")
    for x in out:
        assert x["content"]["text"] == text[x["content"]["start"] : x["content"]["end"]]
        if x["source"]:
            assert x["source"]["text"] == text[x["source"]["start"] : x["source"]["end"]]
    return out


def sentences(text: str) -> list[tuple[int, int]]:
    res = []
    for ps, pe in paragraph_spans(text)[1:]:
        para = text[ps:pe]
        if is_question(para):
            continue
        for m in re.finditer(r"[^.!?…]+(?:[.!?…]+(?:\s*»)?|$)", para):
            s, e = m.start(), m.end()
            seg = para[s:e]
            lead = len(seg) - len(seg.lstrip())
            if seg.strip():
                res.append((ps + s + lead, ps + e))
    return res


def review(art: Article, claims: list[dict]) -> list[str]:
    """Sentences that no claim touches but that hold a number or a capitalised word."""
    lines = []
    cov = [(c["content"]["start"], c["content"]["end"]) for c in claims]
    for s, e in sentences(art.text):
        seg = art.text[s:e]
        if seg.rstrip().endswith("?") or seg.startswith("— "):
            continue
        if any(a < e and s < b for a, b in cov):
            continue
        if has_number_or_entity(seg) or NUMBER_WORDS.search(seg):
            lines.append(seg)
    return lines


def build(path: Path, show_review: bool = False) -> tuple[Article, dict | None]:
    art = parse(path)
    claims = check(art)
    if show_review:
        for seg in review(art, claims):
            art.warnings.append(f"uncovered sentence: {seg[:90]!r}")
    if art.errors:
        return art, None
    speakers = {}
    for key, (canon, kind, gender) in art.speakers.items():
        entry = speakers.setdefault(canon, {"kind": kind, "gender": gender, "mentions": []})
        for m in art.mentions:
            if m.key == key:
                entry["mentions"].append(
                    {"start": m.start, "end": m.end, "text": art.text[m.start : m.end]}
                )
    for entry in speakers.values():
        entry["mentions"].sort(key=lambda m: m["start"])
    doc = {
        "text": art.text,
        "published": art.header["published"],
        "style": art.header["style"],
        "notes": " ".join(art.notes),
        "claims": claims,
        "speakers": speakers,
    }
    return art, doc


def out_path(art: Article) -> Path:
    nn = int(art.header["id"])
    part = "heldout" if nn % 3 == 0 else "dev"
    return ROOT / part / f"{art.header['id']}-{art.header['slug']}.json"


def stats(docs: list[tuple[Article, dict]]) -> str:
    lines = []
    parts = {"dev": [], "heldout": []}
    for art, doc in docs:
        parts["heldout" if int(art.header["id"]) % 3 == 0 else "dev"].append((art, doc))
    table = [("all", [d for _, d in docs])] + [(k, [d for _, d in v]) for k, v in parts.items()]
    lines.append("| part | articles | claims | words | " + " | ".join(CERTAINTIES) + " |")
    lines.append("|" + "---|" * (4 + len(CERTAINTIES)))
    for label, ds in table:
        cert = Counter(c["certainty"] for d in ds for c in d["claims"])
        words = sum(
            len(re.findall(r"[\wÀ-ÿ]+(?:['’-][\wÀ-ÿ]+)*", d["text"].split("\n", 1)[1])) for d in ds
        )
        lines.append(
            f"| {label} | {len(ds)} | {sum(len(d['claims']) for d in ds)} | {words} | "
            + " | ".join(str(cert[k]) for k in CERTAINTIES)
            + " |"
        )
    lines.append("")
    lines.append("| style | dev articles | heldout articles | claims |")
    lines.append("|---|---|---|---|")
    for st in STYLES:
        dv = [d for _, d in parts["dev"] if d["style"] == st]
        ho = [d for _, d in parts["heldout"] if d["style"] == st]
        lines.append(f"| {st} | {len(dv)} | {len(ho)} | {sum(len(d['claims']) for d in dv + ho)} |")
    lines.append("")
    lines.append("| type | all | dev | heldout |")
    lines.append("|---|---|---|---|")
    for t in ["direct", "indirect", "mixed", "according_to", None]:
        row = [sum(1 for d in ds for c in d["claims"] if c["type"] == t) for _, ds in table]
        lines.append(f"| {t or 'null (outlet)'} | " + " | ".join(map(str, row)) + " |")
    lines.append("")
    lines.append("| pattern | claims (all) | dev | heldout | articles | meaning |")
    lines.append("|---|---|---|---|---|---|")
    for p, meaning in PATTERNS.items():
        row = [sum(1 for d in ds for c in d["claims"] if p in c["patterns"]) for _, ds in table]
        arts = sum(1 for _, d in docs if any(p in c["patterns"] for c in d["claims"]))
        lines.append(f"| {p} | " + " | ".join(map(str, row)) + f" | {arts} | {meaning} |")
    lines.append("")
    kinds = Counter()
    for _, d in docs:
        for c in d["claims"]:
            kinds[d["speakers"][c["speaker"]]["kind"] if c["speaker"] else "outlet"] += 1
    lines.append(
        "Claims by speaker kind: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())) + "."
    )
    genders = Counter()
    for _, d in docs:
        for c in d["claims"]:
            if c["speaker"] and d["speakers"][c["speaker"]]["kind"] == "person":
                genders[d["speakers"][c["speaker"]]["gender"] or "?"] += 1
    lines.append(
        "Claims by a person, by gender: "
        + ", ".join(f"{k} {v}" for k, v in sorted(genders.items()))
        + "."
    )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    show_review = "--review" in argv
    readme = "--readme" in argv
    files = [Path(a) for a in argv if not a.startswith("--")]
    if not files:
        files = sorted((ROOT / "markup").glob("*.txt"))
    bad = 0
    docs = []
    for path in files:
        try:
            art, doc = build(path, show_review)
        except MarkupError as exc:
            print(f"ERROR {exc}")
            bad += 1
            continue
        for w in art.warnings:
            print(f"warn  {path.name}: {w}")
        for e in art.errors:
            print(f"ERROR {path.name}: {e}")
        if doc is None:
            bad += 1
            continue
        target = out_path(art)
        target.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        # read back and check the offsets once more, the way crible's loader does
        back = json.loads(target.read_text(encoding="utf-8"))
        for c in back["claims"]:
            for part in ("content", "source"):
                span = c[part]
                if span is not None:
                    assert 0 <= span["start"] < span["end"] <= len(back["text"])
                    assert back["text"][span["start"] : span["end"]] == span["text"], (target, span)
        docs.append((art, doc))
        print(f"ok    {path.name} -> {target.relative_to(ROOT)} ({len(doc['claims'])} claims)")
    if readme:
        block = stats(docs)
        rp = ROOT / "README.md"
        content = rp.read_text(encoding="utf-8")
        start, end = "<!-- counts:start -->", "<!-- counts:end -->"
        if start in content and end in content:
            pre, rest = content.split(start, 1)
            _, post = rest.split(end, 1)
            rp.write_text(pre + start + "\n" + block + "\n" + end + post, encoding="utf-8")
            print("README.md counts updated")
        else:
            print(block)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
