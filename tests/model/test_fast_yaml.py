"""The rapidyaml read gives exactly what the libyaml read gives, or steps aside."""

from __future__ import annotations

import math

import pytest

from briefing_app.model import fast_yaml
from briefing_app.model.io import BUNDLED_EXAMPLE, read_workspace
from briefing_app.model.serialize import dump_workspace
from briefing_app.model.yaml_source import parse_yaml

pytestmark = pytest.mark.skipif(not fast_yaml.available(), reason="rapidyaml not installed")


def _same(a, b) -> bool:
    """Equal values of equal types all the way down (True == 1 and 1 == 1.0 are not enough)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(k1, k2) for k1, k2 in zip(a, b)) and all(
            _same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return a == b


SCALARS = """\
quoted_date: '2019-07-04'
plain_date: 2019-07-04
plain_month: 2019-07
quoted_year: "1965"
plain_year: 1965
timestamp: 2001-12-14t21:59:43.10-05:00
int_neg: -17
int_plus: +12
octal: 010
octal_0o: 0o17
hex: 0x1F
binary: 0b101
underscores: 1_000
sexagesimal: 190:20:30
sexagesimal_float: 20:30.15
float: 1.5
float_dot: 1.
float_exp_unsigned: 1e5
float_exp: 1.0e+5
float_lead_dot: .5
inf: .inf
neg_inf: -.Inf
nan: .NaN
bools: [yes, No, ON, off, true, False, y, n, "yes", 'true']
nulls: [~, null, Null, NULL, '', "~", 'null']
empty:
empty_in_flow: {a: , b: c}
text: plain text, with a comma
colon_text: "a: b"
escaped: "tab\\there \\u00e9 \\x41 \\"q\\" \\\\ end"
single: 'it''s'
literal: |
  line one
    indented
  line three
literal_keep: |+
  kept

literal_strip: |-
  stripped
folded: >
  folded
  into one

  paragraph
multi_plain: first
  second line
multi_quoted: "first
  second"
unicode: 윤석열 and 岸田文雄
1965: int key
true: bool key
~: null key
2019-07-04: date key
"quoted key": v
nested:
  - - deep
    - [1, 2.0, '3']
  - {k: v}
