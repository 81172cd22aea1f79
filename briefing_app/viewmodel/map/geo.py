"""Map geometry: a Pacific-centred projection, country shapes, edge curves, view boxes.

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

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

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


def unproject(x: np.ndarray | float, y: np.ndarray | float, lon0: float = CENTRAL_MERIDIAN) -> np.ndarray:
    """Inverse of :func:`project` (Newton iterations on θ, as in the paper).

    Returns:
        An ``(n, 2)`` array of (lon, lat) in degrees, lon in [-180, 180).
    """
    xs = np.atleast_1d(np.asarray(x, dtype=float)) / SCALE
    ys = -np.atleast_1d(np.asarray(y, dtype=float)) / SCALE
    theta = ys.copy()
    for _ in range(12):
        t2 = theta * theta
        t6 = t2 * t2 * t2
        f = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2)) - ys
        fp = _A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)
        theta = theta - f / fp
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


# -- rings and the seam -------------------------------------------------------
def _unwrap(rel: np.ndarray) -> np.ndarray:
    """Make consecutive longitudes continuous (steps below 180°)."""
    steps = (np.diff(rel) + 180.0) % 360.0 - 180.0
    return np.concatenate([[rel[0]], rel[0] + np.cumsum(steps)])


def _clip_half(ring: list[tuple[float, float]], limit: float, keep_above: bool) -> list[tuple[float, float]]:
    """Sutherland–Hodgman: clip a closed ring (no repeated end point) to one side of ``x = limit``."""
    out: list[tuple[float, float]] = []
    n = len(ring)
    for i in range(n):
        cx, cy = ring[i]
        px, py = ring[i - 1]
        c_in = cx >= limit if keep_above else cx <= limit
        p_in = px >= limit if keep_above else px <= limit
        if c_in != p_in:
            t = (limit - px) / (cx - px)
            out.append((limit, py + t * (cy - py)))
        if c_in:
            out.append((cx, cy))
    return out


def _densify(ring: np.ndarray, max_step: float = _DENSIFY_DEG) -> np.ndarray:
    """Insert points so that no lon/lat segment is longer than ``max_step`` (closed ring)."""
    nxt = np.roll(ring, -1, axis=0)
    length = np.abs(nxt - ring).max(axis=1)
    counts = np.maximum(1, np.ceil(length / max_step).astype(int))
    if counts.max() == 1:
        return ring
    seg = np.repeat(np.arange(len(ring)), counts)
    offsets = np.cumsum(counts) - counts
    t = ((np.arange(seg.size) - offsets[seg]) / counts[seg])[:, None]
    return ring[seg] + t * (nxt[seg] - ring[seg])


def split_ring(ring_lonlat: Sequence[Sequence[float]], lon0: float = CENTRAL_MERIDIAN) -> list[np.ndarray]:
    """Cut a lon/lat ring at the projection's seam.

    The ring is made continuous in longitude (relative to ``lon0``); a ring
    that goes once around a pole (Antarctica) is closed through that pole.
    It is then clipped to the window [-180°, 180°] once for every 360° copy
    that overlaps it, so a ring that crosses the seam becomes one piece on
    each side instead of a sliver smeared across the whole map.

    Args:
        ring_lonlat: ``(k, 2)`` longitude/latitude pairs; a repeated closing
            point is allowed.
        lon0: Central meridian.

    Returns:
        Rings of (relative longitude, latitude), each inside the window, not
        closed explicitly, at least three points each.
    """
    pts = np.asarray(ring_lonlat, dtype=float)
    if pts.ndim != 2 or pts.shape[1] != 2 or len(pts) < 3:
        return []
    if np.allclose(pts[0], pts[-1]):
        pts = pts[:-1]
    if len(pts) < 3:
        return []
    x = _unwrap(relative_lon(pts[:, 0], lon0))
    y = pts[:, 1]
    drift = x[-1] + ((x[0] - x[-1] + 180.0) % 360.0 - 180.0) - x[0]
    if abs(drift) > 180.0:  # goes around a pole: close the ring through it
        pole = -90.0 if y.mean() < 0 else 90.0
        x = np.concatenate([x, [x[-1], x[0]]])
        y = np.concatenate([y, [pole, pole]])
    pieces = []
    lo, hi = math.floor((x.min() + 180.0) / 360.0), math.floor((x.max() + 180.0) / 360.0)
    for k in range(lo, hi + 1):
        shifted = list(zip((x - 360.0 * k).tolist(), y.tolist()))
        clipped = _clip_half(_clip_half(shifted, -180.0, True), 180.0, False)
        if len(clipped) >= 3:
            arr = np.asarray(clipped)
            if abs(_area(arr)) > 1e-9:
                pieces.append(arr)
    return pieces


def _area(ring: np.ndarray) -> float:
    """Signed shoelace area of a closed ring given without its repeated end point."""
    x, y = ring[:, 0], ring[:, 1]
    return 0.5 * float(np.dot(x, np.roll(y, -1)) - np.dot(np.roll(x, -1), y))


# -- countries ------------------------------------------------------------------
@dataclass(frozen=True)
class CountryShape:
    """A country's projected outline.

    Attributes:
        iso: ISO 3166-1 alpha-3 code (the feature id).
        name: English short name from Natural Earth.
        polygons: Each polygon is a tuple of rings (outer first, then holes),
            each ring an ``(k, 2)`` array of plane coordinates (not closed
            explicitly). Fill with the odd-even rule.
        label: A point inside the largest polygon, for the name and for
            actors that only have a country.
        bbox: (xmin, ymin, xmax, ymax) of the main polygon (the largest one):
            the part a view should frame (not Alaska and Hawaii for the USA).
    """

    iso: str
    name: str
    polygons: tuple[tuple[np.ndarray, ...], ...]
    label: tuple[float, float]
    bbox: tuple[float, float, float, float]


def read_countries(path: Path | str = MAP_DATA) -> list[dict]:
    """Read the GeoJSON features of the country file.

    Raises:
        MapDataError: when the file is missing or is not a FeatureCollection
            of (Multi)Polygons with ids.
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise MapDataError(f"{path}: cannot read map data ({exc.strerror or exc})") from exc
    except json.JSONDecodeError as exc:
        raise MapDataError(f"{path}:{exc.lineno}:{exc.colno}: not JSON: {exc.msg}") from exc
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise MapDataError(f"{path}: not a GeoJSON FeatureCollection")
    features = data.get("features")
    if not isinstance(features, list):
        raise MapDataError(f"{path}: 'features' is not a list")
    for i, f in enumerate(features):
        geom = f.get("geometry") if isinstance(f, dict) else None
        if not isinstance(geom, dict) or geom.get("type") not in ("Polygon", "MultiPolygon"):
            raise MapDataError(f"{path}: feature {i} has no Polygon/MultiPolygon geometry")
        if not (f.get("id") or (f.get("properties") or {}).get("iso_a3")):
            raise MapDataError(f"{path}: feature {i} has no id")
    return features


