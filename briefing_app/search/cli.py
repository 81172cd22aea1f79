"""``briefing-app search WORKSPACE QUERY``: full-text search across a workspace's sources."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

__all__ = ["add_search_parser", "cmd_search"]


def add_search_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("search", help="search the text of every source; the index is kept beside the workspace")
    p.add_argument("workspace", type=Path, help="a *.briefing.yaml file")
    p.add_argument("query", nargs="?", default="",
                   help='words (all must appear), "a phrase", -excluded, prefix*, a OR b')
    p.add_argument("--entity", metavar="ID", help="only passages that mention this entity")
    p.add_argument("--source", metavar="DOC", help="only this document id, or this publisher")
    p.add_argument("--since", metavar="DATE", help="documents published from YYYY[-MM[-DD]]")
    p.add_argument("--until", metavar="DATE", help="documents published until YYYY[-MM[-DD]]")
    p.add_argument("--limit", type=int, default=20, help="at most this many passages (default 20)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="json: one JSON object per line")


def _day(text: str | None, end: bool, what: str):  # noqa: ANN202 - date | None
    from briefing_app.model.dates import PartialDate

    if not text:
        return None
    try:
        d = PartialDate.parse(text)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"{what} '{text}': {exc}; use YYYY, YYYY-MM or YYYY-MM-DD") from None
    return d.end if end else d.start


def cmd_search(args: argparse.Namespace) -> int:
    from briefing_app.model.io import read_workspace
    from briefing_app.search import SearchError, SearchFilters, SearchIndex, default_index_path

    result = read_workspace(args.workspace, check_files=False)
    if result.workspace is None or result.blocking:
        for p in result.blocking or result.problems:
            print(p)
        return 1
    ws = result.workspace
    try:
        filters = SearchFilters(entity=args.entity, source=args.source,
                                since=_day(args.since, False, "--since"), until=_day(args.until, True, "--until"))
    except ValueError as exc:
        print(f"briefing-app search: {exc}", file=sys.stderr)
        return 2
    if args.entity and args.entity not in ws.entity_by_id:
        print(f"briefing-app search: no entity '{args.entity}' in {args.workspace}", file=sys.stderr)
        return 2
    if not args.query.strip() and not args.entity:
        print("briefing-app search: give words to search for, or --entity", file=sys.stderr)
        return 2
    try:
        with SearchIndex(default_index_path(args.workspace)) as index:
            report = index.update(ws)
            hits = index.search(args.query, filters, limit=max(1, args.limit))
            if not index.last_ranked:
                print(f"note: the words are in {index.last_matches:,} passages; results are unranked, "
                      "newest first (add words to narrow)", file=sys.stderr)
    except SearchError as exc:
        print(f"{args.workspace}: {exc}", file=sys.stderr)
        return 1
    for doc_id, why in sorted(report.failed.items()):
        print(f"{args.workspace}: document '{doc_id}' is not searchable: {why}", file=sys.stderr)
    for h in hits:
        if args.format == "json":
            print(json.dumps(h.as_dict(), ensure_ascii=False))
        else:
            date = f" ({h.published})" if h.published else ""
            print(f"{h.doc_id}:{h.hit_start}-{h.hit_end}  {h.title}{date}\n    {h.snippet}")
    if args.format == "text" and not hits:
        print("no passage found", file=sys.stderr)
    return 0
