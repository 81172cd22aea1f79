"""Entities by type, and the card of the selected one with all its mentions."""

from __future__ import annotations

import html
from dataclasses import dataclass
from collections.abc import Callable, Iterator

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPixmap, QIcon
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefing_app.model import edits
from briefing_app.model.queries import events_of, relations_of
from briefing_app.state import AppState
from briefing_app.ui import editors  # its dialogs load on first use
from briefing_app.ui.fill_in import fill_in, is_big
from briefing_app.ui.palette import entity_type_color, text_on

CONTEXT_CHARS = 60


@dataclass(frozen=True)
class MentionRow:
    """One mention of an entity, with its context, for the card's list."""

    doc_id: str
    start: int
    end: int
    before: str
    text: str
    after: str


def mention_rows(state: AppState, entity_id: str) -> list[MentionRow]:
    """Every mention of ``entity_id`` across the workspace's documents, in document order."""
    rows = []
    for doc in state.workspace.documents:
        text = state.document_text(doc.id)
        for m in state.mentions(doc.id):
            if m.entity_id != entity_id:
                continue
            before = text[max(0, m.start - CONTEXT_CHARS):m.start].replace("\n", " ")
            after = text[m.end:m.end + CONTEXT_CHARS].replace("\n", " ")
            rows.append(MentionRow(doc.id, m.start, m.end, before, text[m.start:m.end], after))
    return rows


def _swatch(color: QColor) -> QIcon:
    pm = QPixmap(12, 12)
    pm.fill(color)
    return QIcon(pm)