def project_feature(feature: dict, lon0: float = CENTRAL_MERIDIAN) -> CountryShape:
    """Project one GeoJSON feature, splitting rings at the seam."""
    props = feature.get("properties") or {}
    iso = str(feature.get("id") or props.get("iso_a3"))
    geom = feature["geometry"]
    polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
    out: list[tuple[np.ndarray, ...]] = []
    for poly in polys:
        if not poly:
            continue
        outers = split_ring(poly[0], lon0)
        holes = [h for ring in poly[1:] for h in split_ring(ring, lon0)]
        for outer in outers:
            rings = [outer] + [h for h in holes if _inside_bbox(h, outer)]
            out.append(tuple(project_rel(*_densify(r).T) for r in rings))
    if not out:
        raise MapDataError(f"country {iso}: no usable polygon")
    main = max(out, key=lambda p: abs(_area(p[0])))
    bbox = (float(main[0][:, 0].min()), float(main[0][:, 1].min()),
            float(main[0][:, 0].max()), float(main[0][:, 1].max()))
    return CountryShape(iso, str(props.get("name", iso)), tuple(out), label_point(main), bbox)


def _inside_bbox(inner: np.ndarray, outer: np.ndarray) -> bool:
    return bool((inner.min(axis=0) >= outer.min(axis=0)).all() and (inner.max(axis=0) <= outer.max(axis=0)).all())


