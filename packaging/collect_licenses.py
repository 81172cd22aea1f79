"""Copy the licence files of every distribution the app runs on into one folder.

Usage (both run by build_bundle.sh):
    python packaging/collect_licenses.py OUT_DIR
    python packaging/collect_licenses.py --debian BUNDLE_DIR OUT_DIR

Walks the requirements of ``briefing-desk`` (without extras) and, for each
installed distribution, copies the files its metadata lists as licences
(``License-File`` and anything under ``licenses/`` or named LICENSE/COPYING/
NOTICE) to ``OUT_DIR/<distribution>/``. Python's own licence is added as
``OUT_DIR/python/LICENSE.txt``. Prints what has none, so a bundle never ships
a library without its terms unnoticed. With ``--debian``, the Debian copyright
files of the system libraries PyInstaller copied into a built bundle.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import sysconfig
from importlib import metadata
from pathlib import Path

_LICENCE_NAME = re.compile(r"(^|/)(licen[cs]es?|copying|notice)[^/]*$|(^|/)licenses/", re.IGNORECASE)


def runtime_distributions(root: str = "briefing-desk") -> list[metadata.Distribution]:
    """``root``'s distribution and everything it needs at run time (no extras), installed here."""
    seen: dict[str, metadata.Distribution] = {}
    todo = [root]
    while todo:
        name = re.split(r"[ ;<>=!~\[(]", todo.pop(), maxsplit=1)[0].lower().replace("_", "-")
        if name in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        seen[name] = dist
        todo += [r for r in (dist.requires or []) if "extra ==" not in r]
    return list(seen.values())


def licence_files(dist: metadata.Distribution) -> list[tuple[Path, str]]:
    """(file, path inside the dist-info) of each licence file (numpy nests its vendored libraries')."""
    found = []
    for f in dist.files or []:
        inside = str(f).split(".dist-info/", 1)
        path = Path(dist.locate_file(f))
        if len(inside) == 2 and _LICENCE_NAME.search(inside[1]) and path.is_file():
            found.append((path, inside[1]))
    return found


def debian_copyrights(bundle: Path, out: Path) -> list[str]:
    """Copy ``/usr/share/doc/<package>/copyright`` of each Debian package whose shared
    libraries PyInstaller copied into ``bundle``; returns the package names."""
    names = sorted({f.name for f in bundle.rglob("*.so*") if f.is_file()})
    if not names or shutil.which("dpkg") is None:
        return []
    proc = subprocess.run(["dpkg", "-S", *(f"*/{n}" for n in names)], capture_output=True, text=True)
    packages = sorted({line.split(":", 1)[0] for line in proc.stdout.splitlines() if ": " in line})
    copied = []
    for package in packages:
        source = Path("/usr/share/doc") / package / "copyright"
        if source.is_file():
            (out / package).mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, out / package / "copyright")
            copied.append(package)
    return copied


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    missing = []
    for dist in runtime_distributions():
        name = dist.metadata["Name"]
        found = licence_files(dist)
        if not found:
            missing.append(f"{name} ({dist.metadata.get('License-Expression') or dist.metadata.get('License')})")
        for f, inside in found:
            target = out / name / inside
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(f, target)
    python_licence = Path(sysconfig.get_paths()["stdlib"]) / "LICENSE.txt"
    if python_licence.is_file():
        (out / "python").mkdir(exist_ok=True)
        shutil.copy2(python_licence, out / "python" / "LICENSE.txt")
    else:
        missing.append("python")
    for m in missing:  # Qt for Python: its LGPL/GPL texts come from packaging/licenses
        print(f"no licence file in its metadata: {m}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--debian":  # --debian BUNDLE_DIR OUT_DIR
        found = debian_copyrights(Path(sys.argv[2]), Path(sys.argv[3]))
        print(f"copyright files of {len(found)} Debian packages whose libraries are in the bundle")
        sys.exit(0)
    sys.exit(main(Path(sys.argv[1])))
