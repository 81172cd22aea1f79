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

from briefing_app.export.compose import (
    NOTES_TITLE,
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
    day_label,
)

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


def note_calls(numbers: tuple[int, ...]) -> str:
    """Superscript links to notes: ¹ ³."""
    if not numbers:
        return ""
    links = ",".join(f'<a href="#note-{n}" style="color:{ACCENT}; text-decoration:none;">{n}</a>' for n in numbers)
    return f"<sup>{links}</sup>"


def style_sheet(serif: list[str], sans: list[str]) -> str:
    """Default CSS for the document (QTextDocument's subset)."""
    serif_css = ", ".join(f"'{f}'" for f in serif)
    sans_css = ", ".join(f"'{f}'" for f in sans)
    return f"""
body {{ font-family: {serif_css}; font-size: 10.5pt; color: {INK}; }}
h1 {{ font-family: {sans_css}; font-size: 14pt; font-weight: bold; color: {ACCENT};
      margin-top: 16pt; margin-bottom: 6pt; }}
h2 {{ font-family: {sans_css}; font-size: 11.5pt; font-weight: bold; color: {ACCENT};
      margin-top: 10pt; margin-bottom: 4pt; }}
p {{ margin-top: 0pt; margin-bottom: 6pt; line-height: 125%; }}
th {{ font-family: {sans_css}; font-size: 9pt; font-weight: bold; background-color: {HEAD_BG};
      text-align: left; }}
td {{ font-size: 9.5pt; vertical-align: top; }}
.small {{ font-size: 9pt; color: {MUTED}; }}
.caption {{ font-family: {sans_css}; font-size: 9pt; color: {MUTED}; }}
.label {{ font-family: {sans_css}; font-weight: bold; color: {ACCENT}; }}
.note {{ font-size: 9pt; margin-bottom: 4pt; }}
.missing {{ font-family: {sans_css}; font-size: 9.5pt; color: #8a1414; }}
"""


# -- sections -----------------------------------------------------------------
def paragraphs_html(body: Paragraphs, empty: str) -> str:
    if not body.paragraphs:
        return f'<p class="small"><i>{e(empty)}</i></p>'
    return "\n".join(f"<p>{e(p)}</p>" for p in body.paragraphs)


def key_judgments_html(items: tuple[KeyJudgment, ...], empty: str) -> str:
    if not items:
        return f'<p class="small"><i>{e(empty)}</i></p>'
    rows = []
    for kj in items:
        conf = (f'<br /><span class="small">We judge this <b>{e(kj.confidence)}</b>.</span>'
                if kj.confidence else '<br /><span class="small">No confidence level recorded.</span>')
        quote = f'<br /><span class="small">Source passage: “{e(kj.quote)}”</span>' if kj.quote else ""
        rows.append(
            f'<tr><td width="34"><span class="label">KJ{kj.number}</span></td>'
            f"<td><b>{e(kj.statement)}</b>{note_calls(kj.notes)}{conf}{quote}</td></tr>"
        )
    return ('<table width="100%" cellspacing="0" cellpadding="4" style="margin-bottom: 6pt;">'
            + "\n".join(rows) + "</table>")


def figure_html(slot: FigureSlot, info: FigureInfo | None) -> str:
    label = f"Figure {slot.number}."
    if info is None or info.resource is None:
        reason = info.reason if info else "no figure was produced"
        return (f'<table width="100%" border="1" cellspacing="0" cellpadding="10" '
                f'style="border-collapse: collapse; border-color: {RULE}; margin-top: 4pt; margin-bottom: 6pt;">'
                f'<tr><td><p class="missing">{e(label)} The {e(slot.kind)} is not available: {e(reason)}.</p>'
                f'<p class="caption">{e(slot.caption)}</p></td></tr></table>')
    # One table cell holds image and caption: Qt moves a row that does not fit to the next page whole.
    return (f'<table width="100%" cellspacing="0" cellpadding="0"><tr><td>'
            f'<p align="center" style="margin-top: 4pt; line-height: 100%;"><img src="{e(info.resource)}" width="{info.width_px}" '
            f'height="{info.height_px}" /></p>'
            f'<p align="center" class="caption"><b>{e(label)}</b> {e(slot.caption)}</p></td></tr></table>')


def _table(headers: list[str], rows: list[list[str]], widths: list[str] | None = None) -> str:
    head = "".join(
        f'<th{f" width={chr(34)}{widths[i]}{chr(34)}" if widths else ""}>{h}</th>' for i, h in enumerate(headers)
    )
    body = "\n".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    return (f'<table width="100%" border="1" cellspacing="0" cellpadding="4" '
            f'style="border-collapse: collapse; border-color: {RULE};"><thead><tr>{head}</tr></thead>'
            f"{body}</table>")


def relations_html(rows: tuple[RelationRow, ...], empty: str, day_text: str) -> str:
    if not rows:
        return f'<p class="small"><i>{e(empty)}</i></p>'
    out = []
    for r in rows:
        if r.state:
            colour = STATE_COLOURS.get(r.state, INK)
            state = f'<span style="color:{colour}; font-weight: bold;">{e(r.state)}</span>'
        else:
            state = '<span class="small">no recorded state</span>'
        out.append([
            f"<b>{e(r.label)}</b>",
            e(r.members),
            e(r.kind),
            state,
            e(r.period),
            note_calls(r.notes) or '<span class="small">—</span>',
        ])
    intro = (f'<p class="small">The state each relation was in on {e(day_text)}; where states overlap, '
             "the most recent one is shown.</p>")
    return intro + _table(["Relation", "Members", "Kind", f"State on {e(day_text)}", "Period", "Notes"], out,
                          ["26%", "22%", "14%", "14%", "14%", "10%"])


