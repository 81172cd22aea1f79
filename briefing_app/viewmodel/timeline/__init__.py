"""The alliance timeline as data: lanes, spans, events, ticks (no Qt, numpy arrays).

- ``geometry``: lanes from relations and events, spans of states, event
  markers with their date precision (``build_geometry``);
- ``coords``: days ↔ x, row heights; ``axis``: date ticks from millennia to days;
- ``layout``: vertical layout and lane headers; ``detail``: level of detail
  and hit tests; ``selection``: what a selection emphasises;
- ``descriptions``: tooltips and evidence passages; ``lane_names``: lane labels;
- ``card``: the card of a selected event (what it says, its quotes and sources).
"""

from briefing_app.viewmodel.timeline.geometry import TimelineGeometry, build_geometry

__all__ = ["TimelineGeometry", "build_geometry"]
