"""Command line: ``briefing-app [WORKSPACE]`` and its subcommands.

This is a stable contract that scripts rely on; see README.md. Subcommands
that need no window never import Qt widgets, so they run on a bare server.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from briefing_app import __version__

# One BLAS thread: the layout's small eigenproblems ran ~100× slower with
# OpenBLAS threads fighting over 2 busy cores. Must be set before numpy loads.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

SUBCOMMANDS = (
    "validate", "fmt", "tag", "screenshot", "export", "import", "extract", "search", "install-desktop", "new",
    "changes", "merge",
)


def _workspace_arg(p: argparse.ArgumentParser, optional: bool = True) -> None:
    if optional:
        p.add_argument("workspace", nargs="?", type=Path,
                       help="a *.briefing.yaml file (default: the bundled Japan–Korea example)")
    else:
        p.add_argument("workspace", type=Path, help="a *.briefing.yaml file")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing-app",
        description="Briefing desk. Without a subcommand: open WORKSPACE (default: the bundled example) in a window.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("validate", help="check a workspace; one file:line:col: message line per problem")
    _workspace_arg(p, optional=False)

    p = sub.add_parser("fmt", help="rewrite a workspace in canonical form (idempotent)")
    _workspace_arg(p, optional=False)
    p.add_argument("--check", action="store_true", help="only report whether the file is canonical (exit 1 if not)")

    p = sub.add_parser("tag", help="print the entity mentions found in a text file")
    p.add_argument("textfile", type=Path)
    p.add_argument("--workspace", type=Path, help="gazetteer workspace (default: the bundled example)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="json: one JSON object per line")
    p.add_argument("--linked", action="store_true",
                   help="also other spellings of known actors the workspace does not list (a surname alone, "
                        "'Kishida Fumio', 'N Korea'); JSON marks them \"linked\": true")

    p = sub.add_parser("screenshot", help="render the main window to a PNG (no display needed)")
    _workspace_arg(p)
    p.add_argument("-o", "--output", type=Path, required=True)
    p.add_argument("--size", default="1600x1000", help="WIDTHxHEIGHT in pixels")
    p.add_argument("--document", help="document id to show in the reader")
    p.add_argument("--select", help="entity id to select")
    p.add_argument("--as-of", dest="as_of", help="time cursor date (YYYY, YYYY-MM or YYYY-MM-DD)")
    p.add_argument("--view", choices=("map", "graph"), help="map panel mode")
    p.add_argument("--palette", choices=("light", "dark"), help="window palette (default: the platform's)")
    p.add_argument("--compare", metavar="SINCE[..UNTIL]", help="compare mode between two dates, e.g. 2019-06..2023-06")

    from briefing_app.importers.cli import add_extract_parser, add_import_parser

    add_import_parser(sub)
    add_extract_parser(sub)
    from briefing_app.desktop_integration import add_parser as add_install_desktop_parser

    add_install_desktop_parser(sub)

    from briefing_app.search.cli import add_search_parser

    add_search_parser(sub)

    from briefing_app.model.new_cli import add_new_parser

    add_new_parser(sub)

    from briefing_app.model.changes_cli import add_changes_parser

    add_changes_parser(sub)

    from briefing_app.model.merge_cli import add_merge_parser

    add_merge_parser(sub)

    p = sub.add_parser("export", help="write the briefing PDF (no display needed)")
    _workspace_arg(p)
    p.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.pdf")
    p.add_argument("--as-of", dest="as_of", metavar="DATE", help="YYYY[-MM[-DD]]; a partial date means its last day")
    p.add_argument("--paper", choices=("A4", "Letter"), default="A4")
    p.add_argument("--banner", metavar="TEXT", help="classification banner (default: the briefing's)")
    p.add_argument("--changes-since", dest="changes_since", metavar="DATE",
                   help="add a 'What changed since DATE' section after the BLUF")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if argv and argv[0] not in SUBCOMMANDS and not argv[0].startswith("-"):
        return _run_window(Path(argv[0]), argv[1:])
    args = parser.parse_args(argv)
    if args.command is None:
        return _run_window(None, [])
    handler = {
        "validate": _cmd_validate,
        "fmt": _cmd_fmt,
        "tag": _cmd_tag,
        "screenshot": _cmd_screenshot,
        "export": _cmd_export,
        "import": _cmd_import,
        "extract": _cmd_extract,
        "search": _cmd_search,
        "install-desktop": _cmd_install_desktop,
        "new": _cmd_new,
        "changes": _cmd_changes,
        "merge": _cmd_merge,
    }[args.command]
    try:
        return handler(args)
    except BrokenPipeError:  # `briefing-app tag x | head`
        return 0


def _default(path: Path | None) -> Path:
    from briefing_app.model.io import default_workspace_path

    return path if path is not None else default_workspace_path()


def _print_problems(problems) -> None:
    for p in problems:
        print(p)


def _cmd_validate(args: argparse.Namespace) -> int:
    from briefing_app.model.io import read_workspace

    result = read_workspace(args.workspace)
    _print_problems(result.problems)
    return 1 if result.errors else 0


def _cmd_fmt(args: argparse.Namespace) -> int:
    from briefing_app.model.write_lock import workspace_write_lock

    try:  # read and write under the write lock: no other writer's change is lost in between
        with workspace_write_lock(args.workspace):
            return _fmt_locked(args)
    except OSError as exc:
        print(f"{args.workspace}: not rewritten: {exc.strerror or exc}", file=sys.stderr)
        return 1


def _fmt_locked(args: argparse.Namespace) -> int:
    import hashlib

    from briefing_app.model.io import read_workspace, write_text_atomic
    from briefing_app.model.serialize import dump_workspace
    from briefing_app.model.write_lock import open_elsewhere

    result = read_workspace(args.workspace, check_files=False)
    if result.workspace is None or result.blocking:
        _print_problems(result.blocking or result.problems)
        print(f"{args.workspace}: not rewritten: fix the problems above first", file=sys.stderr)
        return 1
    text = dump_workspace(result.workspace)
    if hashlib.sha256(text.encode("utf-8")).hexdigest() == result.sha256:
        return 0
    if args.check:
        print(f"{args.workspace}: not in canonical form (run: briefing-app fmt {args.workspace})")
        return 1
    for w in result.warnings:
        print(w, file=sys.stderr)
    holder = open_elsewhere(args.workspace)
    if holder:
        print(f"{args.workspace}: note: also open in {holder}; that window will notice the change",
              file=sys.stderr)
    write_text_atomic(args.workspace, text)
    print(f"{args.workspace}: rewritten in canonical form (previous version: {args.workspace.name}.bak)")
    return 0


def _cmd_tag(args: argparse.Namespace) -> int:
    from briefing_app.analysis.matcher import AliasMatcher
    from briefing_app.model.io import read_workspace

    ws_path = _default(args.workspace)
    result = read_workspace(ws_path, check_files=False)
    if result.workspace is None or result.blocking:
        _print_problems(result.blocking or result.problems)
        return 1
    ws = result.workspace
    from briefing_app.model.safe_files import UnreadableFile, read_regular_file

    try:
        raw = read_regular_file(args.textfile)
    except UnreadableFile as exc:
        print(f"{args.textfile}: {exc}", file=sys.stderr)
        return 1
    text = raw.decode("utf-8-sig", errors="replace")
    if "\ufffd" in text and b"\xef\xbf\xbd" not in raw:
        print(f"{args.textfile}: warning: not valid UTF-8; bad bytes replaced (offsets are in the decoded text)",
              file=sys.stderr)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    matcher = AliasMatcher.from_workspace(ws)
    entities = ws.entity_by_id
    out = sys.stdout
    mentions = matcher.find(text)
    listed = {(m.start, m.end) for m in mentions}
    if getattr(args, "linked", False):
        from briefing_app.analysis.candidates import find_candidates, with_linked_mentions

        mentions = with_linked_mentions(mentions, find_candidates(text, matcher))
    for m in mentions:
        e = entities[m.entity_id]
        if args.format == "json":
            row = {"start": m.start, "end": m.end, "text": text[m.start:m.end], "entity": m.entity_id, "type": e.type}
            if (m.start, m.end) not in listed:
                row["linked"] = True
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            out.write(f"{m.start}\t{m.end}\t{e.type}\t{m.entity_id}\t{text[m.start:m.end]}\n")
    return 0


def _parse_size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(x) for x in text.lower().split("x"))
    except ValueError:
        raise SystemExit(f"--size must be WIDTHxHEIGHT, e.g. 1600x1000 (got {text!r})") from None
    if not (200 <= w <= 10000 and 200 <= h <= 10000):
        raise SystemExit("--size: width and height must be between 200 and 10000")
    return w, h


def _cmd_screenshot(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    size = _parse_size(args.size)
    from briefing_app.render.qt_app import create_application
    from briefing_app.model.dates import DateError, parse_day
    from briefing_app.ui.main_window import MainWindow

    app = create_application(["briefing-app"])
    if args.palette:
        from briefing_app.ui.palette import apply_palette

        apply_palette(app, args.palette)
    window = MainWindow(restore_layout=False)
    result = window.state.open(_default(args.workspace))
    if result.workspace is None or result.blocking:
        _print_problems(result.blocking or result.problems)
        return 1
    state = window.state
    # Show at the final size first, so that panels which frame or scroll to the
    # selection do it in their real viewport.
    window.resize(*size)
    window.show()
    for _ in range(3):
        app.processEvents()
    if args.document:
        if args.document not in state.workspace.document_by_id:
            print(f"--document: no document '{args.document}' (have: "
                  f"{', '.join(sorted(state.workspace.document_by_id))})", file=sys.stderr)
            return 1
        state.show_document(args.document)
    if args.select:
        if args.select not in state.workspace.entity_by_id:
            print(f"--select: no entity '{args.select}'", file=sys.stderr)
            return 1
        state.select("entity", args.select)
    if args.as_of:
        try:
            state.set_time_cursor(parse_day(args.as_of))
        except DateError as exc:
            print(f"--as-of: {exc}", file=sys.stderr)
            return 1
    if args.view:
        window.set_map_view(args.view)
    if args.compare:
        since, _, until = args.compare.partition("..")
        if not window.show_changes(since, until):
            print(f"--compare: {window.panels['changes'].summary.text()}", file=sys.stderr)
            return 1
    for _ in range(5):
        app.processEvents()
    while window.panels_building():  # a big workspace's timeline and map edges fill in over event-loop slices
        app.processEvents()
    app.processEvents()
    image = window.grab().toImage()
    try:
        args.output.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"{args.output}: cannot write the PNG: {exc.strerror or exc}", file=sys.stderr)
        return 1
    if not image.save(str(args.output)):
        print(f"{args.output}: cannot write the PNG", file=sys.stderr)
        return 1
    print(f"{args.output}: {image.width()}x{image.height()}")
    window.state.undo_stack.setClean()
    window.close()
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from briefing_app.export import ExportError, ExportOptions, export_briefing
    from briefing_app.model.dates import DateError, parse_day
    from briefing_app.model.io import load_workspace
    from briefing_app.model.problems import WorkspaceError

    try:
        as_of = parse_day(args.as_of) if args.as_of else None
    except DateError as exc:
        print(f"briefing-app export: --as-of: {exc}", file=sys.stderr)
        return 2
    from briefing_app.model.dates import PartialDate

    try:
        since = PartialDate.parse(args.changes_since) if args.changes_since else None
    except DateError as exc:
        print(f"briefing-app export: --changes-since: {exc}", file=sys.stderr)
        return 2
    try:
        ws = load_workspace(_default(args.workspace))
        report = export_briefing(ws, args.output, ExportOptions(as_of=as_of, banner=args.banner, paper=args.paper,
                                                                changes_since=since))
    except WorkspaceError as exc:
        _print_problems(exc.problems)
        print("briefing-app export: the workspace has problems; nothing was written", file=sys.stderr)
        return 1
    except ExportError as exc:
        print(f"briefing-app export: {exc}", file=sys.stderr)
        return 1
    for problem in report.problems:
        print(f"warning: {problem}", file=sys.stderr)
    from briefing_app.export.compose import newer_than, resolve_as_of

    newer = newer_than(ws, resolve_as_of(ws, as_of))
    if newer:
        print(f"warning: {len(newer)} item(s) are newer than the as-of date, e.g. {newer[0]}", file=sys.stderr)
    print(f"wrote {report.path} ({report.pages} pages, {report.seconds:.1f} s)")
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    from briefing_app.importers.cli import cmd_import

    return cmd_import(args)


def _cmd_extract(args: argparse.Namespace) -> int:
    from briefing_app.importers.cli import cmd_extract

    return cmd_extract(args)


def _cmd_search(args: argparse.Namespace) -> int:
    from briefing_app.search.cli import cmd_search

    return cmd_search(args)


def _cmd_install_desktop(args: argparse.Namespace) -> int:
    from briefing_app.desktop_integration import cmd_install_desktop

    return cmd_install_desktop(args)


def _cmd_new(args: argparse.Namespace) -> int:
    from briefing_app.model.new_cli import cmd_new

    return cmd_new(args)


def _cmd_changes(args: argparse.Namespace) -> int:
    from briefing_app.model.changes_cli import cmd_changes

    return cmd_changes(args)


def _cmd_merge(args: argparse.Namespace) -> int:
    from briefing_app.model.merge_cli import cmd_merge

    return cmd_merge(args)


def _run_window(path: Path | None, rest: list[str]) -> int:
    from briefing_app.app import run

    return run(path, rest)
