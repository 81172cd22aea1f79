"""What the map and the timeline show, as plain data (no Qt).

A view model turns a workspace snapshot into geometry a painter only has
to draw: positions, curves, lanes, spans, ticks, labels that do not collide.
Tested without a display; used by the window (``ui/``) and by the headless
figures of the PDF (``render/``) alike.

- ``map``: projection and country shapes (``geo``), nodes, edges and hubs
  (``model``), label placement (``labels``);
- ``timeline``: lanes, spans and events (``geometry``), coordinates, axis
  ticks, vertical layout, level of detail, selection focus, tooltips.
"""
