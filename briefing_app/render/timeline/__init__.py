"""The alliance timeline drawn with pyqtgraph, in a window or into an image.

- ``view``: the TimelineView plot (lanes, spans, events, cursor);
- ``axes``: date axis and lane headers; ``items``: batched span/event layers;
  ``style``: colours and pens;
- ``image``: the timeline as a figure with its legend, headless.
"""

from briefing_app.render.timeline.image import render_timeline_image
from briefing_app.render.timeline.view import TimelineView

__all__ = ["TimelineView", "render_timeline_image"]
