"""Hostile workspace files through every command: a message at a place, never a traceback, nothing changed.

Each file of :mod:`corpus` goes through ``validate``, ``fmt``, ``fmt --check``
and ``export`` in-process (a traceback would fail the test) and through the
window's open; the bytes on disk and the folder's listing must not change.
``fmt`` on the odd-but-valid files must keep what the analyst wrote:
the model read back after ``fmt`` equals the model read before.
"""

from __future__ import annotations

import math
import os
import re
from pathlib import Path

import pytest

from briefing_app import cli
from briefing_app.model.io import read_workspace
from briefing_app.model.serialize import dump_workspace
from tests.hostile.corpus import LOSSLESS, REFUSED

POSITION = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<msg>\S.*)$")


def _write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "ws" / "hostile.briefing.yaml"
    path.parent.mkdir(parents=True)
    path.write_bytes(data)
    return path


def _listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def _run(capsys, *argv: str) -> tuple[int, list[str], list[str]]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out.splitlines(), err.splitlines()


@pytest.mark.parametrize("name,data,where", REFUSED, ids=[c[0] for c in REFUSED])
def test_refused_file_gives_a_placed_message_and_changes_nothing(tmp_path, capsys, name, data, where):
    path = _write(tmp_path, data)
    before = _listing(path.parent)

    code, out, _ = _run(capsys, "validate", str(path))
    assert code == 1
    first = POSITION.match(out[0])
    assert first, out[:3]
    assert first["file"] == str(path)
    assert int(first["line"]) >= 1 and int(first["col"]) >= 1
    if where is not None:
        placed = [(int(m["line"]), int(m["col"])) for m in map(POSITION.match, out) if m]
        assert where in placed, (where, out)
    assert all(len(line) < 400 for line in out), "one short line per problem"

    code, out, err = _run(capsys, "fmt", str(path))
    assert code == 1 and "not rewritten" in "\n".join(err)
    code, *_ = _run(capsys, "fmt", "--check", str(path))
    assert code == 1
    pdf = tmp_path / "out.pdf"
    code, out, err = _run(capsys, "export", str(path), "-o", str(pdf))
    assert code == 1 and not pdf.exists()
    assert _listing(path.parent) == before


@pytest.mark.parametrize("name,data,where", REFUSED[:12], ids=[c[0] for c in REFUSED[:12]])
def test_window_keeps_its_workspace_when_a_hostile_file_is_opened(qtbot, tmp_path, name, data, where):
    from briefing_app.ui.main_window import MainWindow

    window = MainWindow(restore_layout=False)
    qtbot.addWidget(window)
    shown = window.state.workspace
    path = _write(tmp_path, data)
    result = window.state.open(path)
    assert result.blocking or result.workspace is None
    assert window.state.workspace is shown
    assert path.read_bytes() == data
    window.state.undo_stack.setClean()


