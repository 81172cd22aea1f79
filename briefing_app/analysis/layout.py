"""Force-directed graph layout in numpy: sparse stress majorization.

Why stress and not springs: stress majorization places nodes so that their
distances match graph distances; it is deterministic (no random start), it
converges to the nearest minimum from a given start (so a warm start from
the previous time step stays put), and with sparse pivots (Ortmann,
Klimenta & Brandes, "A sparse stress model", 2016) it costs O(k·(n + m))
per iteration instead of Fruchterman–Reingold's O(n²).

Pipeline, per connected component:

1. graph distances by breadth-first search from k pivots (max-min chosen;
   every node is a pivot in small components, which is full stress);
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
DEFAULT_PIVOTS = 40
_REL_TOL = 1e-4  # stop when an iteration lowers the stress by less than this fraction


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
            nb = np.unique(nb)
            dist[nb] = d
            frontier = nb
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
        iterations: Stress iterations (default: up to 100 cold, 50 warm,
            stopping earlier once nodes move less than ``tol`` edge lengths).
        pivots: Pivots per large component (more: better, slower).
        tol: Convergence threshold, in edge lengths.

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
        pos[nodes] = _layout_component(sub, pos[nodes], k_known, pin[nodes], rng, iterations, pivots, tol)
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
                      rng: np.random.Generator, iterations: int | None, n_pivots: int, tol: float) -> np.ndarray:
    n = g.n
    piv, dist = _pivot_distances(g, n if n <= FULL_STRESS_MAX else min(n_pivots, n))
    terms = _terms(g, piv, dist)
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
        max_iter = 100 if iterations is None else iterations
    return _majorize(x, terms, pin, max_iter, tol)


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

    Edge terms (``eu``-``ev``, target 1, weight 1) pull both ends. The pivot
    block pulls every node towards its target distance ``dist[r, i]`` from
    pivot ``piv[r]`` with weight ``w[r, i]``; it is dense (k × n), which
    numpy handles much faster than gathered pairs. With every node a pivot,
    the block alone is full stress (its pairs include the edges).
    """

    eu: np.ndarray
    ev: np.ndarray
    piv: np.ndarray
    dist: np.ndarray
    w: np.ndarray

    def pairs(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """All terms as (i, j, target, weight) rows (for scaling)."""
        r, i = np.nonzero(self.w)
        ti = np.concatenate([self.eu, i])
        tj = np.concatenate([self.ev, self.piv[r]])
        td = np.concatenate([np.ones(self.eu.size), self.dist[r, i]])
        tw = np.concatenate([np.ones(self.eu.size), self.w[r, i]])
        return ti, tj, td, tw


def _terms(g: _Graph, piv: np.ndarray, dist: np.ndarray) -> _Terms:
    """Stress terms after the sparse stress model.

    A pivot stands for its region (nodes nearer to it than to other pivots):
    its weight for node i is the number of region nodes within half of
    d(i, pivot), over d². With every node a pivot that is 1/d²: full stress.
    """
    n, k = g.n, piv.size
    with np.errstate(divide="ignore"):
        inv = np.where(dist > 0, 1.0 / (dist * dist), 0.0)
    if k == n:
        return _Terms(np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64), piv, dist, inv)
    region = np.argmin(dist, axis=0)  # nearest pivot of each node
    s = np.empty_like(dist)
    for r in range(k):
        members = np.sort(dist[r, region == r])
        s[r] = np.searchsorted(members, dist[r] / 2.0, side="right")
    return _Terms(g.u, g.v, piv, dist, np.maximum(s, 1.0) * inv)


def _pivot_mds(dist: np.ndarray, piv: np.ndarray) -> np.ndarray:
    """Pivot MDS: two leading axes of the double-centred squared pivot distances."""
    d2 = dist * dist
    c = -0.5 * (d2 - d2.mean(axis=1, keepdims=True) - d2.mean(axis=0, keepdims=True) + d2.mean())
    vals, vecs = np.linalg.eigh(c @ c.T)
    top = vecs[:, ::-1][:, :2]
    x = c.T @ top
    x /= np.maximum(np.sqrt(np.abs(vals[::-1][:2])), 1e-12) ** 0.5
    # Fix the eigenvectors' arbitrary signs so the same graph always looks the same.
    for a in range(2):
        j = int(np.argmax(np.abs(x[:, a])))
        if x[j, a] < 0:
            x[:, a] = -x[:, a]
    return x


def _best_scale(x: np.ndarray, terms: _Terms) -> float:
    """The factor that minimises stress when applied to the whole layout."""
    ti, tj, td, tw = terms.pairs()
    dl = np.linalg.norm(x[ti] - x[tj], axis=1)
    den = float((tw * dl * dl).sum())
    return float((tw * td * dl).sum()) / den if den > 0 else 1.0


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


