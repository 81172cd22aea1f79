"""Fuzzing with odd and invalid YAML written as text: unquoted dates, tags, YAML 1.1 number forms.

Generated files are not produced by a YAML dumper (which only writes valid,
plainly typed values): each slot of a workspace template gets a scalar
written the way a person or another tool might write it — impossible
unquoted dates, explicit tags with garbage, hex/octal/base-60/underscored
numbers, 5000-digit numbers, YAML 1.1 booleans. Properties:

* reading never raises, and every problem has a line and column inside the file;
* a file that opens reads back after a save as the same model (models compared);
* a plain scalar in a text field is kept exactly as written, or a problem is
  reported on its line: never a silent reinterpretation (``1:20`` → ``'80'``).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from briefing_app.model.io import read_workspace
from briefing_app.model.serialize import dump_workspace
from tests.fuzz.compare import same_model

FUZZ = settings()  # examples per property: the profile (tests/fuzz/conftest.py)
_DIR = Path(tempfile.mkdtemp(prefix="briefing-fuzz-odd-"))

_dates = st.builds(
    lambda y, m, d, form: form.format(y=y, m=m, d=d),
    st.integers(0, 10000), st.integers(0, 14), st.integers(0, 33),
    st.sampled_from(["{y:04d}-{m:02d}-{d:02d}", "{y:04d}-{m:02d}", "{y}", "{y:04d}-{m:02d}-{d:02d}T12:00:00Z",
                     "{y:04d}-{m:02d}-{d:02d} 10:00:00"]),
)
_ints = st.builds(
    lambda n, form: form.format(n=n, a=abs(n)),
    st.integers(-10**6, 10**6),
    st.sampled_from(["{n}", "0x{a:X}", "0o{a:o}", "0{a:o}", "{a}:{a:02d}", "+{a}", "{a}_000", "0b1{a:b}", "-0",
                     "{a}.50", "{a}e3", "{a}.0e+3", ".inf", "-.Inf", ".NaN", "1:20:30.5"]),
)
_long_numbers = st.integers(1, 6000).map(lambda n: "9" * n)
_tagged = st.builds(
    lambda tag, body: f"{tag} {body}",
    st.sampled_from(["!!timestamp", "!!float", "!!int", "!!str", "!!bool", "!!null", "!!binary", "!!omap",
                     "!!set", "!local", "!!python/object/apply:os.system"]),
    st.one_of(_dates, _ints, st.sampled_from(["abc", "''", "yes", "[a]", "{a: 1}", "~"])),
)
_words = st.sampled_from(["yes", "No", "on", "OFF", "~", "null", "true", "y", "n", "Japan", "'quoted'",
                          '"esc\\x41\\0"', "a: b", "- x", "[1, 2]", "{k: v}", "&a x", "*a", "|", "#c"])
_plain_numbers = st.one_of(_dates, _ints)
SCALAR = st.one_of(_plain_numbers, _long_numbers, _tagged, _words)

TEMPLATE = """\
schema: 1
briefing:
  title: {title}
  as_of: {as_of}
  {k1}: {v1}
vocabulary:
  entity_types: [{vt}]
  {k2}: {v2}
entities:
- id: jpn
  name: {name}
  type: country
  aliases:
  - {{text: {alias}, {k3}: {v3}}}
  lat: {lat}
  lon: {lon}
  links: {links}
  {k4}: {v4}
- id: {eid}
  name: Korea
  type: country
events:
- id: ev
  title: {etitle}
  date: {date}
  participants: [jpn, {eid}]
documents:
- id: d
  title: D
  path: documents/d.txt
  published: {published}
annotations:
- id: a
  document: d
  selector: {{exact: Jap, start: {start}, end: 3, {k5}: {v5}}}
"""
SLOTS = ("title", "as_of", "v1", "vt", "v2", "name", "alias", "v3", "lat", "lon", "links", "v4", "eid",
         "etitle", "date", "published", "start", "v5")
KEYS = st.one_of(st.sampled_from(["note", "1", "'1'", "0x10", "2023-01-01", "null", "~", "1:20", "x_y"]),
                 st.from_regex(r"\A[a-z][a-z0-9_]{0,8}\Z"))


def _load(text: str):
    path = _DIR / "odd.briefing.yaml"
    path.write_text(text, encoding="utf-8")
    return read_workspace(path, check_files=False)


def _fill(values: dict[str, str], keys: list[str]) -> str:
    names = {f"k{i + 1}": k for i, k in enumerate(keys)}
    return TEMPLATE.format(**values, **names)


NORMAL = {"title": "Hostile", "as_of": "2023-04-30", "v1": "kept", "vt": "fleet", "v2": "{a: 1}", "name": "Japan",
          "alias": "Nippon", "v3": "ja", "lat": "35.6", "lon": "139.7", "links": "[https://example.org]",
          "v4": "[1, two]", "eid": "kor", "etitle": "Summit", "date": "2023-03", "published": "2023-04-01",
          "start": "0", "v5": "css"}
# A few odd slots at a time, the rest normal: the files that still open are the ones
# whose round trip and spelling matter most.
_slot_values = st.dictionaries(st.sampled_from(SLOTS), SCALAR, min_size=1, max_size=3).map(
    lambda odd: NORMAL | odd)
_key_values = st.lists(KEYS, min_size=5, max_size=5, unique=True).filter(
    lambda ks: not any(k in ("note",) for k in ks[:1]))


def _check(text: str):
    result = _load(text)  # must not raise
    lines = text.count("\n") + 1
    if result.workspace is None or result.blocking:
        assert result.problems, "a refused file must say why"
    for p in result.problems:
        assert 1 <= p.line <= lines and p.col >= 1, p
        assert p.message and "\n" not in p.message
    return result


@FUZZ
@given(_slot_values, _key_values)
@example({s: "x" for s in SLOTS} | {"as_of": "2023-02-30", "name": "1:20", "start": "0x0", "lat": "!!float abc"},
         ["note", "1", "'1'", "0x10", "k"])
@example({s: "x" for s in SLOTS} | {"name": "9" * 5000, "date": "!!timestamp nope", "v4": "0o17"},
         ["a", "b", "c", "d", "e"])
def test_odd_scalars_never_crash_and_round_trip_as_models(values, keys):
    text = _fill(values, keys)
    result = _check(text)
    if result.workspace is None or result.blocking:
        return
    saved = dump_workspace(result.workspace)
    again = _load(saved)
    assert again.workspace is not None and not again.blocking, (saved, again.problems[:3])
    assert same_model(result.workspace, again.workspace)


@FUZZ
@given(_plain_numbers, _plain_numbers)
@example("1:20", "0x1F")
@example("017", "2023-02-30")
def test_text_fields_keep_what_was_written(name, description):
    text = (f"schema: 1\nbriefing: {{title: T}}\nentities:\n- id: x\n  name: {name}\n  type: place\n"
            f"  description: {description}\n")
    result = _check(text)
    assert result.workspace is not None
    e = result.workspace.entities[0]
    flagged = {p.line for p in result.problems}
    assert e.name == name or 5 in flagged, (name, e.name)
    assert e.description == description or 7 in flagged, (description, e.description)
    if not result.blocking:
        again = _load(dump_workspace(result.workspace))
        assert (again.workspace.entities[0].name, again.workspace.entities[0].description) == (e.name,
                                                                                               e.description)
