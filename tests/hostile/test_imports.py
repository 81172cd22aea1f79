"""Hostile files to import and concurrent writers: one-line failures, nothing lost, nothing left behind."""

from __future__ import annotations

import fcntl
import io
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from briefing_app import cli
from briefing_app.importers import ImportFailure, extract_file, import_files
from briefing_app.model.io import WorkspaceChanged, read_workspace
from tests.hostile.corpus import ALIAS_BOMB

WS = "schema: 1\nbriefing: {title: T}\nentities:\n- {id: jpn, name: Japan, type: country}\n"
BODY = "Japan and South Korea met in Seoul on 3 March 2023 to restore the pact.\n"


def _workspace(tmp_path: Path) -> Path:
    path = tmp_path / "ws" / "t.briefing.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(WS, encoding="utf-8")
    return path


def _docx(text: str = BODY, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", '<w:document xmlns:w="http://schemas.openxmlformats.org/'
                    f'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body>'
                    "</w:document>")
    return buf.getvalue()


def _patch_entries(data: bytes, offset_local: int, offset_central: int, value: bytes) -> bytes:
    """Overwrite one field of every local and central header (flags at 6/8, method at 8/10)."""
    out = bytearray(data)
    for sig, off in ((b"PK\x03\x04", offset_local), (b"PK\x01\x02", offset_central)):
        i = out.find(sig)
        while i >= 0:
            out[i + off:i + off + len(value)] = value
            i = out.find(sig, i + 4)
    return bytes(out)


def _corrupt(data: bytes) -> bytes:
    i = data.find(b"word/document.xml") + len("word/document.xml") + 5
    return data[:i] + bytes(b ^ 0x5A for b in data[i:i + 40]) + data[i + 40:]


HOSTILE_FILES = [
    ("binary-named-txt", "data.txt", bytes(range(256)) * 8, "binary data"),
    ("elf-named-md", "prog.md", b"\x7fELF\x02\x01\x01" + b"\0" * 200, "binary data"),
    ("docx-corrupt-entry", "c.docx", _corrupt(_docx(BODY * 20)), "damaged"),
    ("docx-deflate64", "d.docx", _patch_entries(_docx(method=zipfile.ZIP_STORED), 8, 10, b"\x09\x00"),
     "compression method"),
    ("docx-encrypted", "e.docx", _patch_entries(_docx(), 6, 8, b"\x01\x00"), "encrypted"),
    ("docx-truncated", "t.docx", _docx()[:60], "DOCX"),
    ("docx-not-a-zip", "n.docx", b"PK\x03\x04garbage", "DOCX"),
    ("pdf-garbage", "g.pdf", b"%PDF-1.7\n" + os.urandom(300), "PDF"),
]


