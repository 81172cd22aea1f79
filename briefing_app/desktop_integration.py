"""Register the app with the desktop for the current user: menu entry, icons, file type.

``briefing-app install-desktop`` copies the desktop entry, the AppStream
metainfo, the shared-mime-info type for ``*.briefing.yaml`` and the icons into
``$XDG_DATA_HOME`` (``~/.local/share``), with ``Exec=`` naming the command that
ran it (a venv's ``briefing-app`` is rarely on the menu's PATH), then refreshes
the desktop's caches where their tools are installed. ``--uninstall`` removes
exactly those files. No Qt: it runs on a machine without a display.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

import platformdirs

from briefing_app import APP_ID
from briefing_app.resources import packaging_path, resource_path

__all__ = ["add_parser", "cmd_install_desktop", "install", "installed_files", "launcher", "uninstall"]

_RESERVED = set(' \t\n"\'\\><~|&;$*?#()`')  # characters that force quoting in an Exec argument


def launcher() -> list[str]:
    """The command that starts this installation of the app, as absolute paths."""
    if getattr(sys, "frozen", False):
        return [str(Path(sys.executable).resolve())]
    script = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if script is not None and script.name == "briefing-app" and script.is_file():
        return [str(script.absolute())]
    return [str(Path(sys.executable).absolute()), "-m", "briefing_app"]


def _exec_arg(arg: str) -> str:
    """One Exec argument, quoted and escaped as the Desktop Entry specification asks."""
    if any(c in _RESERVED for c in arg):
        arg = '"' + "".join("\\" + c if c in '"`$\\' else c for c in arg) + '"'
    return arg.replace("\\", "\\\\").replace("%", "%%")


def desktop_entry(template: str, command: list[str]) -> str:
    """The packaged desktop entry with ``Exec``/``TryExec`` pointing at ``command``."""
    lines = []
    for line in template.splitlines():
        if line.startswith("Exec="):
            line = "Exec=" + " ".join(_exec_arg(a) for a in command) + " %f"
        elif line.startswith("TryExec="):
            line = "TryExec=" + command[0].replace("\\", "\\\\")
        lines.append(line)
    return "\n".join(lines) + "\n"


def installed_files(data_home: Path) -> dict[Path, Path]:
    """Where each file goes under ``data_home`` → the packaged file it comes from."""
    files = {
        data_home / "applications" / f"{APP_ID}.desktop": packaging_path(f"{APP_ID}.desktop"),
        data_home / "metainfo" / f"{APP_ID}.metainfo.xml": packaging_path(f"{APP_ID}.metainfo.xml"),
        data_home / "mime" / "packages" / f"{APP_ID}.xml": packaging_path(f"{APP_ID}.mime.xml"),
    }
    hicolor = resource_path("icons", "hicolor")
    for icon in sorted(hicolor.glob(f"*/apps/{APP_ID}.*")):
        files[data_home / "icons" / "hicolor" / icon.relative_to(hicolor)] = icon
    return files


def _refresh(data_home: Path) -> list[str]:
    """Rebuild the desktop's caches; returns a line per tool that is missing or failed."""
    notes = []
    for tool, args in (("update-mime-database", [str(data_home / "mime")]),
                       ("update-desktop-database", ["-q", str(data_home / "applications")]),
                       ("gtk-update-icon-cache", ["-q", "-t", "-f", str(data_home / "icons" / "hicolor")])):
        if shutil.which(tool) is None:
            notes.append(f"{tool} not found: the desktop picks the change up at its next cache rebuild")
            continue
        proc = subprocess.run([tool, *args], capture_output=True, text=True)
        if proc.returncode != 0:
            notes.append(f"{tool} failed: {(proc.stderr or proc.stdout).strip().splitlines()[-1:] or ['']}")
    return notes


def install(data_home: Path | None = None, command: list[str] | None = None) -> tuple[list[Path], list[str]]:
    """Copy the desktop files for the current user; returns (files written, notes).

    Raises:
        FileNotFoundError: a packaged file is missing from this installation.
        OSError: ``data_home`` cannot be written.
    """
    data_home = data_home or Path(platformdirs.user_data_dir())
    files = installed_files(data_home)
    for source in files.values():
        if not source.is_file():
            raise FileNotFoundError(f"{source}: not in this installation; reinstall Briefing desk")
    written = []
    for target, source in files.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.suffix == ".desktop":
            target.write_text(desktop_entry(source.read_text(encoding="utf-8"), command or launcher()),
                              encoding="utf-8")
        else:
            shutil.copyfile(source, target)
        written.append(target)
    return written, _refresh(data_home)


def uninstall(data_home: Path | None = None) -> tuple[list[Path], list[str]]:
    """Remove what :func:`install` wrote; returns (files removed, notes)."""
    data_home = data_home or Path(platformdirs.user_data_dir())
    removed = []
    for target in installed_files(data_home):
        if target.is_file():
            target.unlink()
            removed.append(target)
    return removed, _refresh(data_home) if removed else []


def add_parser(sub: argparse._SubParsersAction) -> None:
    """The ``install-desktop`` subcommand."""
    p = sub.add_parser("install-desktop",
                       help="add Briefing desk to the desktop's menu and open *.briefing.yaml files with it")
    p.add_argument("--uninstall", action="store_true", help="remove what install-desktop added")
    p.add_argument("--data-home", type=Path, metavar="DIR",
                   help="where to install (default: $XDG_DATA_HOME, i.e. ~/.local/share)")


def cmd_install_desktop(args: argparse.Namespace) -> int:
    """Run ``install-desktop``; one line per problem, never a traceback."""
    try:
        if args.uninstall:
            files, notes = uninstall(args.data_home)
            verb = "removed"
        else:
            files, notes = install(args.data_home)
            verb = "installed"
    except OSError as exc:
        print(f"briefing-app install-desktop: {exc.strerror or exc}"
              f"{': ' + str(exc.filename) if getattr(exc, 'filename', None) else ''}", file=sys.stderr)
        return 1
    for f in files:
        print(f"{verb} {f}")
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    if not args.uninstall:
        print(f"Briefing desk is in the applications menu; it starts with: {' '.join(launcher())}")
    return 0
