"""The ``new`` subcommand: ``briefing-app new FOLDER [--title T]`` (wired into :mod:`briefing_app.cli`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["add_new_parser", "cmd_new"]


def add_new_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser("new", help="make FOLDER with an empty workspace and a documents/ folder; print its path")
    p.add_argument("folder", type=Path, help="a new or empty folder")
    p.add_argument("--title", default="", help="the briefing's title (also names the file)")
    return p


def cmd_new(args: argparse.Namespace) -> int:
    from briefing_app.model.new_workspace import NewWorkspaceError, create_workspace

    try:
        path = create_workspace(args.folder, args.title)
    except NewWorkspaceError as exc:
        print(f"briefing-app new: {exc}", file=sys.stderr)
        return 2
    print(path)
    return 0
