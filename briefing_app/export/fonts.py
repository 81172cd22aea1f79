"""Fonts for the PDF: fixed Latin families, and a CJK face whose text copies back as the characters written.

Why a derived font: Noto Sans CJK maps the Kangxi radicals (U+2F00–U+2FDF)
and the CJK radical supplement (U+2E80–U+2EFF) to the very glyphs of the
unified ideographs they look like (⽥ U+2F25 and 田 U+7530 share a glyph).
Qt's PDF writer builds each font's ToUnicode table by walking code points
upwards and keeping the *first* one that maps to a glyph, so 田 is written
as the glyph of ⽥ and ``pdftotext`` gives back ⽥. We copy the face once
into a cache with those radical code points removed from its ``cmap`` (and
renamed, so it never shadows the system font); every ideograph glyph then
has exactly one code point and extracts as written.

The face comes from the ``noto-cjk-sans-jp-regular`` package when it is
installed (same bytes on every machine), else from the system's Noto CJK
(Debian ``fonts-noto-cjk``). Needs ``fontTools``; without it, or without a
CJK font, the system fonts are used and :func:`ensure_fonts` says so.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from briefing_app import resources

CJK_FAMILY = "Briefing Sans CJK"
# Radical blocks that share glyphs with unified ideographs.
_RADICAL_RANGES = ((0x2E80, 0x2EFF), (0x2F00, 0x2FDF))
_SYSTEM_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/OTF/NotoSansCJK-Regular.ttc",
    "/System/Library/Fonts/NotoSansCJK-Regular.ttc",
)
# Latin text: one fixed pair of families, loaded from their files, so that the same briefing
# breaks into the same pages on every machine set up alike (Debian fonts-noto-core). DejaVu
# (fonts-dejavu-core) is the fallback; the export report says when it is used.
LATIN_FONT_DIRS = (
    "/usr/share/fonts/truetype/noto",
    "/usr/share/fonts/noto",
    "/usr/share/fonts/google-noto",
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/dejavu",
    "/usr/share/fonts/TTF",
)
LATIN_FACES = {
    "Noto Serif": ("NotoSerif-Regular.ttf", "NotoSerif-Bold.ttf", "NotoSerif-Italic.ttf", "NotoSerif-BoldItalic.ttf"),
    "Noto Sans": ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf", "NotoSans-BoldItalic.ttf"),
}
FALLBACK_FACES = {
    "DejaVu Serif": ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"),
    "DejaVu Sans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
}
SERIF_FAMILY, SANS_FAMILY = "Noto Serif", "Noto Sans"
LATIN_PACKAGE = "fonts-noto-core"


def find_face_files(names: tuple[str, ...], dirs: tuple[str, ...] = LATIN_FONT_DIRS) -> list[Path] | None:
    """The files of one family (all of ``names``), from the first folder that has them all, else None."""
    for d in dirs:
        paths = [Path(d) / n for n in names]
        if all(p.is_file() for p in paths):
            return paths
    return None


def _register_latin() -> tuple[tuple[str, ...], tuple[str, ...], str]:
    """Register the Latin faces with Qt: (serif families, sans families, warning)."""
    from PySide6.QtGui import QFontDatabase

    def load(faces: dict[str, tuple[str, ...]]) -> list[str] | None:
        found = {fam: find_face_files(files) for fam, files in faces.items()}
        if not all(found.values()):
            return None
        fams = []
        for fam, paths in found.items():
            for path in paths or ():
                QFontDatabase.addApplicationFont(str(path))
            fams.append(fam)
        return fams

    if load(LATIN_FACES):
        return (SERIF_FAMILY,), (SANS_FAMILY,), ""
    warning = (f"Noto Serif and Noto Sans not found (Debian package {LATIN_PACKAGE}): the PDF uses other fonts, "
               "so its pages break differently from a machine that has them")
    if load(FALLBACK_FACES):
        return ("DejaVu Serif",), ("DejaVu Sans",), warning
    return ("serif",), ("sans-serif",), warning


@dataclass(frozen=True)
class FontSetup:
    """The families the renderer uses, and why the CJK fix is missing if it is."""

    serif: tuple[str, ...]
    sans: tuple[str, ...]
    cjk: str | None
    warning: str = ""


_setup: FontSetup | None = None


def find_cjk_source() -> tuple[Path, int] | None:
    """A Noto Sans CJK file and the index of its Japanese face, or None."""
    try:
        import noto_cjk_sans_jp_regular  # type: ignore[import-not-found]

        for p in sorted(Path(noto_cjk_sans_jp_regular.__file__).parent.glob("*.[ot]tf")):
            return p, 0
    except ImportError:
        pass
    for cand in _SYSTEM_CANDIDATES:
        p = Path(cand)
        if p.is_file():
            return p, 0  # face 0 of the Noto CJK collection is JP
    return None


def cache_dir() -> Path:
    """``~/.cache/<app id>/fonts`` (see :func:`briefing_app.resources.cache_dir`)."""
    return resources.cache_dir("fonts")


def derived_font(src: Path, face: int, folder: Path | None = None) -> Path:
    """The cached copy of ``src`` without radical code points (made on first use, ~1 s).

    Raises:
        ImportError: fontTools is not installed.
        OSError: the font cannot be read or no cache folder is writable.
    """
    st = src.stat()
    key = hashlib.sha256(f"{src.resolve()}|{face}|{st.st_size}|{st.st_mtime_ns}|v2".encode()).hexdigest()[:16]
    for base in ([folder] if folder else [cache_dir(), Path(tempfile.gettempdir()) / "briefing-desk-fonts"]):
        target = base / f"BriefingSansCJK-{key}.otf"
        if target.is_file() and target.stat().st_size > 0:
            return target
        try:
            base.mkdir(parents=True, exist_ok=True)
            _write_derived(src, face, target)
            return target
        except OSError:
            if folder:
                raise
            continue
    raise OSError("no writable cache folder for the derived CJK font")


def shadowing_code_points(best_cmap: dict[int, str]) -> set[int]:
    """Code points to remove so that each shared glyph extracts as its usual character.

    Qt writes a glyph's ToUnicode entry as the lowest code point mapped to it.
    Where a glyph is shared, drop (1) compatibility characters whose NFKC form
    maps to the same glyph (Kangxi radicals, radical supplement, half-width
    jamo, U+2329 angle bracket) and (2) Extension A ideographs that share a
    glyph with a unified ideograph of the main block (㬵 and 胶).
    """
    by_glyph: dict[str, list[int]] = {}
    for cp, glyph in best_cmap.items():
        by_glyph.setdefault(glyph, []).append(cp)
    drop: set[int] = set()
    for cps in by_glyph.values():
        if len(cps) < 2:
            continue
        members = set(cps)
        for cp in cps:
            if any(lo <= cp <= hi for lo, hi in _RADICAL_RANGES):
                drop.add(cp)
                continue
            norm = unicodedata.normalize("NFKC", chr(cp))
            if len(norm) == 1 and norm != chr(cp) and ord(norm) in members:
                drop.add(cp)
        if any(0x4E00 <= cp <= 0x9FFF for cp in cps):
            drop.update(cp for cp in cps if 0x3400 <= cp <= 0x4DBF)
    return drop


def _write_derived(src: Path, face: int, target: Path) -> None:
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.sfnt import SFNTWriter

    font = TTFont(str(src), fontNumber=face, lazy=True)
    cmap = font["cmap"]
    drop = shadowing_code_points(font.getBestCmap())
    for sub in cmap.tables:
        if sub.format == 14:  # variation sequences: keyed by base character, left alone
            continue
        for cp in drop.intersection(sub.cmap):
            del sub.cmap[cp]
    name = font["name"]
    for rec in name.names:
        if rec.nameID in (1, 3, 4, 6, 16, 17, 21, 22):
            text = rec.toUnicode()
            for old in ("Noto Sans CJK JP", "Noto Sans CJK"):
                text = text.replace(old, CJK_FAMILY)
            rec.string = text.replace("NotoSansCJKjp", "BriefingSansCJK").replace("NotoSansCJK", "BriefingSansCJK")
    # Copy every other table's bytes as they are: re-compiling the 16 MB CFF
    # through fontTools takes ~45 s, this takes under a second.
    tags = sorted(font.reader.keys())
    tmp = target.with_suffix(f".{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as out:
            writer = SFNTWriter(out, len(tags), sfntVersion=font.reader.sfntVersion)
            for tag in tags:
                if tag == "cmap":
                    writer[tag] = cmap.compile(font)
                elif tag == "name":
                    writer[tag] = name.compile(font)
                else:
                    writer[tag] = font.reader[tag]
            writer.close()
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()


def ensure_fonts() -> FontSetup:
    """Register the derived CJK face with Qt (once per process) and pick the families.

    Needs a QGuiApplication.
    """
    global _setup
    if _setup is not None:
        return _setup
    from PySide6.QtGui import QFontDatabase

    serif, sans, latin_warning = _register_latin()
    # Qt lists some families with their foundry: "Nimbus Roman [urw]".
    installed = {f.split(" [", 1)[0] for f in QFontDatabase.families()}
    cjk: str | None = None
    warning = ""
    src = find_cjk_source()
    if src is None:
        warning = ("no Noto CJK font found: Korean and Japanese text may show as boxes "
                   "(install fonts-noto-cjk or the noto-cjk-sans-jp-regular package)")
    else:
        try:
            path = derived_font(*src)
            fid = QFontDatabase.addApplicationFont(str(path))
            fams = QFontDatabase.applicationFontFamilies(fid) if fid >= 0 else []
            if fams:
                cjk = fams[0]
            else:
                warning = f"Qt could not load the derived CJK font {path}"
        except ImportError:
            warning = "fontTools is not installed: CJK text in the PDF may copy as Kangxi radicals"
        except Exception as exc:  # a damaged font file must not stop the export
            warning = f"CJK font could not be prepared ({exc}); CJK text may copy as Kangxi radicals"
    if cjk is None:
        for fallback in ("Noto Sans CJK JP", "Noto Sans CJK KR", "Droid Sans Fallback"):
            if fallback in installed:
                cjk = fallback
                break
    _setup = FontSetup(serif, sans, cjk, "; ".join(w for w in (latin_warning, warning) if w))
    return _setup


def family_list(setup: FontSetup, kind: str) -> list[str]:
    """Families for ``kind`` ("serif" | "sans") with the CJK face as per-character fallback."""
    fams = list(setup.serif if kind == "serif" else setup.sans)
    if setup.cjk:
        fams.append(setup.cjk)
    return fams
