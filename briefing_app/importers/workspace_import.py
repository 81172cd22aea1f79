"""Import files into a workspace: extract, normalise, copy into documents/, register.

:func:`import_files` writes the normalised text of each new file into the
workspace's ``documents/`` folder (UTF-8, the form the reader and the
annotation offsets use) and returns a new :class:`Workspace` snapshot with one
:class:`Document` per file. The snapshot is not saved: the caller applies it
(``state.apply``) so the import is one undoable step. A file whose text is
already in the workspace (same sha256) is reported as a duplicate, not
imported twice.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from briefing_app.analysis.dates import find_dates
from briefing_app.importers.formats import Extracted, ImportFailure, extract_file
from briefing_app.model.dates import Precision
from briefing_app.model.edits import put_item, slug
from briefing_app.model.safe_files import UnreadableFile, read_regular_file
from briefing_app.model.validate import resolve_document_path
from briefing_app.model.types import RELIABILITY_INFO, RELIABILITY_SOURCE, Document, Workspace

__all__ = ["DOCUMENTS_DIR", "Duplicate", "ImportResult", "ImportedDocument", "import_files", "sha256_text"]

DOCUMENTS_DIR = "documents"
# progress(done, total, current file name) -> False to cancel
Progress = Callable[[int, int, str], "bool | None"]


@dataclass(frozen=True)
class ImportedDocument:
    """One file that became a document."""

    document: Document
    source: Path
    written: Path  # the text file in documents/
    format: str
    warnings: tuple[str, ...] = ()
    created: bool = True  # False when an identical file was already there (kept if the import is undone)


@dataclass(frozen=True)
class Duplicate:
    """A file whose text the workspace already has."""

    source: Path
    existing: str  # document id


@dataclass
class ImportResult:
    """What :func:`import_files` did.

    Attributes:
        workspace: The new snapshot (the input one when nothing was imported).
        imported: New documents, in the order given.
        duplicates: Files not imported because their text is already there.
        failures: ``(path, message)`` for files that could not be imported.
        cancelled: True when the progress callback asked to stop.
    """

    workspace: Workspace
    imported: list[ImportedDocument] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    failures: list[tuple[Path, str]] = field(default_factory=list)
    cancelled: bool = False

    def summary(self) -> str:
        """One line for a status bar or a terminal."""
        parts = [f"{len(self.imported)} imported"]
        if self.duplicates:
            parts.append(f"{len(self.duplicates)} already there")
        if self.failures:
            parts.append(f"{len(self.failures)} failed")
        if self.cancelled:
            parts.append("cancelled")
        return ", ".join(parts)


def sha256_text(text: str) -> str:
    """sha256 of the UTF-8 bytes a document file holds."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _existing_hashes(ws: Workspace, root: Path) -> dict[str, str]:
    hashes: dict[str, str] = {}
    for doc in ws.documents:
        digest = doc.sha256
        if not digest:  # hand-added document without a hash: hash its file
            try:
                file = resolve_document_path(root, doc.path)
                if file is None:
                    continue
                digest = hashlib.sha256(read_regular_file(file)).hexdigest()
            except UnreadableFile:
                continue
        hashes.setdefault(digest, doc.id)
    return hashes


def _unique(base: str, used: set[str]) -> str:
    candidate, n = base, 2
    while candidate in used:
        candidate = f"{base}-{n}"
        n += 1
    return candidate


def _title_from_name(path: Path) -> str:
    return re.sub(r"[_-]+", " ", path.stem).strip().capitalize() or path.name


def _estimate_published(text: str) -> tuple[object, str]:
    """A full date near the top of the text (a dateline), as an estimate to check."""
    for m in find_dates(text[:600]):
        if m.end_date is None and m.date.precision is Precision.DAY and m.kind == "absolute":
            return m.date, f"read from the text: '{m.text}'"
    return None, ""


