"""What the analyst types, turned into a safe SQLite FTS5 query.

FTS5 has its own query language (AND/OR/NOT, NEAR, column filters, ``*``);
a stray quote or parenthesis in it is a syntax error. Analysts type plain
words and "quoted phrases", so we build the MATCH expression ourselves:
every word is quoted (nothing the user types is FTS5 syntax), ``OR``
between two words is kept, a leading ``-`` excludes a word, and a trailing
``*`` searches a prefix. All the words must be in the passage.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["ParsedQuery", "has_cjk", "parse_query"]

# "a phrase" | -word | word* | word ; words are runs of anything but space and quotes
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')


@dataclass(frozen=True)
class ParsedQuery:
    """A query ready for FTS5.

    Attributes:
        match: The FTS5 MATCH expression ('' when nothing searchable was typed).
        terms: The positive words and phrases, lower-cased, for locating a hit in a passage.
        substrings: Terms that FTS5 word tokens cannot find (CJK text without
            spaces): searched as substrings instead.
    """

    match: str
    terms: tuple[str, ...]
    substrings: tuple[str, ...] = ()


def has_cjk(text: str) -> bool:
    """True when the text has Han, Hiragana, Katakana or Hangul characters."""
    for ch in text:
        o = ord(ch)
        if 0x3040 <= o <= 0x30FF or 0x3400 <= o <= 0x9FFF or 0xAC00 <= o <= 0xD7AF or 0xF900 <= o <= 0xFAFF:
            return True
    return False


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def parse_query(text: str) -> ParsedQuery:
    """Turn typed text into an FTS5 expression; never raises.

    >>> parse_query('GSOMIA "export controls" -Russia').match
    '"gsomia" AND "export controls" NOT "russia"'
    """
    text = unicodedata.normalize("NFKC", text or "")
    positives: list[str] = []
    negatives: list[str] = []
    terms: list[str] = []
    substrings: list[str] = []
    pending_or = False
    for m in _TOKEN.finditer(text):
        neg = bool(m.group(1) or m.group(3))
        phrase = m.group(2) is not None
        raw = (m.group(2) if phrase else m.group(4)).strip()
        if not raw:
            continue
        if not phrase and raw == "OR" and positives:
            pending_or = True
            continue
        prefix = not phrase and raw.endswith("*") and len(raw.rstrip("*")) > 0
        word = raw.rstrip("*") if prefix else raw
        # Punctuation alone ("-", "&") has no tokens: FTS5 would reject an empty phrase.
        if not any(ch.isalnum() for ch in word):
            continue
        if has_cjk(word):
            if not neg:
                substrings.append(word)
            continue
        expr = _quote(word.lower()) + ("*" if prefix else "")
        if neg:
            negatives.append(expr)
        elif pending_or:
            positives[-1] = f"({positives[-1]} OR {expr})"
            terms.append(word.lower())
        else:
            positives.append(expr)
            terms.append(word.lower())
        pending_or = False
    match = " AND ".join(positives)
    if match and negatives:
        match += "".join(f" NOT {n}" for n in negatives)
    return ParsedQuery(match=match, terms=tuple(terms), substrings=tuple(substrings))