@lru_cache(maxsize=4)
def load_countries(path: str = str(MAP_DATA), lon0: float = CENTRAL_MERIDIAN) -> dict[str, CountryShape]:
    """All countries of the map file, projected, keyed by ISO alpha-3 (cached, and on disk between runs)."""
    from briefing_app.viewmodel.map.projection_cache import cached_projection

    return cached_projection(path, lon0, lambda: {shape.iso: shape for shape in
                                                  (project_feature(f, lon0) for f in read_countries(path))})


def point_in_ring(x: float, y: float, ring: np.ndarray) -> bool:
    """Even-odd rule point-in-polygon test."""
    xs, ys = ring[:, 0], ring[:, 1]
    xn, yn = np.roll(xs, -1), np.roll(ys, -1)
    crosses = (ys > y) != (yn > y)
    with np.errstate(divide="ignore", invalid="ignore"):
        xi = xs + (y - ys) * (xn - xs) / (yn - ys)
    return bool(np.count_nonzero(crosses & (x < xi)) % 2)


def label_point(polygon: Sequence[np.ndarray]) -> tuple[float, float]:
    """A point well inside a polygon (outer ring first, then holes).

    The area centroid when it falls inside; otherwise the middle of the widest
    inside span of the horizontal line through the centroid (crescent-shaped
    countries, such as Croatia, have their centroid outside).
    """
    outer = polygon[0]
    x, y = outer[:, 0], outer[:, 1]
    xn, yn = np.roll(x, -1), np.roll(y, -1)
    cross = x * yn - xn * y
    a = cross.sum() / 2.0
    if abs(a) < 1e-12:
        return float(x.mean()), float(y.mean())
    cx = float(((x + xn) * cross).sum() / (6.0 * a))
    cy = float(((y + yn) * cross).sum() / (6.0 * a))
    if point_in_ring(cx, cy, outer) and not any(point_in_ring(cx, cy, h) for h in polygon[1:]):
        return cx, cy
    xs: list[float] = []
    for ring in polygon:
        rx, ry = ring[:, 0], ring[:, 1]
        rxn, ryn = np.roll(rx, -1), np.roll(ry, -1)
        hit = (ry > cy) != (ryn > cy)
        xs.extend((rx[hit] + (cy - ry[hit]) * (rxn[hit] - rx[hit]) / (ryn[hit] - ry[hit])).tolist())
    xs.sort()
    spans = [(b - a_, (a_ + b) / 2.0) for a_, b in zip(xs[::2], xs[1::2])]
    if not spans:
        return cx, cy
    return max(spans)[1], cy


# -- edges ----------------------------------------------------------------------
def edge_control_point(p: Sequence[float], q: Sequence[float], bend: float = 0.18) -> tuple[float, float]:
    """Control point of a quadratic Bézier from ``p`` to ``q`` in the plane.

    The curve bulges towards the north (up on screen) for a positive ``bend``
    (a fraction of the chord length; the curve's peak is half of it), which
    reads like a great circle in the northern hemisphere. Both ends lie
    inside the projected world and the curve stays within their convex
    hull with the control point, so it never crosses the seam: US–Japan and
    US–ROK edges cross the Pacific.
    """
    px, py = float(p[0]), float(p[1])
    qx, qy = float(q[0]), float(q[1])
    dx, dy = qx - px, qy - py
    length = math.hypot(dx, dy)
    if length == 0.0:
        return px, py
    nx, ny = -dy / length, dx / length  # a unit normal
    if ny > 0 or (ny == 0 and nx < 0):  # point it north (y down), or east when vertical
        nx, ny = -nx, -ny
    mx, my = (px + qx) / 2.0, (py + qy) / 2.0
    return mx + nx * bend * length, my + ny * bend * length


def quad_bezier(p: Sequence[float], c: Sequence[float], q: Sequence[float], n: int = 32) -> np.ndarray:
    """``n`` points along the quadratic Bézier ``p``, ``c``, ``q`` (ends included)."""
    t = np.linspace(0.0, 1.0, n)[:, None]
    p_, c_, q_ = (np.asarray(v, dtype=float) for v in (p, c, q))
    return (1 - t) ** 2 * p_ + 2 * (1 - t) * t * c_ + t * t * q_


def parallel_bends(count: int, base: float = 0.18, step: float = 0.12) -> list[float]:
    """Bends for ``count`` edges between the same two points, fanned out so they do not overlap."""
    return [base + step * (i - (count - 1) / 2.0) for i in range(count)]


