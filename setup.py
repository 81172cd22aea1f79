"""Build hook: the wheel carries the checkout's top-level bundled folders.

``resources/`` (map data, icons, translations), ``data/`` (the bundled example),
the licence texts and the desktop entry, metainfo and MIME type stay at the top of the checkout, where the scripts and
docs name them, and are copied into ``briefing_app/_bundled/`` of a built wheel;
``briefing_app.resources`` looks there first. An editable install reads them
from the checkout instead, so nothing is copied for it. Everything else is in
pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
BUNDLED = ("resources", "data", "licenses", "LICENSE")
# The desktop entry, AppStream metainfo and MIME type, for `briefing-app install-desktop`.
DESKTOP_FILES = tuple(f"packaging/org.briefingdesk.BriefingDesk.{ext}" for ext in ("desktop", "metainfo.xml", "mime.xml"))


class BuildPyWithBundledFiles(build_py):
    """``build_py`` that also copies :data:`BUNDLED` into ``briefing_app/_bundled``."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "briefing_app" / "_bundled"
        for name in (*BUNDLED, *DESKTOP_FILES):
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(source, target / name, dirs_exist_ok=True,
                                ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.bak", "*.lock"))
            else:
                (target / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target / name)


setup(cmdclass={"build_py": BuildPyWithBundledFiles})