def _majorize(x: np.ndarray, t: _Terms, pin: np.ndarray, max_iter: int, tol: float) -> np.ndarray:
    """Localized stress majorization (Jacobi sweeps), pinned nodes fixed.

    Every node moves to the weighted mean of the points its terms want it
    at: ``x_j + d_ij · (x_i - x_j) / |x_i - x_j|``.
    """
    n = x.shape[0]
    eu, ev, piv, d, w = t.eu, t.ev, t.piv, t.dist, t.w
    ends = np.concatenate([eu, ev])
    den = w.sum(axis=0) + np.bincount(ends, minlength=n)
    free = ~pin & (den > 0)
    den = np.where(den > 0, den, 1.0)[:, None]
    wd = w * d
    previous = math.inf
    for _ in range(max_iter):
        xp = x[piv]
        dx = x[:, 0][None, :] - xp[:, 0][:, None]  # (k, n)
        dy = x[:, 1][None, :] - xp[:, 1][:, None]
        dl = np.sqrt(dx * dx + dy * dy)
        np.maximum(dl, 1e-9, out=dl)
        stress = float((w * (dl - d) ** 2).sum())
        c = wd / dl
        num = w.T @ xp
        num[:, 0] += (c * dx).sum(axis=0)
        num[:, 1] += (c * dy).sum(axis=0)
        if eu.size:
            e = x[eu] - x[ev]
            el = np.maximum(np.sqrt((e * e).sum(axis=1)), 1e-9)
            f = e / el[:, None]
            num[:, 0] += np.bincount(ends, weights=np.concatenate([x[ev, 0] + f[:, 0], x[eu, 0] - f[:, 0]]), minlength=n)
            num[:, 1] += np.bincount(ends, weights=np.concatenate([x[ev, 1] + f[:, 1], x[eu, 1] - f[:, 1]]), minlength=n)
            stress += float(((el - 1.0) ** 2).sum())
        # Converged: the layout has stopped improving (a warm start from a
        # finished layout stops here at once instead of drifting).
        if previous - stress <= _REL_TOL * stress:
            break
        previous = stress
        new = num / den
        move = float(np.abs(new[free] - x[free]).max()) if free.any() else 0.0
        x[free] = new[free]
        if move < tol:
            break
    return x


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


# -- quality measures ------------------------------------------------------------
def layout_stress(pos: np.ndarray, edges: np.ndarray, sources: int = 64, seed: int = 0) -> float:
    """Normalised stress against hop distances from sampled sources.

    ``sum w (a·|x_i - x_j| - d_ij)² / sum w d_ij²`` with ``w = d⁻²`` and the
    scale ``a`` that minimises it, over pairs (source, any reachable node),
    so layouts of any size and scale compare. 0 is perfect.
    """
    n = pos.shape[0]
    g = _Graph.build(n, np.asarray(edges).reshape(-1, 2))
    rng = np.random.default_rng(seed)
    src = rng.choice(n, size=min(sources, n), replace=False)
    num_a = num_b = 0.0
    rows_i, rows_d = [], []
    for s in src:
        d = g.bfs(int(s)).astype(float)
        mask = d > 0
        rows_i.append((np.full(int(mask.sum()), s), np.nonzero(mask)[0]))
        rows_d.append(d[mask])
    i = np.concatenate([r[0] for r in rows_i])
    j = np.concatenate([r[1] for r in rows_i])
    d = np.concatenate(rows_d)
    dl = np.linalg.norm(pos[i] - pos[j], axis=1)
    w = 1.0 / (d * d)
    num_a = float((w * d * dl).sum())
    num_b = float((w * dl * dl).sum())
    a = num_a / num_b if num_b > 0 else 1.0
    return float((w * (a * dl - d) ** 2).sum() / (w * d * d).sum())


def count_crossings(pos: np.ndarray, edges: np.ndarray, chunk: int = 256) -> int:
    """Number of pairs of edges (without a shared end) whose segments cross."""
    e = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
    p, q = pos[e[:, 0]], pos[e[:, 1]]
    total = 0
    m = e.shape[0]

    def orient(a, b, c):
        return np.sign((b[..., 0] - a[..., 0]) * (c[..., 1] - a[..., 1]) - (b[..., 1] - a[..., 1]) * (c[..., 0] - a[..., 0]))

    for start in range(0, m, chunk):
        stop = min(m, start + chunk)
        a, b = p[start:stop, None, :], q[start:stop, None, :]
        c, d = p[None, :, :], q[None, :, :]
        cross = (orient(a, b, c) * orient(a, b, d) < 0) & (orient(c, d, a) * orient(c, d, b) < 0)
        ea, eb = e[start:stop, None, :], e[None, :, :]
        shared = ((ea[..., 0] == eb[..., 0]) | (ea[..., 0] == eb[..., 1])
                  | (ea[..., 1] == eb[..., 0]) | (ea[..., 1] == eb[..., 1]))
        later = np.arange(start, stop)[:, None] < np.arange(m)[None, :]
        total += int((cross & ~shared & later).sum())
    return total
