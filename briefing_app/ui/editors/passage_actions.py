"""What can be made from a passage selected in the reader, as Hypothesis and Recogito offer it.

A small pop-up appears next to a selection (:class:`SelectionPopup`) and the
reader's right-click menu has the same entries: Annotate, Tag as new entity,
Add as alias of…, and Evidence for… a new state of a relation, a new
relation, or a new event. Evidence made here is one undoable step: the
annotation of the passage is added with the state or event that cites it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QInputDialog, QMenu, QPlainTextEdit, QToolButton, QWidget

from briefing_app.model import edits
from briefing_app.model.dates import PartialDate
from briefing_app.state import AppState
from briefing_app.ui.editors.evidence_list import PendingPassage, short_quote
from briefing_app.ui.editors.name_picker import choose, entity_names, relation_names
from briefing_app.ui import editors  # the editor dialogs load when first opened

if TYPE_CHECKING:  # pragma: no cover - typing only
    from briefing_app.ui.editors.event_editor import EventEditor
    from briefing_app.ui.editors.relation_editor import RelationEditor

Annotate = Callable[[AppState, str, int, int, QWidget], object]


def mentioned_entities(state: AppState, doc_id: str, start: int, end: int) -> list[str]:
    """Entity ids mentioned inside ``[start, end)``, in order of first mention."""
    return state.entities_mentioned(doc_id, start, end)


def passage_dates(state: AppState, doc_id: str, passage: str) -> tuple[PartialDate | None, PartialDate | None]:
    """The most confident date expression of a passage, resolved against its document's date."""
    return state.passage_dates(doc_id, passage)


def first_sentence(passage: str) -> str:
    """The passage's first sentence; an initialism's dots ("U.S.") do not end it."""
    return re.split(r"(?<![A-Z])[.!?]\s", " ".join(passage.split()), maxsplit=1)[0]


class PassageActions(QObject):
    """The actions on the reader's current selection.

    Args:
        state: The application state.
        view: The reader's text view (``selected_range()`` gives Python offsets).
        annotate: Opens the annotation dialog for (state, doc, start, end, parent).
        parent: The window that dialogs belong to.
    """

    def __init__(self, state: AppState, view: QPlainTextEdit, annotate: Annotate, parent: QWidget) -> None:
        super().__init__(parent)
        self.state = state
        self.view = view
        self.window = parent
        self._annotate = annotate
        self.last_dialog: QWidget | None = None  # the editor or chooser opened last (tests drive it)
        self.last_menu: QMenu | None = None

    # -- the selection ----------------------------------------------------------------
    def selection(self) -> tuple[str, int, int, str] | None:
        """(document id, start, end, text) of a non-blank selection, or None."""
        doc_id = self.state.current_document
        rng = self.view.selected_range() if doc_id else None
        if doc_id is None or rng is None or rng[1] <= rng[0]:
            return None
        text = self.state.document_text(doc_id)[rng[0]:rng[1]]
        return (doc_id, rng[0], rng[1], text) if text.strip() else None

    def _need_selection(self) -> tuple[str, int, int, str] | None:
        sel = self.selection()
        if sel is None:
            self.state.message_posted.emit("Select some text in the reader first")
        return sel

    def pending(self, sel: tuple[str, int, int, str]) -> PendingPassage:
        doc_id, start, end, _text = sel
        return PendingPassage.from_selection(self.state.workspace, doc_id, self.state.document_text(doc_id), start, end)

    # -- actions ----------------------------------------------------------------------------
    def annotate(self) -> None:
        sel = self._need_selection()
        if sel is not None:
            self._annotate(self.state, sel[0], sel[1], sel[2], self.window)

    def tag_as_new_entity(self) -> QInputDialog | None:
        """Ask the new actor's type (without blocking), then add it named as selected."""
        sel = self._need_selection()
        if sel is None:
            return None
        name = " ".join(sel[3].split())
        dlg = QInputDialog(self.window)
        dlg.setWindowTitle("Tag as new entity")
        dlg.setLabelText(f"Type of “{short_quote(name)}”:")
        dlg.setComboBoxItems(list(self.state.workspace.vocabulary.all_entity_types()))
        dlg.setComboBoxEditable(False)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def chosen(type_: str) -> None:
            ws, eid = edits.add_entity(self.state.workspace, name, type_)
            self.state.apply(f"Add entity {name}", ws)
            self.state.select("entity", eid)

        dlg.textValueSelected.connect(chosen)
        dlg.open()
        self.last_dialog = dlg
        return dlg

    def add_as_alias(self) -> None:
        sel = self._need_selection()
        if sel is None:
            return
        alias = " ".join(sel[3].split())

        def chosen(entity_id: str) -> None:
            name = self.state.workspace.entity_by_id[entity_id].name
            self.state.edit(f"Add alias “{alias}” to {name}", edits.add_alias, entity_id, alias)

        self.last_dialog = choose(self.window, "Add as alias", f"“{short_quote(alias)}” is another name for:",
                                  entity_names(self.state.workspace), chosen)

    def new_state_of_relation(self) -> None:
        """Choose a relation, then add a state to it with this passage as evidence."""
        sel = self._need_selection()
        if sel is None:
            return
        if not self.state.workspace.relations:
            self.new_relation()
            return
        pending = self.pending(sel)
        date, _end = passage_dates(self.state, sel[0], sel[3])

        def chosen(relation_id: str) -> None:
            self.last_dialog = editors.open_relation_editor(self.state, self.window, relation_id, passage=pending,
                                                    new_state_from=date)

        self.last_dialog = choose(self.window, "Evidence for a relation",
                                  f"“{short_quote(sel[3])}” shows a new state of:",
                                  relation_names(self.state.workspace), chosen)

    def new_relation(self) -> RelationEditor | None:
        """A new relation between the actors the passage names, with the passage as evidence."""
        sel = self._need_selection()
        if sel is None:
            return None
        date, _end = passage_dates(self.state, sel[0], sel[3])
        self.last_dialog = editors.open_relation_editor(self.state, self.window, members=mentioned_entities(self.state, *sel[:3]),
                                                passage=self.pending(sel), new_state_from=date)
        return self.last_dialog

    def new_event(self) -> EventEditor | None:
        """A new event proposed from the passage: title, date, participants; the passage as evidence."""
        sel = self._need_selection()
        if sel is None:
            return None
        date, end = passage_dates(self.state, sel[0], sel[3])
        title = short_quote(first_sentence(sel[3]), 80).rstrip(".")
        self.last_dialog = editors.open_event_editor(self.state, self.window, title=title, date=date, end=end,
                                             participants=mentioned_entities(self.state, *sel[:3]),
                                             passage=self.pending(sel))
        return self.last_dialog

    # -- menus ----------------------------------------------------------------------------------
    def fill_menu(self, menu: QMenu) -> None:
        """The passage actions, enabled when there is a selection."""
        has = self.selection() is not None
        for text, slot in (("Annotate…", self.annotate), ("Tag as new entity…", self.tag_as_new_entity),
                           ("Add as alias of…", self.add_as_alias)):
            menu.addAction(text, slot).setEnabled(has)
        evidence = menu.addMenu("Evidence for")
        evidence.setEnabled(has)
        self.fill_evidence_menu(evidence)

    def fill_evidence_menu(self, menu: QMenu) -> None:
        menu.addAction("New state of a relation…", self.new_state_of_relation)
        menu.addAction("New relation…", self.new_relation)
        menu.addAction("New event…", self.new_event)

    def show_context_menu(self, pos: QPoint) -> None:
        """The reader's right-click menu: Qt's own (Copy, Select all) plus the passage actions."""
        menu = self.view.createStandardContextMenu(pos)
        menu.addSeparator()
        self.fill_menu(menu)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.view.viewport().mapToGlobal(pos))
        self.last_menu = menu


