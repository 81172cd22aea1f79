"""Candidate places for a quote: exact occurrences and approximate alignments.

Quotes are found with one Aho-Corasick pass for all annotations; those not
found exactly are located by voting from exact pieces of the quote and its
context, then aligned within a small window. Each candidate carries its
quote and context similarity for the final decision in
:mod:`briefing_app.analysis.anchoring`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Sequence

import ahocorasick_rs  # one automaton finds every quote in one pass (the matcher's library too)

from briefing_app.analysis.anchoring.similarity import _align, _context_similarity
from briefing_app.analysis.anchoring.text import NormalizedText
from briefing_app.model.types import Selector

# Tuning, on normalised text. Scores are similarities in 0..1.
_MAX_PIECE_HITS = 64  # a seed piece found more often than this is uninformative
_MAX_CANDIDATES = 6  # aligned regions per annotation
_CONTEXT_RIVAL_MARGIN = 0.35  # context gap (> margin / 0.3) beyond which a copy cannot rival


@dataclass
class _Cand:
    a: int  # normalised span
    b: int
    quote: float  # quote similarity (normalised text)
    context: float | None  # mean context similarity; None without context
    side: float = 1.0  # the better of prefix and suffix similarity
    total: float = 0.0

    @classmethod
    def make(cls, a: int, b: int, quote: float, ctx: tuple[float, float] | None) -> _Cand:
        return cls(a, b, quote, None) if ctx is None else cls(a, b, quote, ctx[0], ctx[1])


@dataclass
class _Job:
    index: int
    sel: Selector
    quote: str  # normalised quote, stripped of edge spaces
    prefix: str
    suffix: str
    local_prefix: str  # the context inside the quote's own paragraph (line)
    local_suffix: str


def _exact_candidates(nt: NormalizedText, job: _Job, starts: Sequence[int]) -> list[_Cand]:
    """Candidates at exact (normalised) occurrences, with context similarity.

    With many copies, cheap upper bounds rule out those that cannot be the
    best or a close rival; only the rest get an exact context score. Those
    ruled out keep their upper bound, which can only make rivals look closer.
    """
    m = len(job.quote)
    if len(starts) <= 4:
        return [_Cand.make(a, a + m, 1.0, _context_similarity(nt, a, a + m, job.prefix, job.suffix)) for a in starts]
    cands = [_Cand.make(a, a + m, 1.0, _context_similarity(nt, a, a + m, job.prefix, job.suffix, True)) for a in starts]
    if cands[0].context is None:
        return cands
    best = -1.0
    for c in sorted(cands, key=lambda c: -(c.context or 0.0)):
        if (c.context or 0.0) < best - _CONTEXT_RIVAL_MARGIN:
            break
        c.context, c.side = _context_similarity(nt, c.a, c.b, job.prefix, job.suffix)  # type: ignore[misc]
        best = max(best, c.context)
    return cands


def _find_all(hay: str, needles: Iterable[str]) -> dict[str, list[int]]:
    """Start offsets of every occurrence of each needle (overlaps included)."""
    needles = [n for n in set(needles) if n]
    found: dict[str, list[int]] = defaultdict(list)
    if not needles or not hay:
        return found
    if len(needles) > 2:
        auto = ahocorasick_rs.AhoCorasick(needles)
        for idx, start, _end in auto.find_matches_as_indexes(hay, overlapping=True):
            found[needles[idx]].append(start)
        for n in found:
            found[n].sort()
        return found
    for n in needles:
        i = hay.find(n)
        while i >= 0:
            found[n].append(i)
            i = hay.find(n, i + 1)
    return found


def _pieces(s: str, size: int) -> list[tuple[int, str]]:
    """Non-overlapping pieces of ``s`` with their offsets (last one flush right)."""
    if len(s) < size:
        return [(0, s)] if s.strip() else []
    out = [(i, s[i : i + size]) for i in range(0, len(s) - size + 1, size)]
    if out[-1][0] + size < len(s):
        out.append((len(s) - size, s[-size:]))
    return [(o, p) for o, p in out if p.strip()]


def _fuzzy_candidates(nt: NormalizedText, jobs: list[_Job]) -> dict[int, list[_Cand]]:
    """Approximate candidates: seed by exact pieces, align in small windows."""
    seeds: dict[str, list[tuple[int, int, float]]] = defaultdict(list)  # piece -> (job, implied start, weight)
    for k, job in enumerate(jobs):
        q = job.quote
        if len(q) < 8:
            continue  # too short to locate approximately without look-alikes
        size = max(5, min(12, len(q) // 6))
        for off, p in _pieces(q, size):
            seeds[p].append((k, -off, 1.0))
        for off, p in _pieces(job.prefix[-24:], 8):
            seeds[p].append((k, len(job.prefix[-24:]) - off, 0.5))
        for off, p in _pieces(job.suffix[:24], 8):
            seeds[p].append((k, -len(q) - off, 0.5))
    hits = _find_all(nt.norm, seeds)
    votes: list[list[tuple[int, float]]] = [[] for _ in jobs]
    for piece, where in hits.items():
        if len(where) > _MAX_PIECE_HITS:
            continue
        for k, shift, w in seeds[piece]:
            votes[k].extend((pos + shift, w) for pos in where)

    out: dict[int, list[_Cand]] = {}
    for k, job in enumerate(jobs):
        if not votes[k]:
            continue
        q = job.quote
        tol = max(8, len(q) // 4)
        clusters = _cluster(sorted(votes[k]), tol)
        clusters.sort(key=lambda c: -c[1])
        best_w = clusters[0][1]
        cands: list[_Cand] = []
        for center, weight in clusters[:_MAX_CANDIDATES]:
            if weight < best_w * 0.25:
                break
            slack = len(q) // 3 + 8
            lo, hi = max(0, center - slack), min(len(nt.norm), center + len(q) + slack)
            got = _align(q, nt.norm, lo, hi)
            if got is None:
                continue
            a, b, dist = got
            a, b = _snap_to_words(nt.norm, a, b, q, job.prefix, job.suffix)
            if b <= a or any(c.a < b and a < c.b for c in cands):
                continue
            sim = max(0.0, 1.0 - dist / len(q))
            cands.append(_Cand.make(a, b, sim, _context_similarity(nt, a, b, job.prefix, job.suffix)))
        out[job.index] = cands
    return out


def _cluster(votes: list[tuple[int, float]], tol: int) -> list[tuple[int, float]]:
    """Group implied start offsets lying within ``tol``; (median, weight) each."""
    clusters: list[tuple[int, float]] = []
    group: list[tuple[int, float]] = []
    for v in votes:
        if group and v[0] - group[-1][0] > tol:
            clusters.append(_summarise(group))
            group = []
        group.append(v)
    if group:
        clusters.append(_summarise(group))
    return clusters


def _summarise(group: list[tuple[int, float]]) -> tuple[int, float]:
    return group[len(group) // 2][0], sum(w for _, w in group)


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _snap_to_words(norm: str, a: int, b: int, quote: str, prefix: str, suffix: str) -> tuple[int, int]:
    """Move a span's ends to the nearest word boundary when the quote was whole words."""
    if _is_word(quote[0]) and (not prefix or not _is_word(prefix[-1])):
        back = 0
        while a - back > 0 and _is_word(norm[a - back - 1]) and back < 15:
            back += 1
        fwd = 0
        while a + fwd < b and _is_word(norm[a + fwd]) and fwd < 15:
            fwd += 1
        if back and (a - back == 0 or not _is_word(norm[a - back - 1])):
            a = a - back if back <= fwd or a + fwd >= b else a + fwd
    if _is_word(quote[-1]) and (not suffix or not _is_word(suffix[0])):
        fwd = 0
        while b + fwd < len(norm) and _is_word(norm[b + fwd]) and fwd < 15:
            fwd += 1
        back = 0
        while b - back > a and _is_word(norm[b - back - 1]) and back < 15:
            back += 1
        if fwd and (b + fwd == len(norm) or not _is_word(norm[b + fwd])):
            b = b + fwd if fwd <= back or b - back <= a else b - back
    while a < b and norm[a] == " " and quote[0] != " ":
        a += 1
    while b > a and norm[b - 1] == " " and quote[-1] != " ":
        b -= 1
    return a, b

