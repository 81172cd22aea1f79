"""Force-directed graph layout in numpy: sparse stress majorization.

Why stress and not springs: stress majorization places nodes so that their
distances match graph distances; it is deterministic (no random start), it
converges to the nearest minimum from a given start (so a warm start from
the previous time step stays put), and with sparse pivots (Ortmann,
Klimenta & Brandes, "A sparse stress model", 2016) it costs O(k·(n + m))
per iteration instead of Fruchterman–Reingold's O(n²).

Pipeline, per connected component:

1. graph distances by breadth-first search from k pivots (max-min chosen;
   every node is a pivot in small components, which is full stress),
   plus the pairs two hops apart, which hold neighbourhoods together;
2. a start from Pivot MDS (Brandes & Pich 2006), or, on a warm start, the
   previous positions, with new nodes placed by aligning a fresh Pivot MDS
   to the known ones (Procrustes);
3. localized stress majorization: each node moves to the weighted average
   of where its terms (edges and pivots) want it; pinned nodes do not move.

Components are laid out separately and packed in rows, largest first;
isolated nodes go to a grid beneath. All coordinates are in units of one
edge length.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Hashable, Mapping, Sequence

import numpy as np

FULL_STRESS_MAX = 200  # components up to this size use every node as a pivot
DEFAULT_PIVOTS = 80
TWO_HOP_MAX_DEGREE = 30  # middle nodes with more neighbours add no two-hop pairs
_REL_TOL = 1e-4
_MIN_DIST = 0.05  # edge lengths: distances below this count as this in the pivot block  # stop when an iteration lowers the stress by less than this fraction


class LayoutError(ValueError):
    """Bad input to the layout (edge indices out of range, pinned without a position)."""


@dataclass(frozen=True)
class _Graph:
    """An undirected simple graph in compressed sparse row form."""

    n: int
    u: np.ndarray  # edge ends, u < v, each edge once
    v: np.ndarray
    ptr: np.ndarray  # CSR row pointers over both directions
    idx: np.ndarray

    @classmethod
    def build(cls, n: int, edges: np.ndarray) -> _Graph:
        e = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
        if e.size and (e.min() < 0 or e.max() >= n):
            raise LayoutError(f"edge endpoint out of range 0..{n - 1}")
        e = e[e[:, 0] != e[:, 1]]
        e = np.sort(e, axis=1)
        if e.size:
            e = np.unique(e, axis=0)
        u, v = e[:, 0].copy(), e[:, 1].copy()
        src = np.concatenate([u, v])
        dst = np.concatenate([v, u])
        order = np.argsort(src, kind="stable")
        ptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(src, minlength=n), out=ptr[1:])
        return cls(n, u, v, ptr, dst[order])

    def degree(self) -> np.ndarray:
        return np.diff(self.ptr)

    def neighbours(self, nodes: np.ndarray) -> np.ndarray:
        """All neighbours of ``nodes`` (with repeats)."""
        starts, ends = self.ptr[nodes], self.ptr[nodes + 1]
        lens = ends - starts
        total = int(lens.sum())
        if total == 0:
            return np.empty(0, dtype=np.int64)
        offs = np.repeat(starts - (np.cumsum(lens) - lens), lens)
        return self.idx[offs + np.arange(total)]

    def bfs(self, source: int) -> np.ndarray:
        """Hop distances from ``source``; -1 where unreachable."""
        dist = np.full(self.n, -1, dtype=np.int64)
        dist[source] = 0
        frontier = np.array([source], dtype=np.int64)
        d = 0
        while frontier.size:
            d += 1
            nb = self.neighbours(frontier)
            nb = nb[dist[nb] < 0]
            if nb.size == 0:
                break
            dist[nb] = d
            # duplicates collapse through a mask: cheaper than np.unique's sort
            mark = np.zeros(self.n, dtype=bool)
            mark[nb] = True
            frontier = np.flatnonzero(mark)
        return dist

    def components(self) -> np.ndarray:
        """Component label of each node (the smallest node index in it)."""
        lab = np.arange(self.n)
        if self.u.size == 0:
            return lab
        while True:
            m = np.minimum(lab[self.u], lab[self.v])
            new = lab.copy()
            np.minimum.at(new, self.u, m)
            np.minimum.at(new, self.v, m)
            new = new[new]  # pointer jumping: halves the rounds on long paths
            if np.array_equal(new, lab):
                return lab
            lab = new

    def subgraph(self, nodes: np.ndarray) -> _Graph:
        local = np.full(self.n, -1, dtype=np.int64)
        local[nodes] = np.arange(nodes.size)
        keep = (local[self.u] >= 0) & (local[self.v] >= 0)
        return _Graph.build(nodes.size, np.column_stack([local[self.u[keep]], local[self.v[keep]]]))


# -- public API -----------------------------------------------------------------
def force_layout(
    n: int,
    edges: np.ndarray | Sequence[tuple[int, int]],
    *,
    init: np.ndarray | None = None,
    pinned: np.ndarray | Sequence[bool] | None = None,
    seed: int = 0,
    iterations: int | None = None,
    pivots: int = DEFAULT_PIVOTS,
    tol: float = 1e-2,
    stability: float = 1.0,
) -> np.ndarray:
    """Lay out an undirected graph.

    Args:
        n: Number of nodes (0..n-1).
        edges: ``(m, 2)`` node indices; self-loops and duplicates are ignored.
        init: ``(n, 2)`` previous positions (NaN rows for nodes without one).
            A component whose nodes all have positions starts from them and
            is not moved as a whole; new nodes are fitted around known ones.
        pinned: Nodes that keep their ``init`` position exactly.
        seed: Seeds the only random choice (ties in isolated-node order are
            not random; the seed breaks symmetric starts with tiny jitter).
        iterations: Stress iterations (default: up to 40 cold, 50 warm,
            stopping earlier once the stress stops falling or nodes move
            less than ``tol`` edge lengths).
        pivots: Pivots per large component (more: better, slower).
        tol: Convergence threshold, in edge lengths.
        stability: On a warm start, how strongly each node with a previous
            position is held there, relative to the pull of its stress terms
            (0: not at all; 1: as strongly as all its terms together).

    Returns:
        ``(n, 2)`` positions, in edge lengths.

    Raises:
        LayoutError: on edge indices out of range, badly shaped ``init`` or
            a pinned node without a position.
    """
    if n < 0:
        raise LayoutError("negative node count")
    pos = np.zeros((n, 2))
    if n == 0:
        return pos
    g = _Graph.build(n, np.asarray(edges, dtype=np.int64).reshape(-1, 2) if len(edges) else np.empty((0, 2)))
    known = np.zeros(n, dtype=bool)
    if init is not None:
        init = np.asarray(init, dtype=float)
        if init.shape != (n, 2):
            raise LayoutError(f"init has shape {init.shape}, expected ({n}, 2)")
        known = np.isfinite(init).all(axis=1)
        pos[known] = init[known]
    pin = np.zeros(n, dtype=bool) if pinned is None else np.asarray(pinned, dtype=bool)
    if pin.shape != (n,):
        raise LayoutError(f"pinned has shape {pin.shape}, expected ({n},)")
    if (pin & ~known).any():
        raise LayoutError(f"pinned node {int(np.nonzero(pin & ~known)[0][0])} has no position in init")
    rng = np.random.default_rng(seed)

    labels = g.components()
    order = np.argsort(labels, kind="stable")
    bounds = np.flatnonzero(np.diff(labels[order])) + 1
    groups = np.split(order, bounds)
    fresh: list[np.ndarray] = []  # components to pack
    loose: list[int] = []  # isolated nodes without a position
    for nodes in groups:
        if nodes.size == 1:
            if not known[nodes[0]]:
                loose.append(int(nodes[0]))
            continue
        sub = g.subgraph(nodes)
        k_known = known[nodes]
        pos[nodes] = _layout_component(sub, pos[nodes], k_known, pin[nodes], rng, iterations, pivots, tol,
                                       stability)
        if not k_known.any():
            fresh.append(nodes)
    _pack(pos, fresh, loose, known)
    return pos


def layout_graph(
    nodes: Sequence[Hashable],
    edges: Sequence[tuple[Hashable, Hashable]],
    *,
    previous: Mapping[Hashable, tuple[float, float]] | None = None,
    pinned: Sequence[Hashable] = (),
    seed: int = 0,
    iterations: int | None = None,
) -> dict[Hashable, tuple[float, float]]:
    """:func:`force_layout` for named nodes (ids), warm-started from ``previous``.

    Edges naming unknown nodes are ignored.
    """
    index = {node: i for i, node in enumerate(nodes)}
    e = [(index[a], index[b]) for a, b in edges if a in index and b in index]
    init = None
    if previous:
        init = np.full((len(index), 2), np.nan)
        for node, xy in previous.items():
            if node in index:
                init[index[node]] = xy
    pin = np.zeros(len(index), dtype=bool)
    for node in pinned:
        if node in index:
            pin[index[node]] = True
    xy = force_layout(len(index), np.array(e, dtype=np.int64).reshape(-1, 2), init=init, pinned=pin,
                      seed=seed, iterations=iterations)
    return {node: (float(xy[i, 0]), float(xy[i, 1])) for node, i in index.items()}


# -- one component ------------------------------------------------------------------
def _layout_component(g: _Graph, init: np.ndarray, known: np.ndarray, pin: np.ndarray,
                      rng: np.random.Generator, iterations: int | None, n_pivots: int, tol: float,
                      stability: float) -> np.ndarray:
    n = g.n
    piv, dist = _pivot_distances(g, n if n <= FULL_STRESS_MAX else min(n_pivots, n))
    terms = _terms(g, piv, dist)
    anchor = None
    if known.all():
        x = init.copy()
        max_iter = 50 if iterations is None else iterations
    else:
        x = _pivot_mds(dist, piv)
        x += rng.normal(scale=1e-3, size=x.shape)  # breaks exact symmetry (collinear starts)
        x *= _best_scale(x, terms)
        if known.any():
            x = _align(x, init, known)
            x[known] = init[known]
        max_iter = 40 if iterations is None else iterations
    if known.any():
        # Nodes the user has seen are held near where they were.
        anchor = np.where(known[:, None], init, np.nan)
    return _majorize(x, terms, pin, max_iter, tol, anchor, stability)


def _pivot_distances(g: _Graph, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Pivots and their ``(k, n)`` hop distances.

    ``k >= n``: every node, in order (all-pairs distances by dense BFS).
    Otherwise max-min pivots starting from the best-connected node, which
    spreads them over the graph deterministically.
    """
    if k >= g.n:
        return np.arange(g.n), _all_pairs(g)
    first = int(np.argmax(g.degree()))
    piv = [first]
    rows = [g.bfs(first)]
    mind = rows[0].astype(float)
    while len(piv) < k:
        nxt = int(np.argmax(mind))
        if mind[nxt] <= 0:
            break
        piv.append(nxt)
        rows.append(g.bfs(nxt))
        mind = np.minimum(mind, rows[-1])
    return np.array(piv), np.vstack(rows).astype(float)


