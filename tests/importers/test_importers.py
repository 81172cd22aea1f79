"""Importers: each format, normalisation, metadata, duplicates, progress, errors."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from briefing_app.importers import ImportFailure, extract_file, import_files
from briefing_app.importers.formats import parse_published
from briefing_app.importers.normalize import join_wrapped_lines, normalize_text
from briefing_app.model.dates import PartialDate
from briefing_app.model.types import Document, Workspace

HTML = """<!doctype html><html><head><meta charset="utf-8"><title>Site | Pact restored</title>
<meta property="og:title" content="Seoul and Tokyo restore pact">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2023-04-26T08:00:00+09:00">
<link rel="canonical" href="https://example.org/pact">
<link rel="stylesheet" href="https://cdn.example.org/style.css">
<script>document.write("SCRIPT TEXT")</script>
<style>body { color: red }</style>
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/asia">Asia news</a></nav></header>
<div class="social-share">Share this article on every network you know</div>
<article>
<h1>Seoul and Tokyo restore pact</h1>
<p>South Korea restored Japan&rsquo;s status as a trusted trading partner this week.</p>
<p>President Yoon Suk Yeol will visit Washington next month.<img src="https://tracker.example.org/p.gif"></p>
<noscript>Enable JavaScript</noscript>
</article>
<aside class="related">Related: <a href="/b">Another story about trade</a></aside>
<footer>© 2023 Example News. All rights reserved. Privacy policy and terms.</footer>
</body></html>"""


def make_pdf(path: Path, lines: list[str], title: str = "Pact report") -> None:
    """A one-page PDF with a text layer (Helvetica), written by hand: no PDF library needed."""
    content = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(f"({ln}) '" for ln in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
        "/Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        f"<< /Title ({title}) /CreationDate (D:20230426101500Z) >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(out)


def make_docx(path: Path, paragraphs: list[str], title: str = "Memo on GSOMIA") -> None:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{p}</w:t></w:r></w:p>' for p in paragraphs)
    document = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{w}"><w:body>{body}</w:body></w:document>'
    core = (
        '<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties '
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">'
        f"<dc:title>{title}</dc:title><dc:creator>Analyst</dc:creator>"
        "<dcterms:created>2022-11-15T09:00:00Z</dcterms:created></cp:coreProperties>"
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", document)
        zf.writestr("docProps/core.xml", core)


# -- normalisation -----------------------------------------------------------------
def test_normalize_nfc_spaces_hyphens_and_invisible_characters():
    text = "Cafe\u0301\u00a0 in  Seoul\r\nthe secu-\nrity pact, Japan-\nSouth Korea ties\u00ad\u200b.\n\n\n\nEnd"
    assert normalize_text(text) == "Café in Seoul\nthe security pact, Japan-South Korea ties.\n\nEnd"


def test_nfkc_repairs_kangxi_radicals_and_ligatures():
    assert normalize_text("\u2f65中 ﬁle", compatibility=True) == "田中 file"


def test_wrapped_lines_become_paragraphs():
    wrapped = (
        "The two leaders met in Tokyo on Thursday and agreed to restore\n"
        "the intelligence-sharing pact that had lapsed in 2019 after the\n"
        "dispute over wartime labour.\n"
        "A second paragraph starts here and runs on for a while longer\n"
        "until it ends."
    )
    out = join_wrapped_lines(wrapped)
    assert out.split("\n\n")[0].endswith("after the dispute over wartime labour.")
    assert out.count("\n\n") == 1


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-04-26T08:00:00+09:00", PartialDate(2023, 4, 26)),
        ("D:20230426101500Z", PartialDate(2023, 4, 26)),
        ("2022-08", PartialDate(2022, 8)),
        ("Wed, 26 Apr 2023 10:00:00 GMT", PartialDate(2023, 4, 26)),
        ("April 26, 2023", PartialDate(2023, 4, 26)),
        ("someday", None),
        ("", None),
    ],
)
def test_parse_published(value, expected):
    assert parse_published(value) == expected


# -- formats -----------------------------------------------------------------------
def test_html_keeps_the_article_and_drops_scripts_menus_and_footers(tmp_path):
    f = tmp_path / "pact.html"
    f.write_text(HTML, encoding="utf-8")
    ex = extract_file(f)
    assert ex.text.startswith("Seoul and Tokyo restore pact\n\nSouth Korea restored Japan’s status")
    for junk in ("SCRIPT TEXT", "color", "Home", "Share this", "Related", "All rights", "Enable JavaScript"):
        assert junk not in ex.text
    assert (ex.title, ex.publisher, ex.url) == ("Seoul and Tokyo restore pact", "Example News", "https://example.org/pact")
    assert ex.published == PartialDate(2023, 4, 26)


def test_html_without_article_element_drops_link_lists(tmp_path):
    f = tmp_path / "plain.htm"
    f.write_text(
        "<html><body><div><a href='/1'>One</a> <a href='/2'>Two</a> <a href='/3'>Three things</a></div>"
        "<div><p>The ministers met in Seoul on Monday to discuss the pact.</p>"
        "<p>They agreed to meet again in <a href='/tokyo'>Tokyo</a> next month.</p></div></body></html>",
        encoding="utf-8",
    )
    ex = extract_file(f)
    assert ex.text == "The ministers met in Seoul on Monday to discuss the pact.\n\nThey agreed to meet again in Tokyo next month."


def test_markdown_front_matter_and_markup(tmp_path):
    f = tmp_path / "note.md"
    f.write_text(
        "---\ntitle: Trilateral summit\ndate: 2023-08-21\nurl: https://example.org/s\npublisher: Desk\n---\n"
        "# Trilateral summit\n\nThe leaders met at **Camp David** on [Friday](https://x.org).\n\n"
        "- one point\n- *another* point\n\n![map](map.png)\n",
        encoding="utf-8",
    )
    ex = extract_file(f)
    assert ex.title == "Trilateral summit"
    assert ex.published == PartialDate(2023, 8, 21)
    assert (ex.url, ex.publisher) == ("https://example.org/s", "Desk")
    assert ex.text == "Trilateral summit\n\nThe leaders met at Camp David on Friday.\n\none point\nanother point"


def test_pdf_text_layer_and_metadata(tmp_path):
    f = tmp_path / "report.pdf"
    make_pdf(f, ["Seoul and Tokyo restored the GSOMIA pact in March 2023.", "The minister welcomed it."])
    ex = extract_file(f)
    assert "Seoul and Tokyo restored the GSOMIA pact in March 2023." in ex.text
    assert ex.title == "Pact report"
    assert ex.published == PartialDate(2023, 4, 26)
    assert ex.format == "pdf"


def test_docx_paragraphs_and_core_properties(tmp_path):
    f = tmp_path / "memo.docx"
    make_docx(f, ["The GSOMIA was restored.", "Officials met on Friday &amp; agreed."])
    ex = extract_file(f)
    assert ex.text == "The GSOMIA was restored.\n\nOfficials met on Friday & agreed."
    assert (ex.title, ex.author, ex.published) == ("Memo on GSOMIA", "Analyst", PartialDate(2022, 11, 15))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("x.xyz", b"hello", "unsupported file type"),
        ("broken.pdf", b"%PDF-1.4 garbage", "not a readable PDF"),
        ("broken.docx", b"PK\x03\x04 not a zip", "not a readable DOCX"),
        ("empty.txt", b"   \n", "no text found"),
    ],
)
def test_bad_files_give_clear_errors(tmp_path, name, content, message):
    f = tmp_path / name
    f.write_bytes(content)
    with pytest.raises(ImportFailure, match=message):
        extract_file(f)


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(ImportFailure, match="no such file"):
        extract_file(tmp_path / "nope.txt")


# -- import into a workspace -------------------------------------------------------------
def test_import_copies_text_with_sha256_and_detects_duplicates(tmp_path):
    a = tmp_path / "in" / "a.txt"
    a.parent.mkdir()
    a.write_text("Pact restored\n\nOn 26 April 2023 the two countries restored the pact.", encoding="utf-8")
    b = tmp_path / "in" / "b.html"
    b.write_text(HTML, encoding="utf-8")
    copy = tmp_path / "in" / "copy.txt"
    copy.write_text(a.read_text(encoding="utf-8") + "\n\n", encoding="utf-8")  # same text once normalised
    ws = Workspace(root=tmp_path / "ws")
    seen = []
    result = import_files(ws, [a, b, copy], progress=lambda d, t, n: seen.append((d, t, n)), reliability="b2")
    assert [i.source for i in result.imported] == [a, b]
    assert [(d.source, d.existing) for d in result.duplicates] == [(copy, result.imported[0].document.id)]
    doc_a, doc_b = (i.document for i in result.imported)
    assert doc_a.path.startswith("documents/") and doc_a.reliability == "B2"
    written = (tmp_path / "ws" / doc_a.path).read_bytes()
    assert hashlib.sha256(written).hexdigest() == doc_a.sha256
    assert doc_a.published == PartialDate(2023, 4, 26) and doc_a.published_estimated  # from the text
    assert doc_b.published == PartialDate(2023, 4, 26) and not doc_b.published_estimated
    assert doc_b.title == "Seoul and Tokyo restore pact" and doc_b.url == "https://example.org/pact"
    assert [d.id for d in result.workspace.documents] == [doc_a.id, doc_b.id]
    assert ws.documents == ()  # the input snapshot is untouched
    assert seen[0] == (0, 3, "a.txt") and seen[-1] == (3, 3, "")
    # Importing again: everything is already there.
    again = import_files(result.workspace, [a, b])
    assert not again.imported and len(again.duplicates) == 2


def test_import_keeps_going_past_failures_and_can_be_cancelled(tmp_path):
    good = [tmp_path / f"g{i}.txt" for i in range(3)]
    for i, g in enumerate(good):
        g.write_text(f"Document number {i} about the pact.", encoding="utf-8")
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-broken")
    ws = Workspace(root=tmp_path)
    result = import_files(ws, [good[0], bad, good[1]])
    assert len(result.imported) == 2 and result.failures[0][0] == bad
    assert "1 failed" in result.summary()
    stopped = import_files(ws, good, progress=lambda done, total, name: done < 1)
    assert stopped.cancelled and len(stopped.imported) == 1


def test_same_title_gets_distinct_ids_and_files(tmp_path):
    ws = Workspace(root=tmp_path, documents=(Document("doc-pact", "Pact", "documents/pact.txt", sha256="x"),))
    f = tmp_path / "pact.md"
    f.write_text("# Pact\n\nA different text about the pact.", encoding="utf-8")
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "pact.txt").write_text("old text", encoding="utf-8")
    (item,) = import_files(ws, [f]).imported
    assert item.document.id == "doc-pact-2" and item.document.path == "documents/pact-2.txt"
    assert (tmp_path / "documents" / "pact.txt").read_text(encoding="utf-8") == "old text"


def test_import_needs_a_folder_and_a_valid_grade(tmp_path):
    with pytest.raises(ImportFailure, match="save it first"):
        import_files(Workspace(), [tmp_path / "a.txt"])
    with pytest.raises(ImportFailure, match="Admiralty"):
        import_files(Workspace(root=tmp_path), [], reliability="Z9")


def test_docx_main_part_from_relationships_tables_and_text_boxes_once(tmp_path):
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    box = '<w:txbxContent><w:p><w:r><w:t>Box text.</w:t></w:r></w:p></w:txbxContent>'
    body = (
        "<w:p><w:r><w:t>Seoul and Tokyo met.</w:t></w:r>"
        f"<w:r><mc:AlternateContent><mc:Choice>{box}</mc:Choice><mc:Fallback>{box}</mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>"
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Cell A</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    )
    document = f'<w:document xmlns:w="{w}" xmlns:mc="{mc}"><w:body>{body}</w:body></w:document>'
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="/word/document2.xml" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/officeDocument"/></Relationships>'
    )
    f = tmp_path / "boxes.docx"
    with zipfile.ZipFile(f, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("_rels/.rels", rels)
        zf.writestr("word/document2.xml", document)
    assert extract_file(f).text == "Seoul and Tokyo met.\n\nBox text.\n\nCell A"


def test_docx_deep_nesting_is_read_without_recursion(tmp_path):
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    deep = "<w:sdt>" * 5000 + "<w:p><w:r><w:t>Deep.</w:t></w:r></w:p>" + "</w:sdt>" * 5000
    f = tmp_path / "deep.docx"
    with zipfile.ZipFile(f, "w") as zf:
        zf.writestr("word/document.xml", f'<w:document xmlns:w="{w}"><w:body>{deep}</w:body></w:document>')
    assert extract_file(f).text == "Deep."