class SelectionPopup(QFrame):
    """A small bar of passage actions shown next to the reader's selection."""

    def __init__(self, actions: PassageActions) -> None:
        super().__init__(actions.view.viewport())
        self.actions_ = actions
        self.setObjectName("selection-popup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#selection-popup { background: #fffef5; border: 1px solid #b0a060; border-radius: 4px; }")
        self.setCursor(Qt.CursorShape.ArrowCursor)
        row = QHBoxLayout(self)
        row.setContentsMargins(3, 2, 3, 2)
        row.setSpacing(2)
        self.buttons: dict[str, QToolButton] = {}
        for key, text, tip, slot in (
            ("annotate", "Annotate", "Mark this passage (key judgment, evidence, question…)", actions.annotate),
            ("entity", "New entity", "Tag the selected name as a new actor", actions.tag_as_new_entity),
            ("alias", "Alias of…", "The selected words are another name for an actor", actions.add_as_alias),
        ):
            self.buttons[key] = self._button(text, tip, slot)
            row.addWidget(self.buttons[key])
        evidence = self._button("Evidence for ▾", "Make this passage the evidence of a new state or event", None)
        menu = QMenu(evidence)
        actions.fill_evidence_menu(menu)
        evidence.setMenu(menu)
        evidence.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.buttons["evidence"] = evidence
        self.evidence_menu = menu
        row.addWidget(evidence)
        self.hide()
        view = actions.view
        view.selection_made.connect(self._on_selection_made)
        view.selectionChanged.connect(self._on_selection_changed)
        view.verticalScrollBar().valueChanged.connect(lambda _v: self.hide())
        view.installEventFilter(self)

    def _button(self, text: str, tip: str, slot: Callable[[], object] | None) -> QToolButton:
        b = QToolButton(self)
        b.setText(text)
        b.setToolTip(tip)
        b.setAutoRaise(True)
        if slot is not None:
            b.clicked.connect(lambda: (self.hide(), slot()))
        return b

    def _on_selection_made(self, _start: int, _end: int) -> None:
        if self.actions_.selection() is None:
            self.hide()
            return
        view = self.actions_.view
        cursor = view.textCursor()
        end_rect = view.cursorRect(cursor)
        self.adjustSize()
        vp = view.viewport().rect()
        x = min(max(0, end_rect.left() - self.width() // 2), max(0, vp.width() - self.width()))
        y = end_rect.bottom() + 6
        if y + self.height() > vp.height():
            y = max(0, end_rect.top() - self.height() - 6)
        self.move(x, y)
        self.show()
        self.raise_()

    def _on_selection_changed(self) -> None:
        if not self.actions_.view.textCursor().hasSelection():
            self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape and self.isVisible():
            self.hide()
            return True
        return False
