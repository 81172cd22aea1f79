"""Review queue: proposed entities and events of the current document.

Nothing is added by itself: each proposal waits for the analyst to accept it
(as a new entity, as an alias of an existing one, or as an event), edit it
first, or reject it. Every acceptance is one undoable ``state.edit`` that also
anchors an evidence annotation on the passage the proposal came from.
Rejections are remembered for the session, per document.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefing_app.analysis.candidates import Candidate, find_candidates, with_linked_mentions
from briefing_app.analysis.events import DraftEvent, draft_events
from briefing_app.importers.review import accept_alias, accept_entity, accept_event, accept_state_change, sentence_around
from briefing_app.state import AppState
from briefing_app.ui.editors.name_picker import NamePicker, entity_names, relation_name
from briefing_app.ui.when_shown import WhenShown

_ROLE = Qt.ItemDataRole.UserRole


def _event_key(doc_id: str, d: DraftEvent) -> tuple:
    return (doc_id, d.passage, d.date.iso(), d.end.iso() if d.end else "")


MAX_REVIEW_CHARS = 1_000_000  # the rules run at ~0.3 MB/s: beyond this the wait is not worth it


class ReviewQueuePanel(QWidget):
    """Candidate entities and draft events for the current document, to accept, edit or reject."""

    def __init__(self, state: AppState, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = state
        self.candidates: list[Candidate] = []
        self.drafts: list[DraftEvent] = []
        self._rejected: set[tuple] = set()
        self._doc_id: str | None = None
        self._computed_for: tuple | None = None  # (snapshot, document) the lists were computed for
        self._filling = False  # True while lists are refilled: no navigation then

        self.header = QLabel(self)
        self.header.setWordWrap(True)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #b00020")
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._build_entities_tab(), "Entities")
        self.tabs.addTab(self._build_events_tab(), "Events")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)

        self.when_shown = WhenShown(self, "refresh")
        state.workspace_changed.connect(self._on_workspace_changed)
        state.workspace_replaced.connect(self._on_workspace_replaced)
        state.document_shown.connect(self._on_document_shown)
        self.refresh()

    # -- construction ----------------------------------------------------------------------
    def _build_entities_tab(self) -> QWidget:
        page = QWidget(self)
        self.entity_list = QTreeWidget(page)
        self.entity_list.setHeaderLabels(["Name", "Type", "Count", "Also written"])
        self.entity_list.setRootIsDecorated(False)
        # The name gets the room (the dock is narrow by default): type and count as wide as their text.
        header = self.entity_list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(3, 90)
        self.entity_list.currentItemChanged.connect(self._on_entity_current_changed)
        self.entity_name = QLineEdit(page)
        self.entity_type = QComboBox(page)
        self.entity_aliases = QLineEdit(page)
        self.entity_aliases.setPlaceholderText("comma-separated")
        self.alias_target = QComboBox(page)
        self.accept_entity_button = QPushButton("Accept as new entity", page)
        self.accept_alias_button = QPushButton("Add as alias of", page)
        self.reject_entity_button = QPushButton("Reject", page)
        self.accept_entity_button.clicked.connect(self.accept_current_entity)
        self.accept_alias_button.clicked.connect(self.accept_current_as_alias)
        self.reject_entity_button.clicked.connect(self.reject_current_entity)
        form = QFormLayout()
        form.addRow("Name", self.entity_name)
        form.addRow("Type", self.entity_type)
        form.addRow("Aliases", self.entity_aliases)
        alias_row = QHBoxLayout()
        alias_row.addWidget(self.accept_alias_button)
        alias_row.addWidget(self.alias_target, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.accept_entity_button)
        buttons.addStretch(1)
        buttons.addWidget(self.reject_entity_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.entity_list, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addLayout(alias_row)
        return page

    def _build_events_tab(self) -> QWidget:
        page = QWidget(self)
        self.event_list = QTreeWidget(page)
        self.event_list.setHeaderLabels(["Date", "Title", "Participants", "Confidence"])
        self.event_list.setRootIsDecorated(False)
        header = self.event_list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # The title gets the room; participants (many names, all in the tooltip) and confidence a fixed
        # share the reader may widen.
        for col, width in ((2, 90), (3, 40)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width)
        self.event_list.currentItemChanged.connect(self._on_event_current_changed)
        self.event_date = QLineEdit(page)
        self.event_date.setPlaceholderText("YYYY, YYYY-MM or YYYY-MM-DD")
        self.event_end = QLineEdit(page)
        self.event_end.setPlaceholderText("empty for a single date")
        self.event_title = QLineEdit(page)
        self.event_participants = NamePicker(entity_names(self.state.workspace), "Type a participant's name…", page)
        self.accept_event_button = QPushButton("Accept as event", page)
        self.accept_change_button = QPushButton("Accept state change", page)
        self.accept_change_button.setToolTip("Record the relation's new state from this date, with the passage as evidence")
        self.accept_change_button.clicked.connect(self.accept_current_change)
        self.reject_event_button = QPushButton("Reject", page)
        self.accept_event_button.clicked.connect(self.accept_current_event)
        self.reject_event_button.clicked.connect(self.reject_current_event)
        form = QFormLayout()
        form.addRow("Date", self.event_date)
        form.addRow("End", self.event_end)
        form.addRow("Title", self.event_title)
        form.addRow("Participants", self.event_participants)
        buttons = QHBoxLayout()
        buttons.addWidget(self.accept_event_button)
        buttons.addWidget(self.accept_change_button)
        buttons.addStretch(1)
        buttons.addWidget(self.reject_event_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.event_list, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        return page

    # -- data -------------------------------------------------------------------------------
    def _accepted_event_keys(self, doc_id: str) -> set[tuple]:
        """Drafts already turned into events: an event citing an annotation on the same passage and date."""
        ws = self.state.workspace
        keys = set()
        for ev in ws.events:
            for aid in ev.evidence:
                ann = ws.annotation_by_id.get(aid)
                if ann is not None and ann.document == doc_id and ev.date is not None:
                    passage = (ann.selector.start, ann.selector.end)
                    keys.add((doc_id, passage, ev.date.iso(), ev.end.iso() if ev.end else ""))
        return keys

    def refresh(self) -> None:
        """Recompute the proposals of the current document."""
        ws = self.state.workspace
        doc_id = self.state.current_document
        doc = ws.document_by_id.get(doc_id) if doc_id else None
        self._doc_id = doc.id if doc else None
        self._computed_for = (ws, self._doc_id)
        self.status.clear()
        self.candidates, self.drafts = [], []
        if doc is None:
            self.header.setText("No document shown: open one to review what it proposes.")
        elif len(self.state.document_text(doc.id)) > MAX_REVIEW_CHARS:
            size = len(self.state.document_text(doc.id))
            self.header.setText(
                f"<b>{doc.title}</b> has {size:,} characters: proposals are made for documents up to "
                f"{MAX_REVIEW_CHARS:,} (about 3 s of work). Split it, or run <tt>briefing-app extract</tt> on a part."
            )
        else:
            text = self.state.document_text(doc.id)
            found = find_candidates(text, self.state.matcher) if text else []
            self.candidates = [c for c in found if (doc.id, c.name.casefold()) not in self._rejected]
            accepted = self._accepted_event_keys(doc.id)
            # Participants by name, other spellings of known actors included ("Aukus", "Kishida Fumio").
            mentions = with_linked_mentions(self.state.mentions(doc.id), found)
            drafts = (
                draft_events(text, doc.published, mentions, relations=self.state.workspace.relations) if text else []
            )  # fmt: skip
            self.drafts = [
                d for d in drafts if _event_key(doc.id, d) not in self._rejected and _event_key(doc.id, d) not in accepted
            ]
            when = doc.published.label() if doc.published else "no publication date: relative dates are skipped"
            if doc.published and doc.published_note.startswith("from dateline"):
                when += ", from dateline"
            elif doc.published and doc.published_estimated:
                when += ", estimated"
            self.header.setText(
                f"<b>{doc.title}</b> ({when}). Proposals only: nothing is added until you accept it."
            )
        self._filling = True
        try:
            self._fill_types()
            self._fill_alias_targets()
            self._fill_entities()
            self._fill_events()
        finally:
            self._filling = False

    def _fill_types(self) -> None:
        current = self.entity_type.currentText()
        self.entity_type.clear()
        self.entity_type.addItems(list(self.state.workspace.vocabulary.all_entity_types()))
        if current:
            self.entity_type.setCurrentText(current)

    def _fill_alias_targets(self) -> None:
        self.alias_target.clear()
        for e in sorted(self.state.workspace.entities, key=lambda e: e.name.casefold()):
            self.alias_target.addItem(f"{e.name} ({e.id})", e.id)

    def _fill_entities(self) -> None:
        self.entity_list.clear()
        for i, c in enumerate(self.candidates):
            also = ", ".join(c.aliases)
            if c.existing:  # another spelling of a known actor: offered as its alias
                known = self.state.workspace.entity_by_id.get(c.existing)
                also = f"alias of {known.name if known else c.existing}?" + (f" · {also}" if also else "")
            item = QTreeWidgetItem([c.name, c.type, str(c.count), also])
            item.setData(0, _ROLE, i)
            item.setToolTip(0, c.reason + (f" · {c.title}" if c.title else ""))
            self.entity_list.addTopLevelItem(item)
        self.tabs.setTabText(0, f"Entities ({len(self.candidates)})")
        if self.candidates:
            self.entity_list.setCurrentItem(self.entity_list.topLevelItem(0))
        else:
            self._clear_entity_form()

    def _fill_events(self) -> None:
        ents = self.state.workspace.entities
        if getattr(self, "_picker_entities", None) is not ents:
            self._picker_entities = ents
            self.event_participants.set_choices(entity_names(self.state.workspace))
        self.event_list.clear()
        for i, d in enumerate(self.drafts):
            date = d.date.label() + (f" – {d.end.label()}" if d.end else "")
            names = self.state.workspace.entity_by_id
            who = ", ".join(names[p].name if p in names else p for p in d.participants)
            rel_name = relation_name(self.state.workspace, d.change.relation) if d.change else ""
            title = d.title + (f"  → {rel_name} becomes “{d.change.state}”" if d.change else "")
            item = QTreeWidgetItem([date, title, who, f"{d.confidence:.2f}"])
            item.setData(0, _ROLE, i)
            change = f"\nproposes {rel_name} becomes “{d.change.state}” (verb “{d.change.verb}”)" if d.change else ""
            item.setToolTip(1, f"{d.title}\nfrom “{d.mention.text}” ({d.mention.kind}){change}")
            item.setToolTip(2, who)
            self.event_list.addTopLevelItem(item)
        self.tabs.setTabText(1, f"Events ({len(self.drafts)})")
        if self.drafts:
            self.event_list.setCurrentItem(self.event_list.topLevelItem(0))
        else:
            self._clear_event_form()

    def _clear_entity_form(self) -> None:
        for w in (self.entity_name, self.entity_aliases):
            w.clear()
        for b in (self.accept_entity_button, self.accept_alias_button, self.reject_entity_button):
            b.setEnabled(False)

    def _clear_event_form(self) -> None:
        for w in (self.event_date, self.event_end, self.event_title):
            w.clear()
        self.event_participants.set_selected(())
        for b in (self.accept_event_button, self.reject_event_button, self.accept_change_button):
            b.setEnabled(False)
        self.accept_change_button.setText("Accept state change")

    # -- current items ------------------------------------------------------------------------
    def current_candidate(self) -> Candidate | None:
        item = self.entity_list.currentItem()
        return self.candidates[item.data(0, _ROLE)] if item is not None else None

    def current_draft(self) -> DraftEvent | None:
        item = self.event_list.currentItem()
        return self.drafts[item.data(0, _ROLE)] if item is not None else None

    def _on_entity_current_changed(self, item: QTreeWidgetItem | None, _prev: QTreeWidgetItem | None) -> None:
        c = self.current_candidate() if item is not None else None
        if c is None:
            self._clear_entity_form()
            return
        self.entity_name.setText(c.name)
        self.entity_type.setCurrentText(c.type)
        self.entity_aliases.setText(", ".join(c.aliases))
        if c.existing:
            idx = self.alias_target.findData(c.existing)
            if idx >= 0:
                self.alias_target.setCurrentIndex(idx)
        for b in (self.accept_entity_button, self.reject_entity_button):
            b.setEnabled(True)
        self.accept_alias_button.setEnabled(self.alias_target.count() > 0)
        if self._doc_id and not self._filling:  # follow the user's choice, not a refresh
            first = c.mentions[0]
            self.state.show_passage(self._doc_id, first.start, first.end)

    def _on_event_current_changed(self, item: QTreeWidgetItem | None, _prev: QTreeWidgetItem | None) -> None:
        d = self.current_draft() if item is not None else None
        if d is None:
            self._clear_event_form()
            return
        self.event_date.setText(d.date.iso())
        self.event_end.setText(d.end.iso() if d.end else "")
        self.event_title.setText(d.title)
        self.event_title.setCursorPosition(0)  # show the start of a long title
        self.event_participants.set_selected(d.participants)
        for b in (self.accept_event_button, self.reject_event_button):
            b.setEnabled(True)
        self.accept_change_button.setEnabled(d.change is not None)
        if d.change is not None:
            name = relation_name(self.state.workspace, d.change.relation)
            self.accept_change_button.setText(f"Accept: {name} → {d.change.state}")
        if self._doc_id and not self._filling:
            self.state.show_passage(self._doc_id, *d.passage)

    # -- actions -------------------------------------------------------------------------------
    def _problem(self, message: str) -> None:
        self.status.setText(message)
        self.state.message_posted.emit(message)

    def accept_current_entity(self) -> None:
        """Add the current candidate (as edited in the form) as a new entity, with evidence."""
        c = self.current_candidate()
        if c is None or self._doc_id is None:
            return
        text = self.state.document_text(self._doc_id)
        passage = sentence_around(text, c.mentions[0].start, c.mentions[0].end)
        name = self.entity_name.text().strip()
        aliases = [a for a in (x.strip() for x in self.entity_aliases.text().split(",")) if a]
        try:
            self.state.edit(
                f"Add entity “{name}”", accept_entity, self._doc_id, text, name, self.entity_type.currentText(),
                aliases, passage,
            )  # fmt: skip
        except (ValueError, KeyError) as exc:
            self._problem(str(exc))

    def accept_current_as_alias(self) -> None:
        """Add the candidate's names as aliases of the chosen entity, with evidence."""
        c = self.current_candidate()
        target = self.alias_target.currentData()
        if c is None or self._doc_id is None or not target:
            return
        text = self.state.document_text(self._doc_id)
        passage = sentence_around(text, c.mentions[0].start, c.mentions[0].end)
        forms = [self.entity_name.text().strip()] + [x.strip() for x in self.entity_aliases.text().split(",")]
        forms = [f for f in forms if f]
        try:
            self.state.edit(f"Add alias “{forms[0]}” to {target}", accept_alias, self._doc_id, text, target, forms, passage)
        except (ValueError, KeyError, IndexError) as exc:
            self._problem(str(exc))

    def accept_current_event(self) -> None:
        """Add the current draft (as edited in the form) as an event, with its passage as evidence."""
        d = self.current_draft()
        if d is None or self._doc_id is None:
            return
        text = self.state.document_text(self._doc_id)
        participants = list(self.event_participants.selected())
        title = self.event_title.text().strip()
        try:
            self.state.edit(
                f"Add event “{title[:40]}”", accept_event, self._doc_id, text, self.event_date.text().strip(),
                self.event_end.text().strip() or None, title, participants, d.passage,
            )  # fmt: skip
        except (ValueError, KeyError) as exc:  # DateError is a ValueError
            self._problem(str(exc))

    def accept_current_change(self) -> None:
        """Record the relation state the current draft proposes, from its date, with its passage as evidence."""
        d = self.current_draft()
        if d is None or d.change is None or self._doc_id is None:
            return
        text = self.state.document_text(self._doc_id)
        name = relation_name(self.state.workspace, d.change.relation)
        try:
            self.state.edit(f"{name}: {d.change.state} from {d.date.label()}", accept_state_change, self._doc_id,
                            text, d.change.relation, d.change.state, self.event_date.text().strip() or d.date.iso(),
                            d.passage)
        except (ValueError, KeyError) as exc:
            self._problem(str(exc))

    def reject_current_entity(self) -> None:
        c = self.current_candidate()
        if c is not None and self._doc_id is not None:
            self._rejected.add((self._doc_id, c.name.casefold()))
            self.refresh()

    def reject_current_event(self) -> None:
        d = self.current_draft()
        if d is not None and self._doc_id is not None:
            self._rejected.add(_event_key(self._doc_id, d))
            self.refresh()

    # -- signals -------------------------------------------------------------------------------
    def set_lazy(self, lazy: bool) -> None:
        """Recompute only while in view (in the window, where the tab is often hidden).

        Proposals take seconds on long documents; nobody should wait for a hidden tab.
        """
        self.when_shown.lazy = lazy

    def _schedule_refresh(self) -> None:
        done = self._computed_for
        if (done is not None and done[0] is self.state.workspace and done[1] == self.state.current_document
                and not self.when_shown.stale):
            return  # one open emits "replaced" and "changed": the proposals are computed once
        self.when_shown.request()

    def _on_workspace_changed(self) -> None:
        self._schedule_refresh()

    def _on_workspace_replaced(self) -> None:
        self._rejected.clear()
        self._computed_for = None  # rejections are forgotten: compute again even for the same snapshot
        self._schedule_refresh()

    def _on_document_shown(self, doc_id: str) -> None:
        if doc_id != self._doc_id:
            self._schedule_refresh()
