"""Full-text search across all sources of a workspace (SQLite FTS5, no Qt).

``index`` keeps the index beside the workspace and answers queries with
snippets and filters (entity, source, date); ``query`` turns typed text into
a safe FTS5 expression; ``passages`` cuts documents into the units found.
"""

from briefing_app.search.index import (
    Hit,
    SearchError,
    SearchFilters,
    SearchIndex,
    UpdateReport,
    default_index_path,
)
from briefing_app.search.query import parse_query

__all__ = ["Hit", "SearchError", "SearchFilters", "SearchIndex", "UpdateReport", "default_index_path", "parse_query"]
