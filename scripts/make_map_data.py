"""Derive resources/map/countries-110m.geojson from Natural Earth 110m countries.

The app never downloads map data: it reads the GeoJSON committed next to
this script's output. This script is the record of how that file was made
and remakes it byte for byte.

Source: Natural Earth 1:110m Cultural Vectors, Admin 0 - Countries (public
domain), as shipped inside the ``geopandas==0.14.4`` wheel
(``geopandas/datasets/naturalearth_lowres``), so that it can be had from a
package index without touching naturalearthdata.com.

Usage (dev only; needs ``pip install pyshp``)::

    .venv/bin/python scripts/make_map_data.py            # fetches the wheel with pip
    .venv/bin/python scripts/make_map_data.py --wheel geopandas-0.14.4-py3-none-any.whl
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

GEOPANDAS_VERSION = "0.14.4"
SHAPE_BASE = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
OUT = Path(__file__).resolve().parent.parent / "resources" / "map" / "countries-110m.geojson"
# Natural Earth writes -99 where ISO 3166 has no code. geopandas already
# replaced most of them (France, Norway, N. Cyprus, Somaliland) with ADM0_A3;
# Kosovo remains: XKX is the code the EU, IMF and CLDR use for it.
ISO_FIXES = {"Kosovo": "XKX", "France": "FRA", "Norway": "NOR"}
TOLERANCE_DEG = 0.08  # Douglas-Peucker tolerance; 110m data is ~0.1 deg apart anyway
DECIMALS = 2  # ~1 km: far below what a 110m outline resolves


def fetch_wheel(dest: Path) -> Path:
    """Download the geopandas wheel (no dependencies) with pip into ``dest``."""
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
           f"geopandas=={GEOPANDAS_VERSION}", "-d", str(dest)]
    subprocess.run(cmd, check=True)
    wheels = sorted(dest.glob(f"geopandas-{GEOPANDAS_VERSION}-*.whl"))
    if not wheels:
        raise SystemExit(f"pip did not produce a geopandas {GEOPANDAS_VERSION} wheel in {dest}")
    return wheels[0]


def read_shapes(wheel: Path) -> list[tuple[dict, list[list[tuple[float, float]]]]]:
    """Read (record, rings) pairs from the shapefile inside the wheel."""
    try:
        import shapefile  # pyshp
    except ImportError:
        raise SystemExit("this script needs pyshp: .venv/bin/pip install pyshp") from None
    with zipfile.ZipFile(wheel) as z:
        blobs = {ext: io.BytesIO(z.read(f"{SHAPE_BASE}.{ext}")) for ext in ("shp", "shx", "dbf")}
        # The .cpg names the attribute table's encoding (ISO-8859-1 here: "Côte d'Ivoire").
        encoding = z.read(f"{SHAPE_BASE}.cpg").decode("ascii").strip() or "utf-8"
    reader = shapefile.Reader(shp=blobs["shp"], shx=blobs["shx"], dbf=blobs["dbf"], encoding=encoding)
    out = []
    for shape_rec in reader.iterShapeRecords():
        rec = shape_rec.record.as_dict()
        shp = shape_rec.shape
        starts = list(shp.parts) + [len(shp.points)]
        rings = [[(float(x), float(y)) for x, y in shp.points[a:b]] for a, b in zip(starts, starts[1:])]
        out.append((rec, rings))
    return out


def douglas_peucker(points: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    """Simplify a polyline keeping its end points (iterative Douglas-Peucker)."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        ax, ay = points[a]
        bx, by = points[b]
        dx, dy = bx - ax, by - ay
        norm = (dx * dx + dy * dy) ** 0.5
        best, best_i = -1.0, -1
        for i in range(a + 1, b):
            px, py = points[i]
            if norm == 0.0:
                d = ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            else:
                d = abs(dy * px - dx * py + bx * ay - by * ax) / norm
            if d > best:
                best, best_i = d, i
        if best > tol:
            keep[best_i] = True
            stack.append((a, best_i))
            stack.append((best_i, b))
    return [p for p, k in zip(points, keep) if k]


def simplify_ring(ring: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    """Simplify a closed ring; small islands keep at least a triangle."""
    if ring[0] != ring[-1]:
        ring = ring + [ring[0]]
    # Split at the vertex farthest from the start so both halves have fixed ends.
    x0, y0 = ring[0]
    far = max(range(len(ring)), key=lambda i: (ring[i][0] - x0) ** 2 + (ring[i][1] - y0) ** 2)
    simple = douglas_peucker(ring[: far + 1], tol)[:-1] + douglas_peucker(ring[far:], tol)
    if len(simple) < 4:  # fewer than 3 distinct corners: keep the original
        simple = ring
    rounded = [(round(x, DECIMALS), round(y, DECIMALS)) for x, y in simple]
    deduped = [rounded[0]] + [p for p, q in zip(rounded[1:], rounded) if p != q]
    return deduped if len(deduped) >= 4 else [(round(x, DECIMALS), round(y, DECIMALS)) for x, y in ring]


def ring_area(ring: list[tuple[float, float]]) -> float:
    """Signed shoelace area (degrees squared)."""
    return 0.5 * sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]))


def group_polygons(rings: list[list[tuple[float, float]]]) -> list[list[list[tuple[float, float]]]]:
    """Group shapefile rings into polygons: clockwise outer rings, each followed by its holes."""
    polys: list[list[list[tuple[float, float]]]] = []
    for ring in rings:
        if ring_area(ring) <= 0 or not polys:  # shapefile outer rings are clockwise
            polys.append([ring])
        else:
            polys[-1].append(ring)
    return polys


def build(wheel: Path, tol: float = TOLERANCE_DEG) -> dict:
    """Build the GeoJSON FeatureCollection (a plain dict)."""
    features = []
    for rec, rings in read_shapes(wheel):
        name = str(rec["name"])
        iso = str(rec["iso_a3"])
        if iso == "-99" or name in ISO_FIXES:
            iso = ISO_FIXES.get(name, iso)
        if iso == "-99":
            raise SystemExit(f"no ISO code for {name!r}: add it to ISO_FIXES")
        polys = []
        for poly in group_polygons(rings):
            # GeoJSON (RFC 7946) wants counter-clockwise outer rings, clockwise holes.
            simple = [simplify_ring(r[::-1], tol) for r in poly]
            polys.append([[list(p) for p in r] for r in simple])
        features.append({
            "type": "Feature",
            "id": iso,
            "properties": {"iso_a3": iso, "name": name, "continent": str(rec["continent"])},
            "geometry": {"type": "MultiPolygon", "coordinates": polys},
        })
    features.sort(key=lambda f: f["id"])
    return {
        "type": "FeatureCollection",
        "source": "Natural Earth 1:110m Admin 0 Countries (public domain), via geopandas "
                  f"{GEOPANDAS_VERSION} datasets/naturalearth_lowres; simplified by scripts/make_map_data.py",
        "features": features,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wheel", type=Path, help="a local geopandas wheel (default: pip download it)")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--tolerance", type=float, default=TOLERANCE_DEG, help="degrees")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel if args.wheel else fetch_wheel(Path(tmp))
        if not wheel.is_file():
            raise SystemExit(f"no such wheel: {wheel}")
        data = build(wheel, args.tolerance)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # One feature per line: readable diffs when the script changes.
    text = text.replace('},{"type":"Feature"', '},\n{"type":"Feature"') + "\n"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    n_points = sum(len(r) for f in data["features"] for p in f["geometry"]["coordinates"] for r in p)
    print(f"wrote {args.out}: {len(data['features'])} countries, {n_points} points, {len(text.encode()) // 1024} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
