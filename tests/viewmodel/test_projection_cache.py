"""The projected map is kept on disk and read back equal; a damaged entry is made again."""

import numpy as np

from briefing_app.viewmodel.map import geo
from briefing_app.viewmodel.map.projection_cache import cached_projection


def _project():
    return {s.iso: s for s in (geo.project_feature(f) for f in geo.read_countries(str(geo.MAP_DATA)))}


def test_second_read_comes_from_disk_and_is_equal(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    calls = []
    first = cached_projection(str(geo.MAP_DATA), geo.CENTRAL_MERIDIAN, lambda: calls.append(1) or _project())
    second = cached_projection(str(geo.MAP_DATA), geo.CENTRAL_MERIDIAN, lambda: calls.append(1) or _project())
    assert calls == [1]
    assert first.keys() == second.keys()
    jpn_a, jpn_b = first["JPN"], second["JPN"]
    assert jpn_a.bbox == jpn_b.bbox and all(np.array_equal(a, b) for a, b in zip(jpn_a.polygons[0], jpn_b.polygons[0]))


def test_damaged_entry_is_made_again(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    cached_projection(str(geo.MAP_DATA), 150.0, _project)
    from briefing_app.resources import cache_dir

    (entry,) = cache_dir("map").glob("*.pickle")
    assert entry.is_relative_to(tmp_path)
    entry.write_bytes(b"not a pickle")
    again = cached_projection(str(geo.MAP_DATA), 150.0, _project)
    assert "JPN" in again


def test_a_cache_home_that_is_a_file_only_costs_the_projection(tmp_path, monkeypatch):
    not_a_folder = tmp_path / "cache"
    not_a_folder.write_text("a file where the cache folder should be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(not_a_folder))
    calls = []
    out = cached_projection(str(geo.MAP_DATA), 150.0, lambda: calls.append(1) or {"made": True})
    again = cached_projection(str(geo.MAP_DATA), 150.0, lambda: calls.append(1) or {"made": True})
    assert out == again == {"made": True} and calls == [1, 1]
