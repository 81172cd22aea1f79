"""Regression: PySide6 6.12.0 on Python 3.11 corrupts the refcount of None and
aborts ("Fatal Python error: none_dealloc") after a few thousand Qt calls that
return None. The pin in pyproject.toml avoids it; this test fails (the process
dies) if an affected version comes back. It runs in a subprocess so that an
abort is reported as a failure instead of killing the test run."""

import subprocess
import sys
import textwrap

import PySide6


def test_pinned_pyside_version():
    major, minor, patch = (int(x) for x in PySide6.__version__.split(".")[:3])
    assert (major, minor, patch) != (6, 12, 0) or sys.version_info >= (3, 12)


def test_many_thousands_of_qt_calls_do_not_abort():
    code = textwrap.dedent(
        """
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtWidgets import QApplication, QLabel, QListWidget
        from PySide6.QtGui import QStandardItemModel, QStandardItem
        app = QApplication([])
        before = sys.getrefcount(None)
        label = QLabel()
        lst = QListWidget()
        model = QStandardItemModel()
        for i in range(20000):
            label.setText(str(i))          # returns None
            label.setToolTip("t")          # returns None
            lst.addItem(str(i % 50))
            model.appendRow(QStandardItem("x"))
            if i % 1000 == 0:
                lst.clear(); model.clear()
                app.processEvents()
        print("ok", sys.getrefcount(None) >= before)
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["ok", "True"]
