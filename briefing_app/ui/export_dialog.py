"""File ▸ Export briefing…: choose sections, as-of date, banner and paper, then write the PDF.

The choices are remembered per workspace (QSettings, keyed by the
workspace file's path). The export runs on the GUI thread (figure
providers draw with Qt widgets/scenes) with a QProgressDialog that keeps
the window responsive and can cancel between pages.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
from pathlib import Path

from PySide6.QtCore import QDate, QSettings, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from briefing_app.export import PAPERS, SECTION_IDS, SECTION_TITLES, ExportError, ExportOptions, export_briefing
from briefing_app.export.compose import newer_than, resolve_as_of
from briefing_app.model.dates import DateError, PartialDate
from briefing_app.model.queries import default_day

SETTINGS_GROUP = "export"


def settings_key(path: Path | None) -> str:
    """QSettings group for a workspace: a hash of its absolute path ('unsaved' without one)."""
    if path is None:
        return f"{SETTINGS_GROUP}/unsaved"
    digest = hashlib.sha1(str(Path(path).resolve()).encode("utf-8")).hexdigest()[:16]
    return f"{SETTINGS_GROUP}/{digest}"


class ExportDialog(QDialog):
    """The options form; :meth:`options` and :meth:`out_path` give what was chosen."""

    def __init__(self, state, parent: QWidget | None = None, settings: QSettings | None = None):
        super().__init__(parent)
        self.setWindowTitle("Export briefing")
        self.setMinimumWidth(520)  # room for a whole file path
        self._state = state
        self._settings = settings or QSettings()
        ws = state.workspace
        self._key = settings_key(state.path)

        self._section_boxes: dict[str, QCheckBox] = {}
        sections = QGroupBox("Sections")
        grid = QGridLayout(sections)
        half = (len(SECTION_IDS) + 1) // 2  # two columns, read down then across
        for i, sid in enumerate(SECTION_IDS):
            box = QCheckBox(SECTION_TITLES[sid])
            box.setChecked(True)
            grid.addWidget(box, i % half, i // half)
            self._section_boxes[sid] = box

        self._as_of = QDateEdit()
        self._as_of.setCalendarPopup(True)
        self._as_of.setDisplayFormat("yyyy-MM-dd")
        self._changes_since = QLineEdit()
        self._changes_since.setPlaceholderText("YYYY[-MM[-DD]]; empty: no changes section")
        self._changes_since.setToolTip("Adds a 'What changed since DATE' section after the bottom line")
        self._banner = QLineEdit()
        self._paper = QComboBox()
        self._paper.addItems(list(PAPERS))
        self._path = QLineEdit()
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self._path, 1)
        path_row.addWidget(browse)

        self.newer_warning = QLabel(self)  # items the chosen day leaves out
        self.newer_warning.setWordWrap(True)
        self.newer_warning.setStyleSheet("color: #8a4b00;")
        self._as_of.dateChanged.connect(self._on_as_of_date_changed)
        form = QFormLayout()
        form.addRow("As of", self._as_of)
        form.addRow("", self.newer_warning)
        form.addRow("Changes since", self._changes_since)
        form.addRow("Banner", self._banner)
        form.addRow("Paper", self._paper)
        form.addRow("Save as", path_row)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self._export_button = buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(sections)
        layout.addWidget(buttons)

        # Defaults from the workspace (its as-of, else the time cursor if moved, else its latest
        # dated item), then what was chosen last time for it.
        moved = state.time_cursor if state.time_cursor != default_day(ws) else None
        day = resolve_as_of(ws, None, cursor=moved)
        self._as_of.setDate(QDate(day.year, day.month, day.day))
        self._banner.setText(ws.briefing.classification)
        default_pdf = (state.path.with_suffix("").with_suffix(".pdf") if state.path else Path.home() / "briefing.pdf")
        self._path.setText(str(default_pdf))
        self._restore()
        self._on_as_of_date_changed(self._as_of.date())

    # -- settings ---------------------------------------------------------------
    def _restore(self) -> None:
        s = self._settings
        s.beginGroup(self._key)
        try:
            sections = s.value("sections")
            if isinstance(sections, str):
                sections = [x for x in sections.split(",") if x]
            if isinstance(sections, list):
                for sid, box in self._section_boxes.items():
                    box.setChecked(sid in sections)
            as_of = s.value("as_of")
            if isinstance(as_of, str) and as_of:
                d = QDate.fromString(as_of, "yyyy-MM-dd")
                if d.isValid():
                    self._as_of.setDate(d)
            banner = s.value("banner")
            if isinstance(banner, str):
                self._banner.setText(banner)
            paper = s.value("paper")
            if paper in PAPERS:
                self._paper.setCurrentText(paper)
            out = s.value("out_path")
            if isinstance(out, str) and out:
                self._path.setText(out)
        finally:
            s.endGroup()

    def save_choices(self) -> None:
        s = self._settings
        s.beginGroup(self._key)
        s.setValue("sections", ",".join(self.options().sections))
        s.setValue("as_of", self._as_of.date().toString("yyyy-MM-dd"))
        s.setValue("banner", self._banner.text())
        s.setValue("paper", self._paper.currentText())
        s.setValue("out_path", self._path.text())
        s.endGroup()
        s.sync()

    # -- values -------------------------------------------------------------------
    def options(self) -> ExportOptions:
        d = self._as_of.date()
        return ExportOptions(
            as_of=_dt.date(d.year(), d.month(), d.day()),
            sections=tuple(sid for sid, box in self._section_boxes.items() if box.isChecked()),
            banner=self._banner.text().strip(),
            paper=self._paper.currentText(),
            changes_since=self._since_date(),
        )

    def _on_as_of_date_changed(self, d: QDate) -> None:
        newer = newer_than(self._state.workspace, _dt.date(d.year(), d.month(), d.day()))
        if not newer:
            self.newer_warning.hide()
            return
        listed = "; ".join(newer[:3]) + (f"; and {len(newer) - 3} more" if len(newer) > 3 else "")
        self.newer_warning.setText(f"⚠ {len(newer)} item(s) are newer than this date and will not be shown "
                                   f"as current: {listed}.")
        self.newer_warning.show()

    def _since_date(self) -> PartialDate | None:
        try:
            return PartialDate.parse(self._changes_since.text()) if self._changes_since.text().strip() else None
        except DateError:
            return None

    def set_changes_since(self, since: PartialDate | None) -> None:
        """Pre-fill the changes section's start (the window's compare period, when one is set)."""
        self._changes_since.setText(since.iso() if since else "")

    def out_path(self) -> Path:
        return Path(self._path.text().strip()).expanduser()

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Export briefing", self._path.text(), "PDF (*.pdf)")
        if name:
            self._path.setText(name if name.lower().endswith(".pdf") else name + ".pdf")

    def _accept(self) -> None:
        if not self._path.text().strip():
            QMessageBox.warning(self, "Export briefing", "Choose where to save the PDF.")
            return
        if self._changes_since.text().strip() and self._since_date() is None:
            QMessageBox.warning(self, "Export briefing",
                                "Changes since: write a date as YYYY, YYYY-MM or YYYY-MM-DD, or leave it empty.")
            return
        self.save_choices()
        self.accept()


def run_export(state, out_path: Path, options: ExportOptions, parent: QWidget | None = None):
    """Export with a cancellable progress dialog; reports the outcome to the user and the status bar.

    Returns:
        The ExportReport, or None when the export failed.
    """
    progress = QProgressDialog("Exporting briefing…", "Cancel", 0, 100, parent)
    progress.setWindowTitle("Export briefing")
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)

    def on_progress(fraction: float, message: str) -> bool:
        progress.setValue(int(fraction * 100))
        progress.setLabelText(f"Exporting briefing: {message}")
        QApplication.processEvents()
        return not progress.wasCanceled()

    try:
        report = export_briefing(state.workspace, out_path, options, progress=on_progress)
    except ExportError as exc:
        progress.close()
        state.message_posted.emit(f"Export failed: {exc}")
        QMessageBox.critical(parent, "Export briefing", f"The briefing was not exported.\n\n{exc}")
        return None
    progress.close()
    if report.cancelled:
        state.message_posted.emit("Export cancelled; no file was written")
        return report
    msg = f"Exported {report.pages} pages to {report.path} in {report.seconds:.1f} s"
    if report.problems:
        msg += f" ({len(report.problems)} problem(s) noted in the PDF)"
        QMessageBox.warning(parent, "Export briefing",
                            "The briefing was exported, with these problems noted in it:\n\n• "
                            + "\n• ".join(report.problems[:12]))
    state.message_posted.emit(msg)
    return report


def open_export_dialog(state, parent: QWidget | None = None):
    """File ▸ Export briefing…: ask for options, then export. Returns the report or None."""
    dialog = ExportDialog(state, parent)
    if getattr(state, "compare_period", None):  # in compare mode, the section starts where the period does
        dialog.set_changes_since(state.compare_period[0])
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return run_export(state, dialog.out_path(), dialog.options(), parent)
