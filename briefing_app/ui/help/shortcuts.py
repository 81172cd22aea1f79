"""Every keyboard shortcut of the window, read from its menus when asked (always current)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu


@dataclass(frozen=True)
class ShortcutRow:
    """One action with its menu and its keys as the user would type them."""

    menu: str
    action: str
    keys: tuple[str, ...]


def _plain(text: str) -> str:
    """A menu text without its mnemonic ampersand and trailing ellipsis."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def _typeable(key: QKeySequence) -> bool:
    """False for empty keys and for dedicated media keys ("Help", "Close") few keyboards have."""
    text = key.toString(QKeySequence.SequenceFormat.PortableText)
    return bool(text) and ("+" in text or re.fullmatch(r"F\d+|Esc|Enter|Return|Del", text) is not None)


def _rows(menu: QMenu, path: str) -> list[ShortcutRow]:
    rows = []
    for action in menu.actions():
        if action.isSeparator():
            continue
        if action.menu() is not None:
            rows += _rows(action.menu(), f"{path} ▸ {_plain(action.text())}")
            continue
        keys = tuple(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()
                     if _typeable(k))
        if keys:
            rows.append(ShortcutRow(path, _plain(action.text()), keys))
    return rows


# Keys handled inside panels rather than by menu actions (translated when listed).
PANEL_KEYS = (
    (QT_TRANSLATE_NOOP("Shortcuts", "Find bar"), QT_TRANSLATE_NOOP("Shortcuts", "Next match"), ("Enter",)),
    (QT_TRANSLATE_NOOP("Shortcuts", "Find bar"), QT_TRANSLATE_NOOP("Shortcuts", "Previous match"), ("Shift+Enter",)),
    (QT_TRANSLATE_NOOP("Shortcuts", "Find bar"), QT_TRANSLATE_NOOP("Shortcuts", "Close"), ("Esc",)),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Shortcuts", text)


def shortcut_rows(window: QMainWindow) -> list[ShortcutRow]:
    """Menu actions with a shortcut, in menu order, then the panel keys."""
    rows = []
    for top in window.menuBar().actions():
        if top.menu() is not None:
            rows += _rows(top.menu(), _plain(top.text()))
    rows += [ShortcutRow(_tr(menu), _tr(action), keys) for menu, action, keys in PANEL_KEYS]
    return rows


def shortcuts_html(rows: list[ShortcutRow]) -> str:
    """The rows as an HTML table grouped by menu."""
    out = [f"<h2>{html.escape(_tr('Keyboard shortcuts'))}</h2>",
           "<table cellspacing='0' cellpadding='4'>"]
    current = None
    for row in rows:
        if row.menu != current:
            current = row.menu
            out.append(f"<tr><td colspan='2'><b>{html.escape(row.menu)}</b></td></tr>")
        keys = _tr(" or ").join(f"<tt>{html.escape(k)}</tt>" for k in row.keys)
        out.append(f"<tr><td>&nbsp;&nbsp;{html.escape(row.action)}</td><td>{keys}</td></tr>")
    out.append("</table>")
    return "\n".join(out)
