"""Files dropped on the window become an import; the import dialog (and the importers) load on the first drop."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

from briefing_app.state import AppState


def local_paths(mime) -> list[Path]:  # noqa: ANN001 - QMimeData
    """Local files of a drag and drop (URLs that are not local files are ignored)."""
    if not mime.hasUrls():
        return []
    return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]


class ImportDropFilter(QObject):
    """Event filter that turns files dropped on a widget into an import.

    ``window.setAcceptDrops(True); window.installEventFilter(ImportDropFilter(state, window))``
    """

    def __init__(self, state: AppState, parent: QWidget):
        super().__init__(parent)
        self.state = state
        self.window = parent

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if local_paths(event.mimeData()):
                event.acceptProposedAction()
                return True
        elif event.type() == QEvent.Type.Drop:
            paths = local_paths(event.mimeData())
            if paths:
                event.acceptProposedAction()
                from briefing_app.ui.sources.import_dialog import open_import_dialog

                open_import_dialog(self.state, self.window, paths)
                return True
        return False
