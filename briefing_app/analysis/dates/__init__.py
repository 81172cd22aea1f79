"""Date expressions in news text, resolved against a reference date with their precision.

``expressions`` runs the rules; ``calendar_rules`` (absolute dates, seasons,
parts of a year, decades) and ``relative_rules`` ("last November", "on
Friday") are the grammar; ``context`` and ``vocabulary`` their shared parts.
"""

from briefing_app.analysis.dates.expressions import KINDS, DateMention, find_dates

__all__ = ["KINDS", "DateMention", "find_dates"]