def _all_pairs(g: _Graph) -> np.ndarray:
    """All hop distances of a small connected graph (BFS from every node at once)."""
    n = g.n
    adj = np.zeros((n, n))
    adj[g.u, g.v] = adj[g.v, g.u] = 1.0
    dist = np.full((n, n), -1.0)
    np.fill_diagonal(dist, 0.0)
    frontier = np.eye(n)
    reached = np.eye(n, dtype=bool)
    d = 0
    while True:
        d += 1
        nxt = (frontier @ adj > 0) & ~reached
        if not nxt.any():
            return dist
        dist[nxt] = d
        reached |= nxt
        frontier = nxt.astype(float)


@dataclass
class _Terms:
    """The stress terms of one component.

    Local terms (``eu``-``ev`` at target ``ed`` with weight ``ew``: the edges
    and the two-hop pairs) pull both ends. The pivot block pulls every node
    towards its target distance ``dist[r, i]`` from pivot ``piv[r]`` with
    weight ``w[r, i]``; it is dense (k × n), which numpy handles much faster
    than gathered pairs. With every node a pivot, the block alone is full
    stress (its pairs include the local ones).
    """

    eu: np.ndarray
    ev: np.ndarray
    ed: np.ndarray
    ew: np.ndarray
    piv: np.ndarray
    dist: np.ndarray
    w: np.ndarray

    def pairs(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """All terms as (i, j, target, weight) rows (for scaling)."""
        r, i = np.nonzero(self.w)
        return (np.concatenate([self.eu, i]), np.concatenate([self.ev, self.piv[r]]),
                np.concatenate([self.ed, self.dist[r, i]]), np.concatenate([self.ew, self.w[r, i]]))


def _two_hop(g: _Graph, max_degree: int = TWO_HOP_MAX_DEGREE) -> tuple[np.ndarray, np.ndarray]:
    """Pairs at exactly two hops (each once, i < k), through nodes of modest degree.

    They hold neighbourhoods together (fewer crossings) where pivots are
    sparse; a hub's pairs would be quadratic in its degree, and the hub is
    a pivot anyway.
    """
    deg = g.degree()
    mids = np.flatnonzero((deg >= 2) & (deg <= max_degree))
    if mids.size == 0:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    d = deg[mids]
    # every ordered pair of neighbours of each middle node
    rep = np.repeat(mids, d * d)
    first = np.repeat(g.neighbours(mids), np.repeat(d, d))
    starts = g.ptr[mids]
    block = np.repeat(np.arange(mids.size), d * d)
    within = np.arange(rep.size) - np.repeat(np.cumsum(d * d) - d * d, d * d)
    second = g.idx[starts[block] + within % d[block]]
    keep = first < second
    i, k = first[keep], second[keep]
    code = np.unique(i * g.n + k)
    adjacent = np.zeros(code.size, dtype=bool)
    edge_code = g.u * g.n + g.v
    pos = np.searchsorted(code, edge_code)
    hit = pos < code.size
    adjacent[pos[hit][code[pos[hit]] == edge_code[hit]]] = True
    code = code[~adjacent]
    return code // g.n, code % g.n


def _terms(g: _Graph, piv: np.ndarray, dist: np.ndarray) -> _Terms:
    """Stress terms after the sparse stress model, plus two-hop pairs.

    A pivot stands for its region (nodes nearer to it than to other pivots):
    its weight for node i is the number of region nodes within half of
    d(i, pivot), over d². With every node a pivot that is 1/d²: full stress.
    """
    n, k = g.n, piv.size
    with np.errstate(divide="ignore"):
        inv = np.where(dist > 0, 1.0 / (dist * dist), 0.0)
    if k == n:
        empty_i, empty_f = np.empty(0, dtype=np.int64), np.empty(0)
        return _Terms(empty_i, empty_i, empty_f, empty_f, piv, dist, inv)
    region = np.argmin(dist, axis=0)  # nearest pivot of each node
    s = np.empty_like(dist)
    for r in range(k):
        members = np.sort(dist[r, region == r])
        s[r] = np.searchsorted(members, dist[r] / 2.0, side="right")
    hi, hk = _two_hop(g)
    eu = np.concatenate([g.u, hi])
    ev = np.concatenate([g.v, hk])
    ed = np.concatenate([np.ones(g.u.size), np.full(hi.size, 2.0)])
    ew = 1.0 / (ed * ed)
    return _Terms(eu, ev, ed, ew, piv, dist, np.maximum(s, 1.0) * inv)


def _pivot_mds(dist: np.ndarray, piv: np.ndarray) -> np.ndarray:
    """Pivot MDS: two leading axes of the double-centred squared pivot distances."""
    d2 = dist * dist
    c = -0.5 * (d2 - d2.mean(axis=1, keepdims=True) - d2.mean(axis=0, keepdims=True) + d2.mean())
    top, vals = _top_two(c)
    x = c.T @ top
    x /= np.maximum(np.sqrt(np.abs(vals)), 1e-12) ** 0.5
    # Fix the eigenvectors' arbitrary signs so the same graph always looks the same.
    for a in range(2):
        j = int(np.argmax(np.abs(x[:, a])))
        if x[j, a] < 0:
            x[:, a] = -x[:, a]
    return x


def _top_two(c: np.ndarray, iterations: int = 300) -> tuple[np.ndarray, np.ndarray]:
    """The two leading eigenvectors (and eigenvalues) of ``c cᵀ`` by subspace iteration.

    Not ``numpy.linalg.eigh``: on a busy machine OpenBLAS's threaded LAPACK
    took 0.13 s for an 80 × 80 matrix here; these matrix-vector products
    take about a millisecond and give the same axes.
    """
    k = c.shape[0]
    # A fixed pseudo-random start: a structured one (all ones) can be orthogonal to the answer.
    v = np.random.default_rng(20160901).standard_normal((k, 2))
    for i in range(iterations):
        w = c @ (c.T @ v)
        # Gram-Schmidt keeps the two columns orthonormal
        w0 = w[:, 0] / max(np.linalg.norm(w[:, 0]), 1e-300)
        w1 = w[:, 1] - (w0 @ w[:, 1]) * w0
        w1 /= max(np.linalg.norm(w1), 1e-300)
        new = np.column_stack([w0, w1])
        if i % 10 == 9 and np.abs(np.abs((new * v).sum(axis=0)) - 1.0).max() < 1e-10:
            v = new
            break
        v = new
    cv = c.T @ v
    vals = (cv * cv).sum(axis=0)
    return v, vals


def _best_scale(x: np.ndarray, t: _Terms) -> float:
    """The factor that minimises stress when applied to the whole layout."""
    px, py = x[:, 0], x[:, 1]
    qx, qy = px[t.piv], py[t.piv]
    dl = np.sqrt(np.maximum(
        (qx * qx + qy * qy)[:, None] + (px * px + py * py)[None, :] - 2.0 * (np.outer(qx, px) + np.outer(qy, py)), 0.0))
    el = np.hypot(px[t.eu] - px[t.ev], py[t.eu] - py[t.ev])
    num = float((t.w * t.dist * dl).sum()) + float((t.ew * t.ed * el).sum())
    den = float((t.w * dl * dl).sum()) + float((t.ew * el * el).sum())
    return num / den if den > 0 else 1.0


def _align(x: np.ndarray, target: np.ndarray, known: np.ndarray) -> np.ndarray:
    """Move ``x`` by a similarity transform that best fits ``target`` on ``known`` rows."""
    a, b = x[known], target[known]
    ca, cb = a.mean(axis=0), b.mean(axis=0)
    if a.shape[0] < 2:
        return x - ca + cb
    a0, b0 = a - ca, b - cb
    u, s, vt = np.linalg.svd(a0.T @ b0)
    r = u @ vt
    norm = float((a0 * a0).sum())
    scale = float(s.sum()) / norm if norm > 0 else 1.0
    return (x - ca) @ r * scale + cb


def _majorize(x: np.ndarray, t: _Terms, pin: np.ndarray, max_iter: int, tol: float,
              anchor: np.ndarray | None = None, stability: float = 0.0) -> np.ndarray:
    """Localized stress majorization (Jacobi sweeps), pinned nodes fixed.

    Every node moves to the weighted mean of the points its terms want it
    at: ``x_j + d_ij · (x_i - x_j) / |x_i - x_j|``, plus, with ``anchor``,
    its previous position (weighted by ``stability`` times its terms'
    weight). Coordinates are two 1-D arrays and the pivot block is float32:
    numpy gathers and streams those several times faster.
    """
    n = x.shape[0]
    eu, ev, ed, ew, piv = t.eu, t.ev, t.ed, t.ew, t.piv
    d = t.dist.astype(np.float32)
    w = t.w.astype(np.float32)
    ends = np.concatenate([eu, ev])
    den = w.sum(axis=0, dtype=np.float64) + np.bincount(ends, weights=np.concatenate([ew, ew]), minlength=n)
    free = ~pin & (den > 0)
    ax = ay = None
    if anchor is not None and stability > 0:
        held = np.isfinite(anchor[:, 0])
        hold = np.where(held, stability * den, 0.0)
        ax = hold * np.where(held, anchor[:, 0], 0.0)
        ay = hold * np.where(held, anchor[:, 1], 0.0)
        den = den + hold
    den = np.where(den > 0, den, 1.0)
    wd = w * d
    wd2 = float((wd * d).sum(dtype=np.float64)) + float((ew * ed * ed).sum())
    ewd = ew * ed
    px, py = x[:, 0].copy(), x[:, 1].copy()
    a = np.empty_like(w)  # (k, n) work buffers, reused: no big temporaries per sweep
    b = np.empty_like(w)
    previous = math.inf
    for _ in range(max_iter):
        qx, qy = px[piv].astype(np.float32), py[piv].astype(np.float32)
        fx, fy = px.astype(np.float32), py.astype(np.float32)
        # Differences, not |x|² + |p|² - 2 x·p: that cancels badly in float32.
        np.subtract(fx[None, :], qx[:, None], out=a)
        np.square(a, out=a)
        np.subtract(fy[None, :], qy[:, None], out=b)
        np.square(b, out=b)
        a += b
        # Nearly coincident nodes get a bounded push (and x Σc - Σ c p stays well-conditioned).
        np.maximum(a, _MIN_DIST * _MIN_DIST, out=a)
        np.multiply(w, a, out=b)
        stress = float(b.sum(dtype=np.float64))
        np.sqrt(a, out=a)  # a = distances
        np.multiply(wd, a, out=b)
        stress -= 2.0 * float(b.sum(dtype=np.float64))
        np.divide(wd, a, out=a)  # a = c = w d / |x_i - p_r|
        csum = a.sum(axis=0, dtype=np.float64)
        # sum_r w (p_r + d (x_i - p_r)/|x_i - p_r|) = sum_r (w - c) p_r + x_i · sum_r c
        np.subtract(w, a, out=a)
        nx = (qx @ a).astype(np.float64) + px * csum
        ny = (qy @ a).astype(np.float64) + py * csum
        if eu.size:
            ex = px[eu] - px[ev]
            ey = py[eu] - py[ev]
            el = np.sqrt(ex * ex + ey * ey)
            np.maximum(el, 1e-9, out=el)
            k = ewd / el
            nx += np.bincount(ends, weights=np.concatenate([ew * px[ev] + k * ex, ew * px[eu] - k * ex]), minlength=n)
            ny += np.bincount(ends, weights=np.concatenate([ew * py[ev] + k * ey, ew * py[eu] - k * ey]), minlength=n)
            stress += float((ew * el * el).sum()) - 2.0 * float((ewd * el).sum())
        stress += wd2
        # Converged: the layout has stopped improving (a warm start from a
        # finished layout stops here at once instead of drifting).
        if previous - stress <= _REL_TOL * stress:
            break
        previous = stress
        if ax is not None:
            nx += ax
            ny += ay
        nx /= den
        ny /= den
        move = max(float(np.abs(nx - px)[free].max()), float(np.abs(ny - py)[free].max())) if free.any() else 0.0
        px[free] = nx[free]
        py[free] = ny[free]
        if move < tol:
            break
    return np.column_stack([px, py])


# -- packing ----------------------------------------------------------------------
def _pack(pos: np.ndarray, fresh: list[np.ndarray], loose: list[int], known: np.ndarray, gap: float = 2.0) -> None:
    """Place new components in rows (largest first), then isolated nodes in a grid.

    Rows start below whatever already has a position, so a warm start never
    moves what the user has seen.
    """
    if not fresh and not loose:
        return
    fresh = sorted(fresh, key=lambda c: (-c.size, int(c.min())))
    placed = known.copy()
    if placed.any():
        x0, top = float(pos[placed, 0].min()), float(pos[placed, 1].max()) + gap
        width = max(float(pos[placed, 0].max()) - x0, 10.0)
    else:
        boxes = [np.ptp(pos[c], axis=0) for c in fresh]
        area = sum(float((b[0] + gap) * (b[1] + gap)) for b in boxes) + len(loose) * gap * gap
        width = max([float(b[0]) for b in boxes] + [math.sqrt(area) * 1.3, gap])
        x0, top = 0.0, 0.0
    cx, row_h = x0, 0.0
    for comp in fresh:
        lo = pos[comp].min(axis=0)
        size = np.ptp(pos[comp], axis=0)
        if cx > x0 and cx + size[0] > x0 + width:
            cx, top, row_h = x0, top + row_h + gap, 0.0
        pos[comp] += np.array([cx, top]) - lo
        cx += float(size[0]) + gap
        row_h = max(row_h, float(size[1]))
    if loose:
        top += row_h + (gap if fresh or placed.any() else 0.0)
        cols = max(1, int(width // gap) + 1)
        for i, node in enumerate(loose):
            pos[node] = (x0 + gap * (i % cols), top + gap * (i // cols))
