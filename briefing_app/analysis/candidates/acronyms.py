"""Acronyms with their expansion: which words before "(GSOMIA)" spell it."""

from __future__ import annotations

from briefing_app.analysis.candidates.tokens import _Tok, _is_cap, _low
from briefing_app.analysis.candidates.vocabulary import _FUNCTION_WORDS


def _acronym_letters(acro: str) -> str:
    return "".join(c for c in acro if c.isalpha()).upper()


def _expansion_before(toks: list[_Tok], paren: int, acro: str) -> tuple[int, int] | None:
    """Token range of the words before "(" whose initials spell the acronym."""
    letters = _acronym_letters(acro)
    words: list[int] = []
    k = paren - 1
    while k >= 0 and len(words) < 14:
        w = toks[k].text
        if not (w[0].isalpha()):
            break
        words.insert(0, k)
        k -= 1
        initials = ""
        for idx in words:
            tw = toks[idx].text
            if _is_cap(tw):
                # Hyphenated parts count ("Trans-Pacific" -> TP) when the acronym needs them.
                initials += "".join(p[0] for p in tw.split("-") if p and p[0].isupper())
        first = toks[words[0]].text
        if _is_cap(first) and _low(first) not in _FUNCTION_WORDS:
            if _initials_match(initials, letters, toks, words):
                return words[0], paren
    return None


def _initials_match(initials: str, letters: str, toks: list[_Tok], words: list[int]) -> bool:
    """Whether the capitalised words of a phrase spell an acronym.

    Each word gives its first letter and may give more of its letters in order
    ("Southeast" -> SE in ASEAN, "Trans-Pacific" -> TP); one inner word may be
    skipped ("Comprehensive and Progressive Agreement for Trans-Pacific
    Partnership" -> CPTPP).
    """
    if initials == letters:
        return True
    caps = [toks[i].text.upper() for i in words if _is_cap(toks[i].text)]
    # Lower-case connectors may give their initial too ("of" in GSOMIA).
    optional = [not _is_cap(toks[i].text) for i in words if toks[i].text[0].isalpha()]
    caps = [toks[i].text.upper() for i in words if toks[i].text[0].isalpha()]
    if not caps or optional[0]:
        return False

    def match(wi: int, j: int, skips: int) -> bool:
        if wi == len(caps):
            return j == len(letters)
        word = caps[wi]
        if optional[wi] and match(wi + 1, j, skips):
            return True
        if skips and 0 < wi < len(caps) - 1 and match(wi + 1, j, skips - 1):
            return True
        if j >= len(letters) or word[0] != letters[j]:
            return False
        # Consume 0..n further letters of this word, as a subsequence of its remaining characters.
        rest, k = word[1:], j + 1
        if match(wi + 1, k, skips):
            return True
        pos = 0
        while k < len(letters):
            found = rest.find(letters[k], pos)
            if found < 0:
                return False
            pos, k = found + 1, k + 1
            if match(wi + 1, k, skips):
                return True
        return False

    return match(0, 0, 1)

