"""Building many acyclic objects without the cycle collector rescanning them.

Kept apart from the parsers so that the parse cache (and the window's start-up
that reads from it) can pause the collector without importing a YAML parser.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic collector while ~10^6 acyclic objects are built (it would rescan them).

    On the way out they go to the oldest generation without a scan: re-enabled with them
    in the youngest, the collector's next pass (within a few allocations) would walk them
    all, ~0.1 s for an 8 MB workspace, and again on their way through the middle one.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        age_young_objects()
        if enabled:
            gc.enable()


AGE_AFTER_OBJECTS = 100_000  # fewer new objects than this (a small file): left to the collector


def age_young_objects() -> None:
    """Move every object the collector tracks to its oldest generation (full collections only), unscanned.

    Only after a big build: a process making many small reads (the test suite, a merge) would
    otherwise send all its young objects, garbage included, to the generation that full
    collections walk, and ran three times slower."""
    if gc.get_count()[0] < AGE_AFTER_OBJECTS:
        return
    # A process that keeps its long-lived objects frozen (the window freezes each snapshot it
    # opens) gets these frozen too: unfreezing would thaw all of those as well.
    keeps_frozen = gc.get_freeze_count() > 0
    gc.freeze()
    if not keeps_frozen:
        gc.unfreeze()
