"""Render a composed briefing to PDF with QTextDocument and QPdfWriter (QtGui only).

The document is laid out once with the PDF writer as its paint device (so
metrics do not depend on the screen, headless or not) and a page size equal
to the text area; each page is then painted by hand, which lets us add the
classification banner to every header and footer and "Page n of N", and
keeps Qt's own print margins and page numbers out. Text stays text (fonts
are embedded, selectable) and internal ``#anchors`` become PDF links.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QPicture,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from briefing_app.export.compose import BriefingDoc
from briefing_app.export.fonts import FontSetup, family_list
from briefing_app.export.html_layout import INK, MUTED, RULE, FigureInfo, banner_colour, briefing_html, style_sheet

RESOLUTION = 1200  # PDF device units per inch: precise layout, the file is vector anyway
FIGURE_DPI = 300
MARGIN_MM = {"left": 20.0, "right": 20.0, "top": 24.0, "bottom": 22.0}
FIGURE_ASPECT = {"map": 0.62, "timeline": 0.48}

Progress = Callable[[float, str], bool | None]


class Cancelled(Exception):
    """The progress callback asked to stop."""


@dataclass(frozen=True)
class PageGeometry:
    """Sizes in PDF device units (RESOLUTION per inch)."""

    page_w: int
    page_h: int
    left: int
    right: int
    top: int
    bottom: int

    @property
    def text_w(self) -> int:
        return self.page_w - self.left - self.right

    @property
    def text_h(self) -> int:
        return self.page_h - self.top - self.bottom


def page_size(paper: str) -> QPageSize:
    return QPageSize(QPageSize.PageSizeId.Letter if paper == "Letter" else QPageSize.PageSizeId.A4)


def geometry(paper: str) -> PageGeometry:
    size = page_size(paper).sizePoints()
    pt = RESOLUTION / 72.0
    mm = RESOLUTION / 25.4
    return PageGeometry(
        round(size.width() * pt), round(size.height() * pt),
        round(MARGIN_MM["left"] * mm), round(MARGIN_MM["right"] * mm),
        round(MARGIN_MM["top"] * mm), round(MARGIN_MM["bottom"] * mm),
    )


def figure_size_px(paper: str, kind: str, dpi: int = FIGURE_DPI) -> tuple[int, int]:
    """Pixels a provider should draw for ``kind`` to fill the text width at ``dpi``."""
    g = geometry(paper)
    inches = g.text_w / RESOLUTION
    w = round(inches * dpi)
    return w, round(w * FIGURE_ASPECT.get(kind, 0.6))


def as_image(figure: object, size_px: tuple[int, int]) -> QImage | None:
    """A QImage from a provider's QImage or QPicture (a picture is drawn at ``size_px``)."""
    if isinstance(figure, QImage):
        return figure
    if isinstance(figure, QPicture):
        img = QImage(size_px[0], size_px[1], QImage.Format.Format_ARGB32)
        img.fill(Qt.GlobalColor.white)
        p = QPainter(img)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        bounds = figure.boundingRect()
        if bounds.width() > 0 and bounds.height() > 0:
            p.scale(size_px[0] / bounds.width(), size_px[1] / bounds.height())
            p.translate(-bounds.x(), -bounds.y())
        figure.play(p)
        p.end()
        return img
    return None


def build_document(
    doc: BriefingDoc,
    writer: QPdfWriter,
    fonts: FontSetup,
    figures: Mapping[str, QImage],
    reasons: Mapping[str, str],
) -> QTextDocument:
    """Lay out the briefing for ``writer``'s pages."""
    g = geometry(doc.paper)
    text = QTextDocument()
    text.documentLayout().setPaintDevice(writer)
    text.setPageSize(QSizeF(g.text_w, g.text_h))
    text.setDocumentMargin(0)
    base = QFont()
    base.setFamilies(family_list(fonts, "serif"))
    base.setPointSizeF(10.5)
    text.setDefaultFont(base)
    text.setDefaultStyleSheet(style_sheet(family_list(fonts, "serif"), family_list(fonts, "sans")))
    infos: dict[str, FigureInfo] = {}
    width_96 = round(g.text_w / RESOLUTION * 96)
    for kind in ("map", "timeline"):
        img = figures.get(kind)
        if img is not None and not img.isNull():
            name = f"figure-{kind}"
            text.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), img)
            h = round(width_96 * img.height() / max(1, img.width()))
            infos[kind] = FigureInfo(name, width_96, h)
        else:
            infos[kind] = FigureInfo(None, width_96, 0, reasons.get(kind, "no figure was produced"))
    text.setHtml(briefing_html(doc, infos))
    keep_headings_with_next(text, g.text_h)
    return text


