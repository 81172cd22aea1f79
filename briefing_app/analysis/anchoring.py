"""Re-anchoring annotations in a document whose text changed.

An annotation remembers where it sits with a W3C-style selector: the exact
quote, up to 32 characters of context on each side, and character offsets.
When the document's text changes (re-import, an edit, other whitespace or
quote marks) :func:`reanchor_all` finds each quote again and says honestly
how it did so:

``exact``
    the same text at the same offsets.
``moved``
    the exact quote elsewhere, unique or told apart by its context.
``fuzzy``
    an approximate match (copy-edits, whitespace, Unicode normalisation,
    curly/straight quotes, dashes), with a similarity score.
``ambiguous``
    two or more places score close: none is picked, all are listed.
``orphaned``
    nothing good enough; the best weak candidates, if any, are listed as
    suggestions but the annotation is not placed.

How: the text is normalised once (NFKD without accents, case-folded,
typographic quotes and dashes folded, whitespace runs collapsed) with a map
back to the original offsets. Quotes are then found with one Aho-Corasick
pass for all annotations; those not found exactly are located by voting
from exact pieces of the quote and its context and aligned within a small
window with Myers' bit-parallel edit distance. Context (prefix/suffix) is
what tells two copies of a quote apart; position is only used to keep a
quote that is still at its old offsets with context as good as any copy.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

import numpy as np

from briefing_app.model.types import Annotation, Selector, Workspace

try:  # C edit distance for the many short context comparisons; Myers below otherwise
    from rapidfuzz.distance import Levenshtein as _Levenshtein
except ImportError:  # pragma: no cover - exercised only without the package
    _Levenshtein = None

import ahocorasick_rs  # one automaton finds every quote in one pass (the matcher's library too)

STATUSES = ("exact", "moved", "fuzzy", "ambiguous", "orphaned")

# Tuning, on normalised text. Scores are similarities in 0..1.
_AMBIGUITY_MARGIN = 0.08  # rivals within this total score make an anchor ambiguous
_QUOTE_WEIGHT = 0.7  # total = 0.7 * quote similarity + 0.3 * context similarity
_DISTINCTIVE_LEN = 80  # a quote this long may move to a wholly new context
_MAX_PIECE_HITS = 64  # a seed piece found more often than this is uninformative
_MAX_CANDIDATES = 6  # aligned regions per annotation
_CONTEXT_RIVAL_MARGIN = 0.35  # context gap (> margin / 0.3) beyond which a copy cannot rival
_CONTEXT_CHANCE = 0.4  # context similarity of unrelated text, rescaled to 0


@dataclass(frozen=True)
class Candidate:
    """A place where a quote may sit (original-text offsets)."""

    start: int
    end: int
    score: float


@dataclass(frozen=True)
class Anchor:
    """Where an annotation sits in the current text, and how sure that is.

    Attributes:
        status: One of :data:`STATUSES`.
        start: Offset of the anchored span, or None when ambiguous/orphaned.
        end: End offset (exclusive), or None when ambiguous/orphaned.
        score: Similarity of the anchored text to the quote (1.0 for exact
            and moved); for ambiguous/orphaned the best candidate's score.
        candidates: For ambiguous anchors the rival places; for orphaned
            ones weak suggestions (possibly none).
    """

    status: str
    start: int | None
    end: int | None
    score: float
    candidates: tuple[Candidate, ...] = ()

    @property
    def placed(self) -> bool:
        """Whether the anchor points at one span of the text."""
        return self.start is not None


def anchor_workspace(ws: Workspace, texts: Mapping[str, str]) -> dict[str, Anchor]:
    """Re-anchor every annotation whose document text is given.

    Args:
        ws: The snapshot.
        texts: Document id -> current text (documents missing here are skipped).

    Returns:
        Annotation id -> :class:`Anchor`.
    """
    by_doc: dict[str, list[Annotation]] = {}
    for a in ws.annotations:
        if a.document in texts:
            by_doc.setdefault(a.document, []).append(a)
    out: dict[str, Anchor] = {}
    for doc_id, anns in by_doc.items():
        for a, anchor in zip(anns, reanchor_all(texts[doc_id], [a.selector for a in anns])):
            out[a.id] = anchor
    return out


# -- selectors ------------------------------------------------------------


def make_selector(text: str, start: int, end: int, context: int = 32) -> Selector:
    """Build a quote + position selector for ``text[start:end]``.

    Args:
        text: The document text.
        start: Start offset (inclusive).
        end: End offset (exclusive).
        context: Characters of prefix and suffix to keep.

    Raises:
        ValueError: If the span is empty or outside the text.
    """
    if not 0 <= start < end <= len(text):
        raise ValueError(f"selection {start}..{end} is empty or outside the text (length {len(text)})")
    if context < 0:
        raise ValueError(f"context must be >= 0, got {context}")
    return Selector(
        exact=text[start:end],
        start=start,
        end=end,
        prefix=text[max(0, start - context) : start],
        suffix=text[end : end + context],
    )


# -- normalisation -----------------------------------------------------------

_FOLD = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u2035\u02bc\u00b4\u0060", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u2036\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
    **dict.fromkeys("\u00ad\u200b\u200c\u200d\u2060\ufeff", ""),
}
_SPECIAL = re.compile(r"[^\x00-\x7f]+|[\t\n\r\x0b\x0c]+")
_SPACES = re.compile(r"  +")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_char_cache: dict[str, str] = {}


def _fold_char(c: str) -> str:
    """Fold one character: typography, compatibility forms, accents, case."""
    out = _char_cache.get(c)
    if out is None:
        if c in _FOLD:
            out = _FOLD[c]
        elif c.isspace():
            out = " "
        else:
            parts = []
            for d in unicodedata.normalize("NFKD", c):
                if unicodedata.category(d) == "Mn":
                    continue  # accents: "détente" and "detente" compare equal
                d = _FOLD.get(d, d)
                parts.append(" " if d.isspace() else d)
            out = "".join(parts).casefold()
        _char_cache[c] = out
    return out


def normalize(s: str) -> str:
    """The normalised form of a short string (same folding as documents)."""
    if s.isascii():
        out = s.lower()
        if "\t" in out or "\n" in out or "\r" in out or "\x0b" in out or "\x0c" in out:
            out = re.sub(r"[\t\n\r\x0b\x0c]", " ", out)
    else:
        out = "".join(_fold_char(c) for c in s)
    return _SPACES.sub(" ", out)


class NormalizedText:
    """A document's normalised text with a map back to original offsets.

    ``norm[i]`` comes from ``text[starts[i]:ends[i]]``.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        folds = {c: _fold_char(c) for c in set(_NON_ASCII.findall(text))}
        if all(len(f) == 1 for f in folds.values()):
            # Every character folds to one: offsets map 1:1, done on code points.
            cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).copy()
            upper = (cps >= 65) & (cps <= 90)
            cps[upper] += 32
            for c, f in folds.items():
                cps[cps == ord(c)] = ord(f)
            st = np.arange(len(text), dtype=np.int64)
            en = st + 1
        else:
            norm, st, en = self._fold_general(text)
            cps = np.frombuffer(norm.encode("utf-32-le"), dtype=np.uint32).copy()
        cps[(cps >= 9) & (cps <= 13)] = 32
        # Collapse whitespace runs: keep a run's first space, spanning the run.
        space = cps == 32
        if space.size:
            follows_space = np.zeros_like(space)
            follows_space[1:] = space[:-1]
            keep = ~(space & follows_space)
            run_last = np.flatnonzero(space & ~np.append(space[1:], False))
            firsts = np.flatnonzero(space & ~follows_space)
            en = en.copy()
            en[firsts] = en[run_last]
            cps, st, en = cps[keep], st[keep], en[keep]
        self.norm = cps.tobytes().decode("utf-32-le")
        self.starts = st
        self.ends = en

    @staticmethod
    def _fold_general(text: str) -> tuple[str, np.ndarray, np.ndarray]:
        """Fold when some characters vanish or expand (ligatures, "ß", zero-width)."""
        pieces: list[str] = []
        starts: list[np.ndarray] = []
        ends: list[np.ndarray] = []
        pos = 0
        for m in _SPECIAL.finditer(text):
            s = m.start()
            if s > pos:  # plain ASCII: only case changes, offsets map 1:1
                pieces.append(text[pos:s].lower())
                rng = np.arange(pos, s, dtype=np.int64)
                starts.append(rng)
                ends.append(rng + 1)
            idx: list[int] = []
            for i in range(s, m.end()):
                f = _fold_char(text[i])
                pieces.append(f)
                idx.extend([i] * len(f))
            if idx:
                arr = np.asarray(idx, dtype=np.int64)
                starts.append(arr)
                ends.append(arr + 1)
            pos = m.end()
        if pos < len(text):
            pieces.append(text[pos:].lower())
            rng = np.arange(pos, len(text), dtype=np.int64)
            starts.append(rng)
            ends.append(rng + 1)
        st = np.concatenate(starts) if starts else np.zeros(0, dtype=np.int64)
        en = np.concatenate(ends) if ends else np.zeros(0, dtype=np.int64)
        return "".join(pieces), st, en

    def to_original(self, a: int, b: int) -> tuple[int, int]:
        """Original offsets of the normalised span ``[a, b)`` (b > a)."""
        return int(self.starts[a]), int(self.ends[b - 1])

    def to_normalized(self, start: int) -> int:
        """Normalised offset of the first character at or after ``start``."""
        return int(np.searchsorted(self.starts, start, side="left"))


