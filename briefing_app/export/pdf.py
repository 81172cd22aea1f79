"""Render a composed briefing to PDF with QTextDocument and QPdfWriter (QtGui only).

Every block of the flow (heading, paragraph, table, figure with caption,
key judgment, excerpt) is laid out as its own QTextDocument with the PDF
writer as paint device (metrics do not depend on the screen); the pure
paginator (:mod:`briefing_app.export.paginate`) decides which slice of
which block goes on which page and which notes go to its foot. Each page
is then painted by hand: its slices (only the lines inside a slice are
drawn, so no line is written twice into the text layer), its footnotes,
the classification banner in header and footer, and "Page n of N". Text
stays text (fonts embedded, selectable) and ``#anchors`` become PDF links.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QMarginsF, QPointF, QRectF, Qt, QUrl
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QPicture,
    QTextDocument,
    QTextTable,
)

from briefing_app.export.briefing_doc import BriefingDoc
from briefing_app.export.fonts import FontSetup, family_list
from briefing_app.export.html_layout import (
    INK,
    MUTED,
    RULE,
    FigureInfo,
    banner_colour,
    briefing_flow,
    notes_html,
    style_sheet,
)
from briefing_app.export.paginate import FootnoteMetrics, Page, Unit, paginate, printed_on

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


class FlowTexts:
    """The flow's text documents: each laid out when measured, let go, and laid out again for its pages.

    Holding every laid-out QTextDocument of a 2,000-page briefing took ~0.8 GB until the last
    page was painted; laying one out again for the writer, fonts and width it was measured with
    gives the same lines. While the pages are painted, a document lives from its first page to its
    last (:meth:`release_after`).
    """

    def __init__(self, make: Callable[[int], QTextDocument], count: int):
        self._make = make
        self._count = count
        self._live: dict[int, QTextDocument] = {}
        self._last_page: dict[int, int] = {}

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, k: int) -> QTextDocument:
        text = self._live.get(k)
        if text is None:
            text = self._live[k] = self._make(k)
        return text

    def plan(self, pages: Sequence[Page]) -> None:
        """Note the last page each document is painted on."""
        self._last_page = {sl.unit: i for i, page in enumerate(pages) for sl in page.slices}

    def release_after(self, page: int) -> None:
        """Let go of the documents whose last page is ``page``."""
        for k in [k for k in self._live if self._last_page.get(k, -1) <= page]:
            del self._live[k]


@dataclass
class Laid:
    """The briefing measured and broken into pages, ready to paint."""

    docs: FlowTexts
    units: list[Unit]
    offsets: list[float]  # space above each document's text: unit y = document y + offset
    pages: list[Page]
    notes_doc: QTextDocument | None
    note_spans: dict[int, tuple[float, float]]  # note → (top, bottom) in notes_doc
    feet: FootnoteMetrics
    also_font: QFont


def _new_text(writer: QPdfWriter, width: float, base: QFont, css: str) -> QTextDocument:
    text = QTextDocument()
    text.documentLayout().setPaintDevice(writer)
    text.setDocumentMargin(0)
    text.setDefaultFont(base)
    text.setDefaultStyleSheet(css)
    text.setTextWidth(width)
    return text


def _blocks(text: QTextDocument):
    block = text.begin()
    while block.isValid():
        yield block
        block = block.next()


def measure(text: QTextDocument, kind: str, keep_with_next: bool = False, before: float = 0.0,
            after: float = 0.0) -> Unit:
    """A laid-out block of the flow as the paginator sees it: height, break points, note calls.

    ``before`` and ``after`` (device units) are blank space around the text;
    the unit's coordinates are the document's shifted down by ``before``.
    """
    unit = _measure(text, kind, keep_with_next)
    return Unit(
        before + unit.height + after,
        before + unit.top,
        tuple(b + before for b in unit.breaks),
        unit.header + before if unit.header else 0.0,
        keep_with_next,
        tuple((y + before, n) for y, n in unit.notes),
        unit.rule_at_cut,
        unit.continues,
    )


def _measure(text: QTextDocument, kind: str, keep_with_next: bool) -> Unit:
    layout = text.documentLayout()
    rects = [(b, layout.blockBoundingRect(b)) for b in _blocks(text)]
    tables = [f for f in text.rootFrame().childFrames() if isinstance(f, QTextTable)]
    bottoms = [r.bottom() for b, r in rects if b.length() > 1 or len(rects) == 1]
    bottoms += [layout.frameBoundingRect(t).bottom() for t in tables]
    height = max(bottoms, default=0.0)
    first_block, first_rect = rects[0]
    top = first_rect.top() + (first_block.layout().lineAt(0).y() if first_block.layout().lineCount() else 0.0)
    if tables:
        top = min(top, layout.frameBoundingRect(tables[0]).top())
    breaks: list[float] = []
    header = 0.0
    if kind.startswith("table") and tables:
        breaks, header = _table_breaks(text, tables[0])
    elif kind == "text":
        for i, (block, rect) in enumerate(rects):
            tl = block.layout()
            n = tl.lineCount()
            for k in range(2, n - 1):  # two lines at least on either side of a break
                line = tl.lineAt(k - 1)
                breaks.append(rect.top() + line.y() + line.height())
            if i < len(rects) - 1 and n:
                last = tl.lineAt(n - 1)
                breaks.append(rect.top() + last.y() + last.height())
        breaks = sorted(b for b in set(breaks) if top < b < height)
    notes: list[tuple[float, int]] = []
    for block, rect in rects:
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            href = frag.charFormat().anchorHref()
            if href.startswith("#note-") and href[6:].isdigit():
                line = block.layout().lineForTextPosition(frag.position() - block.position())
                notes.append((rect.top() + (line.y() if line.isValid() else 0.0), int(href[6:])))
            it += 1
    return Unit(height, top, tuple(breaks), header, keep_with_next, tuple(notes), rule_at_cut=kind.startswith("table"),
                continues=kind in ("table-more", "table-last"))


def _table_breaks(text: QTextDocument, table: QTextTable) -> tuple[list[float], float]:
    """Break points between rows (never inside one) and the header row's bottom."""
    layout = text.documentLayout()
    rows, cols = table.rows(), table.columns()
    tops, bottoms = [], []
    for r in range(rows):
        t, b = float("inf"), 0.0
        for c in range(cols):
            cell = table.cellAt(r, c)
            first = cell.firstCursorPosition().block()
            last = cell.lastCursorPosition().block()
            t = min(t, layout.blockBoundingRect(first).top())
            b = max(b, layout.blockBoundingRect(last).bottom())
        tops.append(t)
        bottoms.append(b)
    bounds = [(bottoms[r] + tops[r + 1]) / 2 for r in range(rows - 1)]
    head = min(table.format().headerRowCount(), rows - 1) if rows > 1 else 0
    header = bounds[head - 1] if head > 0 else 0.0
    return [bounds[r] for r in range(head, rows - 1)], header


