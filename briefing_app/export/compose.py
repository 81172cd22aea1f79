"""Briefing composition: from a workspace and options to a printable structure.

Pure Python, no Qt. The structure (:mod:`briefing_app.export.briefing_doc`)
says *what* the briefing contains, in which order, and how its notes are
numbered; the options are in :mod:`briefing_app.export.options`;
:mod:`briefing_app.export.pdf` decides how it looks. Every step is a pure function of its inputs, so the
same workspace and options always give the same briefing (and the same
note numbers).

Notes are numbered in reading order: the first citation of an annotation
gets the next number and later citations of the same annotation reuse it.
Sources are numbered in the order they are first cited; documents nobody
cites follow, in id order.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import replace

from briefing_app.export.changes_section import CHANGES_SECTION_ID, changes_body, changes_title
from briefing_app.model.dates import PartialDate
from briefing_app.model.reliability import INFO_GRADES, SOURCE_GRADES, reliability_phrase  # noqa: F401 - used here and by callers of compose
from briefing_app.model.types import CONFIDENCE_LABELS, Annotation, Document, Relation, Workspace
from briefing_app.export.briefing_doc import (  # noqa: F401 - the structure; callers import it from here too
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
    TitlePage,
)
from briefing_app.export.options import (  # noqa: F401 - the options; callers import them from here too
    NOTES_TITLE,
    PAPERS,
    SECTION_IDS,
    SECTION_TITLES,
    ExportOptions,
    OptionsError,
)

KEY_JUDGMENT_TAGS = ("key-judgment",)
EVIDENCE_TAGS = ("evidence", "quote")
GAP_TAGS = ("assumption", "question")

QUOTE_LIMIT = 320  # characters of a quoted passage in a note


# -- small pure helpers -------------------------------------------------------
_DIGITS = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple:
    """Sort key that puts "ann-2" before "ann-10"."""
    return tuple(int(p) if p.isdigit() else p.casefold() for p in _DIGITS.split(text))


def day_label(day: _dt.date) -> str:
    return PartialDate.from_date(day).label()


def date_label(value: PartialDate | None) -> str:
    return value.label() if value is not None else "undated"


def confidence_phrase(confidence: str) -> str:
    """Estimative language for a confidence word ("" when none; unknown words kept as written)."""
    if not confidence:
        return ""
    return CONFIDENCE_LABELS.get(confidence, confidence.replace("-", " "))


def sentence_case(text: str) -> str:
    """First letter upper-cased (a judgment quoted from mid-sentence), the rest untouched."""
    return text[:1].upper() + text[1:]


def clip_quote(text: str, limit: int = QUOTE_LIMIT) -> str:
    """The passage on one line, cut at a word boundary with an ellipsis when long."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + " …"


def resolve_as_of(ws: Workspace, as_of: _dt.date | None, cursor: _dt.date | None = None) -> _dt.date:
    """The briefing day: the option, the briefing's as-of, the time cursor (when given), else the latest
    dated item in the workspace."""
    if as_of is not None:
        return as_of
    if ws.briefing.as_of is not None:
        return ws.briefing.as_of.end
    if cursor is not None:
        return cursor
    # A briefing with no date at all (a new one) is as of today: "as of 1 Jan 2000" would be
    # a made-up date on its cover. Any dated item makes the output deterministic again.
    return latest_dated(ws) or _dt.date.today()


def _dated_items(ws: Workspace) -> Iterable[tuple[_dt.date, str]]:
    """(first day, description) of everything dated: events, relation states, documents."""
    for e in ws.events:
        if e.date is not None:
            yield e.date.start, f"event “{e.title}” ({e.date.label()})"
        if e.end is not None and e.date is None:
            yield e.end.start, f"event “{e.title}” (ends {e.end.label()})"
    for r in ws.relations:
        for s in r.states:
            yield s.start.start, f"relation “{relation_label(ws, r)}” {s.state} from {s.start.label()}"
    for d in ws.documents:
        if d.published is not None:
            yield d.published.start, f"document “{d.title}” ({d.published.label()})"


def latest_dated(ws: Workspace) -> _dt.date | None:
    """The last day of the latest date in the workspace (events, relation states, documents)."""
    dates: list[_dt.date] = []
    for e in ws.events:
        dates.extend(d.end for d in (e.date, e.end) if d is not None)
    for r in ws.relations:
        for s in r.states:
            dates.append(s.start.end)
            if s.end is not None:
                dates.append(s.end.end)
    dates.extend(d.published.end for d in ws.documents if d.published is not None)
    return max(dates) if dates else None


