"""Fuzzing the workspace loader and validator with hostile and broken files.

Promise: :func:`read_workspace` never raises on any bytes; a file that cannot
be opened yields at least one problem; every problem has line and column ≥ 1.
A workspace that does open survives a save/load round trip unchanged.
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from briefing_app.model.io import read_workspace
from briefing_app.model.serialize import dump_workspace

from conftest import TINY_YAML
from tests.fuzz.compare import same_model

FUZZ = settings()  # examples per property: the profile (tests/fuzz/conftest.py)
_DIR = Path(tempfile.mkdtemp(prefix="briefing-fuzz-yaml-"))
REPO = Path(__file__).resolve().parents[2]


def _load(data: bytes):
    path = _DIR / "fuzz.briefing.yaml"
    path.write_bytes(data)
    return read_workspace(path, check_files=False)


def _check(data: bytes):
    result = _load(data)  # must not raise
    if result.workspace is None or result.blocking:
        assert result.problems, "a refused file must say why"
    for p in result.problems:
        assert p.line >= 1 and p.col >= 1, p
        assert p.message
    return result


def _round_trip(result) -> None:
    """A workspace that opens reads back as the same model after a save (models compared, not text)."""
    if result.workspace is None or result.blocking:
        return
    text = dump_workspace(result.workspace)
    again = _load(text.encode("utf-8"))
    assert again.workspace is not None and not again.blocking, again.problems[:3]
    assert same_model(result.workspace, again.workspace)
    assert dump_workspace(again.workspace) == text  # and the canonical form is a fixed point


@FUZZ
@given(st.binary(max_size=2000))
@example(b"\xff\xfe\x00garbage")
@example(b"schema: 1\nbriefing: {title: \xe9t\xe9}\n")
@example(b"")
@example(b"\x00\x00\x00")
def test_random_bytes(data):
    _check(data)


_mutation = st.tuples(st.sampled_from(["insert", "delete", "replace"]), st.integers(0, len(TINY_YAML)),
                      st.integers(1, 40), st.text(max_size=12))


@FUZZ
@given(st.lists(_mutation, min_size=1, max_size=6))
def test_mutated_workspace(mutations):
    text = TINY_YAML
    for op, pos, n, s in mutations:
        pos = min(pos, len(text))
        if op == "insert":
            text = text[:pos] + s + text[pos:]
        elif op == "delete":
            text = text[:pos] + text[pos + n:]
        else:
            text = text[:pos] + s + text[pos + len(s):]
    _round_trip(_check(text.encode("utf-8")))


_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                     st.text(max_size=30), st.dates())
_values = st.recursive(_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)), max_leaves=25)
_section = st.sampled_from(["entities", "relations", "events", "documents", "annotations", "briefing",
                            "vocabulary", "schema", "unknown_key"])


@FUZZ
@given(st.dictionaries(_section, _values, max_size=6))
def test_generated_structures(data):
    text = yaml.safe_dump(data, allow_unicode=True)
    _round_trip(_check(text.encode("utf-8")))


@FUZZ
@given(st.lists(st.fixed_dictionaries({"id": st.text(max_size=8), "name": _values, "type": _values},
                                      optional={"aliases": _values, "lat": _values, "lon": _values,
                                                "affiliation": _values, "country": _values}), max_size=5))
def test_generated_entities(entities):
    text = yaml.safe_dump({"schema": 1, "entities": entities}, allow_unicode=True)
    _round_trip(_check(text.encode("utf-8")))


def test_alias_bomb_is_refused_quickly():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 12):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [{', '.join(['*' + prev] * 9)}]")
    result = _check("\n".join(lines).encode())
    assert result.workspace is None
    assert any("alias" in p.message.lower() for p in result.problems)


def test_recursive_alias_is_refused():
    result = _check(b"entities: &x [*x]\n")
    assert result.workspace is None


def test_deep_nesting_is_refused():
    for text in ("[" * 1000 + "]" * 1000, "{a: " * 5000 + "1" + "}" * 5000,
                 "".join("  " * i + "- \n" for i in range(2000))):
        result = _check(text.encode())
        assert result.workspace is None or result.blocking


_CRASH_PROBE = """
import sys
from pathlib import Path
from briefing_app.model.io import read_workspace
result = read_workspace(Path(sys.argv[1]), check_files=False)
assert result.workspace is None and result.problems, result
print(result.problems[0])
"""


# libyaml composes recursively in C: ~25k levels of nesting used to overflow the C stack (SIGSEGV)
# before the loader's depth limit ran; yaml_source.nesting_too_deep checks parser events first.
@pytest.mark.parametrize("text", ["[" * 100_000 + "]" * 100_000, "- " * 40_000 + "x\n"], ids=["flow", "block"])
def test_very_deep_nesting_does_not_kill_the_process(text):
    path = _DIR / "deep.briefing.yaml"
    path.write_text(text, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.run([sys.executable, "-c", _CRASH_PROBE, str(path)], capture_output=True, text=True,
                          env=env, timeout=60)
    assert proc.returncode == 0, f"exit {proc.returncode}: {proc.stderr[-300:]}"
    assert "nesting" in proc.stdout


def test_huge_scalar_is_handled():
    text = "schema: 1\nbriefing:\n  title: " + "x" * 5_000_000 + "\n"
    result = _check(text.encode())
    if result.workspace is not None:
        assert len(result.workspace.briefing.title) == 5_000_000


def test_python_tags_are_not_executed():
    marker = _DIR / "executed"
    text = f"schema: 1\nbriefing: !!python/object/apply:os.system ['touch {marker}']\n"
    result = _check(text.encode())
    assert result.workspace is None
    assert not marker.exists()


def test_many_documents_in_one_stream():
    result = _check(b"schema: 1\n---\nschema: 1\n")
    assert result.workspace is None


def test_problems_point_into_the_file():
    text = TINY_YAML.replace("type: country", "type: [country", 1)
    result = _check(text.encode())
    n_lines = text.count("\n") + 1
    assert all(1 <= p.line <= n_lines for p in result.problems)
