"""Graph layout speed and quality: briefing_app's sparse stress vs networkx.spring_layout.

Run: ``.venv/bin/python benchmarks/bench_layout.py`` (needs networkx, the
'bench' extra). Writes benchmarks/results/layout.md.

Graphs (deterministic):
- *clustered*: 20 communities, a random spanning tree plus random edges,
  85 % of them inside a community (an actor network has blocs);
- *geometric*: each random point in the unit square linked to its nearest
  neighbours (a graph with a known good drawing).

Quality is measured the same way for both layouts: normalised stress
against hop distances (64 sampled sources, best uniform scale; lower is
better) and the number of edge crossings (lower is better).
networkx (with scipy: its sparse Fruchterman–Reingold) runs only at 1,000
nodes, where the issue measured it; at 5,000 it would take minutes of this
shared machine. CPU seconds are reported beside wall seconds because other
jobs share the two cores.
"""

from __future__ import annotations

import platform
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from briefing_app.analysis.layout import count_crossings, force_layout, layout_stress  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "layout.md"


def clustered_graph(n: int, m: int, seed: int = 0, groups: int = 20) -> np.ndarray:
    """A connected graph of ``n`` nodes and exactly ``m`` distinct edges with community structure."""
    rng = np.random.default_rng(seed)
    group = rng.integers(0, groups, n)
    edges = {(int(min(i, j)), int(max(i, j))) for i, j in zip(range(1, n), rng.integers(0, np.arange(1, n)))}
    members = [np.flatnonzero(group == g) for g in range(groups)]
    while len(edges) < m:
        i = int(rng.integers(0, n))
        if rng.random() < 0.85 and members[group[i]].size > 1:
            j = int(rng.choice(members[group[i]]))
        else:
            j = int(rng.integers(0, n))
        if i != j:
            edges.add((min(i, j), max(i, j)))
    return np.array(sorted(edges), dtype=np.int64)


def geometric_graph(n: int, m: int, seed: int = 0) -> np.ndarray:
    """Nearest-neighbour links of random points, shortest first, until ``m`` distinct edges (connected by a tree)."""
    rng = np.random.default_rng(seed)
    pts = rng.random((n, 2))
    cell = max(1, int(np.sqrt(n / 8)))
    key = np.minimum((pts * cell).astype(int), cell - 1)
    buckets: dict[tuple[int, int], list[int]] = {}
    for i, (a, b) in enumerate(key):
        buckets.setdefault((int(a), int(b)), []).append(i)
    cand = []
    for i, (a, b) in enumerate(key):
        near = [j for da in (-1, 0, 1) for db in (-1, 0, 1) for j in buckets.get((a + da, b + db), ()) if j != i]
        near = np.array(near)
        d = np.linalg.norm(pts[near] - pts[i], axis=1)
        for j, dj in zip(near[np.argsort(d)[:8]], np.sort(d)[:8]):
            cand.append((float(dj), min(i, int(j)), max(i, int(j))))
    cand.sort()
    # Kruskal first, so the graph is connected, then the shortest remaining links.
    parent = list(range(n))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    edges: set[tuple[int, int]] = set()
    for _, i, j in cand:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[ri] = rj
            edges.add((i, j))
    for _, i, j in cand:
        if len(edges) >= m:
            break
        edges.add((i, j))
    return np.array(sorted(edges), dtype=np.int64)


def time_ours(n: int, e: np.ndarray, repeat: int) -> tuple[float, float, np.ndarray]:
    """Median wall and CPU seconds of our layout, and the layout."""
    times, cpu, pos = [], [], None
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        pos = force_layout(n, e, seed=0)
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return statistics.median(times), statistics.median(cpu), pos


def time_networkx(n: int, e: np.ndarray, repeat: int) -> tuple[float, float, np.ndarray]:
    """Median wall and CPU seconds of networkx.spring_layout, and the layout."""
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_edges_from(map(tuple, e.tolist()))
    times, cpu, pos = [], [], None
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        layout = nx.spring_layout(g, seed=0)
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
        pos = np.array([layout[i] for i in range(n)])
    return statistics.median(times), statistics.median(cpu), pos


