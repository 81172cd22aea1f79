"""Text normalisation shared by every importer.

Offsets of annotations are Python string indices into the stored text, so
the stored text must be stable: one Unicode form (NFC), one kind of line
break, no invisible characters, and words that a layout hyphenated across a
line end joined again.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalize_text", "join_wrapped_lines"]

# Spaces other than U+0020 that layouts and web pages use (no-break, thin, figure, ideographic...).
_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t]+")
# Characters with no visible form that break word matching (soft hyphen, zero-width, BOM, bidi marks).
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff\u200e\u200f\u202a-\u202e]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# "secu-\nrity" -> "security"; "Japan-\nSouth Korea" keeps its hyphen (a capital follows).
_HYPHEN_BREAK = re.compile(r"(\w)[-\u2010\u2011]\n[ \t]*(\w)")


def _rejoin(m: re.Match) -> str:
    left, right = m.group(1), m.group(2)
    if right.islower() and left.isalpha():
        return left + right
    return left + "-" + right


def normalize_text(text: str, compatibility: bool = False) -> str:
    """Normalise text for storage.

    Args:
        text: Extracted text.
        compatibility: Use NFKC instead of NFC: repairs ligatures ("ﬁ") and the
            Kangxi radicals some PDF fonts map CJK characters to ("⽥" for "田").

    Returns:
        NFC (or NFKC) text with ``\\n`` line breaks, single spaces, no invisible
        characters, hyphenated line-end words joined, at most one blank line in a row.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    text = unicodedata.normalize("NFKC" if compatibility else "NFC", text)
    text = _SPACES.sub(" ", text)
    text = re.sub(r" {2,}", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    text = _HYPHEN_BREAK.sub(_rejoin, text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def join_wrapped_lines(text: str) -> str:
    """Turn hard-wrapped lines (PDF layout) into paragraphs.

    A line break stays a paragraph break after a line that ends a sentence and
    is clearly shorter than the usual line, or before an empty line; other
    breaks become spaces (hyphenated words are joined first by :func:`normalize_text`).
    """
    lines = text.split("\n")
    lengths = sorted(len(x) for x in lines if x.strip())
    if not lengths:
        return text
    usual = lengths[int(len(lengths) * 0.75)]
    out: list[str] = []
    last_len = 0  # length of the previous physical line
    for line in lines:
        line = line.strip()
        if not line:
            if out and out[-1] != "":
                out.append("")
            continue
        if out and out[-1] != "":
            prev = out[-1]
            ends_sentence = bool(re.search(r"[.!?:;\"”’)]$", prev))
            if ends_sentence and last_len < 0.85 * usual:
                out.append("")  # a short line that ends a sentence ends its paragraph
                out.append(line)
            elif prev.endswith("-") and line[:1].islower():
                out[-1] = prev[:-1] + line
            else:
                out[-1] = prev + " " + line
        else:
            out.append(line)
        last_len = len(line)
    return "\n".join(out).strip()
