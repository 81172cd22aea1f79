"""Annotations that stay on their words when a document changes.

W3C-style selectors (exact quote, prefix, suffix, offsets) are made by
``make_selector`` and found again by ``reanchor`` with an honest status
(exact, moved, fuzzy, ambiguous, orphaned). ``reanchor`` holds the fast
path (nothing changed) and loads ``search`` for the rest; ``candidates``
finds places, ``similarity`` scores them, ``text`` normalises; ``anchors``
holds what the answer looks like.
"""

from briefing_app.analysis.anchoring.anchors import STATUSES, Anchor
from briefing_app.analysis.anchoring.reanchor import anchor_workspace, make_selector, reanchor, reanchor_all

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


def __getattr__(name: str):  # the normalisation loads with the search, not at start-up
    if name in ("NormalizedText", "normalize"):
        from briefing_app.analysis.anchoring import text

        return getattr(text, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