def great_circle(lon1: float, lat1: float, lon2: float, lat2: float, n: int = 64,
                 lon0: float = CENTRAL_MERIDIAN) -> list[np.ndarray]:
    """The great-circle arc between two places, projected and cut at the seam.

    Returns:
        One polyline, or two when the shortest route crosses the seam.
    """
    a = np.radians([lat1, lon1])
    b = np.radians([lat2, lon2])
    va = np.array([math.cos(a[0]) * math.cos(a[1]), math.cos(a[0]) * math.sin(a[1]), math.sin(a[0])])
    vb = np.array([math.cos(b[0]) * math.cos(b[1]), math.cos(b[0]) * math.sin(b[1]), math.sin(b[0])])
    omega = math.acos(max(-1.0, min(1.0, float(va @ vb))))
    t = np.linspace(0.0, 1.0, n)[:, None]
    if omega < 1e-9:
        v = np.repeat(va[None, :], n, axis=0)
    else:
        v = (np.sin((1 - t) * omega) * va + np.sin(t * omega) * vb) / math.sin(omega)
    lat = np.degrees(np.arcsin(np.clip(v[:, 2], -1, 1)))
    lon = np.degrees(np.arctan2(v[:, 1], v[:, 0]))
    rel = relative_lon(lon, lon0)
    cuts = np.nonzero(np.abs(np.diff(rel)) > 180.0)[0]
    pieces, start = [], 0
    for c in cuts:
        pieces.append(project_rel(rel[start:c + 1], lat[start:c + 1]))
        start = c + 1
    pieces.append(project_rel(rel[start:], lat[start:]))
    return [p for p in pieces if len(p) >= 2]


# -- framing ------------------------------------------------------------------
def view_box(points: Iterable[Sequence[float]] = (), boxes: Iterable[Sequence[float]] = (),
             margin: float = 0.12, min_span_deg: float = 25.0, aspect: float | None = 1.6
             ) -> tuple[float, float, float, float]:
    """The rectangle that frames some places, as (x, y, width, height).

    Args:
        points: Plane points that must be visible (entities with lat/lon).
        boxes: (xmin, ymin, xmax, ymax) boxes that must be visible (shapes).
        margin: Padding on each side, as a fraction of the span.
        min_span_deg: Smallest width/height, in degrees at the equator, so
            that one city still shows its surroundings.
        aspect: Width/height to widen the shorter side to (None keeps it).

    Returns:
        The whole world's box when there is nothing to frame.
    """
    xs: list[float] = []
    ys: list[float] = []
    for p in points:
        if p is not None and math.isfinite(p[0]) and math.isfinite(p[1]):
            xs.append(float(p[0]))
            ys.append(float(p[1]))
    for b in boxes:
        xs.extend((float(b[0]), float(b[2])))
        ys.extend((float(b[1]), float(b[3])))
    half_w = world_half_width()
    half_h = float(-project_rel(np.array([0.0]), np.array([90.0]))[0, 1])
    if not xs:
        x0, y0, x1, y1 = -half_w, -half_h, half_w, half_h
    else:
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        w, h = x1 - x0, y1 - y0
        x0, x1 = x0 - margin * w, x1 + margin * w
        y0, y1 = y0 - margin * h, y1 + margin * h
    min_span = min_view_span(min_span_deg)
    cx, cy = (x0 + x1) / 2.0, (y0 + y1) / 2.0
    w, h = max(x1 - x0, min_span), max(y1 - y0, min_span)
    if aspect:
        if w / h < aspect:
            w = h * aspect
        else:
            h = w / aspect
    return cx - w / 2.0, cy - h / 2.0, w, h


def ring_points(anchor: Sequence[float], count: int, radius: float, start_angle: float = -90.0
                ) -> list[tuple[float, float]]:
    """``count`` points around ``anchor`` (for actors gathered next to their country).

    Rings grow outwards when one does not hold them all (6, 12, 18 ... per ring).
    """
    out: list[tuple[float, float]] = []
    ring, placed = 1, 0
    while placed < count:
        capacity = 6 * ring
        k = min(capacity, count - placed)
        for i in range(k):
            ang = math.radians(start_angle + 360.0 * i / k + 15.0 * (ring - 1))
            out.append((anchor[0] + ring * radius * math.cos(ang), anchor[1] + ring * radius * math.sin(ang)))
        placed += k
        ring += 1
    return out


