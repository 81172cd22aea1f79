"""Window fixtures shared by the UI tests."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from briefing_app.ui.main_window import MainWindow


@pytest.fixture
def shown_window(qtbot):
    """``shown_window(path, size)``: a context manager giving the shown main window on ``path``."""
    return lambda path, size=(1400, 900): _shown_window(qtbot, path, size)


@contextmanager
def _shown_window(qtbot, path: Path, size: tuple[int, int] = (1400, 900)) -> Iterator[MainWindow]:
    """The main window on ``path``, shown, without the user's saved layout; closed cleanly after.

    Closed here, not by qtbot (whose teardown runs first): marked clean first, so no prompt.
    """
    w = MainWindow(restore_layout=False)
    w.resize(*size)
    assert w.open_path(path)
    w.show()
    qtbot.waitExposed(w)
    try:
        yield w
    finally:
        w.state.undo_stack.setClean()
        w.close()
        w.deleteLater()