def newer_than(ws: Workspace, day: _dt.date) -> list[str]:
    """What a briefing as of ``day`` leaves out: items whose date starts after it, oldest first."""
    return [text for _start, text in sorted((x for x in _dated_items(ws) if x[0] > day), key=lambda x: x[0])]


def entity_names(ws: Workspace, ids: Iterable[str]) -> str:
    return ", ".join(ws.entity_by_id[i].name if i in ws.entity_by_id else i for i in ids)


def relation_label(ws: Workspace, rel: Relation) -> str:
    if rel.label:
        return rel.label
    if rel.entity and rel.entity in ws.entity_by_id:
        return ws.entity_by_id[rel.entity].name
    sep = " → " if rel.directed else " – "
    return sep.join(ws.entity_by_id[m].name if m in ws.entity_by_id else m for m in rel.members) + (
        f" ({rel.kind.replace('-', ' ')})"
    )


def state_period(start: PartialDate, end: PartialDate | None) -> str:
    return f"since {start.label()}" if end is None else f"{start.label()} – {end.label()}"


# -- selection and order ------------------------------------------------------
def annotations_tagged(ws: Workspace, tags: Iterable[str]) -> list[Annotation]:
    """Annotations with one of ``tags``, in id order (natural: ann-2 before ann-10)."""
    wanted = set(tags)
    return sorted((a for a in ws.annotations if a.tag in wanted), key=lambda a: natural_key(a.id))


def excerpt_order(ws: Workspace, annotations: Iterable[Annotation], source_rank: Mapping[str, int]) -> list[Annotation]:
    """Passages grouped by source (in source-list order), then by position in the document."""
    big = len(source_rank) + 1
    return sorted(
        annotations,
        key=lambda a: (source_rank.get(a.document, big), a.document, a.selector.start, natural_key(a.id)),
    )


def relation_order(ws: Workspace) -> list[Relation]:
    """Relations by kind (vocabulary order), then label."""
    kinds = {k: i for i, k in enumerate(ws.vocabulary.all_relation_kinds())}
    return sorted(
        ws.relations,
        key=lambda r: (kinds.get(r.kind, len(kinds)), relation_label(ws, r).casefold(), r.id),
    )


def chronology_events(ws: Workspace, day: _dt.date) -> list:
    """Dated events that started on or before ``day``, oldest first."""
    dated = [e for e in ws.events if e.date is not None and e.date.start <= day]
    return sorted(dated, key=lambda e: (e.date.sort_key(), natural_key(e.id)))


# -- notes and sources ----------------------------------------------------------
class NoteBook:
    """Hands out note numbers in citation order; a repeated citation reuses its number."""

    def __init__(self) -> None:
        self.order: list[str] = []  # annotation ids, note n is order[n-1]
        self._number: dict[str, int] = {}

    def cite(self, annotation_ids: Iterable[str]) -> tuple[int, ...]:
        out = []
        for aid in annotation_ids:
            if aid not in self._number:
                self.order.append(aid)
                self._number[aid] = len(self.order)
            n = self._number[aid]
            if n not in out:
                out.append(n)
        return tuple(out)


def source_order(ws: Workspace, cited_annotations: Iterable[str]) -> list[Document]:
    """Documents in the order of their first citation, then uncited ones in id order."""
    seen: dict[str, None] = {}
    for aid in cited_annotations:
        ann = ws.annotation_by_id.get(aid)
        if ann is not None and ann.document in ws.document_by_id:
            seen.setdefault(ann.document, None)
    cited = [ws.document_by_id[d] for d in seen]
    rest = sorted((d for d in ws.documents if d.id not in seen), key=lambda d: natural_key(d.id))
    return cited + rest


def citation_text(doc: Document) -> str:
    parts = [doc.title or doc.id]
    if doc.publisher:
        parts.append(doc.publisher)
    parts.append(date_label(doc.published) + (" (estimated)" if doc.published_estimated else ""))
    text = ", ".join(parts)
    if doc.reliability:
        text += f"; graded {doc.reliability.upper()}"
    return text


