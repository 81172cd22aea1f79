"""Read one file of a supported format into normalised text plus metadata.

Formats: plain text, Markdown (front matter read, markup removed), HTML
(main text by trafilatura in :mod:`html_main`, the standard-library
:mod:`html_extract` as fallback and for metadata), PDF (its text layer, with
``pypdf``) and DOCX (``zipfile`` + ElementTree on the main document part the
package's relationships name).

DOCX is read by hand, not with python-docx (measured for issue 14): python-docx
1.2 refuses packages without a complete ``[Content_Types].xml`` (its parser
fails with an AttributeError on them), which our minimal test and hostile files
are and which this reader reads; it decompresses every part without a size
limit (this reader refuses a part over :data:`MAX_DOCX_XML_BYTES` and any
``<!DOCTYPE``); and its ``Document.paragraphs`` leaves out tables and text boxes.
What it does better, finding the main part through ``_rels/.rels`` and not
reading a text box twice (``mc:Fallback``), is done here too.
"""

from __future__ import annotations

import datetime as _dt
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree


from briefing_app.importers.dateline import find_dateline
from briefing_app.importers.html_extract import extract_html
from briefing_app.importers.html_main import extract_main
from briefing_app.importers.normalize import join_wrapped_lines, normalize_text
from briefing_app.model.dates import DateError, PartialDate
from briefing_app.model.safe_files import UnreadableFile, read_regular_file
from briefing_app.model.yaml_source import YamlSourceError, parse_yaml

__all__ = ["Extracted", "ImportFailure", "SUFFIXES", "extract_file", "parse_published"]

MAX_FILE_BYTES = 50 * 2**20
MAX_DOCX_XML_BYTES = 100 * 2**20  # uncompressed: refuses zip bombs
SUFFIXES = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html",
    ".xhtml": "html", ".pdf": "pdf", ".docx": "docx",
}  # fmt: skip


class ImportFailure(Exception):
    """A file that cannot be imported; the message says which and why."""


@dataclass
class Extracted:
    """Normalised text and what the file says about itself."""

    text: str
    format: str
    title: str = ""
    publisher: str = ""
    published: PartialDate | None = None
    url: str = ""
    author: str = ""
    published_from: str = ""  # "metadata" or "dateline" (read from the text's dateline/byline)
    published_text: str = ""  # the dateline words the date was read from


_ISO_PREFIX = re.compile(r"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_PDF_DATE = re.compile(r"^D:(\d{4})(\d{2})?(\d{2})?")
_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}  # fmt: skip


def parse_published(value: object) -> PartialDate | None:
    """A publication date from metadata: ISO text (time zones ignored), PDF ``D:`` dates, dates, or None."""
    if value is None or value == "":
        return None
    if isinstance(value, (_dt.date, _dt.datetime)):
        return PartialDate.parse(value)
    text = str(value).strip()
    m = _PDF_DATE.match(text) or _ISO_PREFIX.match(text)
    if m:
        y, mo, d = m.group(1), m.group(2), m.group(3)
        try:
            return PartialDate(int(y), int(mo) if mo else None, int(d) if d and mo else None)
        except DateError:
            return None
    # "April 26, 2023", "26 April 2023", "Wed, 26 Apr 2023 10:00:00 GMT"
    m = re.search(r"(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?,?\s+(\d{4})|([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})", text)
    if m:
        day, mon, year = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(5), m.group(4), m.group(6))
        month = _MONTHS.get(mon.lower())
        if month:
            try:
                return PartialDate(int(year), month, int(day))
            except DateError:
                return None
    return None


# -- formats ---------------------------------------------------------------------------
def _decode(raw: bytes, path: Path) -> str:
    for encoding in ("utf-8-sig", "utf-16") if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig",):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    # Old files in a legacy single-byte encoding: cp1252 maps every byte and is the usual one.
    return raw.decode("cp1252", errors="replace")


def _read_text(raw: bytes, path: Path) -> Extracted:
    text = normalize_text(_decode(raw, path))
    return Extracted(text, "text", title=_title_line(text))


