"""Entity properties: name, type, aliases with their case rule, country, place, affiliation, description.

Opened from the entity card and the entity list (and Edit ▸ New entity… with
no entity, which creates one). OK applies everything as one undoable edit.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefing_app.model import edits
from briefing_app.model.property_edits import PropertyError, set_entity_properties
from briefing_app.model.types import ALIAS_CASE_RULES, Alias, Workspace
from briefing_app.state import AppState
from briefing_app.ui.editors.base import PropertyDialog, run_dialog
from briefing_app.ui.editors.chooser import choose, entity_choices

CASE_RULE_WORDS = {
    "auto": "auto (exact for acronyms)",
    "exact": "exact case",
    "ignore": "any case",
}


@cache
def country_names() -> dict[str, str]:
    """ISO 3166 alpha-3 → English short name, from the map's Natural Earth data."""
    from briefing_app.viewmodel.map.geo import MapDataError, read_countries

    try:
        features = read_countries()
    except (OSError, MapDataError):
        return {}
    out = {}
    for f in features:
        props = f.get("properties", {})
        iso = str(f.get("id") or props.get("iso_a3") or "")
        if len(iso) == 3 and iso.isalpha():
            out[iso] = str(props.get("name", iso))
    return dict(sorted(out.items(), key=lambda kv: kv[1]))


def parse_coordinate(text: str, what: str) -> float | None:
    """A typed latitude or longitude ('' → None); accepts a decimal comma."""
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise PropertyError(f"{what}: '{text}' is not a number; type decimal degrees such as 12.65") from None


