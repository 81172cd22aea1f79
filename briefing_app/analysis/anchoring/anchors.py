"""What re-anchoring says of an annotation: where it sits now, and how sure that is.

The statuses, from surest to none: ``exact`` (the same text at the same
offsets), ``moved`` (the exact quote elsewhere), ``fuzzy`` (an approximate
match, with a score), ``ambiguous`` (rival places, none picked), ``orphaned``
(nothing good enough; weak suggestions may be listed). See :mod:`reanchor`.
"""

from __future__ import annotations

from dataclasses import dataclass

STATUSES = ("exact", "moved", "fuzzy", "ambiguous", "orphaned")

@dataclass(frozen=True)
class Candidate:
    """A place where a quote may sit (original-text offsets)."""

    start: int
    end: int
    score: float


@dataclass(frozen=True)
class Anchor:
    """Where an annotation sits in the current text, and how sure that is.

    Attributes:
        status: One of :data:`STATUSES`.
        start: Offset of the anchored span, or None when ambiguous/orphaned.
        end: End offset (exclusive), or None when ambiguous/orphaned.
        score: Similarity of the anchored text to the quote (1.0 for exact
            and moved); for ambiguous/orphaned the best candidate's score.
        candidates: For ambiguous anchors the rival places; for orphaned
            ones weak suggestions (possibly none).
    """

    status: str
    start: int | None
    end: int | None
    score: float
    candidates: tuple[Candidate, ...] = ()

    @property
    def placed(self) -> bool:
        """Whether the anchor points at one span of the text."""
        return self.start is not None
