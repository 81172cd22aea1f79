"""`briefing-app install-desktop`: menu entry, icons and the *.briefing.yaml type for the user."""

import configparser
import shutil
import subprocess

import pytest

from briefing_app import APP_ID
from briefing_app.cli import main
from briefing_app.desktop_integration import desktop_entry, install, installed_files, uninstall


def _entry(path):
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read_string(path.read_text(encoding="utf-8"))
    return parser["Desktop Entry"]


def test_exec_names_the_running_command_quoted_as_the_spec_asks():
    text = desktop_entry("[Desktop Entry]\nExec=briefing-app %f\nTryExec=briefing-app\n",
                         ["/opt/my apps/bin/python", "-m", "briefing_app"])
    assert 'Exec="/opt/my apps/bin/python" -m briefing_app %f' in text
    assert "TryExec=/opt/my apps/bin/python" in text
    assert 'Exec="/x/100$/a" %f' not in desktop_entry("Exec=a %f\n", ["/x/100$/a"])
    assert desktop_entry("Exec=a %f\n", ["/x/100%/a"]).startswith("Exec=/x/100%%/a %f")


def test_install_and_uninstall(tmp_path):
    command = [str(tmp_path / "venv dir" / "bin" / "briefing-app")]
    written, _notes = install(tmp_path / "share", command)
    assert set(written) == set(installed_files(tmp_path / "share"))
    desktop = tmp_path / "share" / "applications" / f"{APP_ID}.desktop"
    assert _entry(desktop)["Exec"] == f'"{command[0]}" %f'
    assert (tmp_path / "share" / "icons" / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png").is_file()
    assert (tmp_path / "share" / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    if shutil.which("desktop-file-validate"):
        proc = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True, text=True)
        assert proc.returncode == 0 and "error" not in proc.stdout, proc.stdout
    if shutil.which("update-mime-database"):
        assert "*.briefing.yaml" in (tmp_path / "share" / "mime" / "globs2").read_text()
    removed, _ = uninstall(tmp_path / "share")
    assert set(removed) == set(written) and not any(p.exists() for p in written)
    if shutil.which("update-mime-database"):
        assert "*.briefing.yaml" not in (tmp_path / "share" / "mime" / "globs2").read_text()


def test_cli_reports_an_unwritable_folder_in_one_line(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert main(["install-desktop", "--data-home", str(blocker)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("briefing-app install-desktop: ")


@pytest.mark.parametrize("uninstall_too", [False, True])
def test_cli_install_desktop(tmp_path, capsys, uninstall_too):
    assert main(["install-desktop", "--data-home", str(tmp_path)]) == 0
    assert "applications menu" in capsys.readouterr().out
    if uninstall_too:
        assert main(["install-desktop", "--uninstall", "--data-home", str(tmp_path)]) == 0
        assert not (tmp_path / "applications" / f"{APP_ID}.desktop").exists()
