"""Importing into a workspace that does not exist says how to start one."""

from briefing_app.cli import main


def test_import_into_a_missing_workspace_names_the_new_command(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text("Seoul and Tokyo agreed on Friday.", encoding="utf-8")
    missing = tmp_path / "topic" / "t.briefing.yaml"
    assert main(["import", str(missing), str(article)]) == 1
    err = capsys.readouterr().err
    assert "file not found" in err and f"briefing-app new {missing.parent}" in err
    assert not missing.parent.exists()  # nothing half-made