def keep_headings_with_next(text: QTextDocument, page_h: float, room: float = 0.12) -> int:
    """Move a heading stranded at the foot of a page to the next page (Qt has no keep-with-next).

    A heading is stranded when less than ``room`` of a page is left below it.
    Returns how many headings were moved.
    """
    layout = text.documentLayout()
    moved = 0
    block = text.begin()
    while block.isValid():
        fmt = block.blockFormat()
        if fmt.headingLevel() > 0 and block.layout().lineCount():
            rect = layout.blockBoundingRect(block)
            line = block.layout().lineAt(0)
            # The line, not the block: a block's top margin may sit on the previous page.
            top = rect.top() + line.y()
            page_top = (top // page_h) * page_h
            below = page_top + page_h - (top + line.height())
            if top - page_top > 0.04 * page_h and below < room * page_h:
                fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                QTextCursor(block).setBlockFormat(fmt)
                moved += 1
        block = block.next()
    return moved


def _running_font(fonts: FontSetup, size: float, bold: bool = False) -> QFont:
    f = QFont()
    f.setFamilies(family_list(fonts, "sans"))
    f.setPointSizeF(size)
    f.setBold(bold)
    return f


def paint_pages(
    text: QTextDocument,
    writer: QPdfWriter,
    doc: BriefingDoc,
    fonts: FontSetup,
    progress: Progress | None = None,
) -> int:
    """Paint the title page, then every laid-out page, each with banner header and footer.

    Returns:
        The page count.

    Raises:
        Cancelled: when ``progress`` returns False.
    """
    g = geometry(doc.paper)
    body_pages = max(1, text.pageCount())
    pages = body_pages + 1
    layout = text.documentLayout()
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError("the PDF file could not be opened for writing")
    try:
        banner_font = _running_font(fonts, 8.5, bold=True)
        small_font = _running_font(fonts, 8)
        colour = QColor(banner_colour(doc.banner))
        title = doc.title_page.title
        paint_title_page(painter, g, doc, fonts, colour)
        _paint_running(painter, g, 0, pages, doc.banner, title, banner_font, small_font, colour)
        for i in range(body_pages):
            if progress is not None and progress(0.3 + 0.7 * i / body_pages, f"page {i + 2} of {pages}") is False:
                raise Cancelled()
            writer.newPage()
            painter.save()
            painter.translate(g.left, g.top - i * g.text_h)
            clip = QRectF(0, i * g.text_h, g.text_w, g.text_h)
            painter.setClipRect(clip)
            ctx = QAbstractTextDocumentLayout.PaintContext()
            ctx.clip = clip
            ctx.palette.setColor(ctx.palette.ColorRole.Text, QColor(INK))
            layout.draw(painter, ctx)
            painter.restore()
            _paint_running(painter, g, i + 1, pages, doc.banner, title, banner_font, small_font, colour)
    finally:
        painter.end()
    return pages


def paint_title_page(painter: QPainter, g: PageGeometry, doc: BriefingDoc, fonts: FontSetup, colour: QColor) -> None:
    """The cover: banner, title, subtitle, author, as-of date, one line of contents."""
    tp = doc.title_page
    mm = RESOLUTION / 25.4
    flags = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
    x, w = g.left + 10 * mm, g.text_w - 20 * mm
    y = g.top + 0.22 * g.text_h

    def block(text: str, size: float, bold: bool, pen: QColor, gap_after: float) -> None:
        nonlocal y
        if not text:
            return
        painter.setFont(_running_font(fonts, size, bold))
        painter.setPen(pen)
        rect = painter.boundingRect(QRectF(x, y, w, g.text_h), flags, text)
        painter.drawText(QRectF(x, y, w, rect.height()), flags, text)
        y += rect.height() + gap_after * mm

    block(tp.banner, 11, True, colour, 10)
    block("BRIEFING", 9, True, QColor(MUTED), 3)
    block(tp.title, 24, True, QColor("#1f3a5f"), 4)
    block(tp.subtitle, 14, False, QColor(MUTED), 8)
    pen = QPen(QColor("#1f3a5f"))
    pen.setWidthF(1.2 / 72 * RESOLUTION)
    painter.setPen(pen)
    painter.drawLine(int(x + w * 0.3), int(y), int(x + w * 0.7), int(y))
    y += 8 * mm
    block(f"Prepared by {tp.author}" if tp.author else "", 11, False, QColor(INK), 2)
    block(f"As of {tp.as_of}", 12, True, QColor(INK), 6)
    block(tp.summary, 9, False, QColor(MUTED), 0)
    y = g.top + g.text_h - 24 * mm
    block("Every judgment and excerpt carries a numbered note that leads to its source passage "
          "and to the graded source list at the end.", 8.5, False, QColor(MUTED), 0)


def _paint_running(painter: QPainter, g: PageGeometry, index: int, pages: int, banner: str, title: str,
                   banner_font: QFont, small_font: QFont, colour: QColor) -> None:
    mm = RESOLUTION / 25.4
    # Header: banner centred, a hairline under it.
    head = QRectF(g.left, 8 * mm, g.text_w, 6 * mm)
    foot = QRectF(g.left, g.page_h - 13 * mm, g.text_w, 6 * mm)
    painter.setFont(banner_font)
    painter.setPen(colour)
    if banner:
        painter.drawText(head, int(Qt.AlignmentFlag.AlignCenter), banner)
        painter.drawText(foot, int(Qt.AlignmentFlag.AlignCenter), banner)
    pen = QPen(QColor(RULE))
    pen.setWidthF(0.5 / 72 * RESOLUTION)
    painter.setPen(pen)
    y = round(15.5 * mm)
    painter.drawLine(g.left, y, g.left + g.text_w, y)
    y2 = g.page_h - round(14.5 * mm)
    painter.drawLine(g.left, y2, g.left + g.text_w, y2)
    # Footer: short title left, page number right, banner centre.
    painter.setFont(small_font)
    painter.setPen(QColor(MUTED))
    foot2 = QRectF(g.left, g.page_h - 8 * mm, g.text_w, 5 * mm)
    if index:  # the cover carries the title already, and no page number
        short = painter.fontMetrics().elidedText(title, Qt.TextElideMode.ElideRight, int(g.text_w * 0.6))
        painter.drawText(foot2, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), short)
        painter.drawText(foot2, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                         f"Page {index + 1} of {pages}")


