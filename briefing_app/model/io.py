"""Reading and writing workspace files and their documents.

Loading never changes a file; saving is atomic (temp file, fsync, rename)
and keeps the previous version as ``<file>.bak``.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from briefing_app.model.parse import SourceMap, build_workspace
from briefing_app.model.problems import Problem, WorkspaceError
from briefing_app.model.safe_files import UnreadableFile, is_regular_file, read_regular_file
from briefing_app.model.types import Document, Workspace
from briefing_app.model import parse_cache
from briefing_app.model.gc_pause import gc_paused
from briefing_app.resources import data_path
from briefing_app.model.write_lock import workspace_write_lock
from briefing_app.model.validate import resolve_document_path, validate_files, validate_items
from briefing_app.model.yaml_values import MAX_BYTES

BUNDLED_EXAMPLE = data_path("japan-korea.briefing.yaml")
MAX_DOCUMENT_BYTES = 200 * 1024 * 1024
_prefetched: dict[str, tuple] = {}  # the snapshot needs_slow_parse read ahead, until opened
SLOW_PARSE_BYTES = 2 * 1024 * 1024  # above this a first parse takes seconds: done in a child process  # a document larger than this is refused with a message


@dataclass
class LoadResult:
    """What reading a workspace gave: the snapshot (None when unreadable) and every problem."""

    path: Path
    workspace: Workspace | None
    problems: list[Problem] = field(default_factory=list)
    source_map: SourceMap | None = None
    sha256: str = ""  # of the bytes read: tells later whether the file changed on disk

    @property
    def blocking(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error" and p.blocking]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning" or not p.blocking]


def default_workspace_path() -> Path:
    """The bundled example, opened when no file is given."""
    return BUNDLED_EXAMPLE


def read_workspace(path: str | Path, check_files: bool = True, use_cache: bool = True,
                   full_read: bool = True) -> LoadResult:
    """Read and validate a workspace file; never raises for content problems.

    rapidyaml reads the file first (:mod:`fast_yaml`); libyaml reads it again only
    when there are problems to place (or with ``full_read=False``, the result says
    that it is needed). A file of 32 KB or more is parsed once: the parsed snapshot is cached by
    the sha256 of the file's bytes (see :mod:`parse_cache`).
    """
    path = Path(path)
    name = str(path)
    try:
        raw = read_regular_file(path, MAX_BYTES)
    except UnreadableFile as exc:
        message = str(exc)
        if message == "is a folder, not a file":
            message = "is a folder; give the *.briefing.yaml file inside it"
        return LoadResult(path, None, [Problem(name, 1, 1, message)])
    sha256 = hashlib.sha256(raw).hexdigest()  # the cache key and the result's fingerprint: hashed once
    key = parse_cache.key_for_digest(sha256) if use_cache and len(raw) >= parse_cache.MIN_BYTES else None
    # the window's read-ahead first: the same snapshot as the cache file, without unpickling it again
    cached = _prefetched.pop(key, None) if key else None
    if key and cached is None:
        cached = parse_cache.load(key)
    if cached is not None and cached[1].file == name:  # these bytes were decoded and parsed before
        ws, smap, problems = cached
        problems = list(problems)
    else:
        # The parsers load here, on a miss only: the window's start on a file read before needs none.
        from briefing_app.model import fast_yaml
        from briefing_app.model.serialize import CANONICAL_HEADER
        from briefing_app.model.yaml_source import YamlSourceError, count_comment_lines, parse_yaml

        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
            return LoadResult(path, None, [Problem(name, line, col, "not UTF-8 text; save the file as UTF-8")])
        try:
            # One pause for the whole read: re-enabled between steps, the collector would scan
            # the ~10^6 objects made so far (~0.1 s each time); they hold no cycles.
            with gc_paused():
                parsed = fast_yaml.load(text)  # None when only libyaml can read it
                fast = parsed is not None
                problems = []
                if fast:
                    ws, smap, problems = build_workspace(*parsed, name)
                    problems += validate_items(ws, smap)
                # Freed here, before the cache is written by a forked child: freeing ~10^6 objects
                # afterwards would also copy every page they sit on (the child shares them).
                del parsed
            if not fast or problems:  # libyaml knows the line and column of every item
                if not full_read:
                    return LoadResult(path, None, [Problem(name, 1, 1, "needs a full read to place its problems")])
                try:
                    data, positions = parse_yaml(text)
                except YamlSourceError as exc:
                    return LoadResult(path, None, [Problem(name, exc.line, exc.col, exc.message)])
                ws, smap, problems = build_workspace(data, positions, name)
                problems += validate_items(ws, smap)
                del data, positions  # as above
        except Exception as exc:  # noqa: BLE001 - last guard: a message, never a traceback
            return LoadResult(path, None, [Problem(name, 1, 1, f"cannot be read: {type(exc).__name__}: {exc} "
                                                   "(please report this file)")])
        comments = count_comment_lines(text[len(CANONICAL_HEADER):] if text.startswith(CANONICAL_HEADER) else text)
        if comments:
            problems.append(Problem(name, 1, 1, f"{comments} comment line(s) will not be kept when the workspace "
                                    "is saved (the canonical form has no comments); keep notes in 'note:' fields",
                                    severity="warning", blocking=False))
        if key and not any(p.blocking and p.severity == "error" for p in problems):
            # Only document positions are needed again (file checks); item positions are
            # half the pickle and only matter for messages of a file with problems.
            docs_only = SourceMap(smap.file, {k: v for k, v in smap.items.items() if k[0] == "documents"}, smap.top)
            parse_cache.store(key, (ws, docs_only, problems), wait=len(raw) < parse_cache.FORK_BYTES)
            if not full_read:  # read ahead for the window: its next read takes it from here
                _prefetched.clear()
                _prefetched[key] = (ws, docs_only, list(problems))
    ws = ws.with_(root=path.resolve().parent)
    if check_files:
        problems += validate_files(ws, smap)
    problems.sort(key=lambda pr: (pr.line, pr.col))
    return LoadResult(path, ws, problems, smap, sha256)


def needs_slow_parse(path: str | Path) -> bool:
    """Whether opening ``path`` means parsing a big file not seen before with libyaml (seconds).

    A file rapidyaml reads without problems is read here, in about a second, and
    kept for the open that follows; one with problems needs libyaml to place them.
    """
    try:
        if not is_regular_file(Path(path)) or Path(path).stat().st_size < SLOW_PARSE_BYTES:
            return False
        raw = read_regular_file(path, MAX_BYTES)
    except (OSError, UnreadableFile):
        return False
    if parse_cache.has(parse_cache.key_for(raw)):
        return False
    from briefing_app.model import fast_yaml

    return not (fast_yaml.available() and read_workspace(path, check_files=False, full_read=False).workspace)


def load_workspace(path: str | Path) -> Workspace:
    """Read a workspace, raising :class:`WorkspaceError` when it cannot be opened."""
    result = read_workspace(path)
    if result.workspace is None or result.blocking:
        raise WorkspaceError(result.blocking or result.problems)
    return result.workspace


class WorkspaceChanged(OSError):
    """The file on disk is not the version the writer started from; nothing was written."""

    def __init__(self, path: Path):
        super().__init__(errno.EAGAIN, f"{path.name} was changed on disk by another program since it was read; "
                                       "nothing was written: reload it (or save again to overwrite)")


def save_workspace(ws: Workspace, path: str | Path, backup: bool = True, expected_sha256: str | None = None) -> str:
    """Write ``ws`` in canonical form, atomically, keeping ``<path>.bak``.

    A crash at any moment leaves either the old file or the new one in place,
    never a mix: the text goes to a temp file in the same folder, is flushed
    to disk, then renamed over the target. The write holds the workspace's
    write lock, so it never interleaves with another writer.

    Args:
        expected_sha256: when given, the sha256 the file on disk must still have
            (the version the caller read); otherwise nothing is written.

    Returns:
        The sha256 of the bytes written.

    Raises:
        WorkspaceChanged: the file on disk is not ``expected_sha256``.
        OSError: the file cannot be written (the old one is then untouched).
    """
    from briefing_app.model.serialize import dump_workspace

    path = Path(path)
    data = dump_workspace(ws)
    with workspace_write_lock(path):
        if expected_sha256 is not None and file_sha256(path) not in (None, expected_sha256):
            raise WorkspaceChanged(path)
        write_text_atomic(path, data, backup=backup)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def file_sha256(path: str | Path) -> str | None:
    """sha256 of a regular file's bytes, or None when there is none to read."""
    try:
        return hashlib.sha256(read_regular_file(path)).hexdigest()
    except UnreadableFile:
        return None


