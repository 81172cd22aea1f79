"""How good a layout is: stress against graph distances, and edge crossings.

Kept apart from the layout itself so that benchmarks judge every method,
ours and the peers', with the same measures.
"""

from __future__ import annotations

import numpy as np

from briefing_app.analysis.layout.stress import _Graph

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
