"""Annotations that stay on their words when a document changes.

W3C-style selectors (exact quote, prefix, suffix, offsets) are made by
``make_selector`` and found again by ``reanchor`` with an honest status
(exact, moved, fuzzy, ambiguous, orphaned). ``reanchor`` holds the search
order; ``candidates`` finds places, ``similarity`` scores them, ``text``
normalises.
"""

from briefing_app.analysis.anchoring.reanchor import (
    STATUSES,
    Anchor,
    anchor_workspace,
    make_selector,
    reanchor,
    reanchor_all,
)
from briefing_app.analysis.anchoring.text import NormalizedText, normalize

__all__ = [
    "STATUSES",
    "Anchor",
    "NormalizedText",
    "anchor_workspace",
    "make_selector",
    "normalize",
    "reanchor",
    "reanchor_all",
]
