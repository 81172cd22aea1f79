"""Opening and saving a big workspace, against bare parsers of the same file, in one run.

Size: 5,000 entities, 20,000 relations, 10,000 events, 5,000 annotations, 20
documents (~8 MB of canonical YAML, from ``synthetic_workspace.py``). Peers, on
the same file and in the same process, one after the other:
- PyYAML CSafeLoader ``yaml.load`` (libyaml: raw parse, no model, no validation),
- rapidyaml ``parse_in_place`` (the C++ tree only: no Python objects at all),
- ``json.loads`` of the same data (the floor any text format could reach),
- PyYAML CSafeDumper for the save side.
Ours: ``read_workspace`` cold (parse + build the model + validate + check the
document files; the parsed cache is written by a forked child meanwhile) and warm
(from that cache, once the child has written it); the same
cold read forced through libyaml (what a file with problems costs); and
window-level times in fresh processes (``startup_probe.py``): from process
start to the main window usable (painted with the workspace open, its views
shown, and the event loop answering) and to every panel complete, cold (empty
cache) and warm, beside a bare QMainWindow + docks + pyqtgraph; then the
same on a second workspace of another shape and generator
(``other_workspace.py``), so that the window is not tuned to one generator.
Peak memory (max RSS) of each window process is reported.

    .venv/bin/python benchmarks/bench_load.py [--small] [--skip-libyaml-open]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from startup_probe import compile_app  # noqa: E402
from other_workspace import make_other_workspace  # noqa: E402
from synthetic_workspace import make_workspace  # noqa: E402

from briefing_app.model import fast_yaml, parse_cache  # noqa: E402
from briefing_app.model.io import read_workspace, save_workspace  # noqa: E402
from briefing_app.model.serialize import workspace_dict  # noqa: E402


def timed(fn):
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


RUNS = 3


def windows(kind: str, path: Path | None, cache: Path, cold: bool) -> tuple[float, float, int, float]:
    """:func:`window` RUNS times: the medians of usable, complete and pause, and the largest RSS.
    ``cold``: each run with an empty cache of its own (``<cache>-0``, ``-1``, ...); else all in ``cache``,
    which the cold runs have filled (or, for the bare window, which it never reads)."""
    runs = [window(kind, path, cache.with_name(f"{cache.name}-{i}") if cold else cache) for i in range(RUNS)]
    return (statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs),
            max(r[2] for r in runs), statistics.median(r[3] for r in runs))


def window(kind: str, path: Path | None, cache: Path) -> tuple[float, float, int, float]:
    """Seconds from process start to the usable window and to every panel complete, the process's
    peak RSS in MB, and the longest the event loop was held in between (see startup_probe.py)."""
    env = dict(os.environ, XDG_CACHE_HOME=str(cache), QT_QPA_PLATFORM="offscreen")
    args = [sys.executable, str(HERE / "startup_probe.py"), kind] + ([str(path)] if path else [])
    wrapper = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
               "print(r.stdout.strip().splitlines()[-1], resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", wrapper, *args], env=env, capture_output=True, text=True, check=True)
    usable, complete, _modules, pause, rss_kb = out.stdout.split()
    return float(usable), float(complete), int(rss_kb) // 1024, float(pause)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--small", action="store_true", help="a tenth of the size (quick check)")
    ap.add_argument("--skip-libyaml-open", action="store_true", help="skip our open forced through libyaml (slow)")
    args = ap.parse_args()
    scale = 10 if args.small else 1
    tmp = Path(tempfile.mkdtemp(prefix="bench-load-"))
    os.environ["XDG_CACHE_HOME"] = str(tmp / "cache")
    path = make_workspace(tmp / "ws", 5000 // scale, 20000 // scale, 10000 // scale, 5000 // scale, documents=20)
    raw = path.read_bytes()
    text = raw.decode("utf-8")
    mb = len(raw) / 1e6

    t_yaml, data = timed(lambda: yaml.load(text, Loader=yaml.CSafeLoader))
    import ryml

    t_ryml, _ = timed(lambda: ryml.parse_in_place(bytearray(raw)))
    js = json.dumps(data, default=str)
    t_json, _ = timed(lambda: json.loads(js))
    t_cold, result = timed(lambda: read_workspace(path))
    assert not result.errors, result.errors[:3]
    parse_cache.wait_for_pending_writes()  # the cold read's cache file, written by a child meanwhile
    t_warm, warm = timed(lambda: read_workspace(path))
    assert warm.workspace == result.workspace
    if args.skip_libyaml_open:
        t_slow = None
    else:
        real = fast_yaml.load
        fast_yaml.load = lambda *a, **k: None
        try:
            t_slow, slow = timed(lambda: read_workspace(path, use_cache=False))
        finally:
            fast_yaml.load = real
        assert slow.workspace == result.workspace, "the libyaml and rapidyaml reads differ"
    t_save, _ = timed(lambda: save_workspace(result.workspace, path))
    t_dump, _ = timed(lambda: yaml.dump(workspace_dict(result.workspace), Dumper=yaml.CSafeDumper, sort_keys=False,
                                        allow_unicode=True))

    # Window level, fresh processes: a bare window, ours cold (empty cache), ours warm; medians of
    # RUNS each. One cold run right after the model-level reads above (gigabytes allocated and freed
    # by this process) measured 0.3-0.9 s slower than the same run a moment later, for the code of
    # this session and of the last alike: a single run measured the machine, not the window.
    compile_app()
    data = warm = js = None  # the model-level results are not needed by the runs below
    other = make_other_workspace(tmp / "other", 5000 // scale, 20000 // scale, 10000 // scale, 5000 // scale)
    bare, _, bare_rss, _ = windows("bare", None, tmp / "bare-cache", cold=False)
    w_cold, c_cold, cold_rss, p_cold = windows("ours", path, tmp / "cold", cold=True)
    w_warm, c_warm, warm_rss, p_warm = windows("ours", path, tmp / "cold-0", cold=False)
    # A second workspace of another shape and generator (hubs, affiliations, stale annotations).
    o_cold, oc_cold, o_cold_rss, op_cold = windows("ours", other, tmp / "other-cold", cold=True)
    o_warm, oc_warm, o_warm_rss, op_warm = windows("ours", other, tmp / "other-cold-0", cold=False)

    ws = result.workspace
    rows = [
        ("PyYAML CSafeLoader (libyaml), raw parse", t_yaml, "peer"),
        ("rapidyaml, C++ tree only (no Python objects)", t_ryml, "peer"),
        ("json.loads, same data", t_json, "peer"),
        ("ours: open, cold (parse + model + validate + file checks; the cache written by a child)", t_cold, ""),
        ("ours: open, warm (parsed cache)", t_warm, ""),
        ("ours: open forced through libyaml (a file with problems to place)", t_slow, ""),
        ("PyYAML CSafeDumper, raw dump", t_dump, "peer"),
        ("ours: save (canonical, atomic, .bak)", t_save, ""),
    ]
    lines = [f"# Workspace open/save ({mb:.1f} MB YAML: {len(ws.entities)} entities, {len(ws.relations)} relations, "
             f"{len(ws.events)} events, {len(ws.annotations)} annotations, {len(ws.documents)} documents)", "",
             "Model level, one process, one run each (the machine is shared: compare the ratios).", "",
             "| what | seconds | vs libyaml raw parse |", "|---|---:|---:|"]
    for name, t, _ in rows:
        if t is None:
            lines.append(f"| {name} | not run | |")
        else:
            lines.append(f"| {name} | {t:.2f} | {t / t_yaml:.2f}× |")
    lines += ["", f"Window level: fresh process, medians of {RUNS} (offscreen, 1600×1000, the views shown), from process start to the "
              "window **usable**: painted with the workspace open and a 0-ms timer posted at that paint fired "
              "(the event loop answers). A workspace this big (over 3,000 actors, relations, events and annotations) paints "
              "first with the document list and the reader's text; the reader's highlights, the entity list, the "
              "map and the timeline then fill in, one short step per event-loop turn (the map's edges not in force "
              "last): **complete** is when no panel is filling in any more, and **longest pause** is the longest "
              "the event loop was held by one step in between (what a click waited at worst). Tabs behind "
              "another tab (annotations, review queue, search, changes) are built when brought to the front. "
              "Max RSS of the process.", "",
              "| what | usable (s) | vs bare window | complete (s) | longest pause (s) | max RSS (MB) |",
              "|---|---:|---:|---:|---:|---:|",
              f"| bare QMainWindow + 6 docks + pyqtgraph plot | {bare:.2f} | 1.00× | {bare:.2f} | – | {bare_rss} |",
              f"| ours, cold (nothing cached: the file is first read in the window by rapidyaml, a child process "
              f"only when it has problems; the projected world map is computed too) | {w_cold:.2f} | "
              f"{w_cold / bare:.1f}× | {c_cold:.2f} | {p_cold:.2f} | {cold_rss} |",
              f"| ours, warm (parsed cache) | {w_warm:.2f} | {w_warm / bare:.1f}× | {c_warm:.2f} | {p_warm:.2f} | "
              f"{warm_rss} |",
              f"| ours, cold, a second workspace of another shape ({other.stat().st_size / 1e6:.1f} MB from "
              f"`other_workspace.py`: hubs, affiliations, 5% stale annotations) | {o_cold:.2f} | {o_cold / bare:.1f}× | "
              f"{oc_cold:.2f} | {op_cold:.2f} | {o_cold_rss} |",
              f"| ours, warm, the same | {o_warm:.2f} | {o_warm / bare:.1f}× | {oc_warm:.2f} | {op_warm:.2f} | "
              f"{o_warm_rss} |",
              "", f"Cold open is {t_cold / t_yaml:.2f}× a bare libyaml parse of the same file (goal ≤ 0.25×); "
              f"the window is usable {w_cold:.2f} s cold (goal ≤ 2 s), {w_warm:.2f} s warm (goal ≤ 1 s); "
              f"complete {c_cold:.2f} s cold, {c_warm:.2f} s warm. The second workspace: usable {o_cold:.2f} s "
              f"cold, {o_warm:.2f} s warm.",
              f"Machine: {os.cpu_count()} cores shared with other jobs; load average at the end "
              f"{os.getloadavg()[0]:.1f}."]
    report = "\n".join(lines) + "\n"
    print(report)
    if not args.small:
        out = HERE / "results" / "load.md"
        out.parent.mkdir(exist_ok=True)
        out.write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
