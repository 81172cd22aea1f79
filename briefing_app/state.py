"""AppState: the one hub between the model and the panels.

It holds the current immutable snapshot, the selection, the current
document and the time cursor, and is the only writer: every edit is a
:class:`SnapshotCommand` on the undo stack that swaps snapshots, so undo is
exact and the stack's clean state is the "unsaved changes" flag. Panels
listen to its signals and call its methods; they never talk to each other.
"""

from __future__ import annotations

import datetime as _dt
import gc
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from briefing_app.model.io import DocumentError, copy_documents, LoadResult, read_document_text, read_workspace, save_workspace
from briefing_app.model.changes import ChangeReport, Period, changes_between
from briefing_app.model.dates import PartialDate
from briefing_app.model.queries import default_day
from briefing_app.model.types import Workspace

if TYPE_CHECKING:
    from briefing_app.analysis.anchoring import Anchor
    from briefing_app.analysis.matcher import AliasMatcher, Mention

SELECTION_KINDS = ("entity", "relation", "event", "annotation", "document", "")


class SnapshotCommand(QUndoCommand):
    """An edit: redo shows ``new``, undo shows ``old``."""

    def __init__(self, state: AppState, text: str, old: Workspace, new: Workspace):
        super().__init__(text)
        self._state = state
        self._old = old
        self._new = new

    def redo(self) -> None:
        self._state._set_snapshot(self._new)

    def undo(self) -> None:
        self._state._set_snapshot(self._old)


