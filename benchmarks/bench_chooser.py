"""Chooser benchmark: how long a keystroke takes in the entity chooser, at realistic sizes.

Types "ka lo" one character at a time into three filterable lists over the
same synthetic entity names (the names of ``synthetic_workspace``):

* ``briefing_app`` -- :class:`briefing_app.ui.editors.Chooser` (every typed word, case- and
  accent-blind, in name or type; sorted by name);
* ``qt fixed-string proxy`` -- Qt's own QSortFilterProxyModel with
  ``setFilterFixedString`` (case-insensitive substring of the whole text), the usual way;
* ``qt completer`` -- QCompleter in MatchContains mode over a QStringListModel,
  what a line edit with a completer does.

Reports milliseconds per keystroke (median over 7 rounds of typing, each
keystroke timed after the view has processed events) and the ratio to the Qt proxy; also the
time to fill the list. Run: ``.venv/bin/python benchmarks/bench_chooser.py``.
Writes ``benchmarks/results/chooser.md``.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from PySide6.QtCore import QSortFilterProxyModel, QStringListModel, Qt  # noqa: E402
from PySide6.QtWidgets import QCompleter, QLineEdit, QListView  # noqa: E402

from briefing_app.model.types import ENTITY_TYPES  # noqa: E402
from briefing_app.render.qt_app import create_application  # noqa: E402
from briefing_app.ui.editors import Choice, Chooser  # noqa: E402
from synthetic_workspace import _name  # noqa: E402

TYPED = "ka lo"
SIZES = (200, 2000, 20000)
ROUNDS = 7  # the machine is shared: a median over 35 keystrokes, not 5


def names(n: int) -> list[Choice]:
    rng, used = random.Random(7), set()
    return [Choice(f"e{i:05d}", _name(rng, used), ENTITY_TYPES[i % len(ENTITY_TYPES)]) for i in range(n)]


def keystrokes(app, type_one, rounds: int = ROUNDS) -> float:
    """Median ms per keystroke of typing TYPED, ``rounds`` times (the filter cleared between)."""
    times = []
    for _ in range(rounds):
        for i in range(1, len(TYPED) + 1):
            t = time.perf_counter()
            type_one(TYPED[:i])
            app.processEvents()
            times.append((time.perf_counter() - t) * 1000)
        type_one("")
        app.processEvents()
    return statistics.median(times)


def bench(app, n: int) -> dict[str, tuple[float, float]]:
    choices = names(n)
    out = {}

    t = time.perf_counter()
    chooser = Chooser(choices)
    chooser.resize(360, 420)
    chooser.show()
    app.processEvents()
    fill = time.perf_counter() - t
    out["briefing_app"] = (fill * 1000, keystrokes(app, chooser.filter_edit.setText))
    chooser.deleteLater()

    t = time.perf_counter()
    model = QStringListModel(sorted((f"{c.label}  ({c.detail})" for c in choices), key=str.casefold))
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    view = QListView()
    view.setModel(proxy)
    view.resize(360, 420)
    view.show()
    app.processEvents()
    fill = time.perf_counter() - t
    out["qt fixed-string proxy"] = (fill * 1000, keystrokes(app, proxy.setFilterFixedString))
    view.deleteLater()

    t = time.perf_counter()
    edit = QLineEdit()
    completer = QCompleter([f"{c.label}  ({c.detail})" for c in choices])
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    edit.setCompleter(completer)
    edit.show()
    app.processEvents()
    fill = time.perf_counter() - t

    def type_completer(text: str) -> None:
        completer.setCompletionPrefix(text)
        completer.complete()

    out["qt completer"] = (fill * 1000, keystrokes(app, type_completer))
    completer.popup().hide()
    edit.deleteLater()
    app.processEvents()
    return out


def main() -> None:
    app = create_application(["bench"])
    lines = [f"# Chooser: one keystroke while typing “{TYPED}” (synthetic entity names)", "",
             "| entries | list | fill ms | ms per keystroke (median) | vs Qt fixed-string proxy |",
             "|---:|---|---:|---:|---:|"]
    for n in SIZES:
        res = bench(app, n)
        base = res["qt fixed-string proxy"][1]
        for name, (fill, key) in res.items():
            lines.append(f"| {n} | {name} | {fill:.0f} | {key:.2f} | {key / base:.2f}× |")
    lines += ["", f"Machine: {os.cpu_count()} cores, shared; numbers from one run."]
    text = "\n".join(lines) + "\n"
    (HERE / "results" / "chooser.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
