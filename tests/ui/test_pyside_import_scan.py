"""PySide6's per-import source scan, made cheap, answers as PySide6's own does."""

from __future__ import annotations

import sys
import types

from briefing_app.model import dates
from briefing_app.render import pyside_import_scan, qt_app


def _feature():
    return sys.modules.get("__feature__") or sys.modules.get("PySide6.support.feature")


def test_the_byte_scan_is_installed_and_installing_again_keeps_one_wrapper():
    assert pyside_import_scan.install()
    first = _feature()._mod_uses_pyside
    assert pyside_import_scan.install()
    assert _feature()._mod_uses_pyside is first


def test_the_byte_scan_agrees_with_pyside6_on_every_loaded_module(tmp_path):
    import inspect

    def upstream(module) -> bool:  # PySide6's rule, restated: "PySide6" in inspect.getsource(module)
        try:
            return "PySide6" in inspect.getsource(module)
        except (TypeError, OSError, SyntaxError):
            return False

    scan = _feature()._mod_uses_pyside
    modules = [m for m in list(sys.modules.values()) if isinstance(m, types.ModuleType)]
    assert len(modules) > 200
    disagree = [m.__name__ for m in modules if scan(m) != upstream(m)]
    assert disagree == []
    # both answers occur: ours use Qt, the model does not
    assert scan(qt_app) is True
    assert scan(dates) is False


def test_a_module_whose_file_is_gone_gets_pyside6s_answer(tmp_path):
    gone = types.ModuleType("gone_module")
    gone.__file__ = str(tmp_path / "gone_module.py")  # never written
    assert _feature()._mod_uses_pyside(gone) is False
