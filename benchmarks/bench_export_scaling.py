"""Does export time grow in step with the workspace? The same briefing at growing sizes.

The synthetic workspace of ``synthetic_workspace.py`` (full size: 5,000 entities,
20,000 relations, 10,000 events, 5,000 annotations, ~8 MB) at 1/16, 1/8, 1/4, 1/2
and full size, each exported to PDF in a fresh process (open from the parsed
cache, not timed; export timed; peak RSS of the process). Linear growth means
each doubling of the input doubles the time; the goal is 4× the input in
≤ 4.6× the time, and ≤ 600 MB at full size.

    .venv/bin/python benchmarks/bench_export_scaling.py [--max-scale 1]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

CHILD = r"""
import os, resource, sys, time
sys.path.insert(0, sys.argv[1]); sys.path.insert(0, os.path.dirname(sys.argv[1]))
from pathlib import Path
from synthetic_workspace import make_workspace
from briefing_app.model.io import read_workspace
from briefing_app.export import ExportOptions, export_briefing
scale, folder = int(sys.argv[2]), Path(sys.argv[3])
path = make_workspace(folder, 5000 // scale, 20000 // scale, 10000 // scale, 5000 // scale, documents=20)
ws = read_workspace(path).workspace
t, c = time.perf_counter(), time.process_time()
export_briefing(ws, folder / "out.pdf", ExportOptions())
secs, cpu = time.perf_counter() - t, time.process_time() - c
import pypdf
pages = len(pypdf.PdfReader(str(folder / "out.pdf")).pages)
print(secs, cpu, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, pages, path.stat().st_size)
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--max-scale", type=int, default=1, help="largest size as a fraction 1/N (1 = full size)")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-export-scaling-"))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CACHE_HOME=str(tmp / "cache"))
    rows = []
    for scale in (16, 8, 4, 2, 1):
        if scale < args.max_scale:
            break
        out = subprocess.run([sys.executable, "-c", CHILD, str(HERE), str(scale), str(tmp / f"s{scale}")],
                             env=env, capture_output=True, text=True, check=True)
        secs, cpu, rss, pages, size = out.stdout.split()
        rows.append((scale, float(secs), float(cpu), int(rss), int(pages), int(size)))
        print(rows[-1], flush=True)
    lines = ["# Export time against workspace size", "",
             "Synthetic workspace at fractions of 5,000 entities / 20,000 relations / 10,000 events / 5,000 "
             "annotations; one fresh process per size; export only is timed (open not counted).", "",
             "| size | YAML (MB) | pages | export wall (s) | export CPU (s) | × previous size's CPU | max RSS (MB) |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    prev = None
    for scale, secs, cpu, rss, pages, size in rows:
        step = f"{cpu / prev:.2f}×" if prev else "–"
        lines.append(f"| 1/{scale} | {size / 1e6:.1f} | {pages} | {secs:.1f} | {cpu:.1f} | {step} | {rss} |")
        prev = cpu
    by = {s: c for s, _, c, *_ in rows}  # CPU time: steadier than wall time on a shared machine
    four = [f"1/{s * 4} → 1/{s}: {by[s] / by[s * 4]:.2f}×" for s in (4, 2, 1) if s in by and s * 4 in by]
    lines += ["", "4× the input: " + ("; ".join(four) or "not measured") + " (CPU time; goal ≤ 4.6×).",
              f"Machine: {os.cpu_count()} cores shared with other jobs; load average at the end "
              f"{os.getloadavg()[0]:.1f}."]
    report = "\n".join(lines) + "\n"
    print(report)
    (HERE / "results" / "export_scaling.md").write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
