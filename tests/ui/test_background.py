"""Long work runs off the GUI thread: a worker thread for saves, a child process for first parses."""

import pytest

from briefing_app.model import fast_yaml, io
from briefing_app.ui.background import run_in_process, run_in_thread


def test_run_in_thread_returns_and_raises(qtbot):
    assert run_in_thread(None, "adding", lambda a, b: a + b, 2, 3) == 5
    with pytest.raises(ValueError, match="boom"):
        run_in_thread(None, "failing", lambda: (_ for _ in ()).throw(ValueError("boom")))


def test_child_process_validates(qtbot, tiny_workspace_path):
    code, out = run_in_process(None, "validating", ["validate", str(tiny_workspace_path)])
    assert (code, out) == (0, "")


def test_big_file_is_parsed_in_a_child_then_opened_from_cache(qtbot, tiny_workspace_path, monkeypatch):
    from briefing_app.ui.main_window import MainWindow

    monkeypatch.setattr(io, "SLOW_PARSE_BYTES", 1)  # treat the file as big here...
    monkeypatch.setattr(fast_yaml, "available", lambda: False)  # ...with only libyaml to read it...
    # ...and make it big enough for the child to cache it (the cache skips tiny files).
    text = tiny_workspace_path.read_text(encoding="utf-8").replace(
        "name: GSOMIA, type: agreement}", f"name: GSOMIA, type: agreement, description: '{'x' * io.parse_cache.MIN_BYTES}'}}")
    text = text.replace("Tiny test briefing", f"Tiny test briefing {tiny_workspace_path.parent.name}")  # unseen bytes
    tiny_workspace_path.write_text(text, encoding="utf-8")
    assert io.needs_slow_parse(tiny_workspace_path)
    calls = []
    import briefing_app.ui.main_window as mw

    real = mw.run_in_process
    monkeypatch.setattr(mw, "run_in_process", lambda *a: calls.append(a[2]) or real(*a))
    w = MainWindow(restore_layout=False)
    try:
        assert w.open_path(tiny_workspace_path)
        assert calls == [["validate", str(tiny_workspace_path)]]
        assert not io.needs_slow_parse(tiny_workspace_path)  # the child left the parse in the cache
        assert w.state.workspace.briefing.title.startswith("Tiny test briefing")
    finally:
        w.close()


def test_big_clean_file_is_read_fast_in_process_once(qtbot, tiny_workspace_path, monkeypatch):
    import briefing_app.ui.main_window as mw

    if not fast_yaml.available():
        pytest.skip("rapidyaml not installed")
    monkeypatch.setattr(io, "SLOW_PARSE_BYTES", 1)
    text = tiny_workspace_path.read_text(encoding="utf-8").replace(
        "name: GSOMIA, type: agreement}", f"name: GSOMIA, type: agreement, description: '{'y' * io.parse_cache.MIN_BYTES}'}}")
    tiny_workspace_path.write_text(text.replace("Tiny test briefing", f"Fast {tiny_workspace_path.parent.name}"),
                                   encoding="utf-8")
    calls, reads = [], []
    monkeypatch.setattr(mw, "run_in_process", lambda *a: calls.append(a) or None)
    real_load = fast_yaml.load
    monkeypatch.setattr(fast_yaml, "load", lambda *a, **k: reads.append(1) or real_load(*a, **k))
    w = mw.MainWindow(restore_layout=False)
    try:
        assert w.open_path(tiny_workspace_path)
        assert calls == [] and reads == [1]  # no child process, and the read ahead is the one opened
        assert w.state.workspace.briefing.title.startswith("Fast")
    finally:
        w.close()


def test_the_read_ahead_is_opened_without_unpickling_the_cache_it_wrote(qtbot, tiny_workspace_path, monkeypatch):
    import briefing_app.ui.main_window as mw

    if not fast_yaml.available():
        pytest.skip("rapidyaml not installed")
    monkeypatch.setattr(io, "SLOW_PARSE_BYTES", 1)
    text = tiny_workspace_path.read_text(encoding="utf-8").replace(
        "name: GSOMIA, type: agreement}", f"name: GSOMIA, type: agreement, description: '{'z' * io.parse_cache.MIN_BYTES}'}}")
    tiny_workspace_path.write_text(text.replace("Tiny test briefing", f"Ahead {tiny_workspace_path.parent.name}"),
                                   encoding="utf-8")
    found = []
    real_load = io.parse_cache.load
    monkeypatch.setattr(io.parse_cache, "load", lambda key: found.append(r := real_load(key)) or r)
    w = mw.MainWindow(restore_layout=False)
    try:
        assert w.open_path(tiny_workspace_path)
        assert found == [None]  # looked up once, before the read ahead; the open took the read ahead itself
        assert w.state.workspace.briefing.title.startswith("Ahead")
    finally:
        w.close()


def test_big_broken_file_shows_the_child_problems(qtbot, tiny_workspace_path, monkeypatch):
    import briefing_app.ui.main_window as mw

    monkeypatch.setattr(io, "SLOW_PARSE_BYTES", 1)
    tiny_workspace_path.write_text("entities:\n- {id: x, name: X, type: planet}\n", encoding="utf-8")
    shown = []
    monkeypatch.setattr(mw.ProblemsDialog, "exec", lambda self: shown.append(self.text.toPlainText()) or 0)
    w = mw.MainWindow(restore_layout=False)
    try:
        assert not w.open_path(tiny_workspace_path)
        assert shown and "unknown type 'planet'" in shown[0] and ":2:" in shown[0]
    finally:
        w.close()


def test_big_workspace_saved_on_worker_thread(qtbot, tiny_workspace_path, monkeypatch):
    import briefing_app.ui.main_window as mw
    from briefing_app.model import edits

    monkeypatch.setattr(mw, "BIG_WORKSPACE_ITEMS", 0)
    threads = []
    real = mw.run_in_thread
    monkeypatch.setattr(mw, "run_in_thread", lambda *a: threads.append(a[1]) or real(*a))
    w = mw.MainWindow(restore_layout=False)
    try:
        assert w.open_path(tiny_workspace_path)
        w.state.edit("alias", edits.add_alias, "jpn", "Nippon")
        assert w.save()
        assert threads and "Saving" in threads[0]
        assert not w.state.is_modified
        assert "Nippon" in tiny_workspace_path.read_text(encoding="utf-8")
    finally:
        w.close()
