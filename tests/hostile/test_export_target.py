"""Where an exported PDF lands: umask, replaced files' modes, symlinks, devices, a full disk, leftovers."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from briefing_app import cli


@pytest.fixture
def export(qapp, tiny_workspace_path, capsys):
    def run(out: Path) -> tuple[int, str]:
        code = cli.main(["export", str(tiny_workspace_path), "-o", str(out)])
        o, e = capsys.readouterr()
        assert "Traceback" not in o + e
        return code, e.strip()

    return run


@pytest.fixture
def umask():
    old = os.umask(0o022)
    yield lambda m: os.umask(m)
    os.umask(old)


def _mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


def test_new_pdf_follows_the_umask(export, umask, tmp_path):
    umask(0o022)
    assert export(tmp_path / "a.pdf")[0] == 0
    assert _mode(tmp_path / "a.pdf") == 0o644
    umask(0o027)
    assert export(tmp_path / "b.pdf")[0] == 0
    assert _mode(tmp_path / "b.pdf") == 0o640


def test_replaced_pdf_keeps_its_mode_and_no_temp_is_left(export, umask, tmp_path):
    umask(0o077)
    out = tmp_path / "brief.pdf"
    out.write_bytes(b"old")
    out.chmod(0o644)
    assert export(out)[0] == 0
    assert _mode(out) == 0o644 and out.read_bytes().startswith(b"%PDF-")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith((".pdf", ".part"))) == ["brief.pdf"]


def test_symlink_target_stays_a_link_to_the_new_pdf(export, tmp_path):
    real = tmp_path / "real.pdf"
    real.write_bytes(b"old")
    link = tmp_path / "link.pdf"
    link.symlink_to(real)
    assert export(link)[0] == 0
    assert link.is_symlink() and real.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("kind", ["device", "fifo", "folder", "overlong"])
def test_non_file_targets_are_refused(export, tmp_path, kind):
    if kind == "device":
        target = Path("/dev/null")
    elif kind == "fifo":
        target = tmp_path / "pipe.pdf"
        os.mkfifo(target)
    elif kind == "overlong":
        target = tmp_path / ("n" * 300 + ".pdf")
    else:
        target = tmp_path / "dir.pdf"
        target.mkdir()
    code, err = export(target)
    assert code == 1 and len(err.splitlines()) == 1 and str(target) in err
    if kind == "fifo":
        assert stat.S_ISFIFO(target.stat().st_mode)
    assert not list(tmp_path.glob(".*.part"))


def test_full_disk_is_a_clear_message_and_the_old_pdf_stays(export, tmp_path, monkeypatch):
    from briefing_app.export import pdf

    painted = pdf.paint_pages

    def paint_then_lose_the_tail(laid, writer, *args, **kwargs):
        pages = painted(laid, writer, *args, **kwargs)
        path = Path(writer.fileName()) if hasattr(writer, "fileName") else None
        part = path or next(tmp_path.glob(".*.part"))
        data = part.read_bytes()
        part.write_bytes(data[: len(data) // 2])  # what a full disk leaves: QPdfWriter reports nothing
        return pages

    monkeypatch.setattr(pdf, "paint_pages", paint_then_lose_the_tail)
    out = tmp_path / "brief.pdf"
    out.write_bytes(b"%PDF-old")
    code, err = export(out)
    assert code == 1 and "disk full" in err and "trailer" not in err
    assert out.read_bytes() == b"%PDF-old"
    assert not list(tmp_path.glob(".*.part"))


def test_part_files_of_killed_exports_are_cleaned(export, tmp_path):
    dead = 2**22 + 4321
    stale = tmp_path / f".brief.pdf.{dead}.abc123.part"
    stale.write_bytes(b"%PDF- half")
    alive = tmp_path / f".brief.pdf.{os.getppid()}.def456.part"  # a running process's: kept
    alive.write_bytes(b"%PDF- busy")
    assert export(tmp_path / "brief.pdf")[0] == 0
    assert not stale.exists() and alive.exists()