def _title_line(text: str) -> str:
    """The headline of a plain text: its first short line that is not a section label, menu or date line."""
    lines = [ln.strip() for ln in text.split("\n")]
    if len(lines) < 2:
        return ""
    for s in [ln for ln in lines if ln][:4]:
        label = s.isupper() and len(s.split()) <= 4  # "DEFENSE & SECURITY", "WORLD"
        if label or " | " in s or " > " in s or find_dateline(s) is not None:
            continue
        # A title is short and not a sentence of the body.
        return s if len(s) <= 120 and not s.endswith((".", ",", ";", ":")) else ""
    return ""


_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n(?:---|\.\.\.)\s*\n", re.DOTALL)


def _markdown_to_text(md: str) -> str:
    out = []
    in_fence = False
    for line in md.split("\n"):
        if re.match(r"^\s*(```|~~~)", line):
            in_fence = not in_fence
            continue
        if not in_fence:
            line = re.sub(r"^\s{0,3}#{1,6}\s+", "", line)  # headings
            line = re.sub(r"\s+#+\s*$", "", line)
            line = re.sub(r"^\s{0,3}>\s?", "", line)  # quotes
            line = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", line)  # list markers
            if re.fullmatch(r"\s*(?:[-*_]\s*){3,}", line):  # rules
                line = ""
            line = re.sub(r"!\[([^\]]*)\]\([^)]*\)", "", line)  # images
            line = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", line)  # links
            line = re.sub(r"\[([^\]]+)\]\[[^\]]*\]", r"\1", line)
            line = re.sub(r"<[^>\n]+>", "", line)  # inline html
            line = re.sub(r"(\*\*|__)(.+?)\1", r"\2", line)
            line = re.sub(r"(?<![\w*])[*_](?!\s)(.+?)(?<!\s)[*_](?![\w*])", r"\1", line)
            line = re.sub(r"`([^`]+)`", r"\1", line)
        out.append(line)
    text = "\n".join(out)
    # Reference definitions "[1]: http://..." are not text.
    return re.sub(r"(?m)^\s{0,3}\[[^\]]+\]:\s*\S+.*$", "", text)


def _read_markdown(raw: bytes, path: Path) -> Extracted:
    md = _decode(raw, path).replace("\r\n", "\n")
    meta: dict = {}
    fm = _FRONT_MATTER.match(md)
    if fm:
        try:  # the workspace's own safe loader: no aliases (alias bombs), bounded nesting
            loaded, _ = parse_yaml(fm.group(1))
            meta = loaded if isinstance(loaded, dict) else {}
        except YamlSourceError:
            meta = {}
        md = md[fm.end() :]
    heading = re.search(r"(?m)^\s{0,3}#\s+(.+?)\s*#*\s*$", md)
    text = normalize_text(_markdown_to_text(md))
    return Extracted(
        text, "markdown",
        title=str(meta.get("title") or (heading.group(1) if heading else "")).strip(),
        publisher=str(meta.get("publisher") or meta.get("source") or meta.get("site") or "").strip(),
        published=parse_published(meta.get("date") or meta.get("published")),
        url=str(meta.get("url") or meta.get("link") or "").strip(),
        author=str(meta.get("author") or "").strip(),
    )  # fmt: skip


def _read_html(raw: bytes, path: Path) -> Extracted:
    head = raw[:2048].decode("ascii", errors="ignore")
    m = re.search(r"charset=[\"']?([\w-]+)", head, re.IGNORECASE)
    try:
        html = raw.decode(m.group(1)) if m else _decode(raw, path)
    except (LookupError, UnicodeDecodeError):
        html = _decode(raw, path)
    art = extract_html(html)
    main = extract_main(html)
    # trafilatura's main text unless it found much less than the article element holds.
    text = main.text if main is not None and len(main.text) >= 0.5 * len(art.text.strip()) else art.text
    published = parse_published(art.published) or (parse_published(main.published) if main else None)
    return Extracted(
        normalize_text(text), "html", title=art.title or (main.title if main else ""),
        publisher=art.publisher or (main.sitename if main else ""), published=published,
        url=art.url or (main.url if main else ""), author=art.author or (main.author if main else ""),
    )  # fmt: skip


