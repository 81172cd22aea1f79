"""The map and the graph as data: projection, nodes, edges, hubs, labels (no Qt).

- ``geo``: Pacific-centred Equal Earth projection, country shapes, edge
  curves split at the seam, theatre framing;
- ``model``: what is drawn for a workspace at a date (nodes, edges, hubs,
  positions on the map or from the graph layout);
- ``labels``: greedy label placement that avoids collisions.
"""

from briefing_app.viewmodel.map.labels import place_labels
from briefing_app.viewmodel.map.model import EdgeSpec, NodeSpec

__all__ = ["EdgeSpec", "NodeSpec", "place_labels"]
