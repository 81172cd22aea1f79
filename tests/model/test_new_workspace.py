"""A briefing from nothing: ``briefing-app new``, then import and export into it."""

from briefing_app.cli import main
from briefing_app.model.io import read_workspace
from briefing_app.model.new_workspace import create_workspace, workspace_file_name


def test_file_name_is_a_slug_of_the_title():
    assert workspace_file_name("Sahel security: 2023") == "sahel-security-2023.briefing.yaml"
    assert workspace_file_name("???") == "briefing.briefing.yaml"
    assert workspace_file_name("日本と韓国 GSOMIA") == "日本と韓国-gsomia.briefing.yaml"


def test_new_makes_folder_file_and_documents(tmp_path, capsys):
    folder = tmp_path / "sahel"
    assert main(["new", str(folder), "--title", "Sahel security"]) == 0
    path = folder / "sahel-security.briefing.yaml"
    assert capsys.readouterr().out.strip() == str(path)
    assert (folder / "documents").is_dir()
    result = read_workspace(path)
    assert result.problems == []
    assert result.workspace.briefing.title == "Sahel security"
    assert result.workspace.entities == () and result.workspace.documents == ()


def test_new_refuses_non_empty_folder_and_existing_file(tmp_path, capsys):
    folder = tmp_path / "w"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["new", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "not empty" in err and err.count("\n") == 1
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "mine"
    made = create_workspace(tmp_path / "x", "T")
    before = made.read_bytes()
    assert main(["new", str(tmp_path / "x"), "--title", "T"]) == 2
    assert "already exists" in capsys.readouterr().err
    assert made.read_bytes() == before


def test_new_then_import_then_export(tmp_path, capsys):
    path = create_workspace(tmp_path / "b", "Arctic shipping")
    src = tmp_path / "notice.txt"
    src.write_text("Norway and Russia renewed the fisheries commission on 12 March 2024.\n", encoding="utf-8")
    assert main(["import", str(path), str(src)]) == 0
    ws = read_workspace(path).workspace
    assert len(ws.documents) == 1 and (path.parent / ws.documents[0].path).is_file()
    pdf = tmp_path / "out.pdf"
    capsys.readouterr()
    assert main(["export", str(path), "-o", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "newer" not in capsys.readouterr().err  # as of: the latest dated item
    assert main(["export", str(path), "-o", str(pdf), "--as-of", "2024-01"]) == 0
    assert "warning: 1 item(s) are newer than the as-of date, e.g. document" in capsys.readouterr().err


def test_empty_briefing_exports(tmp_path):
    path = create_workspace(tmp_path / "e", "Empty")
    pdf = tmp_path / "e.pdf"
    assert main(["export", str(path), "-o", str(pdf)]) == 0
    assert pdf.stat().st_size > 1000