# -- edit distance ------------------------------------------------------------


def _myers(pattern: str, text: str, anchored: bool) -> list[int]:
    """Edit distances of ``pattern`` against substrings of ``text``.

    Myers' bit-parallel algorithm with Python ints as bit vectors. Entry j is
    the distance between the pattern and the best substring ending at
    ``text[j]`` (``anchored=False``) or the prefix ``text[:j + 1]``
    (``anchored=True``).
    """
    m = len(pattern)
    if m == 0:
        return [0] * len(text)
    full = (1 << m) - 1
    high = 1 << (m - 1)
    peq: dict[str, int] = {}
    for i, c in enumerate(pattern):
        peq[c] = peq.get(c, 0) | (1 << i)
    pv, mv, score = full, 0, m
    carry = 1 if anchored else 0
    out = []
    for c in text:
        eq = peq.get(c, 0)
        xv = eq | mv
        xh = ((((eq & pv) + pv) & full) ^ pv) | eq
        ph = (mv | ~(xh | pv)) & full
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = ((ph << 1) | carry) & full
        mh = (mh << 1) & full
        pv = (mh | ~(xv | ph)) & full
        mv = ph & xv
        out.append(score)
    return out


def _align(quote: str, norm: str, lo: int, hi: int) -> tuple[int, int, int] | None:
    """Best approximate occurrence of ``quote`` in ``norm[lo:hi]``.

    Returns:
        (start, end, distance) in normalised offsets, or None for an empty window.
    """
    window = norm[lo:hi]
    if not window:
        return None
    fwd = _myers(quote, window, anchored=False)
    dist = min(fwd)
    end = fwd.index(dist) + 1  # the earliest end reaching the best distance
    rev = _myers(quote[::-1], window[:end][::-1], anchored=True)
    best = min(rev)
    length = rev.index(best) + 1  # shortest span with that distance
    return lo + end - length, lo + end, max(dist, best)


