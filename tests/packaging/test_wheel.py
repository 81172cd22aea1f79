"""A built wheel carries everything: installed outside the checkout, it exports and screenshots.

The wheel is built from a copy of the working tree (as ``pip install .`` would),
installed with ``--no-deps`` into a fresh venv in a temporary folder, and run
from another temporary folder. The venv reaches the already-installed
dependencies (PySide6 and friends) through a ``.pth`` line naming the project
venv's site-packages: that gives it the libraries but not the checkout, since
the project's editable install is a path hook that a ``.pth`` line does not run.
So any file the wheel forgets (map data, the example, icons, help, licences,
desktop files) fails here.
"""

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_NOT_SHIPPED = shutil.ignore_patterns(".venv", ".git", "build", "dist", "*.egg-info", "__pycache__", "*.pyc",
                                      ".pytest_cache", ".hypothesis", "tests", "benchmarks", "out")


def _run(args, **kwargs) -> subprocess.CompletedProcess:
    proc = subprocess.run(args, capture_output=True, text=True, timeout=240, **kwargs)
    assert proc.returncode == 0, f"{args}\n{proc.stdout}\n{proc.stderr}"
    return proc


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    shutil.copytree(ROOT, work / "src", ignore=_NOT_SHIPPED)
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(work / "dist"), str(work / "src")])
    (found,) = (work / "dist").glob("briefing_desk-*.whl")
    return found


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh venv with only the wheel installed; returns its ``bin`` folder."""
    env = tmp_path_factory.mktemp("venv") / "env"
    _run([sys.executable, "-m", "venv", "--without-pip", str(env)])
    _run([sys.executable, "-m", "pip", "--python", str(env / "bin" / "python"), "install", "--no-deps",
          "--no-index", "-q", str(wheel)])
    purelib = Path(_run([str(env / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"])
                   .stdout.strip())
    (purelib / "zz_project_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return env / "bin"


def test_wheel_lists_the_bundled_files(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in ("briefing_app/_bundled/resources/map/countries-110m.geojson",
                     "briefing_app/_bundled/resources/icons/briefing-desk.svg",
                     "briefing_app/_bundled/data/japan-korea.briefing.yaml",
                     "briefing_app/_bundled/data/documents/us-japan-rok-cooperation.txt",
                     "briefing_app/_bundled/LICENSE",
                     "briefing_app/_bundled/licenses/OFL-1.1-Noto-Sans-CJK.txt",
                     "briefing_app/ui/help/texts/quick_start.md", "briefing_app/ui/help/texts/guide.md"):
        assert expected in names, expected
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)


@pytest.mark.slow
def test_installed_wheel_exports_and_screenshots_from_elsewhere(installed, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    home = tmp_path / "home"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "PYTHON", "VIRTUAL_ENV"))}
    env |= {"HOME": str(home), "QT_QPA_PLATFORM": "offscreen", "PATH": f"{installed}:{env.get('PATH', '')}",
            **{f"XDG_{kind}_HOME": str(home / kind.lower()) for kind in ("CONFIG", "CACHE", "STATE", "DATA")}}
    app = str(installed / "briefing-app")

    where = _run([str(installed / "python"), "-c",
                  "import briefing_app, briefing_app.resources as r; print(briefing_app.__file__); print(r.base_dir())"],
                 cwd=elsewhere, env=env).stdout.split()
    assert all(Path(p).is_relative_to(installed.parent) for p in where), where

    _run([app, "export", "-o", "briefing.pdf"], cwd=elsewhere, env=env)
    pdf = (elsewhere / "briefing.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 50_000

    _run([app, "screenshot", "-o", "window.png", "--size", "1000x700"], cwd=elsewhere, env=env)
    from PySide6.QtGui import QImage

    image = QImage(str(elsewhere / "window.png"))
    assert (image.width(), image.height()) == (1000, 700)

    # The desktop files travel in the wheel too; the menu entry starts this installation.
    _run([app, "install-desktop", "--data-home", str(tmp_path / "share")], cwd=elsewhere, env=env)
    entry = (tmp_path / "share" / "applications" / "org.briefingdesk.BriefingDesk.desktop").read_text()
    assert f"Exec={app} %f" in entry.splitlines()

    # Headless commands never write settings, state or data; only the cache may fill.
    for kind in ("config", "state", "data"):
        folder = home / kind
        assert not folder.exists() or not any(folder.rglob("*")), f"{kind}: {list(folder.rglob('*'))}"