class AppState(QObject):
    """The shared state of one window. See DESIGN.md, "One picture"."""

    workspace_replaced = Signal()
    workspace_changed = Signal()
    selection_changed = Signal(str, str)
    time_cursor_changed = Signal(str)
    document_shown = Signal(str)
    passage_requested = Signal(str, int, int)
    message_posted = Signal(str)
    compare_period_changed = Signal(str, str)  # since, until as partial dates; "" "" when compare is off

    def __init__(self, workspace: Workspace | None = None, path: Path | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._ws = workspace if workspace is not None else Workspace()
        self._path = Path(path) if path else None
        self.undo_stack = QUndoStack(self)
        self._selection: tuple[str, str] = ("", "")
        self._time_cursor = default_day(self._ws)
        self._current_document: str | None = self._ws.documents[0].id if self._ws.documents else None
        self._texts: dict[tuple[Any, ...], tuple[str, str | None]] = {}
        self._mentions: dict[str, list[Mention]] = {}
        self._matcher: AliasMatcher | None = None
        self._matcher_source: object = None
        self._anchors: dict[str, Anchor] = {}
        self._anchors_key: object = None
        self.last_load: LoadResult | None = None
        self.loaded_sha256: str | None = None  # of the file as last read or written
        self._compare: tuple[PartialDate, PartialDate] | None = None
        self._compare_report: tuple[Workspace, tuple[PartialDate, PartialDate], ChangeReport] | None = None

    # -- read access -----------------------------------------------------------
    @property
    def workspace(self) -> Workspace:
        return self._ws

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def selection(self) -> tuple[str, str]:
        return self._selection

    @property
    def time_cursor(self) -> _dt.date:
        return self._time_cursor

    @property
    def current_document(self) -> str | None:
        return self._current_document

    @property
    def compare_period(self) -> tuple[PartialDate, PartialDate] | None:
        """The period the window compares (map, timeline, changes list), or None."""
        return self._compare

    def set_compare_period(self, since: PartialDate | None, until: PartialDate | None = None) -> None:
        """Compare the workspace between two dates (None: compare mode off); the cursor moves to the end.

        Raises:
            PeriodError: when ``until`` ends before ``since`` starts.
        """
        if since is None:
            if self._compare is not None:
                self._compare = None
                self.compare_period_changed.emit("", "")
            return
        until = until or since
        Period(since, until)  # refuses a reversed period before anything changes
        self._compare = (since, until)
        self.set_time_cursor(until.end)
        self.compare_period_changed.emit(since.iso(), until.iso())

    def compare_report(self) -> ChangeReport | None:
        """What changed in the compare period, for the current snapshot (cached per snapshot and period)."""
        if self._compare is None:
            return None
        cached = self._compare_report
        if cached is None or cached[0] is not self._ws or cached[1] != self._compare:
            cached = self._compare_report = (self._ws, self._compare, changes_between(self._ws, *self._compare))
        return cached[2]

    # -- navigation (not undoable: it changes what is shown, not the data) -----
    def select(self, kind: str, item_id: str) -> None:
        if kind not in SELECTION_KINDS:
            raise ValueError(f"unknown selection kind {kind!r}")
        if (kind, item_id) == self._selection:
            return
        self._selection = (kind, item_id)
        self.selection_changed.emit(kind, item_id)

    def set_time_cursor(self, day: _dt.date) -> None:
        if isinstance(day, _dt.datetime):
            day = day.date()
        if day == self._time_cursor:
            return
        self._time_cursor = day
        self.time_cursor_changed.emit(day.isoformat())

    def show_document(self, doc_id: str) -> None:
        if doc_id == self._current_document or doc_id not in self._ws.document_by_id:
            return
        self._current_document = doc_id
        self.document_shown.emit(doc_id)

    def show_passage(self, doc_id: str, start: int, end: int) -> None:
        if doc_id not in self._ws.document_by_id:
            self.message_posted.emit(f"Document '{doc_id}' is not in this workspace")
            return
        self.show_document(doc_id)
        self.passage_requested.emit(doc_id, start, end)

    # -- edits ---------------------------------------------------------------------
    def apply(self, text: str, new: Workspace) -> None:
        """Make ``new`` the current snapshot as one undoable step named ``text``."""
        if new is self._ws:
            return
        self.undo_stack.push(SnapshotCommand(self, text, self._ws, new))

    def edit(self, text: str, fn: Callable[..., Workspace], *args: Any, **kw: Any) -> None:
        """Apply a pure edit function: ``apply(text, fn(workspace, *args, **kw))``."""
        self.apply(text, fn(self._ws, *args, **kw))

    def _set_snapshot(self, ws: Workspace) -> None:
        self._ws = ws
        if self._current_document not in ws.document_by_id:
            self._current_document = ws.documents[0].id if ws.documents else None
            self.document_shown.emit(self._current_document or "")
        kind, item_id = self._selection
        if kind and item_id not in _by_id(ws, kind):
            self._selection = ("", "")
            self.selection_changed.emit("", "")
        self.workspace_changed.emit()

    # -- files -----------------------------------------------------------------------
    def open(self, path: str | Path) -> LoadResult:
        """Open a workspace file. On blocking problems the current workspace stays."""
        result = read_workspace(path)
        self.last_load = result
        if result.workspace is None or result.blocking:
            n = len(result.blocking) or len(result.problems)
            self.message_posted.emit(f"{Path(path).name} was not opened: {n} problem(s)")
            return result
        # A big snapshot is millions of long-lived objects: out of the cycle collector's scans (it held
        # the panels' first build up by about a second of full collections). Freed by reference counts.
        gc.freeze()
        self.replace_workspace(result.workspace, Path(path))
        self.loaded_sha256 = result.sha256
        if result.warnings:
            self.message_posted.emit(f"Opened {Path(path).name} with {len(result.warnings)} warning(s)")
        else:
            self.message_posted.emit(f"Opened {Path(path).name}")
        return result

    def replace_workspace(self, ws: Workspace, path: Path | None) -> None:
        """Show another workspace: resets undo history, caches, selection and cursor."""
        self._ws = ws
        self._path = Path(path) if path else None
        self.undo_stack.clear()
        self._texts.clear()
        self._mentions.clear()
        self._matcher = None
        self._matcher_source = None
        self._anchors_key = None
        self._selection = ("", "")
        self._current_document = ws.documents[0].id if ws.documents else None
        self._time_cursor = default_day(ws)
        self.workspace_replaced.emit()
        self.workspace_changed.emit()
        self.selection_changed.emit("", "")
        self.time_cursor_changed.emit(self._time_cursor.isoformat())
        self.document_shown.emit(self._current_document or "")

    def save(self, path: str | Path | None = None, run: Callable[[Callable[[], str]], str] | None = None,
             expected_sha256: str | None = None) -> None:
        """Write the workspace (atomically). Raises OSError when the file cannot be written.

        Args:
            path: where to write; default the current file.
            run: how to run the write, e.g. on a worker thread for a big
                workspace (it only reads the immutable snapshot); default: call it.
            expected_sha256: the file on disk must still have these bytes (checked under
                the workspace's write lock), else :class:`WorkspaceChanged` (an OSError).
        """
        target = Path(path) if path else self._path
        if target is None:
            raise ValueError("no file name: use save(path)")
        folder = target.resolve().parent
        if self._ws.root is not None and folder != self._ws.root:
            # Document paths are relative to the workspace file: bring the texts along.
            copy_documents(self._ws, folder)
            self._ws = self._ws.with_(root=folder)
            self._texts.clear()
        ws = self._ws

        def write() -> str:
            return save_workspace(ws, target, expected_sha256=expected_sha256)

        self.loaded_sha256 = run(write) if run is not None else write()
        self._path = target
        self.undo_stack.setClean()
        self.message_posted.emit(f"Saved {target.name}")

    @property
    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    # -- derived data (cached per snapshot part) -------------------------------------
    def _document(self, doc_id: str) -> tuple[str, str | None]:
        """(text, error) of a document, read once per file version and cached."""
        doc = self._ws.document_by_id.get(doc_id)
        if doc is None:
            return "", f"no document '{doc_id}'"
        key = (doc.path, doc.sha256, self._ws.root)
        if key not in self._texts:
            try:
                text, warnings = read_document_text(self._ws, doc)
                error = None
                for w in warnings:
                    self.message_posted.emit(w)
            except DocumentError as exc:
                text, error = "", str(exc)
                self.message_posted.emit(error)
            self._texts[key] = (text, error)
        return self._texts[key]

    def document_text(self, doc_id: str) -> str:
        """The document's text, or '' (with a message) when it cannot be read."""
        return self._document(doc_id)[0]

    def document_error(self, doc_id: str) -> str | None:
        """Why a document cannot be shown, or None when it can (no re-read: cached)."""
        return self._document(doc_id)[1]

    @property
    def matcher(self) -> AliasMatcher:
        """The alias matcher for the current entities (rebuilt only when they change)."""
        from briefing_app.analysis.matcher import AliasMatcher  # heavy-ish: built on first use

        if self._matcher is None or self._matcher_source is not self._ws.entities:
            self._matcher = AliasMatcher.from_workspace(self._ws)
            self._matcher_source = self._ws.entities
            self._mentions.clear()
        return self._matcher

    @property
    def matcher_ready(self) -> bool:
        """Whether :attr:`matcher` is built for the current entities (else asking for it builds it)."""
        return self._matcher is not None and self._matcher_source is self._ws.entities

    def anchors(self) -> dict[str, Anchor]:
        """Where every annotation sits in its document's current text (cached).

        Recomputed only when the annotations or the documents change; a
        changed document text re-anchors with honest statuses (exact, moved,
        fuzzy, ambiguous, orphaned).
        """
        from briefing_app.analysis.anchoring import anchor_workspace

        ws = self._ws
        key = (ws.annotations, tuple((d.id, d.path, d.sha256) for d in ws.documents), ws.root)
        if self._anchors_key != key:
            ids = {a.document for a in ws.annotations if a.document in ws.document_by_id}
            texts = {d: t for d in ids if (t := self.document_text(d))}
            self._anchors, self._anchors_key = anchor_workspace(ws, texts), key
        return self._anchors

    def mentions(self, doc_id: str) -> list[Mention]:
        """Entity mentions in a document (cached until the entities or the text change)."""
        matcher = self.matcher
        doc = self._ws.document_by_id.get(doc_id)
        if doc is None:
            return []
        key = f"{doc_id}\0{doc.path}\0{doc.sha256}"
        if key not in self._mentions:
            self._mentions[key] = matcher.find(self.document_text(doc_id))
        return self._mentions[key]

    def entities_mentioned(self, doc_id: str, start: int, end: int) -> list[str]:
        """Entity ids mentioned inside ``[start, end)`` of a document, in order of first mention
        (what a passage proposes as participants or members)."""
        seen: list[str] = []
        for m in self.mentions(doc_id):
            if m.start >= start and m.end <= end and m.entity_id not in seen:
                seen.append(m.entity_id)
        return seen

    def passage_dates(self, doc_id: str, passage: str) -> tuple[PartialDate | None, PartialDate | None]:
        """The most confident date expression of a passage (start, end), resolved against its
        document's date: what a passage proposes for a new event or state."""
        from briefing_app.analysis.dates import find_dates  # the date grammar, loaded on first use

        doc = self.workspace.document_by_id.get(doc_id)
        try:
            found = find_dates(passage, doc.published if doc else None)
        except ValueError:
            return None, None
        if not found:
            return None, None
        best = max(found, key=lambda d: d.confidence)
        return best.date, best.end_date


def _by_id(ws: Workspace, kind: str) -> Any:
    return {
        "entity": ws.entity_by_id,
        "relation": ws.relation_by_id,
        "event": ws.event_by_id,
        "annotation": ws.annotation_by_id,
        "document": ws.document_by_id,
    }[kind]
