"""A non-modal window showing one help text (Markdown) or a table, with working links."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget


class HelpDialog(QDialog):
    """Read-only rich text in a resizable window that stays open beside the main window."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(720, 640)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(True)
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)

    def show_markdown(self, text: str) -> None:
        self.browser.setMarkdown(text)
        self._present()

    def show_html(self, html: str) -> None:
        self.browser.setHtml(html)
        self._present()

    def show_plain(self, text: str) -> None:
        self.browser.setPlainText(text)
        self._present()

    def _present(self) -> None:
        if self.isVisible():  # already open behind the main window: bring it forward
            self.raise_()
            self.activateWindow()
        else:
            self.show()