@pytest.mark.parametrize("name,filename,data,expect", HOSTILE_FILES, ids=[c[0] for c in HOSTILE_FILES])
def test_hostile_file_is_one_line_failure_and_writes_nothing(tmp_path, capsys, name, filename, data, expect):
    ws = _workspace(tmp_path)
    src = tmp_path / filename
    src.write_bytes(data)
    before = ws.read_bytes()
    code = cli.main(["import", str(ws), str(src)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in out + err
    failed = [line for line in err.splitlines() if line.startswith("failed: ")]
    assert len(failed) == 1 and expect.lower() in failed[0].lower(), err
    assert ws.read_bytes() == before
    assert sorted(p.name for p in ws.parent.iterdir()) == [ws.name]


def test_fifo_nul_and_overlong_paths_are_refused(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    for path, expect in ((fifo, "FIFO"), (Path("a\0b.txt"), "NUL"), (tmp_path / ("n" * 300 + ".txt"), "longer")):
        with pytest.raises(ImportFailure, match=expect):
            extract_file(path)


def test_front_matter_alias_bomb_and_bad_dates_are_harmless(tmp_path):
    bomb = tmp_path / "bomb.md"
    bomb.write_text(f"---\n{ALIAS_BOMB}---\n# Title\n\n{BODY}", encoding="utf-8")
    assert "Seoul" in extract_file(bomb).text  # the front matter is ignored, nothing expanded
    for value in ("2023-02-30", "2023-13-01", "!!timestamp nope", "!!float abc", "9" * 5000):
        md = tmp_path / "d.md"
        md.write_text(f"---\ntitle: T\ndate: {value}\n---\n{BODY}", encoding="utf-8")
        ex = extract_file(md)
        assert ex.published is None or ex.published.iso() != value


def test_documents_symlink_out_of_the_workspace_is_refused(tmp_path, capsys):
    ws = _workspace(tmp_path)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (ws.parent / "documents").symlink_to(outside)
    src = tmp_path / "a.txt"
    src.write_text(BODY, encoding="utf-8")
    code = cli.main(["import", str(ws), str(src)])
    _, err = capsys.readouterr()
    assert code == 1 and "outside the workspace folder" in err and len(err.strip().splitlines()) == 1
    assert list(outside.iterdir()) == []
    assert ws.read_text(encoding="utf-8") == WS


def test_existing_document_file_or_symlink_is_never_overwritten(tmp_path):
    ws = _workspace(tmp_path)
    docs = ws.parent / "documents"
    docs.mkdir()
    target = tmp_path / "secret.txt"
    target.write_text("keep me", encoding="utf-8")
    src = tmp_path / "a.txt"
    src.write_text("Launch\n\n" + BODY, encoding="utf-8")
    (docs / "launch.txt").symlink_to(target)
    result = import_files(read_workspace(ws).workspace, [src])
    assert result.imported[0].written.name == "launch-2.txt"
    assert target.read_text(encoding="utf-8") == "keep me"


def test_failed_save_takes_back_the_files_of_the_batch(tmp_path, capsys, monkeypatch):
    ws = _workspace(tmp_path)
    files = []
    for i in range(3):
        f = tmp_path / f"f{i}.txt"
        f.write_text(f"Report {i}\n\n{BODY}{i}\n", encoding="utf-8")
        files.append(str(f))

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("briefing_app.model.io.write_text_atomic", full_disk)
    code = cli.main(["import", str(ws), *files])
    _, err = capsys.readouterr()
    assert code == 1 and "No space left on device" in err and "Traceback" not in err
    assert ws.read_text(encoding="utf-8") == WS
    assert list((ws.parent / "documents").iterdir()) == []


def _import_child(ws: Path, src: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "briefing_app", "import", str(ws), str(src)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_concurrent_cli_imports_keep_every_document(tmp_path):
    ws = _workspace(tmp_path)
    srcs = []
    for i in range(4):
        f = tmp_path / f"s{i}.txt"
        f.write_text(f"Same title\n\n{BODY}variant {i}\n", encoding="utf-8")  # same title: same file name wanted
        srcs.append(f)
    children = [_import_child(ws, s) for s in srcs]
    for c in children:
        out, err = c.communicate(timeout=120)
        assert c.returncode == 0, err
        assert "Traceback" not in err
    docs = read_workspace(ws).workspace.documents
    assert len(docs) == 4
    texts = {(ws.parent / d.path).read_text(encoding="utf-8") for d in docs}
    assert len(texts) == 4, "each document has its own file with its own text"


def test_cli_import_waits_for_the_write_lock_and_rereads(tmp_path):
    ws = _workspace(tmp_path)
    src = tmp_path / "a.txt"
    src.write_text(BODY, encoding="utf-8")
    fd = os.open(ws.parent, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)  # another writer is busy
    try:
        child = _import_child(ws, src)
        time.sleep(1.5)
        assert child.poll() is None, "the import must wait for the other writer"
        # The other writer changes the workspace while holding the lock.
        ws.write_text(WS + "- {id: kor, name: South Korea, type: country}\n", encoding="utf-8")
    finally:
        os.close(fd)
    _, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    result = read_workspace(ws)
    assert {e.id for e in result.workspace.entities} == {"jpn", "kor"}, "the other writer's change is kept"
    assert len(result.workspace.documents) == 1


def test_window_save_after_a_cli_import_does_not_drop_it(qtbot, tmp_path, capsys):
    from briefing_app.model import edits
    from briefing_app.state import AppState

    ws = _workspace(tmp_path)
    state = AppState()
    state.open(ws)
    state.edit("Rename", edits.update_item, "entities", "jpn", name="Nippon")  # unsaved work in the window
    src = tmp_path / "a.txt"
    src.write_text(BODY, encoding="utf-8")
    assert cli.main(["import", str(ws), str(src)]) == 0
    capsys.readouterr()
    imported = ws.read_bytes()
    with pytest.raises(WorkspaceChanged):
        state.save(expected_sha256=state.loaded_sha256)
    assert ws.read_bytes() == imported
    assert len(read_workspace(ws).workspace.documents) == 1


def test_cli_fmt_waits_for_the_write_lock_and_formats_the_new_version(tmp_path):
    ws = _workspace(tmp_path)
    fd = os.open(ws.parent, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        child = subprocess.Popen([sys.executable, "-m", "briefing_app", "fmt", str(ws)],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(1.5)
        assert child.poll() is None, "fmt must wait for the other writer"
        ws.write_text(WS + "- {id: kor, name: South Korea, type: country}\n", encoding="utf-8")
    finally:
        os.close(fd)
    _, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    assert {e.id for e in read_workspace(ws).workspace.entities} == {"jpn", "kor"}
    assert ws.read_text(encoding="utf-8").startswith("# Briefing desk workspace")