def lay_out(
    doc: BriefingDoc,
    writer: QPdfWriter,
    fonts: FontSetup,
    figures: Mapping[str, QImage],
    reasons: Mapping[str, str],
) -> Laid:
    """Lay out every block of the briefing for ``writer``'s pages and break them into pages."""
    g = geometry(doc.paper)
    base = QFont()
    base.setFamilies(family_list(fonts, "serif"))
    base.setPointSizeF(10)
    no_ligatures(base)
    css = style_sheet(family_list(fonts, "serif"), family_list(fonts, "sans"))
    infos: dict[str, FigureInfo] = {}
    width_96 = round(g.text_w / RESOLUTION * 96)
    for key in sorted(set(figures) | set(reasons)):
        img = figures.get(key)
        if img is not None and not img.isNull():
            h = round(width_96 * img.height() / max(1, img.width()))
            infos[key] = FigureInfo(f"figure-{key}", width_96, h)
        else:
            infos[key] = FigureInfo(None, width_96, 0, reasons.get(key, "no figure was produced"))
    flow = briefing_flow(doc, infos)

    def make(k: int) -> QTextDocument:
        block = flow[k]
        text = _new_text(writer, g.text_w, base, css)
        if block.kind == "figure":
            for key, img in figures.items():
                if f'src="figure-{key}"' in block.html:
                    text.addResource(QTextDocument.ResourceType.ImageResource, QUrl(f"figure-{key}"), img)
        text.setHtml(block.html)
        return text

    docs = FlowTexts(make, len(flow))
    units, offsets = [], []
    for k, block in enumerate(flow):
        before, after = (v * RESOLUTION / 72.0 for v in block.space)
        offsets.append(before)
        units.append(measure(make(k), block.kind, block.keep_with_next, before, after))  # then let go
    pt = RESOLUTION / 72.0
    also_font = _running_font(fonts, 7.5)
    fm = QFontMetricsF(also_font, writer)
    note_spans: dict[int, tuple[float, float]] = {}
    notes_doc = None
    if doc.notes:
        notes_doc = _new_text(writer, g.text_w, base, css)
        notes_doc.setHtml(notes_html(doc.notes))
        layout = notes_doc.documentLayout()
        paras = [b for b in _blocks(notes_doc) if b.length() > 1]
        for n, block in zip(doc.notes, paras):
            r = layout.blockBoundingRect(block)
            note_spans[n.number] = (r.top(), r.bottom())
    item_w = fm.horizontalAdvance("000 p. 000; ")
    feet = FootnoteMetrics(
        {n: b - t for n, (t, b) in note_spans.items()},
        separator=9 * pt,
        also_line=fm.lineSpacing(),
        also_per_line=max(1, int((g.text_w - fm.horizontalAdvance(ALSO_PREFIX)) / item_w)),
    )
    pages = paginate(units, g.text_h, feet)
    docs.plan(pages)
    return Laid(docs, units, offsets, pages, notes_doc, note_spans, feet, also_font)


