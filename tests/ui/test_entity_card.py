"""The entity card names an actor's country, not only its ISO code."""

from briefing_app.model import edits
from briefing_app.state import AppState
from briefing_app.ui.entities.panel import EntityPanel


def test_card_names_the_country_of_an_organisation(qtbot, tiny_workspace_path):
    state = AppState()
    state.open(tiny_workspace_path)
    panel = EntityPanel(state)
    qtbot.addWidget(panel)
    entity_id = next(e.id for e in state.workspace.entities if e.type != "country")
    state.edit("Set country", edits.update_item, "entities", entity_id, country="KOR")
    assert "South Korea (KOR)" in panel.card_html(entity_id)
    state.edit("Unknown code", edits.update_item, "entities", entity_id, country="XKX")
    assert "XKX" in panel.card_html(entity_id)  # a code the map does not know is shown as written
