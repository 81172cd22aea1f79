from briefing_app.model import fast_yaml, parse_cache, yaml_source
from briefing_app.model.io import read_workspace


def _big(tiny_workspace_path):
    # Pad the description so the file crosses the cache threshold.
    text = tiny_workspace_path.read_text(encoding="utf-8").replace(
        "name: GSOMIA, type: agreement}", f"name: GSOMIA, type: agreement, description: '{'x' * parse_cache.MIN_BYTES}'}}")
    tiny_workspace_path.write_text(text, encoding="utf-8")
    return tiny_workspace_path


def test_second_read_uses_cache_and_edit_invalidates(tiny_workspace_path, monkeypatch):
    path = _big(tiny_workspace_path)
    first = read_workspace(path)
    assert first.problems == []

    def no_parse(_text):
        raise AssertionError("parsed again")

    monkeypatch.setattr(yaml_source, "parse_yaml", no_parse)
    second = read_workspace(path)
    assert second.workspace == first.workspace and second.workspace.root == path.parent.resolve()
    path.write_text(path.read_text(encoding="utf-8").replace("Tiny test briefing", "Edited"), encoding="utf-8")
    monkeypatch.undo()
    assert read_workspace(path).workspace.briefing.title == "Edited"


def test_cached_read_still_checks_document_files(tiny_workspace_path):
    path = _big(tiny_workspace_path)
    read_workspace(path)
    (path.parent / "documents" / "doc2.txt").unlink()
    problems = read_workspace(path).problems
    assert any("doc2.txt" in p.message and "not found" in p.message for p in problems)


def test_invalid_file_is_not_cached(tiny_workspace_path):
    path = _big(tiny_workspace_path)
    path.write_text(path.read_text(encoding="utf-8").replace("kind: threat", "kind: menace"), encoding="utf-8")
    read_workspace(path)
    assert parse_cache.load(parse_cache.key_for(path.read_bytes())) is None


def _sourceless_package(root, name: str, body: str) -> None:
    """A package with only compiled modules, as in a PyInstaller bundle or a sourceless install."""
    import compileall
    import shutil

    pkg = root / name
    if pkg.exists():
        shutil.rmtree(pkg)
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "types.py").write_text(body)
    compileall.compile_dir(str(pkg), legacy=True, quiet=1)  # .pyc beside, no __pycache__
    (pkg / "__init__.py").unlink()
    (pkg / "types.py").unlink()


def test_fingerprint_hashes_code_without_source_files(tmp_path, monkeypatch):
    import importlib
    import sys

    monkeypatch.syspath_prepend(str(tmp_path))
    prints = []
    for body in ("A = 1\n", "A = 2\n"):
        for name in [n for n in sys.modules if n.startswith("sourceless_model")]:
            del sys.modules[name]
        _sourceless_package(tmp_path, "sourceless_model", body)
        importlib.invalidate_caches()
        assert not list((tmp_path / "sourceless_model").glob("*.py"))
        prints.append(parse_cache.code_fingerprint("sourceless_model"))
    assert prints[0] != prints[1], "a code change without source files must change the cache key"


def test_fingerprint_follows_the_model_source():
    assert parse_cache.code_fingerprint("briefing_app.model") == parse_cache._code_fingerprint()
    assert parse_cache.code_fingerprint("briefing_app.model") != parse_cache.code_fingerprint("briefing_app.analysis")


# -- the write happens in a child process, off the reader's path --------------
import os  # noqa: E402
import signal  # noqa: E402
import time  # noqa: E402

import pytest  # noqa: E402

needs_fork = pytest.mark.skipif(not parse_cache._CAN_FORK, reason="the cache is written in-process here")


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def _leftovers():
    return sorted(p.name for p in parse_cache.cache_dir().glob("*.tmp"))


def test_a_read_right_after_the_first_one_hits_the_cache(tiny_workspace_path, monkeypatch):
    path = _big(tiny_workspace_path)
    first = read_workspace(path)
    key = parse_cache.key_for(path.read_bytes())
    assert parse_cache.has(key)  # written, or being written: either way the next open need not parse

    def no_parse(*_a, **_k):
        raise AssertionError("parsed again")

    monkeypatch.setattr(yaml_source, "parse_yaml", no_parse)
    monkeypatch.setattr(fast_yaml, "load", no_parse)
    assert read_workspace(path).workspace == first.workspace
    assert _leftovers() == []


def _slow_write(seconds: float, monkeypatch):
    real = parse_cache._write

    def slow(*args):
        time.sleep(seconds)  # runs in the child: the parent goes on meanwhile
        real(*args)

    monkeypatch.setattr(parse_cache, "_write", slow)


@needs_fork
def test_store_returns_before_the_entry_is_written_and_load_waits_for_it(monkeypatch):
    _slow_write(0.5, monkeypatch)
    parse_cache.store("pending-key", {"a": 1})
    assert not (parse_cache.cache_dir() / "pending-key.pickle").exists()  # the child is still asleep
    assert parse_cache.has("pending-key")
    assert parse_cache.load("pending-key") == {"a": 1}
    assert _leftovers() == []