# -- the theatre: what the first view frames ------------------------------------------
def min_view_span(min_span_deg: float = 25.0) -> float:
    """The smallest width/height :func:`view_box` frames, in plane units."""
    return math.radians(min_span_deg) * SCALE / _A1 * _M * 1.15


def _framed_area(xs: np.ndarray, ys: np.ndarray, aspect: float | None, min_span: float = 0.0) -> float:
    """Area of the box around points once widened to ``aspect`` (what a view would show)."""
    w = max(float(xs.max() - xs.min()) if xs.size else 0.0, min_span)
    h = max(float(ys.max() - ys.min()) if ys.size else 0.0, min_span)
    if aspect:
        w, h = max(w, h * aspect), max(h, w / aspect)
    return w * h


def theatre_members(points: Sequence[Sequence[float]], weights: Sequence[float], keep: float = 0.8,
                    major: float = 0.1, aspect: float | None = 1.6, min_gain: float = 3.0,
                    min_span: float | None = None) -> list[int]:
    """Which weighted places make up the theatre (the part of the map that matters).

    A few peripheral actors (a partner in Europe, one in the southern
    hemisphere) would zoom the first view out to the whole world and crowd
    the core into a corner. Starting from every place with a positive
    weight, this peels off, one at a time, the place on the edge of the box
    whose removal shrinks the framed area most per unit of weight lost, as
    long as:

    - what stays holds at least ``keep`` of the total weight;
    - the place is not a major actor (weight below ``major`` of the total);
    - the area shrinks by at least ``min_gain`` times the weight share lost
      (a place that barely widens the view is not worth losing).

    Args:
        points: Plane positions.
        weights: How much each place matters (e.g. relations involving it).
            Places with zero weight are never part of the theatre.
        keep: Share of the total weight the theatre keeps.
        major: Weight share from which a place is always kept.
        aspect: The view's width/height (areas are compared as framed).
        min_gain: Smallest ratio (area share saved) / (weight share lost).
        min_span: Smallest framed width/height (plane units; default that of
            :func:`view_box`): peeling below it would save nothing.

    Returns:
        Indices of the places kept, ascending; every index with positive
        weight when nothing is worth peeling; [] when no weight is positive.
    """
    pts = np.asarray(points, dtype=float).reshape(-1, 2)
    w = np.asarray(weights, dtype=float).reshape(-1)
    if pts.shape[0] != w.shape[0]:
        raise ValueError(f"{pts.shape[0]} points but {w.shape[0]} weights")
    finite = np.isfinite(pts).all(axis=1) & np.isfinite(w)
    alive = [i for i in range(len(w)) if finite[i] and w[i] > 0]
    total = float(sum(w[i] for i in alive))
    if not alive or total <= 0:
        return []
    span = min_view_span() if min_span is None else min_span
    left = total
    while len(alive) > 1:
        xs, ys = pts[alive, 0], pts[alive, 1]
        area = _framed_area(xs, ys, aspect, span)
        if area <= 0:
            break
        best, best_ratio = None, min_gain
        extremes = {int(np.argmin(xs)), int(np.argmax(xs)), int(np.argmin(ys)), int(np.argmax(ys))}
        for k in sorted(extremes):
            i = alive[k]
            share = w[i] / total
            if share >= major or left - w[i] < keep * total:
                continue
            rest = [j for j in range(len(alive)) if j != k]
            gain = 1.0 - _framed_area(xs[rest], ys[rest], aspect, span) / area
            ratio = gain / share
            if ratio > best_ratio:
                best, best_ratio = k, ratio
        if best is None:
            break
        left -= w[alive[best]]
        del alive[best]
    return sorted(alive)


# -- edges across the seam ---------------------------------------------------------------
def _theta_of_y(y: np.ndarray) -> np.ndarray:
    """Equal Earth's parametric latitude θ for plane ``y`` values (Newton, as in :func:`unproject`)."""
    ys = -np.asarray(y, dtype=float) / SCALE
    theta = ys.copy()
    for _ in range(8):
        t2 = theta * theta
        t6 = t2 * t2 * t2
        f = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2)) - ys
        fp = _A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)
        theta = theta - f / fp
    return np.clip(theta, -math.pi / 3, math.pi / 3)


