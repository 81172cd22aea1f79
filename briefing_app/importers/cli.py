"""The ``import`` and ``extract`` subcommands (wired into :mod:`briefing_app.cli`).

``briefing-app import WORKSPACE FILE… [--reliability B2]`` imports files and saves
the workspace; ``briefing-app extract TEXTFILE [--published DATE] [--workspace W]
[--format json]`` prints the proposals (date expressions, draft events,
candidate entities) without changing anything.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

__all__ = ["add_extract_parser", "add_import_parser", "cmd_extract", "cmd_import", "proposals"]


def add_import_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser("import", help="import text, Markdown, HTML, PDF or DOCX files as documents of a workspace")
    p.add_argument("workspace", type=Path, help="a *.briefing.yaml file (saved in place, previous one kept as .bak)")
    p.add_argument("files", type=Path, nargs="+", metavar="FILE")
    p.add_argument("--reliability", default="", help="Admiralty grade for the new documents, e.g. B2")
    return p


def add_extract_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser("extract", help="print proposed events and entities found in a document")
    p.add_argument("textfile", type=Path, help="a text, Markdown, HTML, PDF or DOCX file")
    p.add_argument("--published", help="publication date the relative dates count from (YYYY[-MM[-DD]])")
    p.add_argument("--workspace", type=Path, help="known entities: excluded from candidates, used as participants")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--vague", action="store_true", help="also draft events from vague dates ('in recent months')")
    return p


def cmd_import(args: argparse.Namespace) -> int:
    from briefing_app.model.write_lock import workspace_write_lock

    # Read, import and save under the workspace's write lock: two imports (or an import
    # and a window's save) take turns, and each starts from the other's saved result.
    try:
        with workspace_write_lock(args.workspace):
            return _import_locked(args)
    except OSError as exc:
        print(f"briefing-app import: {args.workspace}: not changed: {exc.strerror or exc}", file=sys.stderr)
        return 1


def _import_locked(args: argparse.Namespace) -> int:
    from briefing_app.importers import ImportFailure, import_files
    from briefing_app.model.io import load_workspace, save_workspace
    from briefing_app.model.problems import WorkspaceError
    from briefing_app.model.write_lock import open_elsewhere

    try:
        ws = load_workspace(args.workspace)
    except WorkspaceError as exc:
        print(f"briefing-app import: {exc}", file=sys.stderr)
        if not Path(args.workspace).exists():
            print(f"  to start a briefing there: briefing-app new {Path(args.workspace).parent}", file=sys.stderr)
        return 1
    try:
        result = import_files(ws, args.files, reliability=args.reliability)
    except ImportFailure as exc:
        print(f"briefing-app import: {exc}", file=sys.stderr)
        return 1
    if result.imported:
        holder = open_elsewhere(args.workspace)
        if holder:
            print(f"note: {args.workspace} is also open in {holder}; that window will notice the change",
                  file=sys.stderr)
        try:
            save_workspace(result.workspace, args.workspace)
        except BaseException as exc:
            # The workspace was not written: take back the text files this run added,
            # so that a failed import leaves nothing behind.
            for item in result.imported:
                if item.created:
                    item.written.unlink(missing_ok=True)
            if isinstance(exc, OSError):
                print(f"briefing-app import: {args.workspace}: not saved ({exc.strerror or exc}); "
                      "nothing was imported", file=sys.stderr)
                return 1
            raise
    for item in result.imported:
        doc = item.document
        date = doc.published.iso() if doc.published else "no date"
        est = " (estimated)" if doc.published_estimated else ""
        est = " (from dateline)" if doc.published_note.startswith("from dateline") else est
        print(f"imported {item.source} -> {doc.path} as {doc.id}: {doc.title!r}, {date}{est}")
        for w in item.warnings:
            print(f"  warning: {w}")
    for dup in result.duplicates:
        print(f"skipped {dup.source}: same text as document {dup.existing}")
    for path, message in result.failures:
        print(f"failed: {_one_line(message)}", file=sys.stderr)
    print(result.summary())
    return 1 if result.failures else 0


def _one_line(text: str) -> str:
    """A message as one line, even when a file name holds a line break."""
    return text.replace("\r", "\\r").replace("\n", "\\n")


def proposals(text: str, published: object, workspace=None, include_vague: bool = False) -> dict:
    """Dates, draft events and candidate entities of a text as plain data."""
    from briefing_app.analysis.candidates import find_candidates, with_linked_mentions
    from briefing_app.analysis.dates import find_dates
    from briefing_app.analysis.events import draft_events
    from briefing_app.analysis.matcher import AliasMatcher

    matcher = AliasMatcher.from_workspace(workspace) if workspace is not None else None
    candidates = find_candidates(text, matcher)
    # Participants by name, other spellings of known actors included ("Aukus", "Kishida Fumio").
    mentions = with_linked_mentions(matcher.find(text), candidates) if matcher is not None else []
    return {
        "published": str(published) if published else None,
        "dates": [m.to_dict() for m in find_dates(text, published)],
        "events": [
            d.to_dict()
            for d in draft_events(
                text, published, mentions, include_vague=include_vague,
                relations=workspace.relations if workspace is not None else (),
            )
        ],  # fmt: skip
        "candidates": [c.to_dict() for c in candidates],
    }


def cmd_extract(args: argparse.Namespace) -> int:
    from briefing_app.importers import ImportFailure, extract_file
    from briefing_app.model.dates import DateError, PartialDate
    from briefing_app.model.io import load_workspace
    from briefing_app.model.problems import WorkspaceError

    try:
        ex = extract_file(args.textfile)
    except ImportFailure as exc:
        print(f"briefing-app extract: {exc}", file=sys.stderr)
        return 1
    published = ex.published
    if args.published:
        try:
            published = PartialDate.parse(args.published)
        except DateError as exc:
            print(f"briefing-app extract: --published: {exc}", file=sys.stderr)
            return 2
    source = "given" if args.published else ex.published_from
    if published is None:
        print("briefing-app extract: no publication date in the file; relative dates are skipped "
              "(give --published YYYY-MM-DD)", file=sys.stderr)  # fmt: skip
    ws = None
    if args.workspace:
        try:
            ws = load_workspace(args.workspace)
        except WorkspaceError as exc:
            print(f"briefing-app extract: {exc}", file=sys.stderr)
            return 1
    data = proposals(ex.text, published, ws, include_vague=args.vague)
    data["published_from"] = source if published is not None else None
    if source == "dateline":
        data["published_text"] = ex.published_text
    if args.format == "json":
        json.dump(data, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    if published is not None:
        how = {"dateline": f"from dateline: {ex.published_text!r}", "metadata": "from the file's metadata"}
        print(f"Published: {published} ({how.get(source, 'given')})")
    print(f"Events ({len(data['events'])}):")
    for e in data["events"]:
        span = e["date"] + (f" – {e['end']}" if e["end"] else "")
        names = {x.id: x.name for x in ws.entities} if ws is not None else {}
        who = f"  [{', '.join(names.get(p, p) for p in e['participants'])}]" if e["participants"] else ""
        change = e.get("relation_change")
        also = f"  -> {change['relation']}: {change['state']} ({change['verb']!r})" if change else ""
        print(f"  {span:24} {e['title']}{who}  ({e['date_text']!r}, {e['confidence']:.2f}){also}")
    new = [c for c in data["candidates"] if not c["existing"]]
    known = [c for c in data["candidates"] if c["existing"]]
    print(f"Candidate entities ({len(new)}):")
    for c in new:
        also = f"  also: {', '.join(c['aliases'])}" if c["aliases"] else ""
        print(f"  {c['count']:3}× {c['name']} ({c['type']}){also}")
    if known:
        # Other spellings of known actors: offered as aliases, not as new actors.
        names = {x.id: x.name for x in ws.entities} if ws is not None else {}
        print(f"Other names of known actors ({len(known)}):")
        for c in known:
            forms = ", ".join([c["name"], *c["aliases"]])
            print(f"  {c['count']:3}× {forms} -> {names.get(c['existing'], c['existing'])}")
    return 0