def _write(folder: Path, stem: str, data: bytes, used_paths: set[str]) -> tuple[Path, bool]:
    """Write ``data`` to ``folder/stem.txt`` (another name when taken by different bytes).

    Never replaces an existing file and never writes through a symlink: the
    name is claimed with a hard link, which fails when the name exists, so two
    imports running at once cannot overwrite each other's text.

    Returns:
        The file and whether this call created it.
    """
    n = 1
    while True:
        name = f"{stem}.txt" if n == 1 else f"{stem}-{n}.txt"
        target = folder / name
        rel = f"{DOCUMENTS_DIR}/{name}"
        if rel not in used_paths:
            if not os.path.lexists(target):
                fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
                try:
                    with os.fdopen(fd, "wb") as fh:
                        fh.write(data)
                        fh.flush()
                        os.fsync(fh.fileno())
                    os.chmod(tmp, 0o666 & ~_umask())
                    os.link(tmp, target)  # fails if the name was taken meanwhile
                    return target, True
                except FileExistsError:
                    pass
                finally:
                    os.unlink(tmp)
            elif target.is_file() and not target.is_symlink():
                try:
                    if read_regular_file(target, len(data)) == data:  # left by an earlier, undone import
                        return target, False
                except UnreadableFile:
                    pass
        n += 1


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _documents_folder(root: Path) -> Path:
    """``<root>/documents``; refused when it is not a folder or leads out of the workspace."""
    folder = root / DOCUMENTS_DIR
    if not os.path.lexists(folder):
        return folder  # created when the first file is written
    real = folder.resolve()
    try:
        real.relative_to(root.resolve())
    except ValueError:
        raise ImportFailure(f"{folder} is a link to {real}, outside the workspace folder; "
                            "documents are written only inside it (replace the link by a folder)") from None
    if not real.is_dir():
        raise ImportFailure(f"{folder} is not a folder; move it away, then import")
    return folder


def import_files(
    ws: Workspace,
    paths: Iterable[str | Path],
    progress: Progress | None = None,
    reliability: str = "",
    root: Path | None = None,
) -> ImportResult:
    """Import files as documents of a workspace.

    Args:
        ws: The current snapshot.
        paths: Files to import (.txt, .md, .html, .pdf, .docx).
        progress: Called as ``progress(done, total, name)`` before each file and once at the
            end; returning False stops after the files already done.
        reliability: Admiralty grade given to every new document ("B2"), or "".
        root: Workspace folder; defaults to ``ws.root`` (the folder of the workspace file).

    Returns:
        The new snapshot and what happened to each file. Text files are written into
        ``<root>/documents/``; nothing else is changed on disk.

    Raises:
        ImportFailure: when there is no workspace folder or the grade is not an Admiralty code.
    """
    root = root if root is not None else ws.root
    if root is None:
        raise ImportFailure("the workspace has no folder yet: save it first, then import")
    reliability = reliability.strip().upper()
    if reliability and not (
        len(reliability) == 2 and reliability[0] in RELIABILITY_SOURCE and reliability[1] in RELIABILITY_INFO
    ):
        raise ImportFailure(f"reliability {reliability!r} is not an Admiralty code (A–F then 1–6, e.g. B2)")
    paths = [Path(p) for p in paths]
    result = ImportResult(ws)
    hashes = _existing_hashes(ws, root)
    used_ids = {d.id for d in ws.documents}
    used_paths = {d.path for d in ws.documents}
    folder = _documents_folder(root)
    for i, path in enumerate(paths):
        if progress is not None and progress(i, len(paths), path.name) is False:
            result.cancelled = True
            break
        try:
            ex: Extracted = extract_file(path)
        except ImportFailure as exc:
            result.failures.append((path, str(exc)))
            continue
        text = ex.text + "\n"
        digest = sha256_text(text)
        if digest in hashes:
            result.duplicates.append(Duplicate(path, hashes[digest]))
            continue
        title = ex.title or _title_from_name(path)
        stem = slug(title)[:40].strip("-") or slug(path.stem) or "document"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            written, created = _write(folder, stem, text.encode("utf-8"), used_paths)
        except OSError as exc:
            result.failures.append((path, f"{path.name}: cannot write into {folder} ({exc.strerror or exc})"))
            continue
        rel = f"{DOCUMENTS_DIR}/{written.name}"
        published, estimated, note, warnings = ex.published, False, "", []
        if ex.published_from == "dateline":
            note = f"from dateline: '{ex.published_text}'"
        if published is None:
            published, note = _estimate_published(ex.text)
            estimated = published is not None
            if published is None:
                warnings.append(f"{path.name}: no publication date found; set it so relative dates resolve")
        doc = Document(
            id=_unique(f"doc-{stem}"[:44].rstrip("-"), used_ids), title=title, path=rel, publisher=ex.publisher,
            url=ex.url, published=published, published_estimated=estimated, published_note=note, sha256=digest,
            reliability=reliability,
        )  # fmt: skip
        used_ids.add(doc.id)
        used_paths.add(rel)
        hashes[digest] = doc.id
        result.workspace = put_item(result.workspace, "documents", doc)
        result.imported.append(ImportedDocument(doc, path, written, ex.format, tuple(warnings), created))
    if progress is not None and not result.cancelled:
        progress(len(paths), len(paths), "")
    return result