def write_text_atomic(path: Path, text: str, backup: bool = True) -> None:
    """Replace ``path`` with ``text`` atomically; optionally keep the old file as ``.bak``.

    A symlinked workspace stays a symlink: the file it points to is replaced.
    """
    path = Path(os.path.realpath(path))
    if path.exists() and not is_regular_file(path):
        raise OSError(errno.EINVAL, f"{path} is not a regular file; not replaced")
    folder = path.parent
    _remove_stale_temp_files(folder, path.name)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp makes the file 0600: keep the old file's mode, or the umask's default.
        os.chmod(tmp, stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o666 & ~_umask())
        if backup and path.exists():
            _copy_atomic(path, path.with_name(path.name + ".bak"))
        os.replace(tmp, path)
        _fsync_dir(folder)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _remove_stale_temp_files(folder: Path, name: str) -> None:
    """Delete temp files left by a save that was killed (their process is gone)."""
    for tmp in folder.glob(f".{name}.*.tmp"):
        parts = tmp.name[len(name) + 2:].split(".")
        if parts[0] == "bak":  # the .bak copy's temp file: .<name>.bak.<pid>.<random>.tmp
            parts = parts[1:]
        if not parts or not parts[0].isdigit():
            continue
        pid = int(parts[0])
        if pid != os.getpid() and not _process_alive(pid):
            tmp.unlink(missing_ok=True)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _copy_atomic(src: Path, dst: Path) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{dst.name}.{os.getpid()}.", suffix=".tmp", dir=dst.parent)
    try:
        with os.fdopen(fd, "wb") as out, open(src, "rb") as inp:
            out.write(inp.read())
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, dst)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def copy_documents(ws: Workspace, folder: Path) -> None:
    """Copy a workspace's document files into ``folder`` (for Save As elsewhere).

    Files already there with the same bytes are left alone; missing sources are skipped.
    """
    import shutil

    root = ws.root if ws.root is not None else Path.cwd()
    for doc in ws.documents:
        src = resolve_document_path(root, doc.path)
        dst = resolve_document_path(folder, doc.path)
        if src is None or dst is None or not src.is_file() or src == dst:
            continue
        if dst.is_file() and dst.read_bytes() == src.read_bytes():
            continue
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dst)


class DocumentError(Exception):
    """A document whose text cannot be shown; the message says why and what to do."""


def read_document_text(ws: Workspace, doc: Document) -> tuple[str, list[str]]:
    """The text of a document and any warnings about it.

    Invalid UTF-8 bytes are replaced (and reported) rather than refused, so
    that a damaged file can still be read.

    Raises:
        DocumentError: file missing, outside the workspace, or too large.
    """
    root = ws.root if ws.root is not None else Path.cwd()
    path = resolve_document_path(root, doc.path)
    if path is None:
        raise DocumentError(f"'{doc.path}' leads outside the workspace folder and is not read")
    try:
        raw = read_regular_file(path, MAX_DOCUMENT_BYTES)
    except UnreadableFile as exc:
        if str(exc) == "file not found":
            raise DocumentError(f"'{doc.path}' not found in {root}; put the file back or fix 'path'") from None
        raise DocumentError(f"'{doc.path}' {exc}") from None
    warnings = []
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text = raw.decode("utf-8", errors="replace")
        warnings.append(f"'{doc.path}' is not valid UTF-8 (first bad byte at offset {exc.start}); "
                        "bad bytes are shown as \ufffd")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        warnings.append(f"'{doc.path}' is empty")
    return text, warnings
