"""Country shapes: Natural Earth rings split at the seam, projected, with label points."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

from briefing_app.viewmodel.map.projection import (
    _DENSIFY_DEG,
    CENTRAL_MERIDIAN,
    MAP_DATA,
    MapDataError,
    project_rel,
    relative_lon,
)


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