def chronology_html(items: tuple[ChronologyEntry, ...], empty: str) -> str:
    if not items:
        return f'<p class="small"><i>{e(empty)}</i></p>'
    rows = [[f"<b>{e(c.date)}</b>", e(c.title) + note_calls(c.notes), e(c.participants)] for c in items]
    return _table(["Date", "Event", "Actors"], rows, ["18%", "52%", "30%"])


def excerpts_html(items: tuple[Excerpt, ...], empty: str) -> str:
    if not items:
        return f'<p class="small"><i>{e(empty)}</i></p>'
    out = []
    for x in items:
        where = ", ".join(p for p in (x.document, x.publisher, x.date) if p)
        src = (f' <a href="#src-{x.source_number}" style="color:{ACCENT}; text-decoration:none;">'
               f"[S{x.source_number}]</a>") if x.source_number else ""
        grade = f"<br />Reliability: {e(x.reliability)}" if x.reliability else "<br />Reliability: not graded"
        tag = "" if x.tag in ("evidence", "quote") else f'<span class="label">{e(x.tag.capitalize())}.</span> '
        note = f"<p style='margin-left: 18pt;'>{tag}{e(x.note)}</p>" if x.note else ""
        out.append(
            f'{note}<p style="margin-left: 18pt; margin-right: 12pt; margin-bottom: 2pt;"><i>“{e(x.quote)}”</i>'
            f"{note_calls(x.notes)}</p>"
            f'<p class="small" style="margin-left: 18pt; margin-bottom: 10pt;">— {e(where)}{src}{grade}</p>'
        )
    return "\n".join(out)


def glossary_html(items: tuple[GlossaryEntry, ...], empty: str) -> str:
    if not items:
        return f'<p class="small"><i>{e(empty)}</i></p>'
    rows = []
    for g in items:
        notes = e(g.description)
        if g.affiliation:
            notes = (f"<i>Affiliation:</i> {e(g.affiliation)}. " + notes).strip()
        rows.append([f"<b>{e(g.name)}</b>", e(g.type), e(", ".join(g.aliases)), notes])
    return _table(["Actor", "Type", "Also called", "Description"], rows, ["24%", "12%", "24%", "40%"])


def notes_html(notes: tuple[Note, ...]) -> str:
    out = []
    for n in notes:
        src = (f' <a href="#src-{n.source_number}" style="color:{ACCENT}; text-decoration:none;">'
               f"[S{n.source_number}]</a>") if n.source_number else ""
        quote = f"“{e(n.quote)}” — " if n.quote else ""
        problem = f' <span class="missing">({e(n.problem)})</span>' if n.problem else ""
        out.append(f'<p class="note"><a name="note-{n.number}"></a><b>{n.number}.</b> '
                   f"{quote}{e(n.citation)}{src}{problem}</p>")
    return "\n".join(out)


def sources_html(items: tuple[SourceEntry, ...], empty: str) -> str:
    if not items:
        return f'<p class="small"><i>{e(empty)}</i></p>'
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
        out.append(f'<tr><td width="36"><a name="src-{s.number}"></a><span class="label">[S{s.number}]</span></td>'
                   f'<td>{line}{uncited}<br /><span class="small">{grade}</span>{url}{problem}</td></tr>')
    return '<table width="100%" cellspacing="0" cellpadding="3">' + "\n".join(out) + "</table>"


def section_html(section: Section, doc: BriefingDoc, figures: Mapping[str, FigureInfo],
                 page_break: bool = False) -> str:
    body = section.body
    day_text = day_label(doc.as_of)
    if isinstance(body, Paragraphs):
        inner = paragraphs_html(body, section.empty_text)
    elif isinstance(body, FigureSlot):
        inner = figure_html(body, figures.get(body.kind))
    elif section.id == "key-judgments":
        inner = key_judgments_html(body, section.empty_text)  # type: ignore[arg-type]
    elif section.id == "relations":
        inner = relations_html(body, section.empty_text, day_text)  # type: ignore[arg-type]
    elif section.id == "chronology":
        inner = chronology_html(body, section.empty_text)  # type: ignore[arg-type]
    elif section.id in ("evidence", "gaps"):
        inner = excerpts_html(body, section.empty_text)  # type: ignore[arg-type]
    elif section.id == "glossary":
        inner = glossary_html(body, section.empty_text)  # type: ignore[arg-type]
    elif section.id == "sources":
        inner = sources_html(body, section.empty_text)  # type: ignore[arg-type]
    else:
        inner = ""
    brk = ' style="page-break-before: always;"' if page_break else ""
    return f'<h1{brk}><a name="sec-{section.id}"></a>{e(section.title)}</h1>\n{inner}'


def briefing_html(doc: BriefingDoc, figures: Mapping[str, FigureInfo]) -> str:
    """The whole briefing body; notes go before the sources, after the last body section."""
    parts = ["<html><body>"]
    body_sections = [s for s in doc.sections if s.id != "sources"]
    for s in body_sections:
        parts.append(section_html(s, doc, figures))
    if doc.notes:
        parts.append(f'<h1><a name="sec-notes"></a>{e(NOTES_TITLE)}</h1>')
        parts.append(notes_html(doc.notes))
    for s in doc.sections:
        if s.id == "sources":
            parts.append(section_html(s, doc, figures))
    if doc.problems:
        parts.append('<h2>Problems found while exporting</h2>')
        parts.append("".join(f'<p class="missing">• {e(p)}</p>' for p in doc.problems))
    parts.append("</body></html>")
    return "\n".join(parts)
