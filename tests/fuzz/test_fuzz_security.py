"""Hostile input: HTML from imports and notes never runs or fetches; paths stay in the workspace.

A local HTTP server counts requests: every rendering below points remote
resources at it, and it must see none.
"""

import html
import http.server
import os
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing_app.model import edits
from briefing_app.model.io import DocumentError, load_workspace, read_document_text
from briefing_app.model.validate import resolve_document_path

FUZZ = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


class _Counter(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 - http.server API
        _Counter.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args):  # keep the test output quiet
        pass


@pytest.fixture(scope="module")
def trap():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Counter.hits.clear()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def _payloads(url: str) -> list[str]:
    return [f"<img src={url}/img.png>", f"<img src='{url}/q.png' onerror=alert(1)>",
            f"<script src='{url}/s.js'>document.title='pwned'</script>", f"<link rel=stylesheet href={url}/c.css>",
            f"<iframe src={url}/f></iframe>", f"<style>@import url({url}/i.css);</style>",
            "<a href='javascript:alert(1)'>x</a>", f"<object data={url}/o></object>"]


# -- document paths ------------------------------------------------------------------------------
def test_document_paths_cannot_escape(tmp_path):
    root = tmp_path / "ws"
    (root / "documents").mkdir(parents=True)
    (root / "documents" / "ok.txt").write_text("fine")
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    (root / "documents" / "link-out").symlink_to(secret)
    (root / "documents" / "dir-out").symlink_to(tmp_path, target_is_directory=True)
    (root / "documents" / "link-in").symlink_to(root / "documents" / "ok.txt")
    for rel in ("../secret.txt", "documents/../../secret.txt", str(secret), "/etc/passwd", "\\etc\\passwd",
                "documents/link-out", "documents/dir-out/secret.txt", ""):
        assert resolve_document_path(root, rel) is None, rel
    assert resolve_document_path(root, "documents/ok.txt") == (root / "documents" / "ok.txt").resolve()
    assert resolve_document_path(root, "documents/link-in") == (root / "documents" / "ok.txt").resolve()


def test_escaping_document_is_not_read(tiny_workspace_path, tmp_path):
    (tmp_path / "outside.txt").write_text("outside")
    ws = load_workspace(tiny_workspace_path)
    doc = ws.documents[0]
    for rel in ("../outside.txt", str(tmp_path / "outside.txt")):
        bad = ws.with_(documents=(doc.__class__(**{**doc.__dict__, "path": rel}),))
        with pytest.raises(DocumentError, match="outside the workspace"):
            read_document_text(bad, bad.documents[0])


@settings()
@given(st.lists(st.sampled_from(["..", ".", "documents", "a", "/", "~", "%2e%2e", "..\\", "\x00x"]), max_size=6))
def test_random_relative_paths_stay_inside(parts):
    root = Path(os.environ.get("TMPDIR", "/tmp")).resolve() / "briefing-fuzz-root"
    rel = "/".join(parts)
    got = resolve_document_path(root, rel)  # never raises, NUL bytes included
    if "\x00" in rel:
        assert got is None
    if got is not None:
        got.relative_to(root.resolve())


# -- HTML from imports ------------------------------------------------------------------------------
try:
    from briefing_app.importers import html_extract as _importers
except ModuleNotFoundError:  # the importer is optional in a build
    _importers = None
needs_importer = pytest.mark.skipif(_importers is None, reason="briefing_app.importers is not in this build")

_tags = st.sampled_from(["p", "div", "script", "style", "img", "iframe", "a", "b", "noscript", "svg", "template",
                         "h1", "article", "link", "meta", "object", "title"])
_attr_values = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20)


@st.composite
def _html(draw, url: str):
    parts = []
    for _ in range(draw(st.integers(0, 25))):
        kind = draw(st.integers(0, 3))
        if kind == 0:
            parts.append(draw(st.sampled_from(_payloads(url))))
        elif kind == 1:
            tag = draw(_tags)
            parts.append(f"<{tag} src='{url}/{draw(st.integers(0, 99))}' data-x=\"{html.escape(draw(_attr_values))}\">")
        elif kind == 2:
            parts.append(f"</{draw(_tags)}>")
        else:
            # No '<' in free text: '<?' or '<!' opens a bogus comment that swallows the next
            # tag, so a following script body is plain text to a browser too (not a leak).
            parts.append(draw(st.text(alphabet=st.characters(blacklist_characters="<"), max_size=40)))
    return "".join(parts)


