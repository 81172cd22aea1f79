"""Source documents: the document list, the import dialog and drag and drop.

Modules: document_list (the panel), document_table (its model), import_dialog
(File ▸ Import, with the importers), drop_import (files dropped on the window).
Import them by module; the package itself loads nothing, so start-up does not
pay for the importers.
"""