"""


def test_tricky_scalars_read_as_libyaml_reads_them():
    fast = fast_yaml.load(SCALARS)
    assert fast is not None
    slow, _ = parse_yaml(SCALARS)
    assert _same(fast[0], slow), {k: (v, slow.get(k)) for k, v in fast[0].items() if not _same(v, slow.get(k))}


def test_bundled_example_reads_the_same():
    text = BUNDLED_EXAMPLE.read_text(encoding="utf-8")
    fast = fast_yaml.load(text)
    assert fast is not None
    slow, positions = parse_yaml(text)
    assert _same(fast[0], slow)
    # The documents and the top-level keys are placed where libyaml places them.
    data, fast_pos = fast
    assert fast_pos.maps[id(data)] == positions.maps[id(slow)]
    assert fast_pos.seqs[id(data["documents"])] == positions.seqs[id(slow["documents"])]
    for a, b in zip(data["documents"], slow["documents"]):
        assert fast_pos.maps[id(a)] == positions.maps[id(b)]


def test_a_big_generated_workspace_reads_the_same(tmp_path):
    ws = read_workspace(BUNDLED_EXAMPLE).workspace
    # Many copies of every section, renamed apart: all shapes of the example, thousands of times.
    def copies(items, n):
        from dataclasses import replace
        return tuple(replace(x, id=f"{x.id}-{i}") for i in range(n) for x in items)
    from dataclasses import replace
    big = replace(ws, entities=copies(ws.entities, 20), relations=copies(ws.relations, 20),
                  events=copies(ws.events, 20), annotations=copies(ws.annotations, 20))
    text = dump_workspace(big)
    fast = fast_yaml.load(text)
    assert fast is not None
    slow, _ = parse_yaml(text)
    assert _same(fast[0], slow)


@pytest.mark.parametrize("text", [
    "a: &x 1\nb: *x\n",               # anchors and aliases: refused by libyaml, at their place
    "a: !!str 1\n",                   # explicit tags
    "a: !custom x\n",
    "a: 1\na: 2\n",                   # duplicate keys
    "a: [1, 2\n",                     # syntax error
    "a: 1\n---\nb: 2\n",              # two documents
    "? [1, 2]\n: x\n",                # unhashable key
    "a: " + "[" * 70 + "]" * 70 + "\n",  # nesting beyond the limit
    "subtitle: a\x07b\n",             # a character YAML does not allow: libyaml places it
    "subtitle: a\x00b\n",
    "m:\n  a:\tb\n",                   # a tab after an indicator: rapidyaml reads it otherwise
    "k: {a:\tb}\n",
    "just a scalar\n",                 # not a mapping: not a workspace, libyaml says so
])
def test_what_only_libyaml_can_judge_is_left_to_it(text):
    assert fast_yaml.load(text) is None


def test_problems_keep_their_line_and_column(tmp_path):
    path = tmp_path / "w.briefing.yaml"
    text = BUNDLED_EXAMPLE.read_text(encoding="utf-8")
    lines = text.splitlines()
    # Break one relation's kind far down the file: the message must point at it.
    n = next(i for i, line in enumerate(lines) if line.strip().startswith("kind:") and i > 800)
    indent = lines[n][: len(lines[n]) - len(lines[n].lstrip())]
    lines[n] = f"{indent}kind: [not, text]"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = read_workspace(path, check_files=False, use_cache=False)
    hits = [p for p in result.problems if "'kind' must be text" in p.message]
    assert hits and (hits[0].line, hits[0].col) == (n + 1, len(indent) + 1)  # at the key, as libyaml marks it


def test_the_model_is_the_same_either_way(tmp_path, monkeypatch):
    fast = read_workspace(BUNDLED_EXAMPLE, use_cache=False)
    monkeypatch.setattr(fast_yaml, "load", lambda text, positions_for=(): None)
    slow = read_workspace(BUNDLED_EXAMPLE, use_cache=False)
    assert fast.workspace == slow.workspace
    assert [(p.line, p.col, p.message) for p in fast.problems] == [(p.line, p.col, p.message) for p in slow.problems]


def test_impossible_dates_stay_text_in_both_readers():
    """Dates are kept as text by the workspace loader (validation judges them): both reads agree."""
    text = "a: 2019-02-30\nb: 2019-02-03\n"
    assert fast_yaml.load(text)[0] == parse_yaml(text)[0] == {"a": "2019-02-30", "b": "2019-02-03"}


@pytest.mark.parametrize("text", [
    "title: Sōgō Shōsha\nü: 'it''s ü'\nd: \"é\\u00e9\\t\\x41\"\nb: |\n  ブロック\n  two\nl: [ä, 'ö', \"ü\"]\n",
    "? \"k\\u00e9y\"\n: 1\n'q k': [x, '']\ne: []\nf: {}\ng: [[], {}, [[x]]]\nn: ~\nm:\n",
    "a: 1:20\nb: 0x1F\nc: yes\nt: true\nnote: no\nfrom: 1990-05\nto: '1990'\n",
])
def test_text_of_every_kind_reads_as_libyaml_reads_it(text):
    fast = fast_yaml.load(text)
    assert fast is not None
    assert _same(fast[0], parse_yaml(text)[0])


@pytest.mark.parametrize("text", ["s: a\x86b\n", "s: ü\x7f\n", "s: a\x7f\n"])
def test_characters_yaml_refuses_are_left_to_libyaml_in_any_text(text):
    assert fast_yaml.load(text) is None


def _gc_probe(code: str) -> str:
    """Run ``code`` in a fresh interpreter (the collector's generations are process-wide state)."""
    import subprocess
    import sys

    prelude = "import gc\nfrom briefing_app.model import fast_yaml\n"
    out = subprocess.run([sys.executable, "-c", prelude + code], capture_output=True, text=True, check=True)
    return out.stdout.strip()


def test_objects_built_while_paused_skip_the_young_generations():
    out = _gc_probe(
        "with fast_yaml.gc_paused():\n"
        "    built = [[i] for i in range(fast_yaml.AGE_AFTER_OBJECTS + 1000)]\n"
        "oldest = {id(o) for o in gc.get_objects(generation=2)}\n"
        "print(gc.isenabled(), gc.get_freeze_count(), gc.get_count()[0] < 100, all(id(x) in oldest for x in built))")
    assert out == "True 0 True True"


def test_a_process_that_freezes_keeps_its_frozen_objects_frozen():
    out = _gc_probe(
        "gc.freeze()\nbefore = gc.get_freeze_count()\n"
        "with fast_yaml.gc_paused():\n"
        "    built = [[i] for i in range(fast_yaml.AGE_AFTER_OBJECTS + 1000)]\n"
        "print(gc.get_freeze_count() >= before + len(built))")
    assert out == "True"


def test_a_small_build_is_left_to_the_collector():
    # aging every small read sent the test suite's garbage to the oldest generation: 3x slower
    out = _gc_probe(
        "with fast_yaml.gc_paused():\n"
        "    built = [[i] for i in range(1000)]\n"
        "oldest = {id(o) for o in gc.get_objects(generation=2)}\n"
        "print(gc.get_freeze_count(), any(id(x) in oldest for x in built))")
    assert out == "0 False"
