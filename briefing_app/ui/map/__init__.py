"""The map / relationship panel: countries on a map or actors as a graph, at the time cursor.

``panel`` holds the toolbar, slider and filters; ``view`` the zoomable view.
"""

from briefing_app.ui.map.panel import MapPanel

__all__ = ["MapPanel"]
