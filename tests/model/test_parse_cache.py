from briefing_app.model import io, parse_cache
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

    monkeypatch.setattr(io, "parse_yaml", no_parse)
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
