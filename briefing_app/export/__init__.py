"""Briefing export: workspace → composed briefing → PDF, from the window or headless.

Use :func:`export_briefing`; it needs no display (an offscreen
QGuiApplication is made when none exists).
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from briefing_app.export.compose import (
    PAPERS,
    SECTION_IDS,
    SECTION_TITLES,
    BriefingDoc,
    ExportOptions,
    FigureSlot,
    OptionsError,
    compose_briefing,
)
from briefing_app.export.figures import register_figure_provider
from briefing_app.model.types import Workspace

__all__ = [
    "PAPERS",
    "SECTION_IDS",
    "SECTION_TITLES",
    "ExportError",
    "ExportOptions",
    "ExportReport",
    "OptionsError",
    "check_sources",
    "export_briefing",
    "register_figure_provider",
]

Progress = Callable[[float, str], "bool | None"]


class ExportError(Exception):
    """The export failed; nothing was written at the target path."""


@dataclass
class ExportReport:
    """What an export did.

    Attributes:
        path: The PDF written (None when cancelled).
        pages: Page count.
        seconds: Wall time.
        problems: Things noted in the PDF (missing documents, passages no
            longer found, missing figures, font fallbacks).
        cancelled: True when the progress callback stopped the export.
    """

    path: Path | None
    pages: int = 0
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)
    cancelled: bool = False


def check_sources(ws: Workspace) -> tuple[dict[str, str], dict[str, str]]:
    """Find unreadable documents and annotations whose passage is no longer in their document.

    Returns:
        (document id → problem, annotation id → problem).
    """
    from briefing_app.model.io import DocumentError, read_document_text

    doc_problems: dict[str, str] = {}
    texts: dict[str, str] = {}
    for doc in ws.documents:
        try:
            texts[doc.id], _warnings = read_document_text(ws, doc)
        except DocumentError as exc:
            doc_problems[doc.id] = f"document file unavailable: {exc}"
    ann_problems: dict[str, str] = {}
    for ann in ws.annotations:
        text = texts.get(ann.document)
        if text is None:
            continue  # the document's own problem is reported once, in the source list
        sel = ann.selector
        if text[sel.start:sel.end] == sel.exact or (sel.exact and sel.exact in text):
            continue
        ann_problems[ann.id] = "orphaned: the quoted passage is no longer in the document text"
    return doc_problems, ann_problems


def figure_slots(doc: BriefingDoc) -> list[tuple[str, FigureSlot]]:
    """The figures a composed briefing asks for, keyed as the layout looks them up
    ("map", "timeline", "timeline-1" for a second timeline figure)."""
    out: list[tuple[str, FigureSlot]] = []
    for section in doc.sections:
        body = section.body
        slots = (body,) if isinstance(body, FigureSlot) else body if isinstance(body, tuple) else ()
        for i, slot in enumerate(s for s in slots if isinstance(s, FigureSlot)):
            out.append((f"{slot.kind}-{i}" if i else slot.kind, slot))
    return out


def _ensure_gui_app() -> None:
    """Fonts need a QGuiApplication and figure views draw with widgets."""
    from briefing_app.render.qt_app import ensure_application

    ensure_application()


def _check_target(out_path: Path) -> Path:
    try:
        return _checked_target(Path(out_path))
    except OSError as exc:  # a name too long, a loop of links, no permission to look
        raise ExportError(f"cannot write {out_path}: {exc.strerror or exc}") from None


def _checked_target(out_path: Path) -> Path:
    out = Path(out_path).expanduser()
    if "\0" in str(out):
        raise ExportError(f"{str(out)!r}: the path contains a NUL character")
    if out.is_symlink():
        out = Path(os.path.realpath(out))  # write the file the link points to; the link stays
    if out.exists() and out.is_dir():
        raise ExportError(f"{out} is a folder; give a file name ending in .pdf")
    if out.exists() and not out.is_file():
        raise ExportError(f"{out} is not a regular file (a device, FIFO or socket); give a file name ending in .pdf")
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"cannot write {out}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ExportError(f"cannot write {out}: no permission to write in {folder}")
    return out


def export_briefing(
    ws: Workspace,
    out_path: str | os.PathLike,
    options: ExportOptions | None = None,
    progress: Progress | None = None,
) -> ExportReport:
    """Write the briefing PDF of ``ws`` to ``out_path``.

    The PDF is written to a temporary file beside the target and renamed
    into place at the end, so a failed or cancelled export leaves no file
    (and an existing file at the target stays as it was).

    Args:
        ws: The workspace snapshot.
        out_path: Target PDF path.
        options: Sections, as-of date, banner, paper; defaults to all, the
            briefing's own as-of and banner, A4.
        progress: Called with (fraction 0..1, message); return False to cancel.

    Returns:
        The report (``cancelled=True`` and ``path=None`` if cancelled).

    Raises:
        ExportError: bad options, unwritable target, or a rendering failure.
    """
    from briefing_app import __version__
    from briefing_app.export import pdf
    from briefing_app.export.figures import render_figure
    from briefing_app.export.fonts import ensure_fonts
    from briefing_app.export.target import finish_file, pdf_complete, remove_stale_parts, temp_prefix

    started = time.perf_counter()
    options = options or ExportOptions()
    try:
        options.checked()
    except OptionsError as exc:
        raise ExportError(str(exc)) from None
    out = _check_target(Path(out_path))

    def step(fraction: float, message: str) -> None:
        if progress is not None and progress(fraction, message) is False:
            raise pdf.Cancelled()

    tmp: Path | None = None
    try:
        step(0.0, "checking sources")
        doc_problems, ann_problems = check_sources(ws)
        step(0.05, "composing")
        composed: BriefingDoc = compose_briefing(
            ws, options, document_problems=doc_problems, annotation_problems=ann_problems
        )
        _ensure_gui_app()
        fonts = ensure_fonts()
        problems = list(composed.problems)
        if fonts.warning:
            problems.append(fonts.warning)
        images = {}
        reasons = {}
        slots = figure_slots(composed)
        for i, (key, slot) in enumerate(slots):
            step(0.1 + 0.15 * i / max(1, len(slots)), f"drawing the {slot.kind}")
            size = pdf.figure_size_px(composed.paper, slot.kind)
            result = render_figure(slot.kind, ws, composed.as_of, size, slot.x_range)
            image = pdf.as_image(result.image, size) if result.image is not None else None
            if image is None:
                reasons[key] = result.reason or f"the {slot.kind} view returned something that is not an image"
                problems.append(f"figure {slot.number} ({slot.kind}) left out: {reasons[key]}")
            else:
                images[key] = image
        step(0.25, "laying out")
        remove_stale_parts(out)
        fd, name = tempfile.mkstemp(prefix=temp_prefix(out), suffix=".part", dir=out.parent)
        os.close(fd)
        tmp = Path(name)
        writer = pdf.new_writer(tmp, composed, f"briefing desk {__version__}")
        laid = pdf.lay_out(composed, writer, fonts, images, reasons)
        step(0.3, "painting")
        pages = pdf.paint_pages(laid, writer, composed, fonts, progress)
        del laid, writer  # painter.end() finished the file; drop the layouts' device pointer first
        if not pdf_complete(tmp):  # QPdfWriter does not report write errors (a full disk)
            raise ExportError(f"cannot write {out}: the PDF was not written completely "
                              f"(is the disk full?); {out.name} was not changed")
        pdf.add_info_fields(tmp, {"Subject": composed.metadata.get("subject", ""),
                                  "Keywords": composed.metadata.get("keywords", "")})
        finish_file(tmp, out)
        os.replace(tmp, out)
        tmp = None
        step(1.0, "done")
        return ExportReport(out, pages, time.perf_counter() - started, problems)
    except pdf.Cancelled:
        return ExportReport(None, 0, time.perf_counter() - started, [], cancelled=True)
    except ExportError:
        raise
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from None
    except Exception as exc:
        raise ExportError(f"export failed: {type(exc).__name__}: {exc}") from exc
    finally:
        if tmp is not None and tmp.exists():
            tmp.unlink()
