"""Map geometry, one import for its users: the projection, country shapes, edge curves and framing
live in projection.py, countries.py, curves.py and framing.py.

Everything here is pure Python + numpy so that it can be tested without Qt
and reused by the panel, the PDF export and the command-line screenshot.

Projection: Equal Earth (Šavrič, Patterson & Jenny, 2018) with the central
meridian at 150°E. Equal Earth is a compromise projection close in look to
Robinson, but with a closed-form forward formula (cheap and vectorisable)
and equal area, so that Russia, Canada and Alaska do not swamp East Asia as
they do in an equirectangular or Mercator map. With the centre at 150°E the
seam (the cut where the map wraps) runs at 30°W, through the Atlantic:
East Asia sits in the middle, the United States on the right, and a
Tokyo–Washington edge crosses the Pacific instead of Europe.

Plane coordinates ("map units"): x grows to the east, y grows to the
*south* (the screen convention, so that Qt scenes need no flip); the Earth's
radius is :data:`SCALE` units, the whole world spans about ±2706 × ±1317.
"""

from briefing_app.viewmodel.map.countries import (  # noqa: F401 - re-exported
    CountryShape,
    _area,
    _clip_half,
    _densify,
    _inside_bbox,
    _unwrap,
    label_point,
    load_countries,
    point_in_ring,
    project_feature,
    read_countries,
    split_ring,
)
from briefing_app.viewmodel.map.curves import (  # noqa: F401 - re-exported
    _edge_crossing,
    _theta_of_y,
    crosses_seam,
    edge_control_point,
    edge_half_width,
    great_circle,
    parallel_bends,
    plane_rel_lon,
    quad_bezier,
    seam_pieces,
    shift_turn,
)
from briefing_app.viewmodel.map.framing import (  # noqa: F401 - re-exported
    _framed_area,
    min_view_span,
    ring_points,
    theatre_members,
    view_box,
)
from briefing_app.viewmodel.map.projection import (  # noqa: F401 - re-exported
    _A1,
    _A2,
    _A3,
    _A4,
    _DENSIFY_DEG,
    _M,
    CENTRAL_MERIDIAN,
    MAP_DATA,
    SCALE,
    MapDataError,
    graticule,
    project,
    project_point,
    project_rel,
    relative_lon,
    sphere_outline,
    unproject,
    world_half_width,
)