def new_writer(path: Path, doc: BriefingDoc, creator: str) -> QPdfWriter:
    writer = QPdfWriter(str(path))
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(QPageLayout(page_size(doc.paper), QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    writer.setTitle(doc.metadata.get("title", ""))
    writer.setAuthor(doc.metadata.get("author", ""))
    writer.setCreator(creator)
    writer.setDocumentXmpMetadata(QByteArray(xmp_metadata(doc.metadata, creator).encode("utf-8")))
    return writer


def xmp_metadata(meta: Mapping[str, str], creator: str) -> str:
    """XMP packet with title, author, subject and keywords (no dates: stays deterministic)."""
    from xml.sax.saxutils import escape as x

    return (
        "<?xpacket begin='\ufeff' id='W5M0MpCehiHzreSzNTczkc9d'?>"
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{x(meta.get("title", ""))}</rdf:li></rdf:Alt></dc:title>'
        f'<dc:creator><rdf:Seq><rdf:li>{x(meta.get("author", ""))}</rdf:li></rdf:Seq></dc:creator>'
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{x(meta.get("subject", ""))}</rdf:li></rdf:Alt>'
        "</dc:description>"
        f'<pdf:Keywords>{x(meta.get("keywords", ""))}</pdf:Keywords>'
        f"<xmp:CreatorTool>{x(creator)}</xmp:CreatorTool>"
        "</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end='w'?>"
    )


# -- document information dictionary ---------------------------------------------
_TRAILER = re.compile(rb"trailer\s*<<(.*?)>>\s*startxref\s*(\d+)\s*%%EOF\s*$", re.S)


def pdf_text_string(text: str) -> bytes:
    """A PDF text string in UTF-16BE hex, safe for any character."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"


def add_info_fields(path: Path, fields: Mapping[str, str]) -> None:
    """Append an incremental update whose Info dictionary adds ``fields``.

    QPdfWriter writes Title, Author and Creator but has no Subject or
    Keywords; an incremental update (new Info object, one-entry xref,
    trailer with /Prev) is valid PDF and leaves Qt's bytes untouched.
    """
    data = path.read_bytes()
    m = _TRAILER.search(data[-4096:])
    if m is None:
        raise ValueError("PDF trailer not found")
    trailer, prev = m.group(1), int(m.group(2))
    size = int(re.search(rb"/Size\s+(\d+)", trailer).group(1))  # type: ignore[union-attr]
    root = re.search(rb"/Root\s+(\d+\s+\d+\s+R)", trailer).group(1)  # type: ignore[union-attr]
    info = re.search(rb"/Info\s+(\d+)\s+(\d+)\s+R", trailer)
    old: bytes = b""
    if info:
        om = re.search(rb"\n" + info.group(1) + rb" 0 obj\s*<<(.*?)>>\s*endobj", data, re.S)
        old = om.group(1) if om else b""
    keys = {k.encode(): v for k, v in fields.items() if v}
    # Keep the entries Qt wrote unless we replace them.
    kept = b"".join(
        line + b"\n" for line in old.strip().splitlines()
        if line.strip() and not any(line.strip().startswith(b"/" + k) for k in keys)
    )
    body = kept + b"".join(b"/" + k + b" " + pdf_text_string(v) + b"\n" for k, v in keys.items())
    ident = re.search(rb"/ID\s*\[[^\]]*\]", trailer)
    offset = len(data) + 1
    obj = b"\n" + f"{size} 0 obj\n".encode() + b"<<\n" + body + b">>\nendobj\n"
    xref_at = offset - 1 + len(obj)
    xref = f"xref\n{size} 1\n{offset:010d} 00000 n \n".encode()
    trail = (b"trailer\n<<\n/Size " + str(size + 1).encode() + b"\n/Root " + root + b"\n/Info "
             + f"{size} 0 R".encode() + b"\n/Prev " + str(prev).encode() + b"\n"
             + (ident.group(0) + b"\n" if ident else b"") + b">>\nstartxref\n" + str(xref_at).encode() + b"\n%%EOF\n")
    with open(path, "ab") as f:
        f.write(obj + xref + trail)