def short_citation(doc: Document, limit: int = 64) -> str:
    """The footnote form of a source: title cut to ``limit`` characters, date, grade."""
    title = clip_quote(doc.title or doc.id, limit)
    text = f"{title}, {date_label(doc.published)}"
    if doc.reliability:
        text += f"; graded {doc.reliability.upper()}"
    return text


def build_notes(
    ws: Workspace,
    order: list[str],
    source_number: Mapping[str, int],
    annotation_problems: Mapping[str, str],
) -> tuple[Note, ...]:
    notes = []
    for n, aid in enumerate(order, 1):
        ann = ws.annotation_by_id.get(aid)
        if ann is None:
            notes.append(Note(n, aid, "", "", None, f"annotation '{aid}' is not in the workspace"))
            continue
        doc = ws.document_by_id.get(ann.document)
        if doc is None:
            notes.append(Note(n, aid, clip_quote(ann.selector.exact), "", None,
                              f"source document '{ann.document}' is not in the workspace"))
            continue
        notes.append(Note(n, aid, clip_quote(ann.selector.exact), citation_text(doc),
                          source_number.get(doc.id), annotation_problems.get(aid, ""), short_citation(doc)))
    return tuple(notes)


# -- composition ------------------------------------------------------------------
def compose_briefing(
    ws: Workspace,
    options: ExportOptions | None = None,
    *,
    document_problems: Mapping[str, str] | None = None,
    annotation_problems: Mapping[str, str] | None = None,
) -> BriefingDoc:
    """Build the briefing structure.

    Args:
        ws: The workspace snapshot.
        options: What to include; defaults to everything.
        document_problems: Document id → why its file is unusable (found by
            the caller, who does the I/O); shown in the source list.
        annotation_problems: Annotation id → why its passage is no longer
            found in its document; shown in the note.

    Returns:
        The briefing, deterministic for equal inputs.
    """
    opts = (options or ExportOptions()).checked()
    document_problems = document_problems or {}
    annotation_problems = annotation_problems or {}
    day = resolve_as_of(ws, opts.as_of)
    wanted = set(opts.sections)
    b = ws.briefing
    banner = (opts.banner if opts.banner is not None else b.classification).strip()
    book = NoteBook()

    # Pass 1: the body in reading order, citing as we go (this fixes note numbers).
    kj_anns = annotations_tagged(ws, KEY_JUDGMENT_TAGS)
    evidence_anns = annotations_tagged(ws, EVIDENCE_TAGS)
    gap_anns = annotations_tagged(ws, GAP_TAGS)
    sections: list[tuple[str, object, str]] = []
    figure_no = 0

    changes_due = opts.changes_since is not None

    def add_changes() -> None:
        body = changes_body(ws, opts.changes_since, day, book.cite,  # type: ignore[arg-type]
                            lambda d: tuple(a.id for a in ws.annotations if a.document == d)[:1])
        sections.append((CHANGES_SECTION_ID, body, ""))

    for sid in SECTION_IDS:
        if sid not in wanted:
            continue
        if changes_due and sid != "bluf":
            add_changes()
            changes_due = False
        if sid == "bluf":
            paras = tuple(p.strip() for p in re.split(r"\n\s*\n", b.bluf) if p.strip())
            sections.append((sid, Paragraphs(paras), "No bottom line has been written for this briefing."))
        elif sid == "key-judgments":
            items = tuple(
                KeyJudgment(
                    number=i,
                    statement=sentence_case(" ".join((a.note or a.selector.exact).split())),
                    confidence=confidence_phrase(a.confidence),
                    quote=clip_quote(a.selector.exact) if a.note else "",
                    notes=book.cite([a.id]),
                )
                for i, a in enumerate(kj_anns, 1)
            )
            sections.append((sid, items, "No passage is tagged as a key judgment."))
        elif sid == "map":
            figure_no += 1
            caption = (f"Relationship map as of {day_label(day)}: relations drawn by kind, "
                       "styled by their state on that day.")
            sections.append((sid, FigureSlot(sid, figure_no, caption, day), ""))
        elif sid == "timeline":
            slots = timeline_slots(ws, day, figure_no + 1)
            figure_no += len(slots)
            sections.append((sid, slots[0] if len(slots) == 1 else slots, ""))
        elif sid == "relations":
            rows = []
            for rel in relation_order(ws):
                st = rel.state_at(day)
                rows.append(RelationRow(
                    relation_id=rel.id,
                    label=relation_label(ws, rel),
                    members=entity_names(ws, rel.members),
                    kind=rel.kind.replace("-", " "),
                    state=st.state.replace("-", " ") if st else "",
                    period=state_period(st.start, st.end) if st else "",
                    notes=book.cite(st.evidence) if st else (),
                ))
            sections.append((sid, tuple(rows), "The workspace records no relations."))
        elif sid == "chronology":
            entries = tuple(
                ChronologyEntry(
                    event_id=e.id,
                    date=e.date.label() + (f" – {e.end.label()}" if e.end else ""),
                    title=e.title,
                    participants=entity_names(ws, e.participants),
                    notes=book.cite(e.evidence),
                )
                for e in chronology_events(ws, day)
            )
            sections.append((sid, entries, f"No dated event up to {day_label(day)}."))
        elif sid in ("evidence", "gaps"):
            # Placeholder: excerpts are ordered by source number, known after pass 1.
            sections.append((sid, None, ""))
        elif sid in ("glossary", "sources"):
            sections.append((sid, None, ""))

    if changes_due:  # nothing but the BLUF (or nothing at all) was asked for
        add_changes()

    # Excerpts cite their own passage; order them by the sources known so far,
    # then by position, and cite in that order.
    provisional = {d.id: i for i, d in enumerate(source_order(ws, book.order))}

    excerpted: list[str] = []

    def excerpts(anns: list[Annotation]) -> tuple[Excerpt, ...]:
        out = []
        for a in excerpt_order(ws, anns, provisional):
            doc = ws.document_by_id.get(a.document)
            out.append(Excerpt(
                annotation_id=a.id,
                tag=a.tag,
                quote=" ".join(a.selector.exact.split()),
                note=" ".join(a.note.split()),
                document=(doc.title or doc.id) if doc else a.document,
                publisher=doc.publisher if doc else "",
                date=date_label(doc.published) if doc else "",
                reliability=reliability_phrase(doc.reliability) if doc else "",
                source_number=None,
                notes=(),  # an excerpt is its own citation: source, date and grade are printed with it
            ))
            excerpted.append(a.id)
        return tuple(out)

    filled: list[tuple[str, object, str]] = []
    for sid, body, empty in sections:
        if sid == "evidence":
            body, empty = excerpts(evidence_anns), "No passage is tagged as evidence."
        elif sid == "gaps":
            body, empty = excerpts(gap_anns), "No assumption or open question is recorded."
        filled.append((sid, body, empty))

    # Sources and notes now that every citation is known.
    docs = source_order(ws, book.order + excerpted)
    source_number = {d.id: i for i, d in enumerate(docs, 1)}
    cited_docs = {ws.annotation_by_id[a].document for a in book.order + excerpted if a in ws.annotation_by_id}
    sources = tuple(
        SourceEntry(
            number=source_number[d.id],
            document_id=d.id,
            title=d.title or d.id,
            publisher=d.publisher,
            published=date_label(d.published) + (" (estimated)" if d.published_estimated else ""),
            url=d.url,
            reliability=reliability_phrase(d.reliability),
            cited=d.id in cited_docs,
            problem=document_problems.get(d.id, ""),
        )
        for d in docs
    )
    notes = build_notes(ws, book.order, source_number, annotation_problems)

    final: list[Section] = []
    for sid, body, empty in filled:
        if sid in ("evidence", "gaps"):
            body = tuple(
                replace(e, source_number=source_number.get(ws.annotation_by_id[e.annotation_id].document))
                for e in body  # type: ignore[union-attr]
            )
        elif sid == "glossary":
            body = glossary(ws)
            empty = "The workspace records no actors."
        elif sid == "sources":
            body = sources
            empty = "The workspace has no source documents."
        title = SECTION_TITLES.get(sid) or changes_title(opts.changes_since)  # type: ignore[arg-type]
        final.append(Section(sid, title, body, empty))

    problems = [n.problem for n in notes if n.problem]
    problems += [f"source {s.number} ({s.document_id}): {s.problem}" for s in sources if s.problem]

    n_kj = len(kj_anns)
    summary = (f"{len(ws.documents)} source{'s' * (len(ws.documents) != 1)} · "
               f"{n_kj} key judgment{'s' * (n_kj != 1)} · "
               f"{len(ws.relations)} relation{'s' * (len(ws.relations) != 1)} · "
               f"{len(ws.entities)} actor{'s' * (len(ws.entities) != 1)}")
    title_page = TitlePage(banner, b.title, b.subtitle, b.author, day_label(day), summary)
    metadata = {
        "title": b.title,
        "author": b.author,
        "subject": b.subtitle or f"Briefing as of {day_label(day)}",
        "keywords": banner,
    }
    return BriefingDoc(title_page, tuple(final), notes, sources, banner, opts.paper, day, metadata, tuple(problems))


