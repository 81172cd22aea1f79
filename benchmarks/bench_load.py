"""Opening and saving a big workspace, against PyYAML and json on the same data.

Size: 5,000 entities, 20,000 relations, 10,000 events, 5,000 annotations
(~12 MB of YAML, DESIGN.md's planning size). Peers, on the same file:
- PyYAML CSafeLoader ``yaml.load`` (raw parse, no model, no validation),
- ``json.loads`` of the same data (the floor any text format could reach),
- PyYAML CSafeDumper for the save side.
Ours: ``read_workspace`` cold (parse + build + validate) and warm (the parsed
cache keyed by the file's sha256), and ``save_workspace`` (canonical, atomic).

    .venv/bin/python benchmarks/bench_load.py [--small]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from synthetic_workspace import make_workspace  # noqa: E402

from briefing_app.model.io import read_workspace, save_workspace  # noqa: E402
from briefing_app.model.serialize import workspace_dict  # noqa: E402


def timed(fn):
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--small", action="store_true", help="a tenth of the size (quick check)")
    args = ap.parse_args()
    scale = 10 if args.small else 1
    tmp = Path(tempfile.mkdtemp(prefix="bench-load-"))
    os.environ["XDG_CACHE_HOME"] = str(tmp / "cache")
    path = make_workspace(tmp / "ws", 5000 // scale, 20000 // scale, 10000 // scale, 5000 // scale, documents=20)
    text = path.read_text(encoding="utf-8")
    mb = len(text.encode()) / 1e6

    t_yaml, data = timed(lambda: yaml.load(text, Loader=yaml.CSafeLoader))
    js = json.dumps(data, default=str)
    t_json, _ = timed(lambda: json.loads(js))
    t_cold, result = timed(lambda: read_workspace(path))
    assert not result.errors, result.errors[:3]
    t_warm, warm = timed(lambda: read_workspace(path))
    assert warm.workspace == result.workspace
    t_save, _ = timed(lambda: save_workspace(result.workspace, path))
    t_dump, _ = timed(lambda: yaml.dump(workspace_dict(result.workspace), Dumper=yaml.CSafeDumper, sort_keys=False,
                                        allow_unicode=True))

    rows = [
        ("PyYAML CSafeLoader, raw parse", t_yaml),
        ("json.loads, same data", t_json),
        ("ours: open, cold (parse + build + validate)", t_cold),
        ("ours: open, warm (parsed cache)", t_warm),
        ("PyYAML CSafeDumper, raw dump", t_dump),
        ("ours: save (canonical, atomic, .bak)", t_save),
    ]
    lines = [f"# Workspace open/save ({mb:.1f} MB YAML: {len(result.workspace.entities)} entities, "
             f"{len(result.workspace.relations)} relations, {len(result.workspace.events)} events, "
             f"{len(result.workspace.annotations)} annotations)", "",
             "| what | seconds | vs raw CSafeLoader |", "|---|---:|---:|"]
    for name, t in rows:
        lines.append(f"| {name} | {t:.2f} | {t / t_yaml:.2f}× |")
    lines += ["", f"Warm open is {t_yaml / t_warm:.1f}× faster than the raw C parse of the same file.",
              "Machine: 2 cores; numbers from one run."]
    report = "\n".join(lines) + "\n"
    print(report)
    if not args.small:
        out = Path(__file__).resolve().parent / "results" / "load.md"
        out.parent.mkdir(exist_ok=True)
        out.write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