def warm_step(n: int, e: np.ndarray, pos: np.ndarray) -> tuple[float, float]:
    """Time and median move of a warm start after a local change.

    1 % of the edges go and 1 % new ones close triangles (a friend of a
    friend), as when relations start and end between time steps.
    """
    rng = np.random.default_rng(5)
    k = max(1, e.shape[0] // 100)
    keep = np.ones(e.shape[0], dtype=bool)
    keep[rng.choice(e.shape[0], size=k, replace=False)] = False
    # new edges: from one end of an edge to a neighbour of its other end
    picks = e[rng.choice(e.shape[0], size=k, replace=False)]
    nbr = {}
    for a, b in e.tolist():
        nbr.setdefault(a, []).append(b)
        nbr.setdefault(b, []).append(a)
    extra = [(a, int(rng.choice(nbr[b]))) for a, b in picks.tolist()]
    e2 = np.vstack([e[keep], np.array(extra, dtype=np.int64)])
    t = time.perf_counter()
    new = force_layout(n, e2, init=pos)
    dt = time.perf_counter() - t
    return dt, float(np.median(np.linalg.norm(new - pos, axis=1)))


def main() -> int:
    try:
        import networkx
    except ImportError:
        print("networkx is missing: .venv/bin/pip install networkx (the 'bench' extra)")
        return 1
    rows = []
    lines = []
    for name, make in (("clustered", clustered_graph), ("geometric", geometric_graph)):
        for n, m in ((1000, 3000), (5000, 15000)):
            e = make(n, m)
            force_layout(min(n, 300), e[(e < 300).all(axis=1)])  # warm numpy's caches
            t_ours, cpu_ours, p_ours = time_ours(n, e, repeat=5)
            s_ours = layout_stress(p_ours, e)
            c_ours = count_crossings(p_ours, e) if n <= 1000 else None
            warm_t, warm_move = warm_step(n, e, p_ours)
            row = {"graph": name, "n": n, "m": e.shape[0], "ours": t_ours, "cpu_ours": cpu_ours,
                   "s_ours": s_ours, "c_ours": c_ours,
                   "warm": warm_t, "warm_move": warm_move}
            if n <= 1000:
                t_nx, cpu_nx, p_nx = time_networkx(n, e, repeat=2)
                row.update(nx=t_nx, cpu_nx=cpu_nx, s_nx=layout_stress(p_nx, e), c_nx=count_crossings(p_nx, e))
            rows.append(row)
            msg = f"{name:9s} {n:5d}/{e.shape[0]:5d}: ours {t_ours:.3f}s (cpu {cpu_ours:.3f}s) stress {s_ours:.4f}"
            if c_ours is not None:
                msg += f" crossings {c_ours}"
            if "nx" in row:
                msg += (f" | networkx {row['nx']:.3f}s (cpu {row['cpu_nx']:.3f}s) stress {row['s_nx']:.4f}"
                        f" crossings {row['c_nx']}"
                        f" | {row['nx'] / t_ours:.1f}x faster")
            msg += f" | warm step {warm_t:.3f}s, median move {warm_move:.3f} edge lengths"
            print(msg, flush=True)
            lines.append(msg)
    write_results(rows, networkx.__version__)
    return 0


def write_results(rows: list[dict], nx_version: str) -> None:
    out = [
        "# Graph layout benchmark",
        "",
        "`.venv/bin/python benchmarks/bench_layout.py` — briefing_app.analysis.layout.force_layout",
        f"(sparse stress majorization, 80 pivots + two-hop pairs) vs networkx {nx_version} `spring_layout(seed=0)`",
        "(Fruchterman–Reingold, 50 iterations), same graphs, same process.",
        f"Python {platform.python_version()}, numpy {np.__version__}, {platform.machine()}, 2 shared cores.",
        "Times are medians (ours: 5 runs, networkx: 2); wall and CPU time, as other jobs share the cores. Stress: normalised, against hop distances,",
        "64 sampled sources, best uniform scale (lower is better). Crossings: pairs of edges without",
        "a shared end that cross (lower is better). Warm step: re-layout from the previous positions",
        "after 1 % of the edges go and 1 % new ones close triangles (relations starting and ending);",
        "the move is the median node displacement in edge lengths.",
        "",
        "| graph | nodes / edges | ours (s) | ours CPU (s) | networkx (s) | networkx CPU (s) | speed-up "
        "| stress ours | stress networkx | crossings ours | crossings networkx | warm step (s) | warm median move |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        nx_t = f"{r['nx']:.2f}" if "nx" in r else "not run"
        nx_c = f"{r['cpu_nx']:.2f}" if "nx" in r else "–"
        ratio = f"{r['nx'] / r['ours']:.0f}×" if "nx" in r else "–"
        s_nx = f"{r['s_nx']:.4f}" if "nx" in r else "–"
        c_nx = str(r["c_nx"]) if "nx" in r else "–"
        c_ours = str(r["c_ours"]) if r["c_ours"] is not None else "not counted"
        out.append(f"| {r['graph']} | {r['n']:,} / {r['m']:,} | {r['ours']:.3f} | {r['cpu_ours']:.3f} | {nx_t} | {nx_c} | {ratio} | "
                   f"{r['s_ours']:.4f} | {s_nx} | {c_ours} | {c_nx} | {r['warm']:.3f} | {r['warm_move']:.3f} |")
    out += ["", "Goals: 1,000 / 3,000 in ≤ 0.2 s and ≥ 20× networkx with comparable quality;",
            "5,000 / 15,000 in ≤ 2 s.", ""]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(out), encoding="utf-8")
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    raise SystemExit(main())
