"""Reader speed: first highlighted screen and scroll frames on a 5 MB document.

Run: ``.venv/bin/python benchmarks/bench_reader.py [--mb 5]``

Compares, in one run and on the same document (~100k mentions, 2,000
annotations), three ways of colouring the text of a QPlainTextEdit:

* ours: :class:`briefing_app.ui.reader.view.ReaderView` (formats set lazily on
  the blocks in view, ``QTextLayout.setFormats``);
* a QSyntaxHighlighter that formats every block (``setFormat`` per mention),
  which Qt runs over the whole document when the text is set;
* ``setExtraSelections`` with one selection per mention.

"First screen" is from handing over the text until the viewport has been
rendered into a QImage (which forces layout and paint, offscreen); a "scroll
frame" is one jump of the scroll bar plus a render, at spread-out positions.
Results go to benchmarks/results/reader.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from bisect import bisect_left
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

from PySide6.QtGui import QImage, QSyntaxHighlighter, QTextCharFormat, QTextCursor  # noqa: E402
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QTextEdit  # noqa: E402
from synthetic_news import gazetteer, news_text  # noqa: E402

from briefing_app.analysis.matcher import AliasMatcher  # noqa: E402
from briefing_app.ui.palette import entity_type_color  # noqa: E402
from briefing_app.ui.reader.view import ReaderView  # noqa: E402
from briefing_app.ui.palette import tag_color  # noqa: E402

SIZE = (1000, 800)


def render(widget: QPlainTextEdit, image: QImage) -> None:
    widget.viewport().render(image)


def scroll_frames(widget: QPlainTextEdit, image: QImage, frames: int) -> list[float]:
    """Seconds per frame for ``frames`` jumps spread over the document."""
    bar = widget.verticalScrollBar()
    times = []
    for k in range(frames):
        target = (bar.maximum() * (2 * k + 1)) // (2 * frames)
        t = time.perf_counter()
        bar.setValue(target)
        render(widget, image)
        times.append(time.perf_counter() - t)
    # And small steps, as with a mouse wheel, near the middle.
    bar.setValue(bar.maximum() // 2)
    for _ in range(frames):
        t = time.perf_counter()
        bar.setValue(bar.value() + 3 * bar.singleStep())
        render(widget, image)
        times.append(time.perf_counter() - t)
    return times


def hover_frames(view: ReaderView, image: QImage, annotations: list) -> list[float]:
    """Seconds per frame when the mouse moves from one annotation to another (fill restyled)."""
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum() // 3)
    render(view, image)
    first = view.cursorForPosition(view.viewport().rect().topLeft()).position()
    last = view.cursorForPosition(view.viewport().rect().bottomRight()).position()
    near = [a[2] for a in annotations if a[1] > first and a[0] < last] or [annotations[0][2]]
    times = []
    for k in range(20):
        t = time.perf_counter()
        view.set_hovered_annotation(near[k % len(near)] if k % 2 == 0 else "")
        render(view, image)
        times.append(time.perf_counter() - t)
    return times


class EverythingHighlighter(QSyntaxHighlighter):
    """The textbook approach: format every mention of every block up front."""

    def __init__(self, document, starts, ends, formats) -> None:
        super().__init__(document)
        self.starts, self.ends, self.formats = starts, ends, formats

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt name
        base = self.currentBlock().position()
        i = bisect_left(self.starts, base)
        stop = base + len(text)
        while i < len(self.starts) and self.starts[i] < stop:
            self.setFormat(self.starts[i] - base, self.ends[i] - self.starts[i], self.formats[i])
            i += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="document size in MB (default 5)")
    parser.add_argument("--frames", type=int, default=20, help="scroll jumps and steps per approach")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "reader.md")
    args = parser.parse_args()

    app = QApplication.instance() or QApplication([])
    gaz = gazetteer()
    text = news_text(gaz, int(args.mb * 1_000_000))
    mentions = AliasMatcher([(e.alias, e.entity_id, "auto") for e in gaz]).find(text)
    types = {e.entity_id: e.entity_type for e in gaz}
    step = max(1, len(text) // 2000)
    # Tags in turn (bars, underlines); every fifth has a nested one, so some lines carry two bars.
    tags = ("evidence", "key-judgment", "evidence", "question", "quote")
    annotations = []
    for n, i in enumerate(range(0, len(text), step)):
        tag = tags[n % len(tags)]
        annotations.append((i, min(len(text), i + 300), f"ann-{n}", tag_color(tag), tag))
        if n % 5 == 0:
            annotations.append((i + 50, min(len(text), i + 120), f"ann-{n}-inner", tag_color("question"), "question"))
    mb = len(text.encode("utf-8")) / 1e6
    print(f"document: {mb:.1f} MB, {len(mentions)} mentions, {len(annotations)} annotations")
    image = QImage(SIZE[0], SIZE[1], QImage.Format.Format_RGB32)
    results: dict[str, tuple[float, list[float]]] = {}

    # Ours.
    view = ReaderView()
    view.resize(*SIZE)
    view.show()
    app.processEvents()
    t = time.perf_counter()
    view.set_content(text, mentions, types)
    view.set_annotations(annotations)
    view.set_selected_annotation("ann-0")  # one filled passage on the first screen
    render(view, image)
    first = time.perf_counter() - t
    results["ours (ReaderView)"] = (first, scroll_frames(view, image, args.frames))
    hover = hover_frames(view, image, annotations)
    view.close()

    fmt_by_type = {}
    for etype in set(types.values()):
        f = QTextCharFormat()
        f.setBackground(entity_type_color(etype))
        fmt_by_type[etype] = f
    starts = [m.start for m in mentions]
    ends = [m.end for m in mentions]
    formats = [fmt_by_type[types[m.entity_id]] for m in mentions]

    # QSyntaxHighlighter over everything.
    edit = QPlainTextEdit()
    edit.setReadOnly(True)
    edit.resize(*SIZE)
    edit.show()
    app.processEvents()
    t = time.perf_counter()
    highlighter = EverythingHighlighter(edit.document(), starts, ends, formats)
    edit.setPlainText(text)
    render(edit, image)
    first = time.perf_counter() - t
    results["QSyntaxHighlighter, whole document"] = (first, scroll_frames(edit, image, args.frames))
    del highlighter
    edit.close()

    # Extra selections.
    edit = QPlainTextEdit()
    edit.setReadOnly(True)
    edit.resize(*SIZE)
    edit.show()
    app.processEvents()
    t = time.perf_counter()
    edit.setPlainText(text)
    selections = []
    doc = edit.document()
    for s, e, f in zip(starts, ends, formats):
        sel = QTextEdit.ExtraSelection()
        cursor = QTextCursor(doc)
        cursor.setPosition(s)
        cursor.setPosition(e, QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cursor
        sel.format = f
        selections.append(sel)
    edit.setExtraSelections(selections)
    render(edit, image)
    first = time.perf_counter() - t
    results["setExtraSelections, one per mention"] = (first, scroll_frames(edit, image, max(3, args.frames // 4)))
    edit.close()

    print(f"hover frames: mean {statistics.mean(hover) * 1000:.1f} ms, worst {max(hover) * 1000:.1f} ms")
    ours_first, ours_frames = results["ours (ReaderView)"]
    ours_frame = statistics.mean(ours_frames)
    rows = []
    for name, (first, frames) in results.items():
        frame = statistics.mean(frames)
        worst = max(frames)
        rows.append((name, first, frame, worst, first / ours_first, frame / ours_frame))
        print(
            f"{name}: first screen {first * 1000:.0f} ms ({first / ours_first:.1f}x ours), "
            f"scroll frame mean {frame * 1000:.1f} ms, worst {worst * 1000:.1f} ms ({frame / ours_frame:.1f}x ours)"
        )

    lines = [
        "# Reader benchmark",
        "",
        f"`benchmarks/bench_reader.py`: {mb:.1f} MB synthetic news document, {len(mentions)} mentions,"
        f" {len(annotations)} annotations, viewport {SIZE[0]}x{SIZE[1]}, offscreen, rendering into a QImage;"
        f" Python {platform.python_version()}, one run. Scroll frames: {args.frames} jumps spread over the"
        f" document and {args.frames} small steps (fewer for extra selections).",
        "",
        "Annotations: margin bars in their tags' colours, underlines for key judgments and questions,"
        " every fifth with a nested one, one selected (filled).",
        "",
        "| approach | first screen (ms) | scroll frame mean (ms) | worst frame (ms) | first screen vs ours | frame vs ours |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    lines += [f"| {n} | {f * 1000:.0f} | {m * 1000:.1f} | {w * 1000:.1f} | {rf:.1f}x | {rm:.1f}x |" for n, f, m, w, rf, rm in rows]
    lines += [
        "",
        f"Hovering from one annotation to another (its fill restyled, {len(hover)} frames): mean"
        f" {statistics.mean(hover) * 1000:.1f} ms, worst {max(hover) * 1000:.1f} ms.",
        "",
    ]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