@needs_importer
def test_random_html_never_fetches_or_runs(trap):
    @FUZZ
    @given(st.data())
    def run(data):
        doc = data.draw(_html(trap))
        article = _importers.extract_html(doc)  # must not raise
        assert isinstance(article.text, str)
        assert "document.title='pwned'" not in article.text  # script bodies are never text

    run()
    assert _Counter.hits == []


@needs_importer
def test_imported_html_file_never_fetches(trap, tmp_path):
    from briefing_app.importers.formats import extract_file

    page = tmp_path / "page.html"
    page.write_text("<html><head><title>T</title></head><body><article><p>Body text here.</p>"
                    + "".join(_payloads(trap)) + "</article></body></html>", encoding="utf-8")
    extracted = extract_file(page)
    assert "pwned" not in extracted.text
    assert _Counter.hits == []


# -- HTML in notes and names, shown in the UI and the PDF -----------------------------------------------
@pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen platform noise on show()
def test_entity_card_escapes_markup_and_fetches_nothing(qtbot, trap, tiny_workspace_path):
    from briefing_app.state import AppState
    from briefing_app.ui.entities.panel import EntityPanel

    state = AppState()
    state.open(tiny_workspace_path)
    hostile = " ".join(_payloads(trap))
    state.edit("Hostile", edits.update_item, "entities", "jpn", description=hostile, name="Japan <b>bold</b>")
    panel = EntityPanel(state)
    qtbot.addWidget(panel)
    panel.resize(500, 700)
    panel.show()
    state.select("entity", "jpn")
    qtbot.wait(200)
    panel.grab()  # paint: any resource the card would load is requested now
    shown = panel.card.toPlainText()
    assert f"<img src={trap}/img.png>" in shown  # the markup is shown as text
    assert "Japan <b>bold</b>" in shown
    assert _Counter.hits == []


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_annotations_panel_shows_notes_as_text(qtbot, trap, tiny_workspace_path):
    pytest.importorskip("briefing_app.ui.annotations.panel")
    from PySide6.QtWidgets import QLabel, QTextBrowser, QTextEdit

    from briefing_app.state import AppState
    from briefing_app.ui.annotations.panel import AnnotationsPanel

    state = AppState()
    state.open(tiny_workspace_path)
    hostile = " ".join(_payloads(trap))
    state.edit("Hostile note", edits.update_item, "annotations", "ann-1", note=hostile)
    panel = AnnotationsPanel(state)
    qtbot.addWidget(panel)
    panel.resize(600, 700)
    panel.show()
    state.select("annotation", "ann-1")
    qtbot.wait(200)
    panel.grab()
    for label in panel.findChildren(QLabel):
        if "<img" in label.text():
            assert label.textFormat() == label.textFormat().PlainText or "&lt;img" in label.text()
    for view in panel.findChildren(QTextEdit) + panel.findChildren(QTextBrowser):
        assert "<img src=" not in view.toHtml().replace("&lt;img src=", "")
    assert _Counter.hits == []


def test_pdf_html_escapes_notes(trap, tiny_workspace_path):
    from briefing_app.export.compose import compose_briefing
    from briefing_app.export.html_layout import briefing_html

    ws = load_workspace(tiny_workspace_path)
    hostile = " ".join(_payloads(trap))
    ws = edits.update_item(ws, "annotations", "ann-2", note=hostile)
    ws = edits.set_briefing(ws, bluf=hostile, title="T <script>x</script>")
    out = briefing_html(compose_briefing(ws), {})
    assert f"<img src={trap}" not in out and "<script" not in out and "<iframe" not in out
    assert html.escape(f"<img src={trap}/img.png>", quote=False) in out
