"""The desktop entry, AppStream metainfo and icons are valid and agree with the app.

With Debian's validators installed (desktop-file-utils, appstream) they are
run; otherwise a structural check of the INI and XML is done.
"""

import configparser
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from briefing_app import __version__
from briefing_app import APP_ID

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
DESKTOP = PACKAGING / f"{APP_ID}.desktop"
METAINFO = PACKAGING / f"{APP_ID}.metainfo.xml"
MIME = PACKAGING / f"{APP_ID}.mime.xml"
MIME_TYPE = "application/x-briefing-workspace+yaml"
ICONS = ROOT / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read_string(DESKTOP.read_text(encoding="utf-8"))
    return parser["Desktop Entry"]


def test_desktop_entry_structure():
    entry = _desktop_entry()
    for key in ("Type", "Name", "Exec", "Icon", "Categories"):
        assert entry.get(key), key
    assert entry["Type"] == "Application"
    assert entry["Icon"] == APP_ID
    assert entry["Categories"].endswith(";") and entry["Keywords"].endswith(";")
    # The command every install has: the wheel's console script and the bundle's executable.
    assert entry["Exec"] == "briefing-app %f" and entry["TryExec"] == "briefing-app"
    assert "briefing-app = " in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'name="briefing-app"' in (PACKAGING / "briefing-desk.spec").read_text(encoding="utf-8")
    assert entry["MimeType"] == f"{MIME_TYPE};"
    from briefing_app.render.settings import APPLICATION_NAME

    assert entry["StartupWMClass"] == APPLICATION_NAME  # Qt's X11 window class is the application name


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils not installed")
def test_desktop_entry_validates():
    proc = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert proc.returncode == 0 and "error" not in proc.stdout, proc.stdout + proc.stderr


def _metainfo() -> ET.Element:
    return ET.parse(METAINFO).getroot()


def test_metainfo_structure():
    root = _metainfo()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    for tag in ("name", "summary", "metadata_license", "project_license", "description"):
        assert root.find(tag) is not None, tag
    assert root.find("launchable").text == DESKTOP.name
    assert root.find("provides/binary").text == _desktop_entry()["Exec"].split()[0]
    assert root.find("content_rating") is not None
    assert root.find("provides/mediatype").text == MIME_TYPE
    assert root.find("url[@type='bugtracker']") is not None
    shots = root.findall("screenshots/screenshot")
    assert shots and shots[0].get("type") == "default" and shots[0].find("image").text.startswith("https://")


def test_metainfo_release_matches_version():
    releases = _metainfo().findall("releases/release")
    assert releases, "the metainfo lists no release"
    assert releases[0].get("version") == __version__, "update packaging/*.metainfo.xml for the new version"


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstream not installed")
def test_metainfo_validates():
    proc = subprocess.run(["appstreamcli", "validate", "--no-net", str(METAINFO)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_icons_at_every_size(qapp):
    from PySide6.QtGui import QImage

    assert (ICONS / "briefing-desk.svg").is_file()
    for size in SIZES:
        for path in (ICONS / f"briefing-desk-{size}.png", ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"):
            image = QImage(str(path))
            assert not image.isNull(), path
            assert (image.width(), image.height()) == (size, size), path
            assert image.hasAlphaChannel()


def test_svg_icon_renders(qapp):
    from PySide6.QtSvg import QSvgRenderer

    assert QSvgRenderer(str(ICONS / "briefing-desk.svg")).isValid()


def test_app_id_matches_desktop_file_name():
    assert DESKTOP.name == f"{APP_ID}.desktop"
    assert METAINFO.name == f"{APP_ID}.metainfo.xml"


def test_version_is_kept_in_one_place():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in text and "briefing_app.__version__" in text


def test_resource_paths_from_source_tree():
    from briefing_app.resources import data_path, resource_path

    assert resource_path("icons", "briefing-desk.svg").is_file()
    assert resource_path("map", "countries-110m.geojson").is_file()
    assert data_path("japan-korea.briefing.yaml").is_file()


def test_resource_paths_when_frozen(monkeypatch, tmp_path):
    import sys

    from briefing_app.resources import data_path, resource_path

    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resource_path("icons", "x.svg") == tmp_path / "resources" / "icons" / "x.svg"
    assert data_path("a.yaml") == tmp_path / "data" / "a.yaml"


def test_mime_type_claims_only_briefing_workspaces():
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    (mime,) = ET.parse(MIME).getroot().findall("m:mime-type", ns)
    assert mime.get("type") == MIME_TYPE
    assert {g.get("pattern") for g in mime.findall("m:glob", ns)} == {"*.briefing.yaml", "*.briefing.yml"}
    assert mime.find("m:sub-class-of", ns).get("type") == "application/yaml"


@pytest.mark.skipif(shutil.which("update-mime-database") is None, reason="shared-mime-info not installed")
def test_mime_database_maps_briefing_files_to_the_type(tmp_path):
    packages = tmp_path / "mime" / "packages"
    packages.mkdir(parents=True)
    shutil.copy(MIME, packages / f"{APP_ID}.xml")
    import os
    import sys

    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path)}
    proc = subprocess.run(["update-mime-database", str(tmp_path / "mime")], capture_output=True, text=True, env=env)
    assert proc.returncode == 0 and not proc.stderr.strip(), proc.stderr  # it reports invalid XML on stderr
    assert f"{MIME_TYPE}:*.briefing.yaml" in (tmp_path / "mime" / "globs2").read_text()
    # What a file manager asks: Qt reads the same database (in a child: QMimeDatabase caches).
    probe = ("from PySide6.QtCore import QMimeDatabase as D; db = D(); m = D.MatchMode.MatchExtension; "
             "print(db.mimeTypeForFile('a.briefing.yaml', m).name(), db.mimeTypeForFile('a.yaml', m).name())")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True).stdout
    ours, plain = out.split()
    assert ours == MIME_TYPE and plain != MIME_TYPE