def dated_points(ws: Workspace, day: _dt.date) -> list[_dt.date]:
    """Days on which something recorded happened up to ``day``: event starts and relation state changes."""
    out = [e.date.start for e in ws.events if e.date is not None and e.date.start <= day]
    for r in ws.relations:
        for st in r.states:
            if st.start.start <= day:
                out.append(st.start.start)
            if st.end is not None and st.end.start <= day:
                out.append(st.end.start)
    return sorted(out)


def timeline_detail_range(
    ws: Workspace, day: _dt.date, *, min_share: float = 0.5, min_years: int = 3, zoom: float = 2.5,
) -> tuple[_dt.date, _dt.date] | None:
    """The recent, busy period worth a second, zoomed timeline figure, or None when one figure shows enough.

    The dated points up to ``day`` (event starts, state changes) are scanned
    for the latest quiet gap (at least a year, and at least as long as
    what follows it up to ``day``) that still leaves ``min_share`` of the
    points after it; without one, the latest ``min_share`` of the points is
    taken. The period starts on 1 January of that year (at least
    ``min_years`` before ``day``) and ends a little after ``day``. None when
    the whole history is not at least ``zoom`` times longer than that period.
    """
    pts = dated_points(ws, day)
    if len(pts) < 4:
        return None
    lo, hi = pts[0], day
    start: _dt.date | None = None
    n = len(pts)
    for i in range(n - 1, 0, -1):
        gap = (pts[i] - pts[i - 1]).days
        if gap >= 365 and gap >= (hi - pts[i]).days and n - i >= min_share * n:
            start = pts[i]
            break
    if start is None:
        start = pts[int((1 - min_share) * (n - 1))]
    begin = _dt.date(start.year, 1, 1)
    earliest = _dt.date(day.year - min_years, 1, 1)
    begin = min(begin, earliest)
    span = (day - begin).days
    end = day + _dt.timedelta(days=max(31, span // 25))
    if (hi - lo).days < zoom * (end - begin).days:
        return None
    return begin, end


def timeline_slots(ws: Workspace, day: _dt.date, first_number: int) -> tuple[FigureSlot, ...]:
    """The timeline figure, and a zoomed one of the recent period when the history is long."""
    detail = timeline_detail_range(ws, day)
    pts = dated_points(ws, day)
    whole = f"{pts[0].year}–{day.year}" if pts and pts[0].year < day.year else ""
    overview = FigureSlot(
        "timeline", first_number,
        (f"Alliance timeline{', ' + whole if whole else ''}: relation states as spans and events as markers; "
         f"the line marks {day_label(day)}." + (" The recent period is enlarged in the next figure."
                                                 if detail else "")),
        day)
    if detail is None:
        return (overview,)
    begin, end = detail
    inside = sum(1 for p in pts if p >= begin)
    period = f"{begin.year}–{day_label(day)}"
    caption = (f"Alliance timeline, detail of {period}: {inside} of the {len(pts)} dated events and state "
               f"changes up to {day_label(day)} fall in this period; the line marks {day_label(day)}.")
    return overview, FigureSlot("timeline", first_number + 1, caption, day, detail)


def glossary(ws: Workspace) -> tuple[GlossaryEntry, ...]:
    """Every actor, alphabetically by name."""
    out = []
    for e in sorted(ws.entities, key=lambda e: (e.name.casefold(), e.id)):
        aff = ws.entity_by_id[e.affiliation].name if e.affiliation in ws.entity_by_id else (e.affiliation or "")
        aliases = tuple(a.text for a in e.surface_forms()[1:])
        out.append(GlossaryEntry(e.id, e.name, e.type.replace("-", " "), aliases, aff, " ".join(e.description.split())))
    return tuple(out)
