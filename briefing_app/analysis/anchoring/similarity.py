"""Edit distances and similarity scores for re-anchoring.

Myers' bit-parallel edit distance (pure Python) aligns a quote within a
small window; rapidfuzz's C Levenshtein, when installed, speeds up the
many short context comparisons. Context similarity is rescaled so that
unrelated text scores near 0.
"""

from __future__ import annotations

from briefing_app.analysis.anchoring.text import NormalizedText

try:  # C edit distance for the many short context comparisons; Myers below otherwise
    from rapidfuzz.distance import Levenshtein as _Levenshtein
except ImportError:  # pragma: no cover - exercised only without the package
    _Levenshtein = None

_CONTEXT_CHANCE = 0.4  # context similarity of unrelated text, rescaled to 0


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


def _raw_similarity(a: str, b: str) -> float:
    """1 - normalised edit distance between two raw strings."""
    if not a or not b:
        return 1.0 if a == b else 0.0
    d = _myers(a, b, anchored=True)[-1]  # distance of all of ``a`` to all of ``b``
    return max(0.0, 1.0 - d / max(len(a), len(b)))
