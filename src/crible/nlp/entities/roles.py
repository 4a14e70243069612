"""Roles from appositions: "le président ukrainien, Volodymyr Zelensky" -> "président ukrainien".

Two shapes, both built from the language's role nouns:
- before the name: determiner + role noun + up to six words, then an optional comma, then the name
  ("le Premier ministre israélien, Benjamin Netanyahu"; "le secrétaire général de l'OTAN, X");
- after the name: comma + determiner + role noun + up to six words + punctuation
  ("X, le porte-parole du gouvernement, a dit").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# determiners that open a French role phrase; "du", "au" and "aux" fold an article in
_DET_FR = r"(?:les|le|la|l['’]|du|des|aux|au|un|une|son|sa|notre|leur)"
_WORD = r"[^\s,;.:!?()«»\"]+"
_WINDOW = 160


def _role_alternation(nouns: Sequence[str]) -> str:
    parts = sorted(nouns, key=len, reverse=True)
    return "|".join(re.escape(noun).replace("'", "['’]") for noun in parts)


@dataclass(frozen=True)
class RolePatterns:
    before: re.Pattern[str]
    after: re.Pattern[str]


def compile_role_patterns(nouns: Sequence[str]) -> RolePatterns:
    role = rf"(?:{_role_alternation(nouns)})(?![\w-])(?:[ \t]+(?!et\b){_WORD}){{0,6}}?"
    before = re.compile(
        rf"(?:^|(?<=[\s(«\"])){_DET_FR}\s*(?P<role>{role})[ \t]*,?[ \t]*$", re.IGNORECASE
    )
    after = re.compile(
        rf"^[ \t]*,[ \t]*{_DET_FR}\s*(?P<role>{role})[ \t]*(?:[,;:)]|\.(?:\s|$))", re.IGNORECASE
    )
    return RolePatterns(before, after)


def find_roles(text: str, start: int, end: int, patterns: RolePatterns) -> list[str]:
    """Roles given to the name at text[start:end] by an apposition just before or after it."""
    roles = []
    match = patterns.before.search(text, max(0, start - _WINDOW), start)
    if match is not None:
        roles.append(match.group("role"))
    match = patterns.after.match(text[end : end + _WINDOW])
    if match is not None:
        roles.append(match.group("role"))
    return roles
