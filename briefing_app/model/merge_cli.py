"""The ``merge`` subcommand: a git merge driver for workspaces (wired into :mod:`briefing_app.cli`).

``briefing-app merge BASE OURS THEIRS [--path NAME]`` merges by item id and
field (see :mod:`briefing_app.model.merge`) and writes the result over OURS
in canonical form, as git expects of a merge driver. Exit 0: merged cleanly;
1: merged with conflicts recorded (the file loads; ``validate`` lists them);
2: not merged (a renamed id, or a version that cannot be read), OURS left as it was.
``briefing-app merge --install`` registers the driver in the current git
repository and routes ``*.briefing.yaml`` to it in ``.gitattributes``.
"""

from __future__ import annotations

import argparse
import shlex
import subprocess
import sys
from pathlib import Path

from briefing_app.model.types import Workspace

__all__ = ["add_merge_parser", "cmd_merge", "install_driver"]

ATTRIBUTES_LINE = "*.briefing.yaml merge=briefing"


def add_merge_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser("merge", help="three-way merge of workspaces by item id and field (a git merge driver)")
    p.add_argument("base", type=Path, nargs="?", help="common ancestor (git: %%O; may be empty)")
    p.add_argument("ours", type=Path, nargs="?", help="our version, overwritten with the result (git: %%A)")
    p.add_argument("theirs", type=Path, nargs="?", help="their version (git: %%B)")
    p.add_argument("--path", dest="name", help="the file's name in the repository, for messages (git: %%P)")
    p.add_argument("--install", action="store_true",
                   help="register this driver in the current git repository and in .gitattributes")
    return p


def _read(path: Path, role: str) -> Workspace:
    """A version to merge; an empty file (no common ancestor) is an empty workspace.

    Git hands the driver temporary copies; a version the app (or ``validate``) has read
    before is in the parsed cache under the same bytes, so it is taken from there.
    """
    from briefing_app.model import parse_cache
    from briefing_app.model.io import read_workspace

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SystemExit(f"briefing-app merge: {role} {path}: cannot read: {exc.strerror or exc}") from None
    if not raw.strip():
        return Workspace()
    if len(raw) >= parse_cache.MIN_BYTES:
        cached = parse_cache.load(parse_cache.key_for(raw))
        if cached is not None and not any(p.severity == "error" and p.blocking for p in cached[2]):
            return cached[0]
    result = read_workspace(path, check_files=False)  # big files: parsed once, cached for next time
    if result.workspace is None or result.blocking:
        first = (result.blocking or result.problems)[0]
        raise SystemExit(f"briefing-app merge: {role} version cannot be read: {first}; "
                         "fix it on its branch, then merge again")
    return result.workspace


def install_driver(repo: Path, command: str | None = None) -> str:
    """Register the driver in ``repo``'s git config and ``.gitattributes``; returns what was done.

    Raises:
        RuntimeError: when ``repo`` is not inside a git work tree.
    """
    top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=repo, capture_output=True, text=True)
    if top.returncode != 0:
        raise RuntimeError(f"{repo} is not inside a git repository")
    root = Path(top.stdout.strip())
    command = command or f"{shlex.quote(sys.executable)} -m briefing_app merge %O %A %B --path %P"
    for key, value in (("merge.briefing.name", "Briefing desk workspace merge (by item id and field)"),
                       ("merge.briefing.driver", command)):
        subprocess.run(["git", "config", key, value], cwd=root, check=True)
    attributes = root / ".gitattributes"
    text = attributes.read_text(encoding="utf-8") if attributes.exists() else ""
    if ATTRIBUTES_LINE not in text.splitlines():
        attributes.write_text(text + ("" if not text or text.endswith("\n") else "\n") + ATTRIBUTES_LINE + "\n",
                              encoding="utf-8")
    return f"merge.briefing.driver = {command}; {attributes}: {ATTRIBUTES_LINE}"


def cmd_merge(args: argparse.Namespace) -> int:
    from briefing_app.model.io import read_workspace, write_text_atomic
    from briefing_app.model.merge import MergeRefused, merge_workspaces
    from briefing_app.model.serialize import dump_workspace

    if args.install:
        try:
            print(install_driver(Path.cwd()))
        except (RuntimeError, subprocess.CalledProcessError) as exc:
            print(f"briefing-app merge --install: {exc}", file=sys.stderr)
            return 2
        return 0
    if args.base is None or args.ours is None or args.theirs is None:
        print("briefing-app merge: give BASE OURS THEIRS (or --install)", file=sys.stderr)
        return 2
    name = args.name or str(args.ours)
    try:
        base, ours, theirs = _read(args.base, "base"), _read(args.ours, "our"), _read(args.theirs, "their")
        result = merge_workspaces(base, ours, theirs, name)
    except SystemExit as exc:
        print(exc, file=sys.stderr)
        return 2
    except MergeRefused as exc:
        print(f"briefing-app merge: {name}: not merged: {exc}", file=sys.stderr)
        return 2
    write_text_atomic(args.ours, dump_workspace(result.workspace), backup=False)
    for note in result.notes:
        print(f"briefing-app merge: {name}: {note}", file=sys.stderr)
    if not result.conflicts and not result.problems:
        return 0
    # Report from the file as written, so every line is the place to look at.
    written = read_workspace(args.ours, check_files=False, use_cache=False)
    for problem in written.errors:
        print(str(problem).replace(str(args.ours), name, 1), file=sys.stderr)
    print(f"briefing-app merge: {name}: {len(result.conflicts)} conflict(s) recorded under 'conflicts:'; "
          "ours is in place; the file loads: resolve in the window or by hand", file=sys.stderr)
    return 1
