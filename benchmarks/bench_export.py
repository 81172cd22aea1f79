"""Briefing PDF export speed: the bundled briefing and a synthetic big one, against reportlab.

Run: .venv/bin/python benchmarks/bench_export.py
Targets: bundled briefing ≤ 2 s; 500 annotations + 200 events ≤ 10 s (peak memory reported).
Peer: reportlab (platypus) building a comparable document from the same composed
briefing (paragraphs, tables, notes, sources; no figures, Helvetica, no CJK).
Writes benchmarks/results/export.md.
"""

from __future__ import annotations

import os
import platform
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefing_app.export import ExportOptions, export_briefing  # noqa: E402
from briefing_app.export.compose import BriefingDoc, compose_briefing  # noqa: E402
from briefing_app.model.dates import PartialDate as D  # noqa: E402
from briefing_app.model.types import (  # noqa: E402
    Annotation,
    Briefing,
    Document,
    Entity,
    Event,
    Relation,
    RelationState,
    Selector,
    Workspace,
)

WORDS = ("alliance security missile cooperation summit minister defence exercise intelligence trade "
         "export dispute court ruling treaty navy patrol radar warning data sharing agreement talks").split()


def synthetic(root: Path, n_ann: int = 500, n_events: int = 200, n_docs: int = 20, n_ent: int = 120,
              n_rel: int = 150) -> Workspace:
    """A reproducible big workspace with documents on disk."""
    rnd = random.Random(7)
    (root / "documents").mkdir(parents=True, exist_ok=True)
    texts = []
    docs = []
    for i in range(n_docs):
        text = "\n\n".join(" ".join(rnd.choice(WORDS) for _ in range(80)) + "." for _ in range(40))
        (root / "documents" / f"d{i}.txt").write_text(text, encoding="utf-8")
        texts.append(text)
        docs.append(Document(f"doc-{i:03d}", f"Report {i} on regional security", f"documents/d{i}.txt",
                             publisher=f"Publisher {i % 7}", published=D(2020 + i % 4, 1 + i % 12),
                             reliability="ABCDEF"[i % 6] + "123456"[i % 6]))
    ents = tuple(Entity(f"e{i:03d}", f"Actor {i} 東京 서울" if i % 10 == 0 else f"Actor {i}",
                        ("country", "person", "organization")[i % 3], description=f"Description of actor {i}.")
                 for i in range(n_ent))
    tags = ("key-judgment", "evidence", "evidence", "evidence", "question", "assumption", "quote")
    anns = []
    for i in range(n_ann):
        d = i % n_docs
        start = rnd.randrange(0, len(texts[d]) - 200)
        exact = texts[d][start:start + rnd.randrange(40, 180)]
        anns.append(Annotation(f"ann-{i:04d}", docs[d].id, Selector(exact, start, start + len(exact)),
                               tag=tags[i % len(tags)] if i >= 20 or i % 4 == 0 else "key-judgment",
                               note=f"Analyst note {i}." if i % 3 == 0 else "",
                               confidence=("likely", "very-likely", "unlikely", "")[i % 4]))
    rels = tuple(Relation(f"r{i:03d}", ("alliance", "security-cooperation", "trade", "dispute")[i % 4],
                          (ents[i % n_ent].id, ents[(i * 7 + 1) % n_ent].id),
                          states=(RelationState("active", D(2010 + i % 10), D(2021), (anns[i % n_ann].id,)),
                                  RelationState(("strained", "restored")[i % 2], D(2021, 6), None,
                                                (anns[(i * 3) % n_ann].id,))))
                 for i in range(n_rel))
    events = tuple(Event(f"ev-{i:03d}", D(1990 + i % 33, 1 + i % 12, 1 + i % 28), f"Event number {i}",
                         participants=(ents[i % n_ent].id,), evidence=(anns[(i * 5) % n_ann].id,))
                   for i in range(n_events))
    b = Briefing("Synthetic regional security briefing", "500 annotations, 200 events", "Bench",
                 "UNCLASSIFIED // BENCHMARK", D(2023, 6, 30), "Bottom line. " * 40)
    return Workspace(b, ents, rels, events, tuple(docs), tuple(anns), root=root)


