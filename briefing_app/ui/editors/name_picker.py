"""Choosing workspace items by name: filter as you type, sorted by name, never shown as ids.

:class:`NamePicker` collects several entities (relation members, event
participants); :class:`ItemChooser` picks one item from a long list (an
entity, a relation). Both complete on any part of the name, ignoring case.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from briefing_app.model.types import Workspace
from briefing_app.ui.editors.form_parts import ERROR_STYLE

ID_ROLE = Qt.ItemDataRole.UserRole


def entity_names(ws: Workspace) -> list[tuple[str, str]]:
    """(display name, id) of every entity, sorted by name; equal names get their type."""
    counts: dict[str, int] = {}
    for e in ws.entities:
        counts[e.name.casefold()] = counts.get(e.name.casefold(), 0) + 1
    rows = [(f"{e.name} ({e.type})" if counts[e.name.casefold()] > 1 else e.name, e.id) for e in ws.entities]
    return sorted(rows, key=lambda r: (r[0].casefold(), r[1]))


def relation_name(ws: Workspace, relation_id: str) -> str:
    """How a relation is named to a person: its label, else its members' names and kind."""
    rel = ws.relation_by_id.get(relation_id)
    if rel is None:
        return relation_id
    names = " – ".join(ws.entity_by_id[m].name if m in ws.entity_by_id else m for m in rel.members)
    return f"{rel.label} ({names})" if rel.label else f"{names}: {rel.kind}"


def relation_names(ws: Workspace) -> list[tuple[str, str]]:
    """(display name, id) of every relation, sorted by name."""
    return sorted(((relation_name(ws, r.id), r.id) for r in ws.relations), key=lambda r: (r[0].casefold(), r[1]))


def _completer(names: Sequence[str], parent: QWidget) -> QCompleter:
    completer = QCompleter(QStringListModel(list(names), parent), parent)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    return completer


class NamePicker(QWidget):
    """Several entities chosen by name: type to filter, Enter or a completion adds one.

    Signals:
        changed(): the chosen entities changed.
    """

    changed = Signal()

    def __init__(self, choices: Iterable[tuple[str, str]], placeholder: str = "Type a name…",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choices = list(choices)
        self._by_name = {name.casefold(): item_id for name, item_id in self._choices}
        self._names = {item_id: name for name, item_id in self._choices}
        self.field = QLineEdit(self)
        self.field.setPlaceholderText(placeholder)
        self.field.setCompleter(_completer([n for n, _ in self._choices], self))
        self.chosen = QListWidget(self)
        self.chosen.setMaximumHeight(90)
        self.remove_button = QPushButton("Remove", self)
        self.remove_button.setToolTip("Remove the highlighted name")
        self.message = QLabel(self)
        self.message.setStyleSheet(ERROR_STYLE)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.field, 1)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.chosen)
        layout.addWidget(self.message)
        self.message.hide()
        self.field.installEventFilter(self)  # Enter adds the name; it must not press the dialog's Save
        self.field.completer().activated[str].connect(self._on_completion_activated)
        self.remove_button.clicked.connect(self._remove_current)

    def set_choices(self, choices: Iterable[tuple[str, str]]) -> None:
        """Replace the entities that can be chosen (the workspace changed); keeps chosen ones still known."""
        keep = self.selected()
        self._choices = list(choices)
        self._by_name = {name.casefold(): item_id for name, item_id in self._choices}
        self._names = {item_id: name for name, item_id in self._choices}
        self.field.setCompleter(_completer([n for n, _ in self._choices], self))
        self.field.completer().activated[str].connect(self._on_completion_activated)
        self.set_selected(i for i in keep if i in self._names)

    def add_name(self, name: str) -> bool:
        """Add the entity called ``name`` (any case); False, with a message, when there is none."""
        needle = " ".join(name.split()).casefold()
        item_id = self._by_name.get(needle)
        if item_id is None:
            # Enter on part of a name takes the one entity it fits, as the completer shows it.
            matches = [i for n, i in self._choices if needle in n.casefold()]
            if len(matches) == 1:
                item_id = matches[0]
            else:
                self.message.setText(
                    f"{len(matches)} entities match “{name}”: type more of the name" if matches else
                    f"No entity called “{name}”: add it first (select it in a text, Tag as new entity)")
                self.message.show()
                return False
        self.message.hide()
        self.add_id(item_id)
        return True

    def add_id(self, item_id: str) -> None:
        if item_id in self.selected() or item_id not in self._names:
            return
        item = QListWidgetItem(self._names[item_id])
        item.setData(ID_ROLE, item_id)
        self.chosen.addItem(item)
        self.changed.emit()

    def set_selected(self, ids: Iterable[str]) -> None:
        self.chosen.clear()
        for item_id in ids:
            self.add_id(item_id)
        self.changed.emit()

    def selected(self) -> tuple[str, ...]:
        """The chosen ids, in the order chosen."""
        return tuple(self.chosen.item(i).data(ID_ROLE) for i in range(self.chosen.count()))

    def selected_names(self) -> list[str]:
        return [self._names[i] for i in self.selected()]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (watched is self.field and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            text = self.field.text().strip()
            if text and self.add_name(text):
                self._clear_field()
            return True
        return False

    def _on_completion_activated(self, text: str) -> None:
        if self.add_name(text):
            self._clear_field()

    def _clear_field(self) -> None:
        self.field.completer().popup().hide()
        # after the completer has written its choice into the field
        QTimer.singleShot(0, self.field.clear)
        self.field.clear()

    def _remove_current(self) -> None:
        row = self.chosen.currentRow()
        if row < 0 and self.chosen.count():
            row = self.chosen.count() - 1
        if row >= 0:
            self.chosen.takeItem(row)
            self.changed.emit()


class ItemChooser(QDialog):
    """Pick one item from a long list: a filter field over a list sorted by name.

    Args:
        title: Window title.
        prompt: What to choose.
        choices: (display name, id), already sorted.
        on_chosen: Called with the chosen id when the dialog is accepted.
    """

    def __init__(self, title: str, prompt: str, choices: Sequence[tuple[str, str]],
                 on_chosen: Callable[[str], None] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._on_chosen = on_chosen
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Type to filter")
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        for name, item_id in choices:
            item = QListWidgetItem(name)
            item.setData(ID_ROLE, item_id)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(prompt, self))
        layout.addWidget(self.filter)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.filter.textChanged.connect(self._on_filter_changed)
        self.filter.returnPressed.connect(self.accept)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.resize(420, 460)

    def _on_filter_changed(self, text: str) -> None:
        needle = text.casefold().strip()
        first = None
        for i in range(self.list.count()):
            item = self.list.item(i)
            hidden = bool(needle) and needle not in item.text().casefold()
            item.setHidden(hidden)
            if not hidden and first is None:
                first = i
        if first is not None:
            self.list.setCurrentRow(first)

    def chosen_id(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None or item.isHidden() else item.data(ID_ROLE)

    def accept(self) -> None:  # noqa: D401 - Qt override
        chosen = self.chosen_id()
        if chosen is None:
            return
        super().accept()
        if self._on_chosen is not None:
            self._on_chosen(chosen)


def choose(parent: QWidget | None, title: str, prompt: str, choices: Sequence[tuple[str, str]],
           on_chosen: Callable[[str], None]) -> ItemChooser:
    """Open a chooser without blocking; ``on_chosen(id)`` runs when the user picks one."""
    dlg = ItemChooser(title, prompt, choices, on_chosen, parent)
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dlg.open()
    return dlg
