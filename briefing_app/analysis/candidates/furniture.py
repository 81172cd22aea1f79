"""Lines and words of a page that are not prose: headlines, headings, labels, icons, clock times.

Saved news pages keep their furniture: a Title Case headline (its names come
again in the body), ALL-CAPS section headings ("STRENGTHENING SECURITY
COOPERATION"), breadcrumbs ("Home > National > Diplomacy"), icon names run
together ("ChevronTitle ChevronEye IconIcon"), transcript speaker labels
("PRESIDENT BIDEN:"), clock times ("11:29 A.M. EDT"). Names are not proposed
from these.
"""

from __future__ import annotations

import bisect
import re

__all__ = ["FurnitureIndex", "furniture_spans", "is_not_a_name"]

# Clock and time-zone words, and wire-copy markers.
_TIME_WORDS = {
    "am", "a.m", "a.m.", "pm", "p.m", "p.m.", "et", "est", "edt", "ct", "cst", "cdt", "pt", "pst", "pdt", "gmt",
    "utc", "jst", "kst", "bst", "cet", "cest", "aest", "aedt", "ist", "hkt", "sgt", "attn", "eds", "updates",
}  # fmt: skip
_CONTRACTION = re.compile(r"^[A-Za-z]+['’](?:ve|m|re|ll|d|s|t)$", re.I)
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "phd", "esq"}
_CAMEL_MASH = re.compile(r"[a-z][A-Z][a-z]+[A-Z]|[a-z]{3,}[A-Z][a-z]{3,}[A-Z]|(\b[A-Z][a-z]+)\1")
# "Updated 4/17/23 at 1:54 pm ET to clarify ...": an editing stamp, not the story.
_STAMP = re.compile(r"(?:updated|published|posted|last updated|first published|corrected)\b", re.I)
# "★ Statements ★", "— Related —": a decorated one- or two-word heading.
_DECORATED = re.compile(r"[^\w\s]+\s*\w+(?:\s\w+)?\s*[^\w\s]+")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_SMALL = {"a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "with", "by", "from", "as", "vs",
          "but", "into", "over", "after", "amid", "toward", "towards", "is", "are", "be", "not", "its", "up"}  # fmt: skip


def is_not_a_name(word: str) -> bool:
    """A single word that is never a name on its own: a clock word, a contraction, a suffix, one letter."""
    w = word.strip(".,").lower()
    return (
        len(w) <= 1 or w in _TIME_WORDS or w.rstrip(".") in _TIME_WORDS or w in _SUFFIXES
        or bool(_CONTRACTION.match(word))
    )  # fmt: skip


def _low_word(word: str) -> str:
    return word.strip(".,").lower()


def _is_headline(line: str) -> bool:
    """A Title Case line without a sentence end: a headline or heading, not prose."""
    s = line.strip()
    if not s or s.endswith((".", ":", ";", ",")) or len(s) > 160 or s.startswith("By "):
        return False  # a byline names its authors
    words = _WORD.findall(s)
    if len(words) < 4:
        return False
    content = [w for w in words if w.lower() not in _SMALL]
    if not content:
        return False
    capped = sum(1 for w in content if w[0].isupper())
    return capped / len(content) >= 0.85 and sum(1 for w in words if w[0].islower()) <= 3


def _is_shouting(line: str) -> bool:
    """A line mostly in capitals (a heading, a label), with at least two long words."""
    letters = [c for c in line if c.isalpha() and c.isascii()]
    if len(letters) < 8:
        return False
    upper = sum(1 for c in letters if c.isupper())
    long_caps = [w for w in _WORD.findall(line) if len(w) >= 4 and w.isupper()]
    return upper / len(letters) >= 0.6 and len(long_caps) >= 2


def furniture_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of ``text`` that are page furniture, in order."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        s = line.strip()
        if not s:
            continue
        if (
            " | " in s or " > " in s or (_STAMP.match(s) and len(s) <= 160) or len(_CAMEL_MASH.findall(s)) >= 2
            or _is_headline(s) or _is_shouting(s) or _DECORATED.fullmatch(s)
        ):  # fmt: skip
            spans.append((start, end))
            continue
        # A transcript speaker label or a wire-copy marker at the start: "PRESIDENT BIDEN:", "(ATTN: ...)".
        m = re.match(r"^\s*\(?((?:[A-Z][A-Z.'’-]+\s*){1,4}):", line)
        words = m.group(1).split() if m else []
        if len(words) >= 2 or (words and _low_word(words[0]) in _TIME_WORDS):  # one word: a dateline city
            spans.append((start, start + m.end()))
    return spans


class FurnitureIndex:
    """Whether a position falls in furniture, by bisection (texts can hold thousands of headings)."""

    def __init__(self, text: str) -> None:
        self.spans = furniture_spans(text)
        self._starts = [a for a, _ in self.spans]

    def __contains__(self, pos: int) -> bool:
        i = bisect.bisect_right(self._starts, pos) - 1
        return i >= 0 and pos < self.spans[i][1]