def _read_pdf(raw: bytes, path: Path) -> Extracted:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError as exc:  # pragma: no cover - pypdf is a dependency
        raise ImportFailure(f"{path.name}: reading PDF needs the 'pypdf' package ({exc})") from None
    import io
    import logging

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # malformed-but-readable files warn a lot
    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:  # noqa: BLE001 - pypdf raises several types here
                raise ImportFailure(f"{path.name}: the PDF is encrypted") from None
        pages = [(page.extract_text() or "") for page in reader.pages]
        info = reader.metadata or {}
    except ImportFailure:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ImportFailure(f"{path.name}: not a readable PDF ({exc})") from None
    # NFKC: ligatures and the Kangxi radicals some fonts map CJK to (see DESIGN.md).
    text = "\n\n".join(join_wrapped_lines(normalize_text(p, compatibility=True)) for p in pages if p.strip())
    if not text.strip():
        raise ImportFailure(f"{path.name}: the PDF has no text layer (a scan?); run OCR on it first")

    def meta(key: str) -> str:
        try:
            value = info.get(key)
        except Exception:  # noqa: BLE001 - broken metadata objects
            return ""
        return str(value).strip() if value else ""

    return Extracted(
        normalize_text(text), "pdf", title=meta("/Title"), author=meta("/Author"),
        published=parse_published(meta("/CreationDate")),
    )  # fmt: skip


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CORE = {
    "title": "{http://purl.org/dc/elements/1.1/}title",
    "creator": "{http://purl.org/dc/elements/1.1/}creator",
    "created": "{http://purl.org/dc/terms/}created",
}


def _xml(zf: zipfile.ZipFile, name: str) -> ElementTree.Element | None:
    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_DOCX_XML_BYTES:
        raise ImportFailure(f"{name} is {info.file_size // 2**20} MB uncompressed; refused")
    data = zf.read(name)
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data[:4096]:
        raise ImportFailure(f"{name} declares entities; refused")  # no entity expansion tricks
    return ElementTree.fromstring(data)


_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


def _part_names(zf: zipfile.ZipFile) -> tuple[str, str]:
    """The main document part and the core properties, as the package's relationships name them."""
    main, core = "word/document.xml", "docProps/core.xml"
    rels = _xml(zf, "_rels/.rels")
    for rel in rels.iter(_REL) if rels is not None else ():
        target = (rel.get("Target") or "").lstrip("/")
        kind = rel.get("Type") or ""
        if target and kind.endswith("/officeDocument"):
            main = target
        elif target and kind.endswith("/core-properties"):
            core = target
    return main, core


def _paragraph_texts(root: ElementTree.Element) -> list[str]:
    """Every paragraph's text in document order: body, tables, text boxes (each once).

    Word writes a text box twice, as a drawing (``mc:Choice``) and as VML for old readers
    (``mc:Fallback``): the fallback copy is skipped. A text box's paragraphs sit inside a
    paragraph of the body; they are read as paragraphs of their own, not as part of it.
    Walked with a stack: hostile nesting does not exhaust the recursion limit.
    """

    def text(p: ElementTree.Element) -> str:
        parts: list[str] = []
        stack = [p]
        while stack:
            node = stack.pop()
            if node.tag == f"{_W}t" and node.text:
                parts.append(node.text)
            elif node.tag == f"{_W}tab":
                parts.append("\t")
            elif node.tag in (f"{_W}br", f"{_W}cr"):
                parts.append("\n")
            stack.extend(
                c for c in reversed(node) if c.tag not in (_MC_FALLBACK, f"{_W}txbxContent") and c.tag != f"{_W}p"
            )  # fmt: skip
        return "".join(parts)

    out: list[str] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if node.tag == f"{_W}p":
            out.append(text(node))
        stack.extend(c for c in reversed(node) if c.tag != _MC_FALLBACK)
    return out