class EntityDialog(PropertyDialog):
    """Edit one entity, or create one when ``entity_id`` is None."""

    def __init__(self, state: AppState, entity_id: str | None = None, parent: QWidget | None = None,
                 name: str = ""):
        super().__init__(state, "New entity" if entity_id is None else "Entity properties", parent)
        self.setMinimumWidth(560)
        self.entity_id = entity_id
        self.created_id: str | None = None
        ws = state.workspace
        e = ws.entity_by_id[entity_id] if entity_id else None
        self.name_edit = QLineEdit(e.name if e else name, self)
        self.type_combo = QComboBox(self)
        self.type_combo.addItems(list(ws.vocabulary.all_entity_types()))
        if e is not None:
            self.type_combo.setCurrentText(e.type)

        self.alias_table = QTableWidget(0, 2, self)
        self.alias_table.setHorizontalHeaderLabels(["Alias", "Case"])
        self.alias_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.alias_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        self.alias_table.setColumnWidth(1, 200)  # "auto (exact for acronyms)" whole, even before a row exists
        self.alias_table.verticalHeader().hide()
        self.alias_table.setMinimumHeight(120)
        for a in e.aliases if e else ():
            self.add_alias_row(a.text, a.case)
        add_alias = QPushButton("Add alias", self)
        remove_alias = QPushButton("Remove alias", self)
        add_alias.clicked.connect(lambda: self.add_alias_row("", "auto", edit=True))
        remove_alias.clicked.connect(self._remove_alias_row)
        alias_box = QVBoxLayout()
        alias_box.addWidget(self.alias_table)
        alias_buttons = QHBoxLayout()
        alias_buttons.addWidget(add_alias)
        alias_buttons.addWidget(remove_alias)
        alias_buttons.addStretch(1)
        alias_box.addLayout(alias_buttons)

        self.country_edit = QLineEdit(e.country or "" if e else "", self)
        self.country_edit.setPlaceholderText("e.g. MLI, or type a name")
        self.country_edit.setToolTip("ISO 3166 alpha-3 code; typing a country's name offers its code")
        names = country_names()
        completer = QCompleter([f"{iso} — {n}" for iso, n in names.items()], self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.country_edit.setCompleter(completer)
        self.country_name = QLabel(self)
        self.country_edit.textChanged.connect(self._on_country_text_changed)
        self._on_country_text_changed(self.country_edit.text())
        country_row = QHBoxLayout()
        country_row.addWidget(self.country_edit, 1)
        country_row.addWidget(self.country_name, 1)

        self.lat_edit = QLineEdit("" if e is None or e.lat is None else f"{e.lat:g}", self)
        self.lon_edit = QLineEdit("" if e is None or e.lon is None else f"{e.lon:g}", self)
        self.lat_edit.setPlaceholderText("latitude, e.g. 12.65")
        self.lon_edit.setPlaceholderText("longitude, e.g. -8.00")
        place_row = QHBoxLayout()
        place_row.addWidget(self.lat_edit)
        place_row.addWidget(self.lon_edit)

        self._affiliation = e.affiliation if e else None
        self.affiliation_edit = QLineEdit(self)
        self.affiliation_edit.setReadOnly(True)
        self.affiliation_edit.setPlaceholderText("none")
        choose_button = QPushButton("Choose…", self)
        clear_button = QPushButton("Clear", self)
        choose_button.clicked.connect(self._choose_affiliation)
        clear_button.clicked.connect(lambda: self.set_affiliation(None))
        aff_row = QHBoxLayout()
        aff_row.addWidget(self.affiliation_edit, 1)
        aff_row.addWidget(choose_button)
        aff_row.addWidget(clear_button)
        self.set_affiliation(self._affiliation)

        self.description_edit = QPlainTextEdit(e.description if e else "", self)
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setMaximumHeight(90)

        self.form.addRow("Name", self.name_edit)
        self.form.addRow("Type", self.type_combo)
        self.form.addRow("Aliases", alias_box)
        self.form.addRow("Country", country_row)
        self.form.addRow("Place (lat, lon)", place_row)
        self.form.addRow("Affiliation", aff_row)
        self.form.addRow("Description", self.description_edit)

    # -- aliases -------------------------------------------------------------------
    def add_alias_row(self, text: str, case: str = "auto", edit: bool = False) -> None:
        row = self.alias_table.rowCount()
        self.alias_table.insertRow(row)
        self.alias_table.setItem(row, 0, QTableWidgetItem(text))
        combo = QComboBox(self.alias_table)
        for rule in ALIAS_CASE_RULES:
            combo.addItem(CASE_RULE_WORDS.get(rule, rule), rule)
        combo.setCurrentIndex(max(0, combo.findData(case)))
        self.alias_table.setCellWidget(row, 1, combo)
        if edit:
            self.alias_table.setCurrentCell(row, 0)
            self.alias_table.editItem(self.alias_table.item(row, 0))

    def _remove_alias_row(self) -> None:
        row = self.alias_table.currentRow()
        if row >= 0:
            self.alias_table.removeRow(row)

    def aliases(self) -> tuple[Alias, ...]:
        out = []
        for row in range(self.alias_table.rowCount()):
            item = self.alias_table.item(row, 0)
            combo = self.alias_table.cellWidget(row, 1)
            text = item.text().strip() if item else ""
            if text:
                out.append(Alias(text, combo.currentData() if combo else "auto"))
        return tuple(out)

    # -- country and affiliation -------------------------------------------------------
    def country_code(self) -> str:
        """The code typed (or picked from the completer as "MLI — Mali")."""
        return self.country_edit.text().split("—")[0].strip().upper()

    def _on_country_text_changed(self, _text: str) -> None:
        code = self.country_code()
        name = country_names().get(code, "")
        self.country_name.setText(name if name or not code else "not on the map")

    def set_affiliation(self, entity_id: str | None) -> None:
        ws = self.state.workspace
        self._affiliation = entity_id if entity_id in ws.entity_by_id else None
        self.affiliation_edit.setText(ws.entity_by_id[self._affiliation].name if self._affiliation else "")

    def _choose_affiliation(self) -> None:
        ws = self.state.workspace
        exclude = (self.entity_id,) if self.entity_id else ()
        chosen = choose(self, "Affiliation", entity_choices(ws, exclude=exclude), self._affiliation or "")
        if chosen:
            self.set_affiliation(chosen)

    # -- apply -----------------------------------------------------------------------------
    def build(self, ws: Workspace) -> Workspace:
        if ", " in self.lat_edit.text() and not self.lon_edit.text().strip():
            # "12.65, -8.00" pasted into the first box, as maps give it: split it
            # (a comma without a space stays a decimal comma).
            lat_text, _, lon_text = self.lat_edit.text().partition(", ")
            self.lat_edit.setText(lat_text.strip())
            self.lon_edit.setText(lon_text.strip())
        lat = parse_coordinate(self.lat_edit.text(), "Latitude")
        lon = parse_coordinate(self.lon_edit.text(), "Longitude")
        entity_id = self.entity_id
        if entity_id is None:
            name = " ".join(self.name_edit.text().split())
            if not name:
                raise PropertyError("Name: an entity needs a name")
            ws, entity_id = edits.add_entity(ws, name, self.type_combo.currentText())
        new = set_entity_properties(ws, entity_id, name=self.name_edit.text(), type_=self.type_combo.currentText(),
                                    aliases=self.aliases(), country=self.country_code(), lat=lat, lon=lon,
                                    affiliation=self._affiliation, description=self.description_edit.toPlainText())
        self.created_id = entity_id if self.entity_id is None else None
        return new

    def edit_label(self) -> str:
        name = " ".join(self.name_edit.text().split())
        return f"Add entity {name}" if self.entity_id is None else f"Edit {name}"


def open_entity_dialog(state: AppState, entity_id: str | None = None, parent: QWidget | None = None,
                       name: str = "") -> str | None:
    """Edit an entity (or create one when ``entity_id`` is None); the entity's id when applied, else None."""
    holder: list[EntityDialog] = []

    def make() -> EntityDialog:
        holder.append(EntityDialog(state, entity_id, parent, name=name))
        return holder[0]

    if not run_dialog(make):
        return None
    created = holder[0].created_id or entity_id
    if created:
        state.select("entity", created)
    return created
