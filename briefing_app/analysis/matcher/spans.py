"""Hit columns for the alias matcher: building them, prefix tables, leftmost-longest choice.

The matcher keeps its hits as numpy columns (key, start, stop, variant) and
decides overlaps over all of them at once; these are those array routines.
"""

from __future__ import annotations

import itertools

import numpy as np

from briefing_app.analysis.matcher.utf8 import _EMPTY


Columns = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]  # key, start, stop, variant


def _longest_per_start(key: np.ndarray, start: np.ndarray, stop: np.ndarray, variant: np.ndarray) -> Columns:
    """The accepted candidates, only the longest at each start, sorted by start."""
    good = np.flatnonzero(variant >= 0)
    order = good[np.lexsort((-stop[good], start[good]))]
    first = np.ones(len(order), dtype=bool)
    first[1:] = start[order[1:]] != start[order[:-1]]
    order = order[first]
    return key[order], start[order], stop[order], variant[order]


def _merge_sorted(hits: Columns, extra: Columns | None) -> Columns:
    """Accepted ``hits`` (sorted, disjoint) and ``extra`` (sorted, disjoint from them) as one sorted set."""
    keep = hits[3] >= 0
    hits = tuple(c[keep] for c in hits)
    if extra is None or not len(extra[0]):
        return hits
    merged = tuple(np.concatenate(pair) for pair in zip(hits, extra))
    order = np.argsort(merged[1], kind="stable")  # two sorted runs: a linear merge
    return tuple(c[order] for c in merged)


def _columns(hits: list[tuple[int, int, int]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(key, start, stop) arrays from the automaton's hit tuples."""
    flat = np.fromiter(itertools.chain.from_iterable(hits), dtype=np.int64, count=3 * len(hits))
    return flat[0::3], flat[1::3], flat[2::3]


def _prefix_table(keys: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """For each key, the other keys that are proper prefixes of it (CSR: pointers, key indices).

    A leftmost-longest scan reports only the longest key at a position; when
    that one is rejected (no word boundary, wrong case) the shorter keys at
    the same position are exactly these prefixes, so they need no new scan.
    """
    index = {k: i for i, k in enumerate(keys)}
    pointers, found = [0], []
    for key in keys:
        found.extend(j for n in range(1, len(key)) if (j := index.get(key[:n])) is not None)
        pointers.append(len(found))
    return np.array(pointers, dtype=np.int64), np.array(found, dtype=np.int64)



def _ranges(first: np.ndarray, past: np.ndarray) -> np.ndarray:
    """``np.concatenate([np.arange(a, b) for a, b in zip(first, past)])``, vectorised."""
    counts = past - first
    total = int(counts.sum())
    if not total:
        return _EMPTY
    offsets = np.repeat(first - np.concatenate(([0], np.cumsum(counts)[:-1])), counts)
    return offsets + np.arange(total)


def _leftmost_longest(start: np.ndarray, stop: np.ndarray) -> np.ndarray:
    """Indices of the spans a left-to-right, longest-first greedy pass keeps, in order.

    Spans are sorted by start, longest first, and cut into clusters of
    overlapping spans. The first span of a cluster is always kept; when the
    others all lie inside it (nested aliases: "Korea" in "South Korea") it is
    the only one, and only the rare chained overlaps need a Python loop.
    """
    if not len(start):
        return _EMPTY
    # One stable sort on a combined key: the hits arrive nearly sorted.
    span = int((stop - start).max()) + 1
    order = np.argsort(start * span + (span - 1 - (stop - start)), kind="stable")
    s, e = start[order], stop[order]
    reach = np.maximum.accumulate(e)
    leader = np.ones(len(s), dtype=bool)
    leader[1:] = s[1:] >= reach[:-1]
    heads = np.flatnonzero(leader)
    tails = np.append(heads[1:], len(s))  # exclusive
    keep = leader.copy()
    chained = np.flatnonzero(reach[tails - 1] > e[heads])
    for c in chained.tolist():
        h, t = int(heads[c]), int(tails[c])
        reached = int(e[h])
        for i in range(h + 1, t):
            if s[i] >= reached:
                keep[i] = True
                reached = int(e[i])
    return order[keep]