def _read_docx(raw: bytes, path: Path) -> Extracted:
    import io

    try:
        zf = zipfile.ZipFile(io.BytesIO(raw))
        try:
            main, core_name = _part_names(zf)
            doc = _xml(zf, main)
            core = _xml(zf, core_name)
        except ImportFailure as exc:
            raise ImportFailure(f"{path.name}: {exc}") from None
    except (zipfile.BadZipFile, ElementTree.ParseError, OSError) as exc:
        raise ImportFailure(f"{path.name}: not a readable DOCX file ({exc})") from None
    if doc is None:
        raise ImportFailure(f"{path.name}: not a Word document (no {main})")
    paragraphs = _paragraph_texts(doc)
    text = normalize_text("\n\n".join(x for x in paragraphs if x.strip()))

    def core_text(key: str) -> str:
        if core is None:
            return ""
        node = core.find(_CORE[key])
        return (node.text or "").strip() if node is not None else ""

    return Extracted(
        text, "docx", title=core_text("title"), author=core_text("creator"),
        published=parse_published(core_text("created")),
    )  # fmt: skip


_READERS = {"text": _read_text, "markdown": _read_markdown, "html": _read_html, "pdf": _read_pdf, "docx": _read_docx}


def _sniff(raw: bytes, suffix: str) -> str | None:
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    if raw.startswith(b"%PDF-"):
        return "pdf"
    if raw.startswith(b"PK\x03\x04") and b"word/" in raw[:4096]:
        return "docx"
    if re.search(rb"<html|<!doctype html", raw[:1024], re.IGNORECASE):
        return "html"
    return None


def _looks_binary(raw: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KB (UTF-16 text has a BOM)."""
    head = raw[:8192]
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return False
    if b"\0" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return len(head) > 0 and controls / len(head) > 0.1


def _reason(exc: Exception) -> str:
    """What went wrong inside a reader, in words (DOCX/ZIP faults are the usual ones)."""
    text = str(exc)
    if isinstance(exc, NotImplementedError) and "compression" in text:
        return "it uses a compression method that cannot be read (e.g. Deflate64); save it again as .docx"
    if isinstance(exc, RuntimeError) and "encrypted" in text:
        return "it is encrypted (password-protected); save an unprotected copy"
    if isinstance(exc, (zipfile.BadZipFile, zlib.error, EOFError)):
        return f"the file is damaged ({text or type(exc).__name__})"
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def extract_file(path: str | Path) -> Extracted:
    """Read a file into normalised text and metadata.

    Raises:
        ImportFailure: unreadable file, unsupported format, too large, no text.
    """
    path = Path(path)
    try:
        raw = read_regular_file(path, MAX_FILE_BYTES)
    except UnreadableFile as exc:
        if str(exc) == "file not found":
            raise ImportFailure(f"{path}: no such file") from None
        raise ImportFailure(f"{path.name or path}: {exc}") from None
    fmt = _sniff(raw, path.suffix.lower())
    if fmt is None:
        raise ImportFailure(
            f"{path.name}: unsupported file type '{path.suffix or '(none)'}' "
            f"(supported: {', '.join(sorted(SUFFIXES))})"
        )
    if fmt in ("text", "markdown") and _looks_binary(raw):
        raise ImportFailure(f"{path.name}: binary data, not text (named '{path.suffix}'); "
                            "import the original document (PDF, DOCX, HTML) instead")
    try:
        result = _READERS[fmt](raw, path)
    except ImportFailure:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged file is a message, never a traceback
        raise ImportFailure(f"{path.name}: cannot be read as {fmt.upper()}: {_reason(exc)}") from None
    if not result.text.strip():
        raise ImportFailure(f"{path.name}: no text found")
    if result.published is not None:
        result.published_from = result.published_from or "metadata"
    else:
        dateline = find_dateline(result.text)
        if dateline is not None:
            result.published, result.published_from, result.published_text = dateline.date, "dateline", dateline.text
    return result
