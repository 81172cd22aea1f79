"""The ``changes`` subcommand (wired into :mod:`briefing_app.cli`).

``briefing-app changes WORKSPACE --since DATE [--until DATE] [--format json]``
prints what changed in the period: relation state changes with the state
before and after and their evidence, relations that began or ended, events,
actors that first appear and sources published; then what is only possibly
in the period, what is undated and what is unsourced.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import sys
from pathlib import Path

from briefing_app.model.changes import (
    CHANGE_KINDS,
    KIND_TITLES,
    STATE_CHANGE,
    Change,
    ChangeReport,
    PeriodError,
    changes_between,
)
from briefing_app.model.dates import DateError, PartialDate
from briefing_app.model.types import Workspace

__all__ = ["add_changes_parser", "cmd_changes", "format_report", "evidence_line"]

QUOTE_CHARS = 90


def add_changes_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser("changes", help="what changed in a period: relation states, events, actors, sources")
    p.add_argument("workspace", type=Path, help="a *.briefing.yaml file")
    p.add_argument("--since", required=True, metavar="DATE", help="YYYY[-MM[-DD]]: the period starts on its first day")
    p.add_argument("--until", metavar="DATE",
                   help="YYYY[-MM[-DD]]: the period ends on its last day (default: the briefing's as-of date, else today)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    return p


def _describe(c: Change) -> str:
    if c.kind == STATE_CHANGE:
        return f"{c.label}: {c.from_state} → {c.to_state}"
    if c.from_state or c.to_state:
        verb = "began" if c.to_state else "ended"
        return f"{c.label}: {verb} ({c.to_state or c.from_state})"
    return f"{c.label}" + (f" ({c.detail})" if c.detail else "")


def evidence_line(ws: Workspace, annotation_id: str) -> str:
    """``ann-x: doc-y 120–180 "quoted words…"`` or why the passage is missing."""
    ann = ws.annotation_by_id.get(annotation_id)
    if ann is None:
        return f"{annotation_id}: not in the workspace"
    quote = " ".join(ann.selector.exact.split())
    if len(quote) > QUOTE_CHARS:
        quote = quote[: QUOTE_CHARS - 1].rstrip() + "…"
    return f"{annotation_id}: {ann.document} {ann.selector.start}–{ann.selector.end} “{quote}”"


def _row(ws: Workspace, c: Change) -> list[str]:
    date = c.date.iso() if c.date else "undated"
    lines = [f"  {date:<10}  {c.item_id}  {_describe(c)}"]
    for aid in c.evidence:
        lines.append(f"  {'':<10}    evidence {evidence_line(ws, aid)}")
    return lines


def format_report(ws: Workspace, report: ChangeReport) -> str:
    """The report as plain text, one group after another, counts in the headings."""
    p = report.period
    counts = ", ".join(f"{len(report.of_kind(k))} {KIND_TITLES[k].lower()}" for k in CHANGE_KINDS)
    out = [f"Changes {p.label()} ({p.start.isoformat()} to {p.end.isoformat()})"]
    if report.quiet:
        out.append("Nothing is known to have changed in this period.")
    else:
        out.append(counts)
    for kind in CHANGE_KINDS:
        rows = report.of_kind(kind)
        if not rows:
            continue
        out += ["", f"{KIND_TITLES[kind]} ({len(rows)})"]
        for c in rows:
            out += _row(ws, c)
    if report.possibly:
        out += ["", f"Possibly in the period: dated too coarsely to tell ({len(report.possibly)})"]
        for c in report.possibly:
            out += [f"  {c.date.iso():<10}  {c.item_id}  {KIND_TITLES[c.kind].lower()}: {_describe(c)}"]  # type: ignore[union-attr]
    if report.unsourced:
        out += ["", f"Unsourced: no passage the workspace holds ({len(report.unsourced)})"]
        for c in report.unsourced:
            date = c.date.iso() if c.date else "undated"
            out += [f"  {date:<10}  {c.item_id}  {KIND_TITLES[c.kind].lower()}: {_describe(c)}"]
    if report.undated:
        out += ["", f"Undated: cannot be placed in any period ({len(report.undated)})"]
        for kind, item_id, label in report.undated:
            what = {"entity": "actor (no dated relation or event)", "event": "event",
                    "source": "source (no publication date)"}[kind]
            out += [f"  {item_id}  {label} — {what}"]
    return "\n".join(out) + "\n"


def parse_period_args(ws: Workspace, since: str, until: str | None) -> tuple[PartialDate, PartialDate]:
    """The two ends of a period from command-line text; ``until`` defaults to the as-of date, else today.

    Raises:
        DateError: with the option's name when a date is not a partial date.
    """
    try:
        start = PartialDate.parse(since)
    except DateError as exc:
        raise DateError(f"--since: {exc}") from None
    if until:
        try:
            end = PartialDate.parse(until)
        except DateError as exc:
            raise DateError(f"--until: {exc}") from None
    else:
        end = ws.briefing.as_of or PartialDate.from_date(_dt.date.today())
    return start, end


def cmd_changes(args: argparse.Namespace) -> int:
    from briefing_app.model.io import read_workspace

    result = read_workspace(args.workspace, check_files=False)
    if result.workspace is None or result.blocking:
        for problem in result.blocking or result.problems:
            print(problem)
        print(f"briefing-app changes: {args.workspace}: fix the problems above first", file=sys.stderr)
        return 1
    ws = result.workspace
    try:
        since, until = parse_period_args(ws, args.since, args.until)
        report = changes_between(ws, since, until)
    except (DateError, PeriodError) as exc:
        print(f"briefing-app changes: {exc}", file=sys.stderr)
        return 2
    if args.format == "json":
        sys.stdout.write(json.dumps(report.as_json(ws), ensure_ascii=False, indent=1) + "\n")
    else:
        sys.stdout.write(format_report(ws, report))
    return 0