class EntityPanel(QWidget):
    """Entities grouped by type; the selected one's card lists every mention."""

    def __init__(self, state: AppState, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = state
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Filter entities…")
        self.filter.setClearButtonEnabled(True)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(["Entity", "Mentions"])
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.empty_hint = QLabel("No entities yet: select a name in the reader and press Ctrl+E, "
                                 "or use Edit ▸ New entity…", self)
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setStyleSheet("color: #555555; padding: 6px;")
        self.card = QTextBrowser(self)
        self.card.setOpenLinks(False)
        self.mentions = QListWidget(self)
        self.mentions.setWordWrap(True)
        self.mentions_label = QLabel("Mentions", self)
        self.edit_button = QPushButton("Edit…", self)
        self.add_alias_button = QPushButton("Add alias…", self)
        self.rename_button = QPushButton("Rename…", self)
        self.delete_button = QPushButton("Delete", self)

        buttons = QHBoxLayout()
        for b in (self.edit_button, self.add_alias_button, self.rename_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        card_box = QWidget(self)
        card_layout = QVBoxLayout(card_box)
        card_layout.setContentsMargins(0, 0, 0, 0)
        card_layout.addWidget(self.card, 3)
        card_layout.addLayout(buttons)
        card_layout.addWidget(self.mentions_label)
        card_layout.addWidget(self.mentions, 2)
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.filter)
        top_layout.addWidget(self.empty_hint)
        top_layout.addWidget(self.tree)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(top)
        split.addWidget(card_box)
        split.setSizes([420, 380])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)

        self.filter.textChanged.connect(self._apply_filter)
        self.tree.currentItemChanged.connect(self._on_tree_current_changed)
        self.mentions.itemActivated.connect(self._on_mention_activated)
        self.mentions.itemClicked.connect(self._on_mention_activated)
        self.card.anchorClicked.connect(self._on_card_link)
        self.edit_button.clicked.connect(self._edit_properties)
        self.menu_extensions: list[Callable[[QMenu, str | None], None]] = []
        self.last_menu: QMenu | None = None  # the menu shown last (tests read it)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._on_tree_context_menu_requested)
        self.add_alias_button.clicked.connect(self._add_alias)
        self.rename_button.clicked.connect(self._rename)
        self.delete_button.clicked.connect(self._delete)
        state.workspace_changed.connect(self._on_workspace_changed)
        state.selection_changed.connect(self._on_selection_changed)
        state.time_cursor_changed.connect(self._on_time_cursor_changed)
        self.refresh()

    # -- list ----------------------------------------------------------------------
    def refresh(self) -> None:
        ws = self.state.workspace
        counts: dict[str, int] = {}
        for doc in ws.documents:
            for m in self.state.mentions(doc.id):
                counts[m.entity_id] = counts.get(m.entity_id, 0) + 1
        self.tree.blockSignals(True)
        self.tree.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        for t in ws.vocabulary.all_entity_types():
            members = sorted((e for e in ws.entities if e.type == t), key=lambda e: e.name.lower())
            if not members:
                continue
            group = QTreeWidgetItem([f"{t} ({len(members)})", ""])
            group.setIcon(0, _swatch(entity_type_color(t)))
            group.setFlags(group.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            groups[t] = group
            for e in members:
                item = QTreeWidgetItem([e.name, str(counts.get(e.id, 0))])
                item.setData(0, Qt.ItemDataRole.UserRole, e.id)
                item.setToolTip(0, ", ".join(a.text for a in e.aliases) or e.name)
                item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
                if not counts.get(e.id):
                    item.setForeground(0, QBrush(QColor("#777777")))
                group.addChild(item)
            self.tree.addTopLevelItem(group)
        self.tree.expandAll()
        self.tree.blockSignals(False)
        self.empty_hint.setVisible(not ws.entities)
        self._apply_filter(self.filter.text())
        self._show_card()

    def _apply_filter(self, text: str) -> None:
        needle = text.strip().lower()
        ws = self.state.workspace
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            visible = 0
            for j in range(group.childCount()):
                item = group.child(j)
                e = ws.entity_by_id.get(item.data(0, Qt.ItemDataRole.UserRole))
                forms = [e.name.lower(), *(a.text.lower() for a in e.aliases)] if e else []
                show = not needle or any(needle in f for f in forms)
                item.setHidden(not show)
                visible += show
            group.setHidden(visible == 0)

    def _item_for(self, entity_id: str) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            for j in range(group.childCount()):
                if group.child(j).data(0, Qt.ItemDataRole.UserRole) == entity_id:
                    return group.child(j)
        return None

    def _selected_entity(self) -> str | None:
        kind, item_id = self.state.selection
        return item_id if kind == "entity" and item_id in self.state.workspace.entity_by_id else None

    # -- card -------------------------------------------------------------------------
    def _show_card(self) -> None:
        entity_id = self._selected_entity()
        for b in (self.edit_button, self.add_alias_button, self.rename_button, self.delete_button):
            b.setEnabled(entity_id is not None)
        self.mentions.clear()
        if entity_id is None:
            self.card.setHtml("<p style='color:#666'>Select an entity (click a highlighted name in the reader, "
                              "or one in the list above) to see its card and every mention.</p>")
            self.mentions_label.setText("Mentions")
            return
        self.card.setHtml(self.card_html(entity_id))
        rows = mention_rows(self.state, entity_id)
        titles = {d.id: d.title for d in self.state.workspace.documents}
        docs = len({r.doc_id for r in rows})
        self.mentions_label.setText(f"Mentions: {len(rows)} in {docs} document(s)")
        for r in rows:
            item = QListWidgetItem(f"{titles.get(r.doc_id, r.doc_id)}\n…{r.before}[{r.text}]{r.after}…")
            item.setData(Qt.ItemDataRole.UserRole, (r.doc_id, r.start, r.end))
            self.mentions.addItem(item)

    def card_html(self, entity_id: str) -> str:
        """The card of an entity as HTML (escaped: names and notes are data, never markup)."""
        ws = self.state.workspace
        e = ws.entity_by_id[entity_id]
        esc = html.escape
        fill = entity_type_color(e.type)
        color, ink = fill.name(), text_on(fill).name()  # the chip's text must not follow a dark palette
        parts = [f"<h3 style='margin:0'>{esc(e.name)}</h3>",
                 f"<p style='margin:2px 0'><span style='background:{color}; color:{ink}'>&nbsp;{esc(e.type)}&nbsp;</span>"]
        if e.country:
            from briefing_app.ui.editors.entity_dialog import country_names  # map data, read on first use

            country = country_names().get(e.country.upper())
            shown = e.country if not country or country == e.name else f"{country} ({e.country})"
            parts.append(f" · {esc(shown)}")
        if e.affiliation and e.affiliation in ws.entity_by_id:
            parts.append(f" · <a href='entity:{esc(e.affiliation)}'>{esc(ws.entity_by_id[e.affiliation].name)}</a>")
        parts.append("</p>")
        if e.aliases:
            parts.append("<p><b>Also:</b> " + ", ".join(esc(a.text) for a in e.aliases) + "</p>")
        if e.description:
            parts.append(f"<p>{esc(e.description)}</p>")
        day = self.state.time_cursor
        rels = relations_of(ws, entity_id)
        if rels:
            parts.append(f"<p><b>Relations on {day.isoformat()}:</b></p><ul>")
            for r in rels:
                st = r.state_at(day)
                others = ", ".join(esc(ws.entity_by_id[m].name) for m in r.members if m != entity_id and m in ws.entity_by_id)
                label = esc(r.label or r.kind)
                parts.append(f"<li><a href='relation:{esc(r.id)}'>{label}</a> — {others}: "
                             f"<i>{esc(st.state) if st else 'not in force'}</i></li>")
            parts.append("</ul>")
        evs = events_of(ws, entity_id)
        if evs:
            parts.append("<p><b>Events:</b></p><ul>")
            for ev in sorted(evs, key=lambda x: x.date.sort_key() if x.date else (day, 9)):
                when = ev.date.label() if ev.date else "undated"
                parts.append(f"<li>{esc(when)}: <a href='event:{esc(ev.id)}'>{esc(ev.title)}</a></li>")
            parts.append("</ul>")
        for link in e.links:
            parts.append(f"<p><a href='{esc(link)}'>{esc(link)}</a></p>")
        return "".join(parts)

    # -- slots -----------------------------------------------------------------------------
    def _on_workspace_changed(self) -> None:
        if is_big(self.state) and not self.state.matcher_ready:
            # the mention counts need the alias matcher: the list fills in after the window's paint
            fill_in(self.state).add("entities", self._refresh_later)
            return
        self.refresh()

    def _refresh_later(self) -> Iterator[None]:
        self.state.matcher  # noqa: B018 - builds the matcher (a step of its own; the reader may have)
        yield
        self.refresh()

    def _on_time_cursor_changed(self, _day: str) -> None:
        if self._selected_entity():
            self.card.setHtml(self.card_html(self._selected_entity()))

    def _on_selection_changed(self, kind: str, item_id: str) -> None:
        if kind == "entity":
            item = self._item_for(item_id)
            if item is not None:
                self.tree.blockSignals(True)
                self.tree.setCurrentItem(item)
                self.tree.scrollToItem(item)
                self.tree.blockSignals(False)
        self._show_card()

    def _on_tree_current_changed(self, item: QTreeWidgetItem | None, _prev: QTreeWidgetItem | None) -> None:
        if item is not None and item.data(0, Qt.ItemDataRole.UserRole):
            self.state.select("entity", item.data(0, Qt.ItemDataRole.UserRole))

    def _on_mention_activated(self, item: QListWidgetItem) -> None:
        doc_id, start, end = item.data(Qt.ItemDataRole.UserRole)
        self.state.show_passage(doc_id, start, end)

    def _on_card_link(self, url) -> None:  # noqa: ANN001 - QUrl
        text = url.toString()
        kind, _, item_id = text.partition(":")
        if kind in ("entity", "relation", "event") and item_id:
            self.state.select(kind, item_id)

    # -- edits (undoable, through AppState) ---------------------------------------------
    def _add_alias(self) -> None:
        entity_id = self._selected_entity()
        if not entity_id:
            return
        name = self.state.workspace.entity_by_id[entity_id].name
        text, ok = QInputDialog.getText(self, "Add alias", f"Another name for {name}:")
        if ok and text.strip():
            self.state.edit(f"Add alias '{text.strip()}' to {name}", edits.add_alias, entity_id, text.strip())

    def _rename(self) -> None:
        entity_id = self._selected_entity()
        if not entity_id:
            return
        old = self.state.workspace.entity_by_id[entity_id].name
        text, ok = QInputDialog.getText(self, "Rename entity", "Name:", text=old)
        if ok and text.strip() and text.strip() != old:
            self.state.edit(f"Rename {old} to {text.strip()}", edits.update_item, "entities", entity_id, name=text.strip())

    def _edit_properties(self) -> None:
        entity_id = self._selected_entity()
        if entity_id:
            editors.open_entity_dialog(self.state, entity_id, self)

    def _on_tree_context_menu_requested(self, pos) -> None:  # noqa: ANN001 - QPoint
        item = self.tree.itemAt(pos)
        entity_id = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        if entity_id not in self.state.workspace.entity_by_id:
            entity_id = None
        menu = QMenu(self)
        if entity_id:
            self.state.select("entity", entity_id)
            menu.addAction("Edit properties…", self._edit_properties)
            menu.addAction("Add alias…", self._add_alias)
            menu.addAction("Delete…", self._delete)
        # Entries others add (relations and events, installed by the window), so the
        # list has one menu and this panel needs to know nothing of those editors.
        for extend in self.menu_extensions:
            menu.addSeparator()
            extend(menu, entity_id)
        menu.addSeparator()
        menu.addAction("New entity…", lambda: editors.open_entity_dialog(self.state, None, self))
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_menu = menu
        # popup, not exec: a nested event loop would block scripted use and tests.
        menu.popup(self.tree.viewport().mapToGlobal(pos))

    def _delete(self) -> None:
        entity_id = self._selected_entity()
        if entity_id:
            editors.delete_entity_asking(self.state, entity_id, self)
