"""Keeps a workspace's search index fresh on a worker thread, so the window never waits.

SQLite releases the interpreter lock while it works, and the index is
written through its own connection, so the GUI thread goes on painting and
can query the part already indexed (WAL mode) while a big workspace is
indexed. Progress is polled by a timer; a new request while a run is going
is remembered and run next, with the newest snapshot.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from briefing_app.model.types import Workspace
from briefing_app.search import SearchError, SearchIndex, UpdateReport

__all__ = ["BackgroundIndexer"]


class BackgroundIndexer(QObject):
    """Runs :meth:`SearchIndex.update` off the GUI thread.

    Signals:
        progressed(int, int): documents done, documents in all.
        finished(object): the UpdateReport, or a SearchError.
    """

    progressed = Signal(int, int)
    finished = Signal(object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._thread: threading.Thread | None = None
        self._pending: tuple[Workspace, Path] | None = None
        self._progress = (0, 0)
        self._result: object = None
        self._stop = threading.Event()
        self._timer = QTimer(self)
        self._timer.setInterval(100)
        self._timer.timeout.connect(self._poll)

    @property
    def running(self) -> bool:
        return self._thread is not None

    def request(self, ws: Workspace, index_path: Path) -> None:
        """Index ``ws`` into ``index_path`` now, or right after the run in progress."""
        if self._thread is not None:
            self._pending = (ws, index_path)
            return
        self._start(ws, index_path)

    def _start(self, ws: Workspace, index_path: Path) -> None:
        self._stop.clear()
        self._progress = (0, len(ws.documents))

        def work() -> None:
            try:
                with SearchIndex(index_path) as index:
                    self._result = index.update(ws, self._set_progress, self._stop.is_set)
            except SearchError as exc:
                self._result = exc
            except Exception as exc:  # noqa: BLE001 - reported in the panel, never a crash of the window
                self._result = SearchError(f"indexing failed: {type(exc).__name__}: {exc}")

        self._thread = threading.Thread(target=work, name="briefing-desk-search-index", daemon=True)
        self._thread.start()
        self._timer.start()

    def _set_progress(self, done: int, total: int) -> None:
        self._progress = (done, total)

    def _poll(self) -> None:
        self.progressed.emit(*self._progress)
        if self._thread is None or self._thread.is_alive():
            return
        self._thread.join()
        self._thread = None
        result, self._result = self._result, None
        self.finished.emit(result)
        if self._pending is not None:
            ws, path = self._pending
            self._pending = None
            self._start(ws, path)
        else:
            self._timer.stop()

    def stop(self, wait: float = 5.0) -> None:
        """Ask a run to stop at the next document and wait for it (closing the window)."""
        self._pending = None
        self._stop.set()
        if self._thread is not None:
            self._thread.join(wait)
        self._timer.stop()


def is_report(result: object) -> bool:
    return isinstance(result, UpdateReport)