def edge_half_width(y: np.ndarray | float) -> np.ndarray:
    """Half the map's width at plane height ``y`` (where the seam meridian is drawn)."""
    theta = _theta_of_y(np.atleast_1d(np.asarray(y, dtype=float)))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    fp = _A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)
    return math.pi * np.cos(theta) / (_M * fp) * SCALE


def plane_rel_lon(x: np.ndarray | float, y: np.ndarray | float) -> np.ndarray:
    """Longitude relative to the central meridian of plane points, *not* wrapped.

    Points beyond the map's edge (|result| > 180) are the continuation of
    the map past the seam, as when a curve is drawn towards a copy of a
    place shifted by a whole turn.
    """
    return 180.0 * np.asarray(x, dtype=float) / edge_half_width(y)


def crosses_seam(p: Sequence[float], q: Sequence[float]) -> bool:
    """True when the short way from ``p`` to ``q`` (plane points) is across the seam.

    That is when their longitudes are more than half a turn apart on the
    map: Washington–London goes east over the Atlantic, off the right edge
    and back in from the left, rather than the long way over Asia.
    """
    rel = plane_rel_lon([float(p[0]), float(q[0])], [float(p[1]), float(q[1])])
    return bool(abs(rel[0] - rel[1]) > 180.0)


def shift_turn(p: Sequence[float], turns: int) -> tuple[float, float]:
    """The plane point ``p`` moved by whole turns of longitude (its copy past the seam)."""
    half = float(edge_half_width(float(p[1]))[0])
    return float(p[0]) + 2.0 * half * turns, float(p[1])


def seam_pieces(p: Sequence[float], q: Sequence[float], bend: float = 0.18, n: int = 48
                ) -> list[np.ndarray]:
    """A curved edge from ``p`` to ``q`` that leaves the map at the seam and comes back on the other side.

    The curve is drawn from ``p`` towards ``q``'s copy one turn away; the
    part beyond the map's edge is moved back by that turn, so that it
    re-enters on the opposite side at the same latitude and ends at ``q``:
    one continuous route, shown as two pieces. Use it when
    :func:`crosses_seam` says so.

    Returns:
        Two polylines: the first starts at ``p`` and ends on the edge, the
        second starts on the opposite edge and ends at ``q``.
    """
    turn = 1 if float(p[0]) > float(q[0]) else -1  # p on the right: q's copy lies further right
    q_far = shift_turn(q, turn)
    curve = quad_bezier(p, edge_control_point(p, q_far, bend), q_far, n)
    rel = plane_rel_lon(curve[:, 0], curve[:, 1])
    outside = np.nonzero(np.abs(rel) > 180.0)[0]
    if outside.size == 0:  # cannot happen for a crossing pair; keep the curve whole
        return [curve]
    k = int(outside[0])
    cross = _edge_crossing(curve[k - 1], curve[k]) if k > 0 else curve[0]
    head = np.vstack([curve[:k], cross])
    tail = np.vstack([cross, curve[k:]])
    tail = tail.copy()
    tail[:, 0] -= 2.0 * edge_half_width(tail[:, 1]) * turn
    tail[-1] = (float(q[0]), float(q[1]))  # exact end despite rounding
    return [head, tail]


def _edge_crossing(inside: np.ndarray, outside: np.ndarray) -> np.ndarray:
    """The point where the segment inside→outside meets the map's edge (a few secant steps)."""
    a, b = np.asarray(inside, dtype=float), np.asarray(outside, dtype=float)
    ra, rb = (float(v) for v in plane_rel_lon([a[0], b[0]], [a[1], b[1]]))
    limit = 180.0 if rb > 0 else -180.0
    for _ in range(3):
        if rb == ra:
            break
        t = min(1.0, max(0.0, (limit - ra) / (rb - ra)))
        m = a + t * (b - a)
        rm = float(plane_rel_lon(m[0], m[1])[0])
        if abs(rm - limit) < 1e-7:
            return m
        if abs(rm) <= 180.0:
            a, ra = m, rm
        else:
            b, rb = m, rm
    return a
