"""A cheaper form of the source scan PySide6 runs on every module imported after it.

PySide6 replaces ``__import__``; for each newly imported module it asks whether
the module's source contains "PySide6" (to scope its ``__feature__`` switches),
through ``inspect.getsource``: encoding detection, line splitting and the
line cache, about 80 µs a module. The window imports some 250 modules after
PySide6 (ours and pyqtgraph's): about 20 ms of every start. Reading the file's
bytes and searching them gives the same answer for a ``.py`` file in UTF-8 or
any ASCII-compatible encoding; every other module keeps PySide6's own check.

The scan is PySide6's private function (``_mod_uses_pyside`` of its feature
module, present from 6.4 to at least 6.11): when it is missing or renamed,
nothing is replaced and imports pay the old price, nothing else changes.
"""

from __future__ import annotations

import sys

import PySide6.QtCore  # noqa: F401 - installs PySide6's import hook and its feature module

_MARK = "_briefing_byte_scan"


def install() -> bool:
    """Replace PySide6's scan with the byte search; True when it is in place."""
    feature = sys.modules.get("__feature__") or sys.modules.get("PySide6.support.feature")
    upstream = getattr(feature, "_mod_uses_pyside", None)
    if upstream is None:
        return False
    if getattr(upstream, _MARK, False):
        return True

    def mod_uses_pyside(module) -> bool:  # noqa: ANN001 - PySide6's signature
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return upstream(module)  # extension, frozen or sourceless: PySide6's answer
        try:
            with open(path, "rb") as fh:
                return b"PySide6" in fh.read()
        except OSError:
            return upstream(module)

    setattr(mod_uses_pyside, _MARK, True)
    feature._mod_uses_pyside = mod_uses_pyside
    return True


install()
