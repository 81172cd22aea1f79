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