@needs_fork
def test_wait_for_pending_writes_leaves_the_entry_in_place(monkeypatch):
    _slow_write(0.2, monkeypatch)
    parse_cache.store("k1", [1])
    parse_cache.store("k2", [2])
    parse_cache.wait_for_pending_writes()
    assert {p.name for p in parse_cache.cache_dir().glob("*.pickle")} == {"k1.pickle", "k2.pickle"}
    assert parse_cache._pending == {}


@needs_fork
def test_a_failed_background_write_keeps_the_previous_entry_and_no_temp_file():
    parse_cache.store("same", "good", wait=True)
    parse_cache.store("same", lambda: None)  # cannot be pickled: the child fails
    assert parse_cache.load("same") == "good"
    assert _leftovers() == []


@needs_fork
def test_a_writer_killed_half_way_leaves_no_entry_and_no_temp_file(monkeypatch):
    real = parse_cache._write

    def dies(fd, tmp, target, value):
        os.write(fd, b"\x80\x05half a pickle")
        os.kill(os.getpid(), signal.SIGKILL)
        real(fd, tmp, target, value)

    monkeypatch.setattr(parse_cache, "_write", dies)
    parse_cache.store("killed", [1, 2, 3])
    assert parse_cache.load("killed") is None
    assert not parse_cache.has("killed")
    assert _leftovers() == []


def test_without_fork_the_entry_is_written_before_store_returns(monkeypatch):
    monkeypatch.setattr(parse_cache, "_CAN_FORK", False)
    parse_cache.store("sync", {"b": 2})
    assert (parse_cache.cache_dir() / "sync.pickle").is_file() and parse_cache._pending == {}
    assert parse_cache.load("sync") == {"b": 2}


def test_wait_writes_in_process(monkeypatch):
    def no_fork():
        raise AssertionError("forked")

    monkeypatch.setattr(os, "fork", no_fork)
    parse_cache.store("waited", (1,), wait=True)
    assert (parse_cache.cache_dir() / "waited.pickle").is_file()


@needs_fork
def test_without_a_thread_to_reap_the_writer_store_waits_for_it(monkeypatch):
    import threading

    def no_thread(self):
        raise RuntimeError("can't start new thread")

    with monkeypatch.context() as m:
        m.setattr(threading.Thread, "start", no_thread)
        parse_cache.store("unthreaded", [4])
    assert (parse_cache.cache_dir() / "unthreaded.pickle").is_file() and parse_cache._pending == {}
    assert parse_cache.load("unthreaded") == [4]


def test_a_small_file_is_cached_in_process_and_a_fresh_reader_needs_no_yaml_parser(tiny_workspace_path, monkeypatch):
    import subprocess
    import sys

    path = _big(tiny_workspace_path)
    assert parse_cache.MIN_BYTES <= path.stat().st_size < parse_cache.FORK_BYTES
    with monkeypatch.context() as m:
        m.setattr(os, "fork", lambda: (_ for _ in ()).throw(AssertionError("forked for a small entry")))
        first = read_workspace(path)
    assert parse_cache.cache_dir().joinpath(f"{parse_cache.key_for(path.read_bytes())}.pickle").is_file()
    # a second process (the window's next start) takes it from the cache: no parser is imported
    code = ("import sys\nfrom briefing_app.model.io import read_workspace\n"
            f"r = read_workspace({str(path)!r})\n"
            "print(r.workspace.briefing.title, sorted(m for m in ('yaml', 'ryml') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env=dict(os.environ, XDG_CACHE_HOME=os.environ["XDG_CACHE_HOME"])).stdout
    assert out.split("[")[1].strip() == "]", out
    assert out.startswith(first.workspace.briefing.title)


def test_a_used_entry_outlives_newer_unused_ones_when_the_cache_is_pruned(monkeypatch):
    monkeypatch.setattr(parse_cache, "MAX_ENTRIES", 3)
    parse_cache.store("old-but-used", [0], wait=True)
    old = parse_cache.cache_dir() / "old-but-used.pickle"
    os.utime(old, (1, 1))  # written long ago
    for i in range(2):
        parse_cache.store(f"new{i}", [i], wait=True)
        os.utime(parse_cache.cache_dir() / f"new{i}.pickle", (2 + i, 2 + i))  # newer than it, still long ago
    assert parse_cache.load("old-but-used") == [0]  # used now
    parse_cache.store("newest", [9], wait=True)  # one too many: the least recently used goes
    names = {p.stem for p in parse_cache.cache_dir().glob("*.pickle")}
    assert "old-but-used" in names and len(names) == 3


def test_a_cache_home_that_is_a_file_is_a_miss_not_a_failure(tiny_workspace_path, tmp_path, monkeypatch):
    not_a_folder = tmp_path / "cache-file"
    not_a_folder.write_text("a file where the cache folder should be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(not_a_folder))
    path = _big(tiny_workspace_path)
    first, second = read_workspace(path), read_workspace(path)  # written nowhere, read from nowhere
    assert first.workspace == second.workspace and first.problems == second.problems == []
    assert parse_cache.load(parse_cache.key_for(path.read_bytes())) is None
