"""A new, empty workspace on disk: ``FOLDER/<slug>.briefing.yaml`` and ``FOLDER/documents/``.

Used by ``briefing-app new`` and File ▸ New. Nothing existing is ever
overwritten: a folder that already holds files is refused, so a typo cannot
bury someone's work under a fresh briefing.
"""

from __future__ import annotations

import re
from pathlib import Path

from briefing_app.model.io import save_workspace
from briefing_app.model.types import Briefing, Workspace

DEFAULT_TITLE = "Untitled briefing"
DOCUMENTS_FOLDER = "documents"


class NewWorkspaceError(Exception):
    """The workspace cannot be made there; the message says why and what to do."""


def workspace_file_name(title: str) -> str:
    """``<slug>.briefing.yaml`` for a title ("Sahel security" → ``sahel-security.briefing.yaml``).

    Letters of any script are kept ("日本と韓国" → ``日本と韓国.briefing.yaml``): an
    ASCII-only slug would name every non-Latin briefing ``briefing.briefing.yaml``.
    """
    name = re.sub(r"[\W_]+", "-", title.casefold()).strip("-")[:60].rstrip("-")
    return f"{name or 'briefing'}.briefing.yaml"


def check_target(folder: Path, title: str) -> Path:
    """Where the workspace file would go; raises :class:`NewWorkspaceError` when it must not be made.

    Args:
        folder: the folder to create (or an existing empty one).
        title: the briefing's title; it names the file.
    """
    folder = Path(folder)
    target = folder / workspace_file_name(title)
    if folder.exists() and not folder.is_dir():
        raise NewWorkspaceError(f"{folder}: is a file, not a folder; choose a folder name")
    if target.exists():
        raise NewWorkspaceError(f"{target}: a workspace already exists there; open it, or choose another folder")
    if folder.is_dir() and any(folder.iterdir()):
        raise NewWorkspaceError(f"{folder}: the folder is not empty; choose a new or empty folder")
    return target


def create_workspace(folder: Path, title: str = "") -> Path:
    """Make ``folder`` with an empty briefing and a ``documents/`` folder; returns the workspace file.

    Raises:
        NewWorkspaceError: the folder is not empty, or cannot be written.
    """
    title = " ".join(title.split()) or DEFAULT_TITLE
    target = check_target(Path(folder), title)
    try:
        (target.parent / DOCUMENTS_FOLDER).mkdir(parents=True, exist_ok=True)
        save_workspace(Workspace(briefing=Briefing(title=title), root=target.parent.resolve()), target, backup=False)
    except OSError as exc:
        raise NewWorkspaceError(f"{folder}: cannot write: {exc.strerror or exc}") from None
    return target
