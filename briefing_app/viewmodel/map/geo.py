"""Map geometry, one import for its users: the projection (Equal Earth centred on 150°E, its plane
units and conventions: see projection.py), country shapes, edge curves and framing live in
projection.py, countries.py, curves.py and framing.py. Pure Python + numpy, no Qt.
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
