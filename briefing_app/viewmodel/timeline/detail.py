"""Timeline level of detail (clusters, aggregated spans, bars) and hit testing.

Pure Python + numpy (no Qt).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from briefing_app.viewmodel.timeline.coords import BAR_BOTTOM, BAR_TOP, SPAN_HALF_HEIGHT
from briefing_app.viewmodel.timeline.geometry import POINT, TimelineGeometry
from briefing_app.viewmodel.timeline.selection import Focus

__all__ = ["Detail", "Hit", "detail_level", "hit_test", "level_of_detail"]

# Bar kinds in a Detail.
BAR_SPAN, BAR_SPAN_AGGREGATE, BAR_EVENT, BAR_CAP = 0, 1, 2, 3
# Point styles in a Detail.
PT_SOURCED, PT_UNSOURCED = 0, 1


@dataclass(frozen=True, eq=False)
class Detail:
    """What to draw for one view range at one scale.

    Computed for ``cover`` (the view plus one view width either side) so that
    panning within it needs no recomputation.

    Point arrays (``pt_``): single events and clusters, with ``pt_count``
    members listed in ``members[pt_offsets[i]:pt_offsets[i + 1]]`` (event
    indices, chronological). Bar arrays (``bar_``): spans, aggregated spans,
    event ranges and brackets and their end caps; ``bar_ref`` is a span or
    event index (-1 for aggregates); ``bar_style`` is a state index for spans
    (for an aggregate, the state holding longest in it) and ``-1`` for event bars.
    ``open_`` arrays mark the right end of states still open.
    """

    level: int
    days_per_px: float
    cover: tuple[float, float]
    pt_x: np.ndarray
    pt_y: np.ndarray
    pt_count: np.ndarray
    pt_style: np.ndarray  # PT_SOURCED / PT_UNSOURCED (a cluster is sourced when any member is)
    pt_dim: np.ndarray
    pt_lo: np.ndarray  # extent of the members, for "zoom into this cluster"
    pt_hi: np.ndarray
    pt_offsets: np.ndarray
    members: np.ndarray
    bar_x0: np.ndarray
    bar_x1: np.ndarray
    bar_y0: np.ndarray
    bar_y1: np.ndarray
    bar_kind: np.ndarray
    bar_style: np.ndarray
    bar_dim: np.ndarray
    bar_ref: np.ndarray
    bar_count: np.ndarray
    bar_sourced: np.ndarray
    open_x: np.ndarray
    open_y: np.ndarray
    open_style: np.ndarray
    open_dim: np.ndarray
    cover_y: tuple[float, float] | None = None  # the lanes computed (None: all of them)

    def covers(self, x0: float, x1: float, width_px: float, *, cluster_px: float = 16.0,
               y: tuple[float, float] | None = None) -> bool:
        """Whether this detail can be reused for a new view (same level, inside the cover).

        ``y``: the view's (top, bottom), checked against the lanes computed.
        """
        return (
            self.level == detail_level(x0, x1, width_px, cluster_px=cluster_px)
            and x0 >= self.cover[0]
            and x1 <= self.cover[1]
            and (self.cover_y is None or (y is not None and y[0] >= self.cover_y[0] and y[1] <= self.cover_y[1]))
        )

    def cluster_members(self, i: int) -> np.ndarray:
        return self.members[self.pt_offsets[i] : self.pt_offsets[i + 1]]


def detail_level(x0: float, x1: float, width_px: float, *, cluster_px: float = 16.0) -> int:
    """The cluster grid exponent: bins of ``2**level`` days at least ``cluster_px`` wide.

    Quantised to powers of two so that small zooms keep the same clusters.
    """
    if not (math.isfinite(x0) and math.isfinite(x1)) or x1 <= x0:
        raise ValueError(f"bad view range {x0!r}..{x1!r}")
    if width_px <= 0:
        raise ValueError(f"bad pixel width {width_px!r}")
    days = cluster_px * (x1 - x0) / width_px
    return max(-4, math.ceil(math.log2(days)))


def level_of_detail(
    geom: TimelineGeometry,
    x0: float,
    x1: float,
    width_px: float,
    *,
    focus: Focus | None = None,
    cluster_px: float = 16.0,
    bar_px: float = 8.0,
    min_span_px: float = 6.0,
    cap_px: float = 1.5,
    cap_min_px: float = 14.0,
    y_range: tuple[float, float] | None = None,
) -> Detail:
    """Markers, clusters and bars for the view ``[x0, x1]`` drawn ``width_px`` wide.

    Events narrower than ``bar_px`` at this scale are points; points in the
    same lane and the same grid bin (``2**level`` days, at least
    ``cluster_px`` wide) become one cluster with a count, which opens up as
    the user zooms in. Wider events are bars (with end caps from
    ``cap_min_px``, so a year reads as a bracket over the year). Spans
    narrower than ``min_span_px`` are merged per row and bin into one
    aggregate bar coloured by the state that holds longest in it, and
    neighbouring aggregates of the same state join into one bar. Dimmed
    (unfocused) items never merge with focused ones.

    ``y_range`` (top, bottom): only the rows and event rows whose centre lies
    inside it are computed (the lanes in view and a view's height either side,
    as the panel asks); None computes every lane. Clusters and aggregates are
    per lane and row, so what is computed is what an unbounded call gives there.

    Raises:
        ValueError: on an empty or non-finite range or a non-positive width.
    """
    level = detail_level(x0, x1, width_px, cluster_px=cluster_px)
    dpp = (x1 - x0) / width_px
    w = x1 - x0
    c0, c1 = x0 - w, x1 + w
    bin_days = 2.0**level
    focus = focus or Focus()

    # events
    ex0, ex1 = geom.ev_x0, geom.ev_x1
    vis = (ex1 >= c0) & (ex0 <= c1)
    if y_range is not None:
        vis &= (geom.ev_y >= y_range[0]) & (geom.ev_y <= y_range[1])
    idx = geom.ev_corder[vis[geom.ev_corder]]  # visible, in order of their centres
    ev_dim = ~focus.events if focus.events is not None else np.zeros(geom.n_events, dtype=bool)
    # a day-precision event is always a marker; brackets and ranges become bars when wide enough
    wide = ((ex1[idx] - ex0[idx]) >= bar_px * dpp) & (geom.ev_shape[idx] != POINT)
    pts = idx[~wide]
    bars = idx[wide]
    # cluster the point-like events: key = (lane, dim, bin)
    cx = (ex0[pts] + ex1[pts]) * 0.5
    bins = np.floor(cx / bin_days).astype(np.int64)
    group = geom.ev_lane[pts].astype(np.int64) * 2 + ev_dim[pts]
    key = group * (1 << 40) + bins
    # pts are in centre order, so bins already ascend within a (lane, dim)
    # group: a stable sort on the small group number (radix) sorts the keys
    order = np.argsort(group.astype(np.int32 if len(geom.lanes) > 16000 else np.int16), kind="stable")
    key_s = key[order]
    if len(key_s):
        starts = np.concatenate(([0], np.nonzero(np.diff(key_s))[0] + 1))
    else:
        starts = np.zeros(0, dtype=np.int64)
    counts = np.diff(np.concatenate((starts, [len(key_s)]))).astype(np.int64)
    members = pts[order]
    cx_s = cx[order]
    if len(starts):
        pt_x = np.add.reduceat(cx_s, starts) / counts
        pt_lo = np.minimum.reduceat(ex0[members], starts)
        pt_hi = np.maximum.reduceat(ex1[members], starts)
        sourced_any = np.maximum.reduceat(geom.ev_sourced[members].astype(np.int8), starts) > 0
        first = members[starts]
        pt_y = geom.ev_y[first]
        pt_dim = ev_dim[first]
    else:
        pt_x = pt_lo = pt_hi = pt_y = np.zeros(0)
        sourced_any = pt_dim = np.zeros(0, dtype=bool)
    pt_style = np.where(sourced_any, PT_SOURCED, PT_UNSOURCED).astype(np.int8)
    offsets = np.concatenate((starts, [len(members)])).astype(np.int64)

    # event bars (+ caps for brackets so a year reads as [1965])
    n_state = len(geom.state_names)
    b_x0 = [ex0[bars]]
    b_x1 = [ex1[bars]]
    ey = geom.ev_y[bars]
    b_y0 = [ey - 0.5 + BAR_TOP]
    b_y1 = [ey - 0.5 + BAR_BOTTOM]
    b_kind = [np.full(len(bars), BAR_EVENT, np.int8)]
    b_style = [np.full(len(bars), -1, np.int16)]
    b_dim = [ev_dim[bars]]
    b_ref = [bars.astype(np.int64)]
    b_count = [np.ones(len(bars), np.int64)]
    b_src = [geom.ev_sourced[bars]]
    cap_w = cap_px * dpp
    capped = bars[(ex1[bars] - ex0[bars]) >= cap_min_px * dpp]
    cy = geom.ev_y[capped]
    for edge in (0, 1):
        cap_x = ex0[capped] if edge == 0 else ex1[capped] - cap_w
        b_x0.append(cap_x)
        b_x1.append(cap_x + cap_w)
        b_y0.append(cy - 0.5 + BAR_TOP - 0.14)
        b_y1.append(cy - 0.5 + BAR_BOTTOM + 0.06)
        b_kind.append(np.full(len(capped), BAR_CAP, np.int8))
        b_style.append(np.full(len(capped), -1, np.int16))
        b_dim.append(ev_dim[capped])
        b_ref.append(capped.astype(np.int64))
        b_count.append(np.ones(len(capped), np.int64))
        b_src.append(geom.ev_sourced[capped])

    # spans
    sx0, sx1 = geom.span_x0, geom.span_x1
    in_x = (sx1 >= c0) & (sx0 <= c1)
    if y_range is not None:
        in_x &= (geom.span_y >= y_range[0]) & (geom.span_y <= y_range[1])
    sidx = np.nonzero(in_x)[0]
    sp_dim = ~focus.spans if focus.spans is not None else np.zeros(geom.n_spans, dtype=bool)
    narrow_m = (sx1[sidx] - sx0[sidx]) < min_span_px * dpp
    wide_s = sidx[~narrow_m]
    narrow = sidx[narrow_m]
    agg_bin = 2.0 ** max(-4, math.ceil(math.log2(max(min_span_px * 2 * dpp, 1e-9))))
    skey = (geom.span_row[narrow].astype(np.int64) * 2 + sp_dim[narrow]) * (1 << 40) + np.floor(
        (sx0[narrow] + sx1[narrow]) * 0.5 / agg_bin
    ).astype(np.int64)
    so = np.argsort(skey, kind="stable")
    skey_s = skey[so]
    narrow = narrow[so]
    if len(skey_s):
        sst = np.concatenate(([0], np.nonzero(np.diff(skey_s))[0] + 1))
        group = np.cumsum(np.isin(np.arange(len(skey_s)), sst)) - 1
        n_groups = len(sst)
        st = geom.span_state[narrow].astype(np.int64)
        # the state holding longest in each bin colours it
        dur = np.bincount(group * max(n_state, 1) + st, weights=sx1[narrow] - sx0[narrow], minlength=n_groups * max(n_state, 1))
        g_style = dur.reshape(n_groups, max(n_state, 1)).argmax(axis=1)
        g_x0 = np.minimum.reduceat(sx0[narrow], sst)
        g_x1 = np.maximum.reduceat(sx1[narrow], sst)
        g_src = np.minimum.reduceat(geom.span_sourced[narrow].astype(np.int8), sst)
        g_count = np.diff(np.concatenate((sst, [len(skey_s)])))
        g_row = skey_s[sst] >> 40
        # join neighbouring bins of the same row, dimming and state into one bar
        new_run = np.ones(n_groups, dtype=bool)
        new_run[1:] = (g_row[1:] != g_row[:-1]) | (g_style[1:] != g_style[:-1]) | (g_x0[1:] > g_x1[:-1] + min_span_px * dpp)
        rst = np.nonzero(new_run)[0]
        scount = np.add.reduceat(g_count, rst)
        ag_x0 = np.minimum.reduceat(g_x0, rst)
        ag_x1 = np.maximum(np.maximum.reduceat(g_x1, rst), ag_x0 + min_span_px * dpp)
        ag_style = g_style[rst].astype(np.int16)
        ag_first = narrow[sst[rst]]
        ag_src = np.minimum.reduceat(g_src, rst) > 0
        ag_ref = np.where(scount == 1, ag_first, -1)
    else:
        scount = np.zeros(0, np.int64)
        ag_x0 = ag_x1 = np.zeros(0)
        ag_style = np.zeros(0, np.int16)
        ag_first = ag_ref = np.zeros(0, np.int64)
        ag_src = np.zeros(0, bool)
    b_x0 += [sx0[wide_s], ag_x0]
    b_x1 += [sx1[wide_s], ag_x1]
    b_y0 += [geom.span_y[wide_s] - SPAN_HALF_HEIGHT, geom.span_y[ag_first] - SPAN_HALF_HEIGHT]
    b_y1 += [geom.span_y[wide_s] + SPAN_HALF_HEIGHT, geom.span_y[ag_first] + SPAN_HALF_HEIGHT]
    b_kind += [np.full(len(wide_s), BAR_SPAN, np.int8), np.where(scount == 1, BAR_SPAN, BAR_SPAN_AGGREGATE).astype(np.int8)]
    b_style += [geom.span_state[wide_s].astype(np.int16), ag_style]
    b_dim += [sp_dim[wide_s], sp_dim[ag_first]]
    b_ref += [wide_s.astype(np.int64), ag_ref.astype(np.int64)]
    b_count += [np.ones(len(wide_s), np.int64), scount.astype(np.int64)]
    b_src += [geom.span_sourced[wide_s], ag_src]

    op = sidx[geom.span_open[sidx]]
    return Detail(
        level=level,
        days_per_px=dpp,
        cover=(c0, c1),
        pt_x=pt_x,
        pt_y=pt_y,
        pt_count=counts,
        pt_style=pt_style,
        pt_dim=pt_dim.astype(bool),
        pt_lo=pt_lo,
        pt_hi=pt_hi,
        pt_offsets=offsets,
        members=members.astype(np.int64),
        bar_x0=np.concatenate(b_x0),
        bar_x1=np.concatenate(b_x1),
        bar_y0=np.concatenate(b_y0),
        bar_y1=np.concatenate(b_y1),
        bar_kind=np.concatenate(b_kind),
        bar_style=np.concatenate(b_style),
        bar_dim=np.concatenate(b_dim).astype(bool),
        bar_ref=np.concatenate(b_ref),
        bar_count=np.concatenate(b_count),
        bar_sourced=np.concatenate(b_src).astype(bool),
        open_x=sx1[op],
        open_y=geom.span_y[op],
        open_style=geom.span_state[op].astype(np.int16),
        open_dim=sp_dim[op],
        cover_y=y_range,
    )


# -- hit testing --------------------------------------------------------------
@dataclass(frozen=True)
class Hit:
    """What lies under the mouse.

    ``kind`` is 'event' (``index`` an event index), 'cluster' (``index`` a
    point index in the Detail), 'span' (a span index) or 'spans' (an
    aggregate bar; ``index`` the bar index).
    """

    kind: str
    index: int


def hit_test(
    geom: TimelineGeometry,
    detail: Detail,
    x: float,
    y: float,
    days_per_px: float,
    units_per_px: float,
    *,
    radius_px: float = 7.0,
) -> Hit | None:
    """The marker, bar or span under the point ``(x, y)`` in data coordinates.

    Markers win over bars; among bars the narrowest (drawn on top) wins.
    """
    if len(detail.pt_x):
        dx = (detail.pt_x - x) / days_per_px
        dy = (detail.pt_y - y) / units_per_px
        d2 = dx * dx + dy * dy
        i = int(np.argmin(d2))
        if d2[i] <= radius_px * radius_px:
            if detail.pt_count[i] == 1:
                return Hit("event", int(detail.members[detail.pt_offsets[i]]))
            return Hit("cluster", i)
    if len(detail.bar_x0):
        tol_x = 2.0 * days_per_px
        tol_y = 2.0 * units_per_px
        inside = (
            (detail.bar_x0 - tol_x <= x)
            & (x <= detail.bar_x1 + tol_x)
            & (detail.bar_y0 - tol_y <= y)
            & (y <= detail.bar_y1 + tol_y)
        )
        cand = np.nonzero(inside)[0]
        if len(cand):
            widths = detail.bar_x1[cand] - detail.bar_x0[cand]
            b = int(cand[np.argmin(widths)])
            kind = int(detail.bar_kind[b])
            ref = int(detail.bar_ref[b])
            if kind in (BAR_EVENT, BAR_CAP):
                return Hit("event", ref)
            if ref >= 0:
                return Hit("span", ref)
            return Hit("spans", b)
    return None
