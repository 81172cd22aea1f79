"""The architecture holds: pure layers import no Qt, and the import-linter contracts in
pyproject.toml (layers, export apart from the window, panels apart, no circles) are kept."""

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "briefing_app"
PURE = ("model", "analysis", "viewmodel", "importers", "search")
QT_ROOTS = {"PySide6", "PyQt5", "PyQt6", "shiboken6", "pyqtgraph"}


def _pure_modules() -> list[str]:
    mods = []
    for layer in PURE:
        for f in sorted((PACKAGE / layer).rglob("*.py")):
            rel = f.relative_to(PACKAGE.parent).with_suffix("")
            mods.append(".".join(rel.parts).removesuffix(".__init__"))
    return mods


def test_no_qt_import_statement_in_pure_layers():
    offenders = []
    for layer in PURE:
        for f in (PACKAGE / layer).rglob("*.py"):
            tree = ast.parse(f.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                names = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                offenders += [f"{f.name}: {n}" for n in names if n.split(".")[0] in QT_ROOTS]
    assert offenders == []


def test_importing_pure_layers_loads_no_qt():
    mods = _pure_modules()
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in mods)
        + f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {sorted(QT_ROOTS)!r})\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_import_contracts_are_kept():
    """`lint-imports` checks the contracts in pyproject.toml against the real import graph
    (lazy imports inside functions included)."""
    root = PACKAGE.parent
    out = subprocess.run([sys.executable, "-c", "from importlinter.cli import lint_imports_command; lint_imports_command()"],
                         cwd=root, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
    assert "0 broken" in out.stdout


def test_every_package_states_its_public_names():
    """Each sub-package's __init__ says what it is for (a docstring) — the map a newcomer reads."""
    missing = []
    for init in sorted(PACKAGE.rglob("__init__.py")):
        tree = ast.parse(init.read_text(encoding="utf-8"))
        if not ast.get_docstring(tree):
            missing.append(str(init.relative_to(PACKAGE)))
    assert missing == []
