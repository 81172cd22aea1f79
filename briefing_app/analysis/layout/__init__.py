"""Graph layout for actors without a place: sparse stress majorization (``stress``)
and the measures that judge any layout (``quality``: stress, crossings)."""

from briefing_app.analysis.layout.quality import count_crossings, layout_stress
from briefing_app.analysis.layout.stress import LayoutError, force_layout, layout_graph

__all__ = ["LayoutError", "count_crossings", "force_layout", "layout_graph", "layout_stress"]
