"""The briefing as Qt rich text (the HTML subset QTextDocument lays out).

Pure Python, no Qt: the same structure always gives the same markup. Links:
a note call ``<a href="#note-N">`` jumps to its note, a note's ``[S3]``
to ``#src-3`` in the source list; Qt's PDF writer turns these into PDF
named destinations and link annotations.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from html import escape

from briefing_app.export.changes_section import ChangeRow, ChangesBody
from briefing_app.export.briefing_doc import (
    BriefingDoc,
    ChronologyEntry,
    Excerpt,
    FigureSlot,
    GlossaryEntry,
    KeyJudgment,
    Note,
    Paragraphs,
    RelationRow,
    Section,
    SourceEntry,
)
from briefing_app.export.compose import clip_quote, day_label
from briefing_app.export.options import NOTES_TITLE

FOOTNOTE_QUOTE = 220  # characters of a passage quoted in a footnote

INK = "#1a1a1a"
MUTED = "#555555"
RULE = "#9a9a9a"
HEAD_BG = "#e8ecf1"
ACCENT = "#1f3a5f"
# Colours of the common banner words, after the US marking conventions.
BANNER_COLOURS = (
    ("TOP SECRET", "#c25400"),
    ("SECRET", "#c8102e"),
    ("CONFIDENTIAL", "#0033a0"),
    ("RESTRICTED", "#8a6d00"),
    ("CUI", "#502b85"),
    ("UNCLASSIFIED", "#007a33"),
)
STATE_COLOURS = {
    "active": "#1b7a3a",
    "restored": "#1b7a3a",
    "proposed": "#5a6b7d",
    "strained": "#b36b00",
    "suspended": "#b33c00",
    "termination notified": "#b31b1b",
    "terminated": "#8a1414",
}


@dataclass(frozen=True)
class FigureInfo:
    """How a figure slot is filled: a resource name to show, or why it is missing."""

    resource: str | None
    width_px: int  # at 96 dpi, the unit of QTextDocument lengths
    height_px: int
    reason: str = ""


def banner_colour(banner: str) -> str:
    up = banner.upper()
    for word, colour in BANNER_COLOURS:
        if word in up:
            return colour
    return INK


def e(text: str) -> str:
    return escape(text, quote=True)


class NoteCalls:
    """Superscript links to notes; the first call of each note also gets the anchor its note links back to."""

    def __init__(self) -> None:
        self._seen: set[int] = set()

    def __call__(self, numbers: tuple[int, ...]) -> str:
        if not numbers:
            return ""
        links = []
        for n in numbers:
            name = "" if n in self._seen else f' name="call-{n}"'
            self._seen.add(n)
            links.append(f'<a href="#note-{n}"{name} style="color:{ACCENT}; text-decoration:none;">{n}</a>')
        return f"<sup>{','.join(links)}</sup>"


def note_calls(numbers: tuple[int, ...]) -> str:
    """Superscript links to notes: ¹ ³ (no back-link anchors)."""
    if not numbers:
        return ""
    links = ",".join(f'<a href="#note-{n}" style="color:{ACCENT}; text-decoration:none;">{n}</a>' for n in numbers)
    return f"<sup>{links}</sup>"


def style_sheet(serif: list[str], sans: list[str]) -> str:
    """Default CSS for the document (QTextDocument's subset)."""
    serif_css = ", ".join(f"'{f}'" for f in serif)
    sans_css = ", ".join(f"'{f}'" for f in sans)
    return f"""
body {{ font-family: {serif_css}; font-size: 10pt; color: {INK}; }}
h1 {{ font-family: {sans_css}; font-size: 14pt; font-weight: bold; color: {ACCENT};
      margin-top: 16pt; margin-bottom: 6pt; }}
h2 {{ font-family: {sans_css}; font-size: 11.5pt; font-weight: bold; color: {ACCENT};
      margin-top: 10pt; margin-bottom: 4pt; }}
p {{ margin-top: 0pt; margin-bottom: 6pt; line-height: 125%; }}
th {{ font-family: {sans_css}; font-size: 9pt; font-weight: bold; background-color: {HEAD_BG};
      text-align: left; }}
td {{ font-size: 9pt; vertical-align: top; }}
.small {{ font-size: 8.5pt; color: {MUTED}; }}
.caption {{ font-family: {sans_css}; font-size: 9pt; color: {MUTED}; }}
.label {{ font-family: {sans_css}; font-weight: bold; color: {ACCENT}; }}
.note {{ font-size: 8pt; margin-bottom: 2pt; line-height: 115%; }}
.missing {{ font-family: {sans_css}; font-size: 9.5pt; color: #8a1414; }}
"""


# -- the flow -------------------------------------------------------------------
@dataclass(frozen=True)
class Block:
    """One piece of the flow, laid out on its own and placed on pages by the paginator.

    Attributes:
        html: Its rich text.
        kind: "heading" and "lead" (an introduction; both kept with what
            follows), "text" (may break between
            lines), "table" (breaks between rows, header row repeated;
            a long one comes as "table-first", "table-more"..., "table-last"),
            "figure" and "item" (never split).
    """

    html: str
    kind: str

    @property
    def keep_with_next(self) -> bool:
        return self.kind in ("heading", "lead")

    @property
    def space(self) -> tuple[float, float]:
        """Space before and after, in points (Qt drops a document's outer margins, so we add them)."""
        if self.kind == "heading":
            return (14.0, 4.0) if self.html.startswith("<h1") else (8.0, 2.0)
        if self.kind == "figure":
            return 4.0, 10.0
        if self.kind.startswith("table"):  # the pieces of a long table join without a gap
            return (2.0 if self.kind in ("table", "table-first") else 0.0,
                    10.0 if self.kind in ("table", "table-last") else 0.0)
        if self.kind == "lead":
            return 0.0, 4.0
        return 0.0, 6.0


def _empty(text: str) -> list[Block]:
    return [Block(f'<p class="small"><i>{e(text)}</i></p>', "text")]


def heading(level: int, text: str, anchor: str = "", sub: str = "") -> Block:
    name = f'<a name="{e(anchor)}"></a>' if anchor else ""
    extra = f'<p class="small" style="margin-bottom: 4pt;">{sub}</p>' if sub else ""
    return Block(f"<h{level}>{name}{e(text)}</h{level}>{extra}", "heading")


def paragraph_blocks(body: Paragraphs, empty: str) -> list[Block]:
    if not body.paragraphs:
        return _empty(empty)
    return [Block(f"<p>{e(p)}</p>", "text") for p in body.paragraphs]


def key_judgment_blocks(items: tuple[KeyJudgment, ...], empty: str, calls: NoteCalls) -> list[Block]:
    if not items:
        return _empty(empty)
    out = []
    for kj in items:
        conf = (f'<br /><span class="small">We judge this <b>{e(kj.confidence)}</b>.</span>'
                if kj.confidence else '<br /><span class="small">No confidence level recorded.</span>')
        quote = f'<br /><span class="small">Source passage: “{e(kj.quote)}”</span>' if kj.quote else ""
        out.append(Block(
            '<table width="100%" cellspacing="0" cellpadding="4" style="margin-bottom: 4pt;">'
            f'<tr><td width="34"><span class="label">KJ{kj.number}</span></td>'
            f"<td><b>{e(kj.statement)}</b>{calls(kj.notes)}{conf}{quote}</td></tr></table>", "item"))
    return out


def figure_block(slot: FigureSlot, info: FigureInfo | None) -> Block:
    label = f"Figure {slot.number}."
    if info is None or info.resource is None:
        reason = info.reason if info else "no figure was produced"
        return Block(f'<table width="100%" border="1" cellspacing="0" cellpadding="10" '
                     f'style="border-collapse: collapse; border-color: {RULE}; margin-top: 4pt; margin-bottom: 6pt;">'
                     f'<tr><td><p class="missing">{e(label)} The {e(slot.kind)} is not available: {e(reason)}.</p>'
                     f'<p class="caption">{e(slot.caption)}</p></td></tr></table>', "figure")
    return Block(f'<p align="center" style="margin-top: 4pt; margin-bottom: 2pt; line-height: 100%;">'
                 f'<img src="{e(info.resource)}" width="{info.width_px}" height="{info.height_px}" /></p>'
                 f'<p align="center" class="caption" style="margin-bottom: 10pt;"><b>{e(label)}</b> '
                 f"{e(slot.caption)}</p>", "figure")


def figure_html(slot: FigureSlot, info: FigureInfo | None) -> str:
    return figure_block(slot, info).html


TABLE_CHUNK_ROWS = 80  # rows per laid-out piece of a long table (about two pages)


def _table_blocks(headers: list[str], rows: list[list[str]], widths: list[str] | None = None) -> list[Block]:
    """A table as blocks of at most TABLE_CHUNK_ROWS rows, each with the header row.

    Qt draws a page of a table by walking all its cells, so one table of 10,000 rows
    made export time grow with the square of the size. Each later piece is a
    "table-more" block: the paginator shows its header row only at the top of a page.
    """
    if len(rows) <= TABLE_CHUNK_ROWS:
        return [Block(_table(headers, rows, widths), "table")]
    chunks = [rows[i:i + TABLE_CHUNK_ROWS] for i in range(0, len(rows), TABLE_CHUNK_ROWS)]
    return [Block(_table(headers, chunk, widths),
                  "table-first" if i == 0 else "table-last" if i == len(chunks) - 1 else "table-more")
            for i, chunk in enumerate(chunks)]


def _table(headers: list[str], rows: list[list[str]], widths: list[str] | None = None) -> str:
    head = "".join(
        f'<th{f" width={chr(34)}{widths[i]}{chr(34)}" if widths else ""}>{h}</th>' for i, h in enumerate(headers)
    )
    body = "\n".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    return (f'<table width="100%" border="1" cellspacing="0" cellpadding="4" '
            f'style="border-collapse: collapse; border-color: {RULE};"><thead><tr>{head}</tr></thead>'
            f"{body}</table>")


def relation_blocks(rows: tuple[RelationRow, ...], empty: str, day_text: str, calls: NoteCalls) -> list[Block]:
    if not rows:
        return _empty(empty)
    out = []
    for r in rows:
        if r.state:
            colour = STATE_COLOURS.get(r.state, INK)
            state = f'<span style="color:{colour}; font-weight: bold;">{e(r.state)}</span>'
        else:
            state = '<span class="small">no recorded state</span>'
        out.append([f"<b>{e(r.label)}</b>", e(r.members), e(r.kind), state, e(r.period),
                    calls(r.notes) or '<span class="small">—</span>'])
    intro = (f'<p class="small">The state each relation was in on {e(day_text)}; where states overlap, '
             "the most recent one is shown. Notes give the passage each state rests on.</p>")
    return [Block(intro, "lead"),
            *_table_blocks(["Relation", "Members", "Kind", f"State on {e(day_text)}", "Period", "Notes"], out,
                           ["26%", "22%", "14%", "14%", "14%", "10%"])]


def chronology_blocks(items: tuple[ChronologyEntry, ...], empty: str, calls: NoteCalls) -> list[Block]:
    if not items:
        return _empty(empty)
    rows = [[f"<b>{e(c.date)}</b>", e(c.title) + calls(c.notes), e(c.participants)] for c in items]
    return _table_blocks(["Date", "Event", "Actors"], rows, ["18%", "52%", "30%"])


def _source_line(x: Excerpt) -> str:
    where = ", ".join(p for p in (x.publisher, x.date) if p)
    grade = f"Reliability: {e(x.reliability)}" if x.reliability else "Reliability: not graded"
    return f"{e(where)}{' · ' if where else ''}{grade}"


def excerpt_blocks(items: tuple[Excerpt, ...], empty: str, calls: NoteCalls) -> list[Block]:
    """Passages grouped under their source (named once, with its grade), in source-list order."""
    if not items:
        return _empty(empty)
    out: list[Block] = []
    current: tuple | None = None
    for x in items:
        key = (x.source_number, x.document)
        if key != current:
            current = key
            src = (f'<a href="#src-{x.source_number}" style="color:{ACCENT}; text-decoration:none;">'
                   f"[S{x.source_number}]</a> ") if x.source_number else ""
            out.append(Block(f'<h2>{src}{e(x.document)}</h2>'
                             f'<p class="small" style="margin-bottom: 5pt;">{_source_line(x)}</p>', "heading"))
        quote = f"<i>“{e(x.quote)}”</i>{calls(x.notes)}"
        if x.tag in ("evidence", "quote"):
            comment = (f'<p class="small" style="margin-left: 18pt; margin-top: 1pt;"><b>Comment:</b> {e(x.note)}</p>'
                       if x.note else "")
            out.append(Block(f'<p style="margin-left: 18pt; margin-right: 12pt; margin-bottom: 2pt;">{quote}</p>'
                             f'{comment}<p style="margin-bottom: 6pt;"></p>', "item"))
        else:
            lead = f'<span class="label">{e(x.tag.capitalize())}.</span> {e(x.note)}' if x.note else \
                f'<span class="label">{e(x.tag.capitalize())}.</span>'
            out.append(Block(f"<p style='margin-bottom: 2pt;'>{lead}</p>"
                             f'<p class="small" style="margin-left: 18pt; margin-bottom: 8pt;">Passage: {quote}</p>',
                             "item"))
    return out


def glossary_blocks(items: tuple[GlossaryEntry, ...], empty: str) -> list[Block]:
    if not items:
        return _empty(empty)
    rows = []
    for g in items:
        notes = e(g.description)
        if g.affiliation:
            notes = (f"<i>Affiliation:</i> {e(g.affiliation)}. " + notes).strip()
        rows.append([f"<b>{e(g.name)}</b>", e(g.type), e(", ".join(g.aliases)), notes])
    return _table_blocks(["Actor", "Type", "Also called", "Description"], rows, ["24%", "12%", "24%", "40%"])


def note_html(n: Note) -> str:
    """One footnote: number (back to its first call), passage, citation, link to the source."""
    src = (f'<a href="#src-{n.source_number}" style="color:{ACCENT}; text-decoration:none;">'
           f"[S{n.source_number}]</a> ") if n.source_number else ""
    quote = f"“{e(clip_quote(n.quote, FOOTNOTE_QUOTE))}” — " if n.quote else ""
    problem = f' <span class="missing">({e(n.problem)})</span>' if n.problem else ""
    return (f'<p class="note"><a name="note-{n.number}"></a>'
            f'<a href="#call-{n.number}" style="color:{ACCENT}; text-decoration:none;"><b>{n.number}.</b></a> '
            f"{quote}{src}{e(n.short or n.citation)}.{problem}</p>")


def notes_html(notes: tuple[Note, ...]) -> str:
    """Every note, one paragraph each, in number order (the renderer slices it per page)."""
    return "\n".join(note_html(n) for n in notes)


def source_blocks(items: tuple[SourceEntry, ...], empty: str) -> list[Block]:
    if not items:
        return _empty(empty)
    out = []
    for s in items:
        bits = [f"<b>{e(s.title)}</b>"]
        meta = ", ".join(p for p in (s.publisher, s.published) if p)
        if meta:
            bits.append(e(meta))
        line = ". ".join(bits) + "."
        grade = f"Reliability: {e(s.reliability)}." if s.reliability else "Reliability: not graded."
        url = (f'<br /><a href="{e(s.url)}" style="color:{ACCENT};">{e(s.url)}</a>' if s.url else "")
        uncited = "" if s.cited else ' <span class="small">(not cited)</span>'
        problem = f'<br /><span class="missing">{e(s.problem)}</span>' if s.problem else ""
        out.append(Block('<table width="100%" cellspacing="0" cellpadding="3">'
                         f'<tr><td width="36"><a name="src-{s.number}"></a><span class="label">[S{s.number}]</span></td>'
                         f'<td>{line}{uncited}<br /><span class="small">{grade}</span>{url}{problem}</td></tr></table>',
                         "item"))
    return out


def section_blocks(section: Section, doc: BriefingDoc, figures: Mapping[str, FigureInfo],
                   calls: NoteCalls | None = None) -> list[Block]:
    calls = calls or NoteCalls()
    body = section.body
    day_text = day_label(doc.as_of)
    if isinstance(body, Paragraphs):
        inner = paragraph_blocks(body, section.empty_text)
    elif isinstance(body, FigureSlot):
        inner = [figure_block(body, figures.get(body.kind))]
    elif isinstance(body, tuple) and body and isinstance(body[0], FigureSlot):
        inner = [figure_block(slot, figures.get(f"{slot.kind}-{i}" if i else slot.kind))
                 for i, slot in enumerate(body)]
    elif isinstance(body, ChangesBody):
        inner = changes_blocks(body, calls)
    elif section.id == "key-judgments":
        inner = key_judgment_blocks(body, section.empty_text, calls)  # type: ignore[arg-type]
    elif section.id == "relations":
        inner = relation_blocks(body, section.empty_text, day_text, calls)  # type: ignore[arg-type]
    elif section.id == "chronology":
        inner = chronology_blocks(body, section.empty_text, calls)  # type: ignore[arg-type]
    elif section.id in ("evidence", "gaps"):
        inner = excerpt_blocks(body, section.empty_text, calls)  # type: ignore[arg-type]
    elif section.id == "glossary":
        inner = glossary_blocks(body, section.empty_text)  # type: ignore[arg-type]
    elif section.id == "sources":
        inner = source_blocks(body, section.empty_text)  # type: ignore[arg-type]
    else:
        inner = []
    return [heading(1, section.title, f"sec-{section.id}"), *inner]


def briefing_flow(doc: BriefingDoc, figures: Mapping[str, FigureInfo]) -> list[Block]:
    """The body of the briefing as blocks in reading order (notes go to the page feet)."""
    calls = NoteCalls()
    out: list[Block] = []
    for s in doc.sections:
        out.extend(section_blocks(s, doc, figures, calls))
    if doc.problems:
        out.append(heading(2, "Problems found while exporting"))
        out.extend(Block(f'<p class="missing">• {e(p)}</p>', "text") for p in doc.problems)
    return out


def briefing_html(doc: BriefingDoc, figures: Mapping[str, FigureInfo]) -> str:
    """The whole briefing as one rich text (flow, then notes under a "Notes" heading): for checks and previews."""
    parts = ["<html><body>", *(b.html for b in briefing_flow(doc, figures))]
    if doc.notes:
        parts.append(f'<h1><a name="sec-notes"></a>{e(NOTES_TITLE)}</h1>')
        parts.append(notes_html(doc.notes))
    parts.append("</body></html>")
    return "\n".join(parts)


def changes_blocks(body: ChangesBody, calls: NoteCalls) -> list[Block]:
    """The "What changed since DATE" section: one table row per change, each with its note call."""
    intro = (f'<p class="small">From {e(body.period)}. A date known only to the month or year counts as in '
             "the period only if all of it is; notes give the passage each change rests on.</p>")
    out = [Block(intro, "lead")]

    def rows_of(items: tuple[ChangeRow, ...]) -> list[list[str]]:
        return [[f"<b>{e(r.date)}</b>", e(r.kind), e(r.item), e(r.change),
                 calls(r.notes) or '<span class="missing">unsourced</span>'] for r in items]

    headers = ["Date", "What", "Item", "Change", "Notes"]
    widths = ["12%", "16%", "34%", "28%", "10%"]
    if body.rows:
        out.append(Block(_table(headers, rows_of(body.rows), widths), "table"))
    else:
        out.append(Block('<p><b>Nothing is known to have changed in this period.</b></p>', "text"))
    if body.possibly:
        out.append(heading(2, f"Possibly in the period ({len(body.possibly)})",
                           sub="Dated too coarsely to tell whether they fall inside it."))
        out.append(Block(_table(headers, rows_of(body.possibly), widths), "table"))
    if body.unsourced:
        out.append(Block(f'<p class="missing">{body.unsourced} change{"s" * (body.unsourced != 1)} '
                         "above cite no passage held in the workspace.</p>", "text"))
    if body.undated:
        out.append(Block(f'<p class="small"><b>Undated, not placed in any period ({len(body.undated)}):</b> '
                         f"{e('; '.join(body.undated))}.</p>", "text"))
    return out