def _free_end_distance(pattern: str, text: str) -> int:
    """Edit distance of ``pattern`` to the best prefix of ``text``."""
    if not text:
        return len(pattern)
    if _Levenshtein is None:
        return min(_myers(pattern, text, anchored=True))
    m = len(pattern)
    k = len(text) - m if len(text) > m else 0
    # The best prefix is within the length of the pattern +- slack; C calls beat a Python loop.
    hi = min(len(text), m + k)
    lo = min(hi, max(1, m - (m // 4 + 2)))
    return min(_Levenshtein.distance(pattern, text[:n]) for n in range(lo, hi + 1))


def _context_similarity(
    nt: NormalizedText, a: int, b: int, prefix: str, suffix: str, upper_bound: bool = False
) -> tuple[float, float] | None:
    """How well the text around normalised span ``[a, b)`` matches the context.

    Args:
        upper_bound: Return a cheap upper bound instead (one distance per side:
            shifting a window end by ``n`` changes the distance by at most ``n``).

    Returns:
        (length-weighted mean over prefix and suffix, best single side), or
        None when the selector has no context to compare. The best side
        matters when a neighbouring paragraph was inserted or deleted.
    """
    norm = nt.norm
    total = 0.0
    weight = 0
    side_best = 0.0
    for side, text in (
        (prefix[::-1], norm[max(0, a - len(prefix) - len(prefix) // 4 - 2) : a][::-1]),
        (suffix, norm[b : b + len(suffix) + len(suffix) // 4 + 2]),
    ):
        if not side:
            continue
        n = len(side)
        if text.startswith(side):
            d = 0
        elif upper_bound and _Levenshtein is not None:
            d = max(0, _Levenshtein.distance(side, text[:n]) - (n // 4 + 2))
        else:
            d = min(n, _free_end_distance(side, text))
        total += n - d
        weight += n
        side_best = max(side_best, _rescale((n - d) / n))
    if not weight:
        return None
    return _rescale(total / weight), side_best


def _rescale(sim: float) -> float:
    """Unrelated English text still agrees on ~40% of characters under edit
    distance; rescale so that unrelated context scores near 0."""
    return max(0.0, (sim - _CONTEXT_CHANCE) / (1.0 - _CONTEXT_CHANCE))


# -- re-anchoring --------------------------------------------------------------


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


def reanchor(text: str, selector: Selector) -> Anchor:
    """Re-anchor one selector in ``text`` (see :func:`reanchor_all`)."""
    return reanchor_all(text, [selector])[0]


def reanchor_all(text: str, selectors: Sequence[Selector]) -> list[Anchor]:
    """Re-anchor many selectors in one document text.

    The text is normalised once; quotes are searched together, so a thousand
    annotations on a long document take well under a second.

    Args:
        text: The document's current text.
        selectors: The annotations' selectors, in any order.

    Returns:
        One :class:`Anchor` per selector, in the same order.
    """
    results: list[Anchor | None] = [None] * len(selectors)
    pending: list[int] = []
    for i, sel in enumerate(selectors):
        if _unchanged(text, sel):
            results[i] = Anchor("exact", sel.start, sel.end, 1.0)
        else:
            pending.append(i)
    if not pending:
        return results  # type: ignore[return-value]

    nt = NormalizedText(text)
    jobs: list[_Job] = []
    for i in pending:
        sel = selectors[i]
        quote = normalize(sel.exact).strip()
        if not quote:
            results[i] = Anchor("orphaned", None, None, 0.0)
            continue
        # The quote's edge spaces were stripped: keep context aligned with it.
        prefix = normalize(sel.prefix + sel.exact[: len(sel.exact) - len(sel.exact.lstrip())])
        suffix = normalize(sel.exact[len(sel.exact.rstrip()) :] + sel.suffix)
        raw_prefix = sel.prefix + sel.exact[: len(sel.exact) - len(sel.exact.lstrip())]
        raw_suffix = sel.exact[len(sel.exact.rstrip()) :] + sel.suffix
        local_prefix = normalize(raw_prefix.rsplit("\n", 1)[-1]).lstrip()
        local_suffix = normalize(raw_suffix.split("\n", 1)[0]).rstrip()
        jobs.append(
            _Job(i, sel, quote, prefix.strip() and prefix, suffix.strip() and suffix, local_prefix, local_suffix)
        )

    occurrences = _find_all(nt.norm, {j.quote for j in jobs})
    fuzzy_jobs: list[_Job] = []
    exact_cands: dict[int, list[_Cand]] = {}
    for job in jobs:
        cands = _exact_candidates(nt, job, occurrences.get(job.quote, ()))
        exact_cands[job.index] = cands
        best_ctx = max((c.context if c.context is not None else 1.0 for c in cands), default=-1.0)
        # Search approximately too when no copy sits in a convincing context:
        # the real passage may have been copy-edited while a copy survived.
        if best_ctx < 0.9:
            fuzzy_jobs.append(job)

    fuzzy_cands = _fuzzy_candidates(nt, fuzzy_jobs) if fuzzy_jobs else {}
    for job in jobs:
        cands = exact_cands[job.index] + fuzzy_cands.get(job.index, [])
        results[job.index] = _decide(nt, job, cands)
    return results  # type: ignore[return-value]


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


def _unchanged(text: str, sel: Selector) -> bool:
    """Same quote, same offsets, same context: nothing to search."""
    s, e = sel.start, sel.end
    if not (0 <= s < e <= len(text)) or text[s:e] != sel.exact or not sel.exact:
        return False
    return text[max(0, s - len(sel.prefix)) : s] == sel.prefix and text[e : e + len(sel.suffix)] == sel.suffix


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


def _acceptable(c: _Cand, quote_len: int) -> bool:
    """Whether a candidate is good enough to place the annotation on.

    A quote alone is trusted only when it is long; otherwise at least one
    side of its context must agree, so that a look-alike elsewhere in the
    text is offered as a suggestion, not taken.
    """
    if c.context is None:
        return c.quote >= 0.999 or c.quote >= 0.85
    if c.quote >= 0.999:
        return c.side >= 0.5 or quote_len >= _DISTINCTIVE_LEN
    return (
        (c.quote >= 0.75 and c.side >= 0.5)
        or (c.quote >= 0.6 and c.context >= 0.7)
        or (c.quote >= 0.9 and quote_len >= _DISTINCTIVE_LEN)
    )


def _contradicted(nt: NormalizedText, c: _Cand, local_prefix: str, local_suffix: str) -> bool:
    """Whether the quote's own paragraph disagrees outright on one side.

    A look-alike elsewhere often shares one side of its context by chance
    ("... and South Korea plot ..."), while the text just around it on the
    other side is unrelated. Context outside the quote's paragraph does not
    count: neighbouring paragraphs get inserted and deleted.
    """
    norm = nt.norm
    for side, text in (
        (local_prefix[::-1], norm[max(0, c.a - len(local_prefix) - 8) : c.a][::-1].lstrip()),
        (local_suffix, norm[c.b : c.b + len(local_suffix) + 8].lstrip()),
    ):
        side = side.strip()
        if len(side) < 5:
            continue
        d = min(len(side), _free_end_distance(side, text))
        if _rescale(1.0 - d / len(side)) <= 0.0:
            return True
    return False


def _overlaps_sorted(spans: list[_Cand], c: _Cand) -> bool:
    """Whether ``c`` overlaps any of ``spans`` (sorted, non-overlapping)."""
    i = bisect.bisect_left([u.a for u in spans], c.b)
    return i > 0 and spans[i - 1].b > c.a


def _decide(nt: NormalizedText, job: _Job, cands: list[_Cand]) -> Anchor:
    """Pick the anchor among candidates, or refuse honestly."""
    sel = job.sel
    # One candidate per place: exact copies first (overlapping only when the
    # quote overlaps itself), then approximate ones not on top of them.
    uniq: list[_Cand] = []
    last_end = -1
    for c in sorted((c for c in cands if c.quote >= 1.0), key=lambda c: c.a):
        if c.a >= last_end:
            uniq.append(c)
            last_end = c.b
    exact_count = len(uniq)
    for c in sorted((c for c in cands if c.quote < 1.0), key=lambda c: -c.quote):
        if not any(u.a < c.b and c.a < u.b for u in uniq[exact_count:]) and not _overlaps_sorted(uniq[:exact_count], c):
            uniq.append(c)
    for c in uniq:
        ctx = 0.5 if c.context is None else c.context
        c.total = _QUOTE_WEIGHT * c.quote + (1 - _QUOTE_WEIGHT) * ctx
    uniq.sort(key=lambda c: -c.total)

    def orig(c: _Cand) -> tuple[int, int]:
        return nt.to_original(c.a, c.b)

    def as_candidates(cs: list[_Cand]) -> tuple[Candidate, ...]:
        return tuple(Candidate(*orig(c), round(c.quote, 3)) for c in cs)

    if not uniq:
        return Anchor("orphaned", None, None, 0.0)
    best = uniq[0]
    rivals = [c for c in uniq[1:] if best.total - c.total < _AMBIGUITY_MARGIN]
    s, e = _restore_edge_spaces(nt.text, *orig(best), sel.exact)
    raw_exact = nt.text[s:e] == sel.exact
    at_old_place = raw_exact and (s, e) == (sel.start, sel.end)
    if not _acceptable(best, len(job.quote)) or (
        len(job.quote) < _DISTINCTIVE_LEN and _contradicted(nt, best, job.local_prefix, job.local_suffix)
    ):
        return Anchor("orphaned", None, None, round(best.quote, 3), as_candidates(uniq[:3]))
    if rivals and not at_old_place:
        return Anchor("ambiguous", None, None, round(best.quote, 3), as_candidates([best, *rivals]))
    if raw_exact:
        return Anchor("exact" if at_old_place else "moved", s, e, 1.0)
    if best.quote >= 0.999:  # equal once normalised: report how much the raw text differs
        score = _raw_similarity(sel.exact, nt.text[s:e])
    else:
        score = best.quote
    return Anchor("fuzzy", s, e, round(score, 3))


def _restore_edge_spaces(text: str, s: int, e: int, exact: str) -> tuple[int, int]:
    """Give back the leading/trailing whitespace that the quote had (stripped to search)."""
    lead = len(exact) - len(exact.lstrip())
    trail = len(exact) - len(exact.rstrip())
    k = 0
    while k < lead and s > 0 and text[s - 1].isspace():
        s, k = s - 1, k + 1
    k = 0
    while k < trail and e < len(text) and text[e].isspace():
        e, k = e + 1, k + 1
    return s, e


def _raw_similarity(a: str, b: str) -> float:
    """1 - normalised edit distance between two raw strings."""
    if not a or not b:
        return 1.0 if a == b else 0.0
    d = _myers(a, b, anchored=True)[-1]  # distance of all of ``a`` to all of ``b``
    return max(0.0, 1.0 - d / max(len(a), len(b)))
