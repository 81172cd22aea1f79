"""Admiralty (NATO) grades of a source: the letter for the source's reliability, the digit for the
information's credibility, and the two in words."""

from __future__ import annotations

SOURCE_GRADES = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
INFO_GRADES = {
    "1": "confirmed by other sources",
    "2": "probably true",
    "3": "possibly true",
    "4": "doubtful",
    "5": "improbable",
    "6": "truth cannot be judged",
}


def reliability_phrase(code: str) -> str:
    """Admiralty grade in words: "B2 — usually reliable source, information probably true"."""
    code = (code or "").strip().upper()
    if not code:
        return ""
    src = SOURCE_GRADES.get(code[:1])
    info = INFO_GRADES.get(code[1:2]) if len(code) > 1 else None
    if src is None or (len(code) > 1 and info is None) or len(code) > 2:
        return f"{code} (not an Admiralty grade)"
    if info is None:
        return f"{code} — {src} source"
    return f"{code} — {src} source, information {info}"
