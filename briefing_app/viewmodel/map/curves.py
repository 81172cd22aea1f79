"""Relation edges on the map: bent curves, great circles, and pieces across the seam."""

from __future__ import annotations

import math
from typing import Sequence

import numpy as np

from briefing_app.viewmodel.map.projection import (
    _A1,
    _A2,
    _A3,
    _A4,
    _M,
    CENTRAL_MERIDIAN,
    SCALE,
    parametric_latitude,
    project_rel,
    relative_lon,
)


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



# -- edges across the seam ---------------------------------------------------------------
def _theta_of_y(y: np.ndarray) -> np.ndarray:
    """Equal Earth's parametric latitude θ for plane ``y`` values, clipped to the map's edge (8 iterations
    are plenty inside it: this runs per edge crossing the seam)."""
    return np.clip(parametric_latitude(y, iterations=8).reshape(np.shape(y)), -math.pi / 3, math.pi / 3)


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