def _same(a, b) -> bool:
    """Model equality where NaN equals NaN (a `.nan` must round-trip too)."""
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if type(a) is not type(b) and not (isinstance(a, (int, float)) and isinstance(b, (int, float))):
        return False
    if isinstance(a, dict):
        typed = lambda d: {(type(k).__name__, k) for k in d}  # noqa: E731 - 1 and '1' are different keys
        return typed(a) == typed(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if hasattr(a, "__dataclass_fields__"):
        return all(_same(getattr(a, f), getattr(b, f)) for f in a.__dataclass_fields__)
    return a == b


def _by_id(ws):
    return ws.with_(**{s: tuple(sorted(getattr(ws, s), key=lambda x: x.id))
                       for s in ("entities", "relations", "events", "documents", "annotations")})


@pytest.mark.parametrize("name,data", LOSSLESS, ids=[c[0] for c in LOSSLESS])
def test_fmt_keeps_every_value_as_written(tmp_path, capsys, name, data):
    path = _write(tmp_path, data)
    before = read_workspace(path, check_files=False)
    assert before.workspace is not None and not before.blocking, before.problems
    code, *_ = _run(capsys, "fmt", str(path))
    assert code == 0
    after = read_workspace(path, check_files=False)
    assert after.workspace is not None and not after.blocking, after.problems
    assert _same(_by_id(before.workspace), _by_id(after.workspace))
    code, *_ = _run(capsys, "fmt", "--check", str(path))
    assert code == 0, "fmt is idempotent"
    assert dump_workspace(after.workspace) == path.read_text(encoding="utf-8")


def test_odd_scalars_keep_their_spelling(tmp_path, capsys):
    """The YAML 1.1 readings (80 for 1:20, 31 for 0x1F) never replace what was typed."""
    path = _write(tmp_path, dict(LOSSLESS)["hex-octal-underscore-text"])
    ws = read_workspace(path, check_files=False).workspace
    t = ws.entity_by_id["t"]
    assert (t.name, t.description) == ("0x1F", "0o17")
    path2 = _write(tmp_path / "b", dict(LOSSLESS)["sexagesimal-name"])
    assert read_workspace(path2, check_files=False).workspace.entity_by_id["t"].name == "1:20"
    path3 = _write(tmp_path / "c", dict(LOSSLESS)["odd-numbers-unknown-keys"])
    _run(capsys, "fmt", str(path3))
    text = path3.read_text(encoding="utf-8")
    for written in ("a: 0x1F", "b: 1:20", "c: 017", "d: 1_000", "e: +5", "f: 1.50", "g: 1e3", "h: .inf", "i: -0"):
        assert f"\n  {written}\n" in text, written
    path4 = _write(tmp_path / "d", dict(LOSSLESS)["int-and-str-keys"])
    extra = read_workspace(path4, check_files=False).workspace.entity_by_id["jpn"].extra
    assert extra[1] == "one as a number" and extra["1"] == "one as text"


def test_unknown_keys_in_aliases_selectors_and_vocabulary_survive(tmp_path, capsys):
    for name, check in (
        ("alias-unknown-key", lambda ws: ws.entity_by_id["jpn"].aliases[0].extra == {"lang": "ja", "since": 1870}),
        ("selector-unknown-key", lambda ws: ws.annotations[0].selector.extra == {"source": {"kind": "css",
                                                                                            "value": "p"}}),
        ("vocabulary-unknown-key", lambda ws: ws.vocabulary.extra == {"colours": {"fleet": "#123"}}),
    ):
        path = _write(tmp_path / name, dict(LOSSLESS)[name])
        _run(capsys, "fmt", str(path))
        assert check(read_workspace(path, check_files=False).workspace), name


def test_fifo_as_workspace_or_document_does_not_hang(tmp_path, capsys):
    fifo = tmp_path / "pipe.briefing.yaml"
    os.mkfifo(fifo)
    code, out, _ = _run(capsys, "validate", str(fifo))
    assert code == 1 and "FIFO" in out[0] and out[0].startswith(f"{fifo}:1:1: ")
    code, _, err = _run(capsys, "fmt", str(fifo))
    assert code == 1
    ws = _write(tmp_path, (
        "schema: 1\nbriefing: {title: T}\nentities: []\n"
        "documents:\n- {id: d, title: D, path: documents/d.txt}\n").encode())
    (ws.parent / "documents").mkdir()
    os.mkfifo(ws.parent / "documents" / "d.txt")
    code, out, _ = _run(capsys, "validate", str(ws))
    assert any("not a regular file" in line for line in out)
    from briefing_app.model.io import DocumentError, read_document_text

    result = read_workspace(ws)
    with pytest.raises(DocumentError, match="FIFO"):
        read_document_text(result.workspace, result.workspace.documents[0])


def test_symlinked_workspace_stays_a_symlink_after_fmt(tmp_path, capsys):
    real = _write(tmp_path, dict(LOSSLESS)["alias-unknown-key"] + b"# a comment\n")
    link = tmp_path / "link.briefing.yaml"
    link.symlink_to(real)
    code, *_ = _run(capsys, "fmt", str(link))
    assert code == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8").startswith("# Briefing desk workspace")
    assert (real.parent / (real.name + ".bak")).exists()


def test_stale_backup_temp_files_are_cleaned(tmp_path):
    from briefing_app.model.io import save_workspace

    path = _write(tmp_path, dict(LOSSLESS)["alias-unknown-key"])
    dead = 2**22 + 12345  # above pid_max's default: no such process
    stale = [path.parent / f".{path.name}.bak.{dead}.x1y2.tmp", path.parent / f".{path.name}.{dead}.abcd.tmp"]
    for s in stale:
        s.write_text("left by a killed save")
    save_workspace(read_workspace(path).workspace, path)
    assert not any(s.exists() for s in stale)
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name, path.name + ".bak"]
