"""The map and graph drawn with Qt: scene, items, styles, and images for the PDF.

- ``scene``: the QGraphicsScene built from the map view model;
- ``items``: country shapes, edges, hubs, nodes; ``style``: pens and colours
  by relation kind and state;
- ``image``: paint a scene (with inset and legend) into an image, headless.
"""

from briefing_app.render.map.image import MapExportError, render_map_image, write_image
from briefing_app.render.map.scene import MapScene

__all__ = ["MapExportError", "MapScene", "render_map_image", "write_image"]
