"""Map geometry: projection, seam splitting, labels, Pacific routes, framing."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from briefing_app.viewmodel.map import geo

TOKYO = (139.69, 35.69)
SEOUL = (126.98, 37.57)
WASHINGTON = (-77.04, 38.91)
LONDON = (-0.13, 51.51)


def test_central_meridian_is_the_middle_and_seam_is_the_edge():
    x, y = geo.project_point(150.0, 0.0)
    assert x == pytest.approx(0.0) and y == pytest.approx(0.0)
    half = geo.world_half_width()
    # Just east of the seam (30°W) is the far left, just west of it the far right.
    assert geo.project_point(-29.9, 0.0)[0] < -0.99 * half
    assert geo.project_point(-30.1, 0.0)[0] > 0.99 * half


def test_north_is_up_on_screen():
    assert geo.project_point(150.0, 60.0)[1] < 0 < geo.project_point(150.0, -60.0)[1]


def test_unproject_inverts_project():
    rng = np.random.default_rng(3)
    lon = rng.uniform(-180, 180, 200)
    lat = rng.uniform(-85, 85, 200)
    back = geo.unproject(*geo.project(lon, lat).T)
    assert np.allclose((back[:, 0] - lon + 180) % 360 - 180, 0, atol=1e-6)
    assert np.allclose(back[:, 1], lat, atol=1e-6)


def test_equal_area_keeps_high_latitudes_in_proportion():
    # A 10°x10° cell at 60°N has half the area of one at the equator (cos 60°).
    def cell_area(lat0):
        up = np.linspace(lat0, lat0 + 10, 200)  # meridians are curves: sample them densely
        ring = geo.project(np.r_[np.full(200, 150.0), np.full(200, 140.0)], np.r_[up, up[::-1]])
        return abs(geo._area(ring))

    ratio = cell_area(55) / cell_area(-5)
    expected = (math.sin(math.radians(65)) - math.sin(math.radians(55))) / (2 * math.sin(math.radians(5)))
    assert ratio == pytest.approx(expected, rel=1e-4)


def test_bad_point_is_refused():
    with pytest.raises(ValueError, match="not a position"):
        geo.project_point(10.0, 95.0)
    with pytest.raises(ValueError):
        geo.project_point(float("nan"), 0.0)


def test_ring_crossing_the_seam_is_split_not_smeared():
    # A square from 40°W to 20°W straddles the seam at 30°W.
    ring = [(-40, 10), (-20, 10), (-20, 20), (-40, 20), (-40, 10)]
    pieces = geo.split_ring(ring)
    assert len(pieces) == 2
    for piece in pieces:
        xs = piece[:, 0]
        assert xs.max() - xs.min() <= 10 + 1e-9  # each half is 10° wide, not 340°
    sides = sorted(float(np.sign(p[:, 0].mean())) for p in pieces)
    assert sides == [-1.0, 1.0]
    # Together they keep the square's area.
    total = sum(abs(geo._area(p)) for p in pieces)
    assert total == pytest.approx(200.0)


def test_ring_away_from_the_seam_is_one_piece():
    ring = [(170, 10), (-170, 10), (-170, 20), (170, 20)]  # crosses 180°, which is no seam here
    pieces = geo.split_ring(ring)
    assert len(pieces) == 1
    assert abs(geo._area(pieces[0])) == pytest.approx(200.0)


def test_polar_ring_is_closed_through_the_pole():
    lons = np.linspace(180, -180, 73)
    ring = [(float(lon), -70.0) for lon in lons] + [(-180, -90), (180, -90)]
    pieces = geo.split_ring(ring)
    area = sum(abs(geo._area(p)) for p in pieces)
    assert area == pytest.approx(360 * 20, rel=1e-6)


def test_map_file_has_the_countries_a_workspace_needs():
    shapes = geo.load_countries()
    for iso in ("JPN", "KOR", "PRK", "CHN", "USA", "RUS", "TWN", "FRA", "NOR", "XKX"):
        assert iso in shapes, iso
    assert len(shapes) > 170
    assert not any(s.iso == "-99" for s in shapes.values())


def test_country_pieces_never_span_the_whole_map():
    half = geo.world_half_width()
    for shape in geo.load_countries().values():
        for poly in shape.polygons:
            width = np.ptp(poly[0][:, 0])
            assert width < 1.2 * half, shape.iso  # Russia is the widest, under 60% of the map


def test_greenland_is_cut_at_the_seam():
    grl = geo.load_countries()["GRL"]
    sides = {float(np.sign(p[0][:, 0].mean())) for p in grl.polygons}
    assert sides == {-1.0, 1.0}


def test_label_points_fall_inside_their_country():
    shapes = geo.load_countries()
    for iso in ("JPN", "KOR", "USA", "CHN", "RUS", "HRV", "CHL", "IDN"):
        s = shapes[iso]
        assert any(geo.point_in_ring(*s.label, poly[0]) for poly in s.polygons), iso


def test_label_point_of_a_crescent_is_inside():
    ang = np.linspace(0, np.pi, 50)
    outer = np.column_stack([np.cos(ang) * 10, -np.sin(ang) * 10])
    inner = np.column_stack([np.cos(ang[::-1]) * 8, -np.sin(ang[::-1]) * 8])
    crescent = np.vstack([outer, inner])
    x, y = geo.label_point([crescent])
    assert geo.point_in_ring(x, y, crescent)


def test_bad_map_file_gives_a_clear_error(tmp_path):
    bad = tmp_path / "bad.geojson"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(geo.MapDataError, match="not JSON"):
        geo.read_countries(bad)
    bad.write_text(json.dumps({"type": "Feature"}), encoding="utf-8")
    with pytest.raises(geo.MapDataError, match="FeatureCollection"):
        geo.read_countries(bad)
    with pytest.raises(geo.MapDataError, match="cannot read"):
        geo.read_countries(tmp_path / "missing.geojson")


def _curve(a, b, bend=0.18):
    p, q = geo.project_point(*a), geo.project_point(*b)
    return geo.quad_bezier(p, geo.edge_control_point(p, q, bend), q, 64)


@pytest.mark.parametrize("ally", [TOKYO, SEOUL])
def test_us_alliance_edges_cross_the_pacific(ally):
    curve = _curve(WASHINGTON, ally)
    lonlat = geo.unproject(curve[:, 0], curve[:, 1])
    mid_lon = lonlat[len(lonlat) // 2, 0]
    assert mid_lon > 150 or mid_lon < -120  # mid-Pacific, not over Europe or Asia
    rel = geo.relative_lon(lonlat[:, 0])
    assert np.all(np.abs(np.diff(rel)) < 30)  # no jump across the seam
    assert np.abs(curve[:, 0]).max() < geo.world_half_width()
    # and it bulges north, like a great circle would
    assert curve[:, 1].min() < min(curve[0, 1], curve[-1, 1])


def test_parallel_edges_fan_out():
    bends = geo.parallel_bends(3)
    assert len(set(bends)) == 3 and bends == sorted(bends)
    p, q = geo.project_point(*TOKYO), geo.project_point(*SEOUL)
    controls = {geo.edge_control_point(p, q, b) for b in bends}
    assert len(controls) == 3


def test_great_circle_across_the_seam_is_cut():
    pieces = geo.great_circle(*WASHINGTON, *LONDON)
    assert len(pieces) == 2
    pacific = geo.great_circle(*WASHINGTON, *TOKYO)
    assert len(pacific) == 1


def test_view_box_frames_the_places():
    pts = [geo.project_point(*c) for c in (TOKYO, SEOUL, WASHINGTON)]
    x, y, w, h = geo.view_box(pts, aspect=1.6)
    for px, py in pts:
        assert x < px < x + w and y < py < y + h
    assert w / h == pytest.approx(1.6)
    assert w < 2 * geo.world_half_width()  # not the whole world


def test_view_box_of_one_place_has_context_and_of_nothing_is_the_world():
    x, y, w, h = geo.view_box([geo.project_point(*SEOUL)])
    assert w > 300 and h > 100
    x, y, w, h = geo.view_box([])
    assert w == pytest.approx(2 * geo.world_half_width(), rel=0.01) or w > 2 * geo.world_half_width()


def test_ring_points_are_distinct_around_the_anchor():
    pts = geo.ring_points((10.0, 20.0), 9, 5.0)
    assert len(pts) == 9 and len({(round(x, 6), round(y, 6)) for x, y in pts}) == 9
    d = [math.hypot(x - 10, y - 20) for x, y in pts]
    assert d[:6] == pytest.approx([5.0] * 6) and d[6:] == pytest.approx([10.0] * 3)


# -- theatre framing ---------------------------------------------------------------------
CANBERRA = (149.13, -35.28)
KYIV = (30.52, 50.45)
BEIJING = (116.41, 39.9)


def test_theatre_leaves_out_peripheral_actors_but_keeps_major_ones():
    places = [TOKYO, SEOUL, WASHINGTON, BEIJING, LONDON, KYIV]
    weights = [20, 17, 13, 3, 2, 1]
    pts = [geo.project_point(*c) for c in places]
    kept = geo.theatre_members(pts, weights, keep=0.8)
    assert kept == [0, 1, 2, 3]  # London and Kyiv would zoom the view out to the world
    x, y, w, h = geo.view_box([pts[i] for i in kept])
    assert x < pts[2][0] < x + w and x < pts[0][0] < x + w  # Washington and Tokyo framed
    assert not x < pts[4][0] < x + w  # London is not


def test_theatre_keeps_a_heavy_peripheral_actor_and_ignores_weightless_places():
    pts = [geo.project_point(*c) for c in (TOKYO, SEOUL, LONDON, KYIV)]
    assert geo.theatre_members(pts, [10, 10, 10, 0]) == [0, 1, 2]  # London is a major actor here
    assert geo.theatre_members(pts, [0, 0, 0, 0]) == []
    with pytest.raises(ValueError, match="weights"):
        geo.theatre_members(pts, [1, 2])


def test_theatre_does_not_peel_a_place_that_barely_widens_the_view():
    pts = [geo.project_point(*c) for c in (TOKYO, SEOUL, BEIJING)]
    assert geo.theatre_members(pts, [10, 10, 1]) == [0, 1, 2]


# -- edges across the seam ---------------------------------------------------------------
def test_atlantic_edge_is_split_at_the_seam():
    w, lo = geo.project_point(*WASHINGTON), geo.project_point(*LONDON)
    assert geo.crosses_seam(w, lo) and geo.crosses_seam(lo, w)
    head, tail = geo.seam_pieces(w, lo)
    assert np.allclose(head[0], w) and np.allclose(tail[-1], lo)
    half = geo.world_half_width()
    # the head leaves at the right edge, the tail comes back at the left, at the same latitude
    assert head[-1][0] > 0.5 * half and tail[0][0] < -0.5 * half
    exit_, entry = geo.unproject(*np.array([head[-1], tail[0]]).T)
    assert exit_[0] == pytest.approx(-30.0, abs=0.01) and entry[0] == pytest.approx(-30.0, abs=0.01)
    assert exit_[1] == pytest.approx(entry[1], abs=1e-6)
    for piece in (head, tail):  # neither piece jumps across the map
        assert np.abs(np.diff(piece[:, 0])).max() < 0.2 * half
        assert np.all(np.abs(geo.plane_rel_lon(piece[:, 0], piece[:, 1])) <= 180.0 + 1e-6)


def test_pacific_edges_do_not_cross_the_seam():
    w = geo.project_point(*WASHINGTON)
    for other in (TOKYO, SEOUL, CANBERRA):
        assert not geo.crosses_seam(w, geo.project_point(*other))


def test_plane_rel_lon_matches_the_projection():
    for lon, lat in (TOKYO, WASHINGTON, LONDON, CANBERRA):
        x, y = geo.project_point(lon, lat)
        assert float(geo.plane_rel_lon(x, y)[0]) == pytest.approx(float(geo.relative_lon(lon)), abs=1e-6)
    x, y = geo.shift_turn(geo.project_point(*LONDON), 1)
    assert float(geo.plane_rel_lon(x, y)[0]) == pytest.approx(float(geo.relative_lon(LONDON[0])) + 360.0, abs=1e-6)
