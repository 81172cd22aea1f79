"""Tokenising for the candidate finder: word tokens with sentence starts, and word tests.

A token remembers whether it starts a sentence, because a capitalised first
word of a sentence is not evidence of a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing_app.analysis.candidates.vocabulary import _HONORIFICS


# A word token: an initialism ("U.S."), a word with inner hyphens/apostrophes, a number, or a sign.
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}(?:-[A-Z][\w’'-]*\w)?|[^\W\d_](?:[\w’'-]*\w)?|\d[\w-]*|\S")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_SENTENCE_END = set(".!?\n")


@dataclass
class _Tok:
    start: int
    end: int
    text: str
    initial: bool = False  # first word of a sentence


def _tokens(text: str) -> list[_Tok]:
    out: list[_Tok] = []
    sentence_start = True
    for m in _TOKEN.finditer(text):
        s, e, w = m.start(), m.end(), m.group(0)
        p = _POSSESSIVE.search(w) if len(w) > 2 and w[0].isalpha() else None
        if p and w.lower() not in ("it's",):
            e = s + p.start()
            w = w[: p.start()]
        gap = text[out[-1].end if out else 0 : s]
        if "\n" in gap:
            sentence_start = True
        if w in "\"“‘'(«" and len(w) == 1:
            out.append(_Tok(s, e, w))
            sentence_start = True  # a quotation or an aside starts like a sentence
            continue
        if w in "”’)»" and len(w) == 1:
            out.append(_Tok(s, e, w))  # closing marks keep the state: "(As interpreted.) Good"
            continue
        out.append(_Tok(s, e, w, initial=sentence_start))
        sentence_start = w in _SENTENCE_END or w in ("!", "?", ":")
        if w == "." and out[-2:-1] and _is_initial_dot(out, text):
            sentence_start = False
    return out


def _is_initial_dot(toks: list[_Tok], text: str) -> bool:
    """Whether the "." just added closes an initial or an abbreviation ("J.", "Mr.", "Gen.")."""
    prev = toks[-2].text
    return (len(prev) == 1 and prev.isupper()) or prev.lower() in _HONORIFICS | {
        "gen", "adm", "sen", "rep", "col", "lt", "maj", "capt", "st", "no", "vs", "u.s", "jr", "sr", "cmdr", "sgt"
    }  # fmt: skip


def _is_cap(w: str) -> bool:
    return bool(w) and w[0].isupper() and any(c.isalpha() for c in w)


def _is_acronym(w: str) -> bool:
    letters = [c for c in w if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and w[0].isalpha()


def _low(w: str) -> str:
    return w.lower().replace("’", "'")
