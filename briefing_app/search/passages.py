"""Documents cut into passages: the unit a search finds and the reader shows.

A passage is a paragraph (text between blank lines, or a long line of a text
that puts one paragraph per line); a very long paragraph
is cut at a sentence or word boundary near ``MAX_CHARS`` so that a hit
points to a readable stretch, not to a whole wall of text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["MAX_CHARS", "passages"]

MAX_CHARS = 1500
LONG_LINE = 160  # mean line length above which lines are paragraphs, not hard-wrapped text
_BLANK = re.compile(r"\n[ \t]*\n")


def _cut(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while end - start > MAX_CHARS:
        window = text[start + MAX_CHARS // 2:start + MAX_CHARS]
        cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! "))
        if cut < 0:
            cut = window.rfind(" ")
        stop = start + MAX_CHARS // 2 + cut + 1 if cut >= 0 else start + MAX_CHARS
        yield start, stop
        start = stop
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        yield start, end


def passages(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` offsets of the passages of ``text``, in order, blank ones skipped."""
    pos = 0
    for m in _BLANK.finditer(text):
        yield from _span(text, pos, m.start())
        pos = m.end()
    yield from _span(text, pos, len(text))


def _span(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    block = text[start:end]
    lines = block.count("\n") + 1
    if lines > 1 and len(block) / lines > LONG_LINE:
        # One paragraph per line (no blank lines between): each line is a passage.
        pos = start
        for line in block.split("\n"):
            yield from _trimmed(text, pos, pos + len(line))
            pos += len(line) + 1
        return
    yield from _trimmed(text, start, end)


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield from _cut(text, start, end)
