"""Regex alternations of literal phrases, factored into a prefix tree.

`a|b|c…` of a hundred phrases makes the regex engine try every phrase at every position it
reaches (with case folding it cannot even skip on the first letter). The same phrases as a tree
(`ministre(?:s|[ \\t]+(?:délégué|…))?`) try one branch per letter. The match is the same as the
alternation's with the phrases sorted longest first: at any position the phrases that can match
lie on one path of the tree (its branches start with different letters), and the greedy optional
groups try the longer phrases before the shorter ones, backtracking to a shorter one when what
follows the alternation fails.

In a phrase, either apostrophe matches both, and a space one or more spaces or tabs (by default).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

SPACES = r"[ \t]+"
_APOSTROPHE = "['’]"


def _atoms(phrase: str, fold_case: bool, space: str) -> tuple[str, ...]:
    atoms: list[str] = []
    for ch in phrase.lower() if fold_case else phrase:
        if ch == " ":
            atoms.append(space)
        elif ch == "'":
            atoms.append(_APOSTROPHE)
        else:
            atoms.append(re.escape(ch))
    return tuple(atoms)


class _Node:
    __slots__ = ("children", "terminal")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.terminal = False


def phrase_alternation(
    phrases: Iterable[str], *, fold_case: bool = False, space: str = SPACES
) -> str:
    """A regex (without flags) matching any of `phrases`, longest first. With `fold_case` the
    phrases are lowercased and the caller compiles the result case-insensitively. `space` is
    the regex a space of a phrase stands for (`" "`: one space)."""
    root = _Node()
    for phrase in phrases:
        if "  " in phrase or phrase != phrase.strip():
            # a space next to a space would be a branch that overlaps the space's: the tree
            # would no longer try the longer phrases first
            raise ValueError(f"write {phrase!r} with single spaces between its words")
        phrase = phrase.replace("’", "'")  # one branch for both apostrophes, which `'` matches
        node = root
        for atom in _atoms(phrase, fold_case, space):
            node = node.children.setdefault(atom, _Node())
        node.terminal = True
    if root.terminal:
        raise ValueError("an empty phrase matches everywhere")
    return _render(root) if root.children else "(?!)"


def literal_tree(strings: Iterable[str]) -> str:
    """A regex matching any of `strings` character for character, as a prefix tree. For a
    look-ahead or a test: which string matches first is not defined."""
    root = _Node()
    for string in strings:
        node = root
        for ch in string:
            node = node.children.setdefault(re.escape(ch), _Node())
        node.terminal = True
    return _render(root) if root.children else "(?!)"


def _render(node: _Node) -> str:
    branches = [atom + _render(child) for atom, child in sorted(node.children.items())]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return "(?:" + body + ")?" if node.terminal else body
