"""Source documents: the document list and the import dialog (files and drag and drop)."""

from briefing_app.ui.sources.document_list import DocumentListPanel
from briefing_app.ui.sources.import_dialog import ImportDropFilter, open_import_dialog

__all__ = ["DocumentListPanel", "ImportDropFilter", "open_import_dialog"]
