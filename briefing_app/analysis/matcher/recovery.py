"""Recovery of the occurrences a leftmost-longest scan hides behind rejected hits.

Part of :class:`briefing_app.analysis.matcher.AliasMatcher`, kept apart
because it is the intricate, rarely taken path of the scan.
"""

from __future__ import annotations

import numpy as np

from briefing_app.analysis.matcher.spans import (
    Columns,
    _columns,
    _leftmost_longest,
    _longest_per_start,
    _merge_sorted,
    _ranges,
)
from briefing_app.analysis.matcher.utf8 import _EMPTY, _Utf8


class _HiddenHitRecovery:
    """Mixin of :class:`AliasMatcher` that adds back hits a rejected leftmost-longest hit hid.

    Relies on the matcher's ``_automaton`` (every occurrence), ``_accept``,
    ``_prefix_ptr``/``_prefix_key``, ``_key_bytes``, ``_inner``,
    ``_max_bytes`` and ``_nul_free``, all set by ``AliasMatcher.__init__``.
    """

    def _recover(
        self,
        utf8: _Utf8,
        haystack: bytes,
        key: np.ndarray,
        start: np.ndarray,
        stop: np.ndarray,
        variant: np.ndarray,
        rejected: np.ndarray,
    ) -> Columns:
        """Add back what a rejected leftmost-longest hit hid, and resolve leftmost-longest again.

        The scan moved past a rejected hit, so the occurrences starting inside
        it were never reported. Those starting where it starts are its
        prefixes among the keys (a table lookup). Others can start inside it
        only after a space, punctuation or CJK in it (rare: "South Koreans");
        there the text is scanned again with every occurrence, from the
        rejected hit to the next accepted one (further while a match found
        there runs past that one), and that stretch is resolved on its own.
        """
        columns = [(key, start, stop, variant)]
        r_key, r_start = key[rejected], start[rejected]
        pointers = self._prefix_ptr
        shorter = _ranges(pointers[r_key], pointers[r_key + 1])
        if len(shorter):
            c_key = self._prefix_key[shorter]
            c_start = np.repeat(r_start, pointers[r_key + 1] - pointers[r_key])
            c_stop = c_start + self._key_bytes[c_key]
            columns.append((c_key, c_start, c_stop, self._accept(utf8, c_key, c_start, c_stop)))
        inner = rejected[self._inner[r_key]]
        if not len(inner):
            # The usual case: nothing reaches past a rejected hit, so the longest
            # accepted prefix at each rejected position joins the accepted hits.
            return _merge_sorted(columns[0], _longest_per_start(*columns[1]) if len(columns) > 1 else None)
        cut_from, cut_to, found = self._rescan_stretches(utf8, haystack, start, stop, variant, inner)
        columns.append(found)
        key, start, stop, variant = (np.concatenate(c) for c in zip(*columns))
        if len(inner):  # the rescanned stretches replace whatever else starts in them
            where = np.searchsorted(cut_from, start, side="right") - 1
            outside = (where < 0) | (start >= cut_to[np.maximum(where, 0)])
            outside[len(start) - len(found[0]) :] = True
            key, start, stop, variant = key[outside], start[outside], stop[outside], variant[outside]
        good = np.flatnonzero(variant >= 0)
        chosen = good[_leftmost_longest(start[good], stop[good])]
        return key[chosen], start[chosen], stop[chosen], variant[chosen]

    def _rescan_stretches(
        self,
        utf8: _Utf8,
        haystack: bytes,
        start: np.ndarray,
        stop: np.ndarray,
        variant: np.ndarray,
        inner: np.ndarray,
    ) -> tuple[np.ndarray, np.ndarray, Columns]:
        """Every occurrence in the stretches after the given rejected hits, resolved per stretch.

        A stretch runs from a rejected hit to the next accepted one. All
        stretches are scanned at once, joined by a NUL byte (in no alias);
        the rare stretch where a chosen match runs past its end is redone on
        its own, longer. Returns the stretches' starts and ends (sorted,
        disjoint) and the mentions chosen in them.
        """
        accepted = start[variant >= 0]
        size = len(haystack)
        s_arr = start[inner]
        n = np.searchsorted(accepted, stop[inner])
        t_arr = np.where(n < len(accepted), accepted[np.minimum(n, max(len(accepted) - 1, 0))], size) if len(accepted) else np.full(len(n), size)
        first = np.ones(len(t_arr), dtype=bool)
        first[1:] = t_arr[1:] != t_arr[:-1]  # rejected hits up to the same accepted one: one stretch
        s_arr, t_arr = s_arr[first], t_arr[first]
        if not self._nul_free:
            return self._stretches_one_by_one(utf8, haystack, s_arr, stop[inner][first], accepted)
        ends = np.minimum(size, t_arr + self._max_bytes - 1)
        joined = b"\0".join([haystack[x:y] for x, y in zip(s_arr.tolist(), ends.tolist())])
        bases = np.concatenate(([0], np.cumsum(ends - s_arr + 1)[:-1]))
        hits = self._automaton.find_matches_as_indexes(joined, overlapping=True)
        k, a, b = _columns(hits) if hits else (_EMPTY, _EMPTY, _EMPTY)
        w = np.searchsorted(bases, a, side="right") - 1
        a, b = a - bases[w] + s_arr[w], b - bases[w] + s_arr[w]
        inside = a < t_arr[w]
        k, a, b, w = k[inside], a[inside], b[inside], w[inside]
        v = self._accept(utf8, k, a, b)
        good = np.flatnonzero(v >= 0)
        chosen = good[_leftmost_longest(a[good], b[good])]
        found = [k[chosen], a[chosen], b[chosen], v[chosen]]
        crossing = np.unique(w[chosen][b[chosen] > t_arr[w[chosen]]])
        if len(crossing):  # redo those stretches, longer, and drop what they now cover
            c_from, c_to, redone = self._stretches_one_by_one(
                utf8, haystack, s_arr[crossing], t_arr[crossing], accepted, from_reach=True
            )
            where = np.searchsorted(c_from, found[1], side="right") - 1
            outside = (where < 0) | (found[1] >= c_to[np.maximum(where, 0)])
            found = [np.concatenate((c[outside], r)) for c, r in zip(found, redone)]
            order = np.argsort(found[1], kind="stable")
            found = [c[order] for c in found]
            where = np.searchsorted(c_from, s_arr, side="right") - 1
            keep = (where < 0) | (s_arr >= c_to[np.maximum(where, 0)])
            s_arr = np.concatenate((s_arr[keep], c_from))
            t_arr = np.concatenate((t_arr[keep], c_to))
            order = np.argsort(s_arr, kind="stable")
            s_arr, t_arr = s_arr[order], t_arr[order]
        return s_arr, t_arr, tuple(found)

    def _stretches_one_by_one(
        self,
        utf8: _Utf8,
        haystack: bytes,
        starts: np.ndarray,
        reaches: np.ndarray,
        accepted: np.ndarray,
        from_reach: bool = False,
    ) -> tuple[np.ndarray, np.ndarray, Columns]:
        """Stretches scanned one at a time, each growing until its chosen matches end inside it."""
        size = len(haystack)
        cut_from: list[int] = []
        cut_to: list[int] = []
        parts = []
        for s, reach in zip(starts.tolist(), reaches.tolist()):
            if cut_to and s < cut_to[-1]:
                continue  # inside the previous stretch
            if from_reach:
                reach += 1  # the stretch ended at ``reach`` and was too short
            while True:
                # End at an accepted hit: from there on the scan's result stands.
                n = int(np.searchsorted(accepted, reach))
                t = int(accepted[n]) if n < len(accepted) else size
                hits = self._automaton.find_matches_as_indexes(haystack[s : min(size, t + self._max_bytes)], overlapping=True)
                k, a, b = _columns(hits) if hits else (_EMPTY, _EMPTY, _EMPTY)
                a, b = a + s, b + s
                inside = a < t
                k, a, b = k[inside], a[inside], b[inside]
                v = self._accept(utf8, k, a, b)
                good = np.flatnonzero(v >= 0)
                chosen = good[_leftmost_longest(a[good], b[good])]
                reach = int(b[chosen].max()) if len(chosen) else s
                if reach <= t:
                    break
            cut_from.append(s)
            cut_to.append(t)
            parts.append((k[chosen], a[chosen], b[chosen], v[chosen]))
        found = tuple(np.concatenate(c) for c in zip(*parts)) if parts else (_EMPTY,) * 4
        return np.array(cut_from, dtype=np.int64), np.array(cut_to, dtype=np.int64), found
