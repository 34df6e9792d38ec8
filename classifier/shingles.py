"""Word shingles: the one definition of "the same text" shared by pre-annotation and evaluation."""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    """Lower-cased word tokens (any script)."""
    return _WORD.findall(text.lower())


def shingles(texts: list[str], n: int) -> set[tuple[str, ...]]:
    """Word n-gram shingles of each text (a text shorter than ``n`` words counts as one shingle).

    >>> sorted(shingles(["One two three", "Read more"], 2))
    [('one', 'two'), ('read', 'more'), ('two', 'three')]
    """
    out: set[tuple[str, ...]] = set()
    for text in texts:
        tokens = words(text)
        if len(tokens) < n:
            if tokens:
                out.add(tuple(tokens))
            continue
        out.update(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))
    return out