ALSO_PREFIX = "Also cited on this page (note, page of the note): "


def also_text(also: list[int], where: Mapping[int, int]) -> str:
    """The line that sends the reader to notes printed on earlier pages (page numbers as printed)."""
    return ALSO_PREFIX + "; ".join(f"{n} p. {where[n] + 2}" for n in also if n in where) + "."


def _draw_slice(painter: QPainter, text: QTextDocument, y0: float, y1: float, x: float, y: float,
                width: float) -> None:
    """Draw the part [y0, y1) of ``text`` with its top at (x, y); only lines inside it are drawn,
    so no line is written twice into the PDF's text layer."""
    painter.save()
    painter.translate(x, y - y0)
    pad = 0.02 * width
    clip = QRectF(-pad, y0 + 0.5, width + 2 * pad, max(0.0, y1 - y0 - 1.0))
    painter.setClipRect(clip)
    ctx = QAbstractTextDocumentLayout.PaintContext()
    ctx.clip = clip
    ctx.palette.setColor(ctx.palette.ColorRole.Text, QColor(INK))
    text.documentLayout().draw(painter, ctx)
    painter.restore()


def no_ligatures(font: QFont) -> None:
    """Turn ligatures off: a PDF ligature glyph copies back as "ﬁ" (U+FB01), so "first" could not be found."""
    for tag in ("liga", "clig", "dlig"):
        font.setFeature(QFont.Tag(tag), 0)


def _running_font(fonts: FontSetup, size: float, bold: bool = False) -> QFont:
    f = QFont()
    no_ligatures(f)
    f.setFamilies(family_list(fonts, "sans"))
    f.setPointSizeF(size)
    f.setBold(bold)
    return f


def paint_pages(
    laid: Laid,
    writer: QPdfWriter,
    doc: BriefingDoc,
    fonts: FontSetup,
    progress: Progress | None = None,
) -> int:
    """Paint the title page, then every body page with its footnotes, banner header and footer.

    Returns:
        The page count.

    Raises:
        Cancelled: when ``progress`` returns False.
    """
    g = geometry(doc.paper)
    body_pages = len(laid.pages)
    pages = body_pages + 1
    where = printed_on(laid.pages)
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError("the PDF file could not be opened for writing")
    try:
        banner_font = _running_font(fonts, 8.5, bold=True)
        small_font = _running_font(fonts, 8)
        colour = QColor(banner_colour(doc.banner))
        title = doc.title_page.title
        rule = QPen(QColor(RULE))
        rule.setWidthF(0.5 / 72 * RESOLUTION)
        paint_title_page(painter, g, doc, fonts, colour)
        _paint_running(painter, g, 0, pages, doc.banner, title, banner_font, small_font, colour)
        for i, page in enumerate(laid.pages):
            if progress is not None and progress(0.3 + 0.7 * i / body_pages, f"page {i + 2} of {pages}") is False:
                raise Cancelled()
            writer.newPage()
            for sl in page.slices:
                off = laid.offsets[sl.unit]
                _draw_slice(painter, laid.docs[sl.unit], sl.y0 - off, sl.y1 - off, g.left, g.top + sl.at, g.text_w)
                if sl.cut and laid.units[sl.unit].rule_at_cut:
                    painter.setPen(rule)
                    y = g.top + sl.at + (sl.y1 - sl.y0)
                    painter.drawLine(QPointF(g.left, y), QPointF(g.left + g.text_w, y))
            _paint_feet(painter, laid, page, where, g, rule)
            _paint_running(painter, g, i + 1, pages, doc.banner, title, banner_font, small_font, colour)
            laid.docs.release_after(i)
    finally:
        painter.end()
    return pages


def _paint_feet(painter: QPainter, laid: Laid, page: Page, where: Mapping[int, int], g: PageGeometry,
                rule: QPen) -> None:
    """The page's notes at the foot of its text area, under a short rule."""
    area = laid.feet.area(page.notes, page.also)
    if not area:
        return
    y = g.top + g.text_h - area
    painter.setPen(rule)
    line_y = y + laid.feet.separator * 0.45
    painter.drawLine(QPointF(g.left, line_y), QPointF(g.left + g.text_w * 0.3, line_y))
    y += laid.feet.separator
    for n in page.notes:
        top, bottom = laid.note_spans[n]
        _draw_slice(painter, laid.notes_doc, top, bottom, g.left, y, g.text_w)
        y += bottom - top
    if page.also:
        painter.setFont(laid.also_font)
        painter.setPen(QColor(MUTED))
        rest = g.top + g.text_h - y
        painter.drawText(QRectF(g.left, y, g.text_w, rest + laid.feet.also_line),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap),
                         also_text(page.also, where))


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
    block("Judgments, relation states and events carry numbered footnotes quoting the passage they rest on; "
          "excerpts name their source; the graded source list is at the end.", 8.5, False, QColor(MUTED), 0)


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
