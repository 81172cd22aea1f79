"""Import source documents (text, Markdown, HTML, PDF, DOCX) into a workspace.

Pure Python, no Qt: :func:`import_files` is what File ▸ Import, drag and drop
and ``briefing-app import`` call.
"""

from briefing_app.importers.formats import SUFFIXES, Extracted, ImportFailure, extract_file
from briefing_app.importers.workspace_import import Duplicate, ImportedDocument, ImportResult, import_files

__all__ = [
    "SUFFIXES",
    "Duplicate",
    "Extracted",
    "ImportFailure",
    "ImportResult",
    "ImportedDocument",
    "extract_file",
    "import_files",
]
