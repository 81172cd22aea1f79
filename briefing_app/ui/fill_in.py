"""Work an open leaves for after the first paint, one short step per event-loop turn.

A big workspace costs the map its actors and lines, the reader its highlights
and the entity list its rows: seconds that used to pass before the window
showed anything. Panels instead queue that work here as a generator, each
``yield`` ending a step (a tenth of a second or less); one step runs per turn
of the event loop, so the window paints first and input and paints come
between steps. One queue for the window (kept on the AppState), so that a
turn runs one step, not one step of every panel.

The first step waits for a paint: Qt paints a window on an update timer of
its own, so a 0-ms timer armed during the open would run before the window
showed anything. Should nothing paint (a hidden window), it starts anyway
after ``PAINT_WAIT_MS``.

A job queued again under the same key replaces the pending one in its place
in line (a newer workspace supersedes the older one's fill-in); ``finish``
runs a job's remaining steps at once, for code that needs the result now.

While jobs are pending the cycle collector is paused: the steps make
hundreds of thousands of long-lived objects (items, layouts), and a full
collection over them (0.1 s for the 8 MB workspace, finding nothing) fell
between two steps, doubling what a click waited. When the queue is empty they
are frozen out of later scans, as the open does with the snapshot.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from functools import partial

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from briefing_app.state import AppState

__all__ = ["BIG_ITEMS", "FillIn", "fill_in", "is_big"]

# Above this many actors, relations, events and annotations a panel's rebuild takes a good part of a second:
# the map, the reader's highlights and the entity list fill in after the first paint.
BIG_ITEMS = 3000
PAINT_WAIT_MS = 150  # the first step's wait for a paint, at most

Job = Iterator[None]

_pausing: set[int] = set()  # the queues holding the collector paused (ids): it resumes when none does


def _pause_gc(queue_id: int) -> None:
    if gc.isenabled():  # (a queue's first step: the window's start-up resumes the collector before it)
        gc.disable()
        _pausing.add(queue_id)


def _resume_gc(queue_id: int) -> None:
    """Give the pause back: when no queue holds it, what the steps made is frozen out of later full
    collections (it lives on with the panels) and the collector resumes. Also run when a queue is
    destroyed with steps pending (a window closed while filling in), so the pause never outlives it."""
    if queue_id in _pausing:
        _pausing.discard(queue_id)
        if not _pausing:
            gc.freeze()
            gc.enable()


class FillIn(QObject):
    """A queue of stepped jobs run one step per event-loop turn."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._jobs: dict[str, Job] = {}  # insertion order is run order
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._step)
        self._waiting_for_paint = False
        self._paint_wait = QTimer(self)
        self._paint_wait.setSingleShot(True)
        self._paint_wait.setInterval(PAINT_WAIT_MS)
        self._paint_wait.timeout.connect(self._painted)
        self.destroyed.connect(partial(_resume_gc, id(self)))  # not a bound method: called as it dies

    def add(self, key: str, steps: Job | Callable[[], Job], first: bool = False) -> None:
        """Queue ``steps`` (a generator, or a function making one) under ``key``, replacing a pending job;
        ``first``: at the head of the line (what the user reads comes before what fills the views)."""
        idle = not self._jobs
        self._jobs[key] = steps() if callable(steps) else steps  # a pending key keeps its place in line
        if first:
            self._jobs = {key: self._jobs.pop(key), **self._jobs}
        if idle and not self._waiting_for_paint:
            app = QApplication.instance()
            if app is not None:
                self._waiting_for_paint = True
                app.installEventFilter(self)
                self._paint_wait.start()
            else:
                self._timer.start()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            self._painted()  # the steps start once the paint in progress has finished (a 0-ms timer)
        return False

    def _painted(self) -> None:
        if not self._waiting_for_paint:
            return
        self._waiting_for_paint = False
        self._paint_wait.stop()
        QApplication.instance().removeEventFilter(self)
        if self._jobs:
            self._timer.start()

    def cancel(self, key: str) -> None:
        self._jobs.pop(key, None)
        self._resume_gc_when_idle()

    def _resume_gc_when_idle(self) -> None:
        if not self._jobs:
            _resume_gc(id(self))

    def keys(self) -> list[str]:
        """The pending jobs, in the order they run."""
        return list(self._jobs)

    def pending(self, key: str | None = None) -> bool:
        return bool(self._jobs) if key is None else key in self._jobs

    def finish(self, key: str | None = None) -> None:
        """Run the remaining steps of ``key`` (or of every job) now."""
        for k in [key] if key is not None else list(self._jobs):
            job = self._jobs.pop(k, None)
            if job is not None:
                for _ in job:
                    pass
        self._resume_gc_when_idle()

    def _step(self) -> None:
        if not self._jobs:
            return
        _pause_gc(id(self))
        key = next(iter(self._jobs))
        job = self._jobs[key]
        try:
            next(job)
        except StopIteration:
            if self._jobs.get(key) is job:  # not replaced by the step itself
                del self._jobs[key]
        except Exception:
            if self._jobs.get(key) is job:  # a failed job is dropped; the others still run
                del self._jobs[key]
            raise
        finally:
            if self._jobs:
                self._timer.start()
            else:
                self._resume_gc_when_idle()


def fill_in(state: AppState) -> FillIn:
    """The window's queue (one per AppState, made on first use)."""
    queue = getattr(state, "_fill_in_queue", None)
    if queue is None:
        queue = FillIn(state)
        state._fill_in_queue = queue  # noqa: SLF001 - the state is the one object every panel shares
    return queue


def is_big(state: AppState) -> bool:
    """Whether the current workspace is big enough for its panels to fill in after a paint."""
    ws = state.workspace
    return len(ws.entities) + len(ws.relations) + len(ws.events) + len(ws.annotations) > BIG_ITEMS