def reportlab_build(doc: BriefingDoc, out: Path) -> int:
    """The peer: the same composed briefing laid out with reportlab platypus. Returns pages."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
    from xml.sax.saxutils import escape

    st = getSampleStyleSheet()
    pages = [0]

    def on_page(canvas, _doc):
        pages[0] += 1
        canvas.setFont("Helvetica-Bold", 8)
        canvas.drawCentredString(A4[0] / 2, A4[1] - 12 * mm, doc.banner)
        canvas.drawCentredString(A4[0] / 2, 10 * mm, doc.banner)
        canvas.drawRightString(A4[0] - 20 * mm, 6 * mm, f"Page {pages[0]}")

    story = [Spacer(1, 80 * mm), Paragraph(escape(doc.title_page.title), st["Title"]), PageBreak()]
    for s in doc.sections:
        story.append(Paragraph(escape(s.title), st["Heading1"]))
        body = s.body
        if hasattr(body, "paragraphs"):
            story += [Paragraph(escape(p), st["BodyText"]) for p in body.paragraphs]
        elif isinstance(body, tuple) and body:
            rows = [[Paragraph(escape(str(v))[:400], st["BodyText"]) for v in list(vars(x).values())[:4]]
                    for x in body]
            t = Table(rows, repeatRows=0, colWidths=[42 * mm] * 4)
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.25, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            story.append(t)
    story.append(Paragraph("Notes", st["Heading1"]))
    for n in doc.notes:
        story.append(Paragraph(f'<a name="note-{n.number}"/>{n.number}. “{escape(n.quote)}” — {escape(n.citation)}'
                               f' <a href="#src-{n.source_number}">[S{n.source_number}]</a>', st["BodyText"]))
    for s in doc.sources:
        story.append(Paragraph(f'<a name="src-{s.number}"/>[S{s.number}] {escape(s.title)}', st["BodyText"]))
    SimpleDocTemplate(str(out), pagesize=A4).build(story, onFirstPage=on_page, onLaterPages=on_page)
    return pages[0]


def timed(fn, repeat: int = 3):
    best, result = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t)
    return best, result


def main() -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])  # noqa: F841 (fonts and figure views need it)
    from briefing_app.export.fonts import ensure_fonts

    t = time.perf_counter()
    ensure_fonts()
    font_setup = time.perf_counter() - t
    rows = []
    tmp = Path(tempfile.mkdtemp(prefix="bench-export-"))

    from briefing_app.model.io import BUNDLED_EXAMPLE, load_workspace

    cases = []
    if BUNDLED_EXAMPLE.exists():
        cases.append(("bundled briefing", load_workspace(BUNDLED_EXAMPLE), 2.0))
    cases.append(("synthetic 500 annotations, 200 events", synthetic(tmp / "syn"), 10.0))

    for name, ws, target in cases:
        out = tmp / "out.pdf"
        secs, report = timed(lambda: export_briefing(ws, out, ExportOptions()))
        tracemalloc.start()
        export_briefing(ws, out, ExportOptions())
        _, py_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        composed = compose_briefing(ws)
        rl_secs, rl_pages = timed(lambda: reportlab_build(composed, tmp / "rl.pdf"))
        rows.append((name, secs, target, report.pages, out.stat().st_size, py_peak, rl_secs, rl_pages))
        print(f"{name}: {secs:.2f} s (target ≤ {target:.0f} s), {report.pages} pages, "
              f"{out.stat().st_size / 1024:.0f} KB, Python peak {py_peak / 2**20:.1f} MB; "
              f"reportlab {rl_secs:.2f} s, {rl_pages} pages → ratio reportlab/ours {rl_secs / secs:.2f}×")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux → MB
    print(f"process peak RSS {rss:.0f} MB; CJK font preparation (this run) {font_setup:.2f} s")

    lines = [
        "# Briefing PDF export",
        "",
        f"Machine: {platform.machine()}, Python {platform.python_version()}, {os.cpu_count()} cores (shared). "
        "Best of 3 runs. Peer: reportlab platypus building a comparable document from the same composed "
        "briefing (paragraphs, tables, notes, sources; no figures, no CJK, so it does less work).",
        "",
        "| case | ours (s) | target (s) | pages | size (KB) | Python peak (MB) | reportlab (s) | reportlab pages "
        "| reportlab / ours |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, secs, target, pages, size, peak, rl, rlp in rows:
        lines.append(f"| {name} | {secs:.2f} | ≤ {target:.0f} | {pages} | {size / 1024:.0f} | {peak / 2**20:.1f} "
                     f"| {rl:.2f} | {rlp} | {rl / secs:.2f}× |")
    lines += [
        "",
        f"Process peak RSS (whole run, Qt included): {rss:.0f} MB. CJK font preparation in this run: "
        f"{font_setup:.2f} s (≈1 s once per machine to derive the cached face, then only registration).",
        "Ours includes drawing the figures (map, timeline overview and detail, at 300 dpi) and page-by-page layout with footnotes; the peer draws no figures and puts notes at the end.",
    ]
    res = ROOT / "benchmarks" / "results"
    res.mkdir(parents=True, exist_ok=True)
    (res / "export.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {res / 'export.md'}")


if __name__ == "__main__":
    main()
