"""The map's projection: Equal Earth centred on 150°E, forward and inverse, graticule and outline.

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

from __future__ import annotations

import math

import numpy as np

from briefing_app.resources import resource_path

CENTRAL_MERIDIAN = 150.0
SCALE = 1000.0
MAP_DATA = resource_path("map", "countries-110m.geojson")

# Equal Earth polynomial coefficients (Šavrič et al. 2018).
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3.0) / 2.0
_DENSIFY_DEG = 1.0  # longest lon/lat segment projected as a straight line


class MapDataError(ValueError):
    """The map data file is missing or not the GeoJSON this module expects."""




# -- projection --------------------------------------------------------------
def relative_lon(lon: np.ndarray | float, lon0: float = CENTRAL_MERIDIAN) -> np.ndarray:
    """Longitude relative to the central meridian, wrapped into [-180, 180)."""
    return (np.asarray(lon, dtype=float) - lon0 + 180.0) % 360.0 - 180.0


def project_rel(rel_lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Equal Earth of longitudes already relative to the central meridian.

    Args:
        rel_lon: Relative longitudes in degrees (may lie outside ±180 only by
            rounding; callers clip first).
        lat: Latitudes in degrees.

    Returns:
        An ``(n, 2)`` array of plane coordinates (y down).
    """
    lam = np.radians(np.asarray(rel_lon, dtype=float))
    phi = np.radians(np.clip(np.asarray(lat, dtype=float), -90.0, 90.0))
    theta = np.arcsin(_M * np.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * np.cos(theta) / (_M * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return np.column_stack([x * SCALE, -y * SCALE])


def project(lon: np.ndarray | float, lat: np.ndarray | float, lon0: float = CENTRAL_MERIDIAN) -> np.ndarray:
    """Project WGS 84 longitude/latitude (degrees) to plane coordinates.

    Returns:
        An ``(n, 2)`` array (``(1, 2)`` for scalars).
    """
    lon_a = np.atleast_1d(np.asarray(lon, dtype=float))
    lat_a = np.atleast_1d(np.asarray(lat, dtype=float))
    return project_rel(relative_lon(lon_a, lon0), lat_a)


def project_point(lon: float, lat: float, lon0: float = CENTRAL_MERIDIAN) -> tuple[float, float]:
    """Project one point; raises ``ValueError`` for an impossible latitude/longitude."""
    if not (math.isfinite(lon) and math.isfinite(lat)) or not -90.0 <= lat <= 90.0:
        raise ValueError(f"not a position on Earth: lat={lat}, lon={lon}")
    x, y = project(lon, lat, lon0)[0]
    return float(x), float(y)


def parametric_latitude(y: np.ndarray | float, iterations: int = 12) -> np.ndarray:
    """Equal Earth's parametric latitude θ for plane ``y`` values (Newton iterations, as in the paper)."""
    ys = -np.atleast_1d(np.asarray(y, dtype=float)) / SCALE
    theta = ys.copy()
    for _ in range(iterations):
        t2 = theta * theta
        t6 = t2 * t2 * t2
        f = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2)) - ys
        fp = _A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)
        theta = theta - f / fp
    return theta


def unproject(x: np.ndarray | float, y: np.ndarray | float, lon0: float = CENTRAL_MERIDIAN) -> np.ndarray:
    """Inverse of :func:`project` (Newton iterations on θ, as in the paper).

    Returns:
        An ``(n, 2)`` array of (lon, lat) in degrees, lon in [-180, 180).
    """
    xs = np.atleast_1d(np.asarray(x, dtype=float)) / SCALE
    theta = parametric_latitude(y)
    t2 = theta * theta
    t6 = t2 * t2 * t2
    fp = _A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)
    lam = _M * xs * fp / np.cos(theta)
    phi = np.arcsin(np.clip(np.sin(theta) / _M, -1.0, 1.0))
    lon = (np.degrees(lam) + lon0 + 180.0) % 360.0 - 180.0
    return np.column_stack([lon, np.degrees(phi)])


def world_half_width() -> float:
    """Half the width of the projected world (the equator's half length)."""
    return float(project_rel(np.array([180.0]), np.array([0.0]))[0, 0])


def sphere_outline(n: int = 181) -> np.ndarray:
    """The world's outline (the seam meridian on both sides), a closed ``(2n, 2)`` ring."""
    lat = np.linspace(-90.0, 90.0, n)
    right = project_rel(np.full(n, 180.0), lat)
    left = project_rel(np.full(n, -180.0), lat[::-1])
    return np.vstack([right, left])


def graticule(step: float = 30.0, lon0: float = CENTRAL_MERIDIAN) -> list[np.ndarray]:
    """Meridians and parallels every ``step`` degrees as projected polylines."""
    lines = []
    lat = np.linspace(-90.0, 90.0, 91)
    for lon in np.arange(-180.0, 180.0, step):
        rel = float(relative_lon(lon, lon0))
        lines.append(project_rel(np.full(lat.size, rel), lat))
    rel = np.linspace(-180.0, 180.0, 181)
    for phi in np.arange(-90.0 + step, 90.0, step):
        lines.append(project_rel(rel, np.full(rel.size, phi)))
    return lines
