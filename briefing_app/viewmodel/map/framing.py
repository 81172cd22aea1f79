"""What a view frames: boxes around points, rings of markers, the theatre of the first view."""

from __future__ import annotations

import math
from typing import Iterable, Sequence

import numpy as np

from briefing_app.viewmodel.map.projection import (
    _A1,
    _M,
    SCALE,
    project_rel,
    world_half_width,
)


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
