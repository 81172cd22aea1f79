import datetime as dt
import hashlib
import textwrap
from pathlib import Path

import pytest

from briefing_app.model import edits
from briefing_app.model.dates import PartialDate
from briefing_app.model.io import load_workspace, read_workspace, save_workspace
from briefing_app.model.problems import WorkspaceError
from briefing_app.model.queries import relation_states_at

GOOD = textwrap.dedent(
    """\
    schema: 1
    briefing:
      title: Test briefing
      as_of: 2023-04-30
      custom_field: kept
    entities:
    - id: kor
      name: South Korea
      type: country
      aliases: [ROK, Seoul, {text: 한국, case: exact}]
      country: KOR
    - id: jpn
      name: Japan
      type: country
      aliases: [Tokyo, Japanese]
      country: JPN
      colour_hint: red
    relations:
    - id: gsomia
      kind: intelligence-sharing
      members: [jpn, kor]
      states:
      - {state: active, from: 2016-11, to: 2019-08, evidence: [a1]}
      - {state: termination-notified, from: 2019-08, evidence: [a1]}
      - {state: restored, from: 2023-03, evidence: [a1]}
    events:
    - id: ev1
      date: 1965
      title: Treaty on Basic Relations
      participants: [jpn, kor]
      evidence: [a1]
    documents:
    - id: d1
      title: Doc
      path: documents/d1.txt
      reliability: B2
    annotations:
    - id: a1
      document: d1
      tag: evidence
      selector: {exact: Japan, start: 0, end: 5}
    """
)


@pytest.fixture
def workspace_file(tmp_path: Path) -> Path:
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "d1.txt").write_text("Japan and South Korea.", encoding="utf-8")
    f = tmp_path / "w.briefing.yaml"
    f.write_text(GOOD, encoding="utf-8")
    return f


def test_load_good_workspace(workspace_file):
    result = read_workspace(workspace_file)
    assert result.errors == []
    ws = result.workspace
    assert ws.briefing.title == "Test briefing"
    assert ws.entity_by_id["kor"].aliases[2].case == "exact"
    assert ws.relation_by_id["gsomia"].states[0].start == PartialDate(2016, 11)


def test_round_trip_is_canonical_and_idempotent(workspace_file, tmp_path):
    ws = load_workspace(workspace_file)
    out = tmp_path / "out.briefing.yaml"
    save_workspace(ws, out)
    first = out.read_text(encoding="utf-8")
    save_workspace(load_workspace(out), out)
    assert out.read_text(encoding="utf-8") == first
    # items sorted by id, unknown keys kept
    assert first.index("id: jpn") < first.index("id: kor")
    assert "custom_field: kept" in first and "colour_hint: red" in first
    from briefing_app.model.serialize import workspace_dict

    assert workspace_dict(load_workspace(out)) == workspace_dict(ws)


def test_one_edit_is_a_small_diff(workspace_file, tmp_path):
    ws = load_workspace(workspace_file)
    out = tmp_path / "out.briefing.yaml"
    save_workspace(ws, out)
    before = out.read_text(encoding="utf-8").splitlines()
    save_workspace(edits.add_alias(ws, "jpn", "Nippon"), out)
    after = out.read_text(encoding="utf-8").splitlines()
    import difflib

    changed = [l for l in difflib.unified_diff(before, after, lineterm="", n=0) if l[:1] in "+-" and l[:3] not in ("+++", "---")]
    assert changed == ["+  - Nippon"]


def test_save_is_atomic_with_backup(workspace_file):
    ws = load_workspace(workspace_file)
    original = workspace_file.read_bytes()
    save_workspace(edits.add_alias(ws, "jpn", "Nippon"), workspace_file)
    assert (workspace_file.parent / (workspace_file.name + ".bak")).read_bytes() == original
    assert "Nippon" in workspace_file.read_text(encoding="utf-8")
    assert not list(workspace_file.parent.glob(".*.tmp"))


def test_failed_save_leaves_old_file(workspace_file, monkeypatch):
    ws = load_workspace(workspace_file)
    original = workspace_file.read_bytes()
    import briefing_app.model.io as io

    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(io.os, "replace", boom)
    with pytest.raises(OSError):
        save_workspace(edits.add_alias(ws, "jpn", "Nippon"), workspace_file)
    assert workspace_file.read_bytes() == original
    assert not list(workspace_file.parent.glob(".*.tmp"))


def _messages(path: Path, text: str) -> list[str]:
    path.write_text(text, encoding="utf-8")
    return [str(p) for p in read_workspace(path).problems]


def test_validation_reports_every_problem_with_position(tmp_path):
    bad = GOOD.replace("kind: intelligence-sharing", "kind: friendship").replace(
        "members: [jpn, kor]", "members: [jpn, prk]").replace("date: 1965", "date: 1965-13").replace(
        "- id: jpn", "- id: kor")
    f = tmp_path / "bad.briefing.yaml"
    msgs = _messages(f, bad)
    text = "\n".join(msgs)
    assert "unknown kind 'friendship'" in text
    assert "unknown entity 'prk'" in text
    assert "month 13 out of range" in text
    assert "duplicate id 'kor'" in text
    lines = bad.splitlines()
    for m in msgs:
        path, line, col, _ = m.split(":", 3)
        assert path == str(f) and int(line) >= 1 and int(col) >= 1
    kind_msg = next(m for m in msgs if "friendship" in m)
    line_no = int(kind_msg.split(":")[1])
    assert "friendship" in lines[line_no - 1]


def test_dangling_evidence_and_bad_state(tmp_path):
    bad = GOOD.replace("{state: restored, from: 2023-03, evidence: [a1]}", "{state: revived, from: 2023-03, evidence: [a9]}")
    msgs = "\n".join(_messages(tmp_path / "b.briefing.yaml", bad))
    assert "unknown annotation 'a9'" in msgs
    assert "unknown state 'revived'" in msgs


def test_syntax_error_has_position(tmp_path):
    msgs = _messages(tmp_path / "s.briefing.yaml", "briefing:\n  title: [unclosed\nentities: []\n")
    assert len(msgs) == 1 and msgs[0].startswith(str(tmp_path / "s.briefing.yaml") + ":")
    assert "YAML" in msgs[0]


def test_alias_bomb_refused_fast(tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(20)
    )
    msgs = _messages(tmp_path / "bomb.briefing.yaml", bomb)
    assert any("aliases" in m for m in msgs)


def test_deep_nesting_refused(tmp_path):
    msgs = _messages(tmp_path / "deep.briefing.yaml", "briefing: " + "[" * 500 + "]" * 500 + "\n")
    assert msgs and "nesting" in msgs[0]


def test_empty_and_non_utf8_files(tmp_path):
    assert "empty" in _messages(tmp_path / "e.briefing.yaml", "")[0]
    f = tmp_path / "latin.briefing.yaml"
    f.write_bytes(b"briefing:\n  title: caf\xe9\n")
    msgs = [str(p) for p in read_workspace(f).problems]
    assert msgs == [f"{f}:2:13: not UTF-8 text; save the file as UTF-8"]


def test_missing_document_file_does_not_block(workspace_file):
    (workspace_file.parent / "documents" / "d1.txt").unlink()
    result = read_workspace(workspace_file)
    assert result.blocking == []
    assert any("not found" in p.message for p in result.errors)


def test_document_path_escape_refused(workspace_file):
    workspace_file.write_text(GOOD.replace("documents/d1.txt", "../../etc/passwd"), encoding="utf-8")
    with pytest.raises(WorkspaceError, match="outside the workspace"):
        load_workspace(workspace_file)


def test_comments_warn_that_saving_drops_them(workspace_file):
    workspace_file.write_text("# my notes\n" + GOOD.replace("title: Test briefing", "title: Test briefing  # why"),
                              encoding="utf-8")
    warnings = [p.message for p in read_workspace(workspace_file).warnings]
    assert any("2 comment line(s)" in w for w in warnings)


def test_canonical_file_has_no_comment_warning(workspace_file, tmp_path):
    out = tmp_path / "c.briefing.yaml"
    save_workspace(load_workspace(workspace_file), out)
    assert read_workspace(out).warnings == []


def test_sha256_mismatch_is_a_warning(workspace_file):
    good_sha = hashlib.sha256(b"Japan and South Korea.").hexdigest()
    workspace_file.write_text(GOOD.replace("reliability: B2", f"reliability: B2\n  sha256: {'0' * 64}"), encoding="utf-8")
    result = read_workspace(workspace_file)
    assert result.blocking == [] and any("sha256" in p.message for p in result.warnings)
    workspace_file.write_text(GOOD.replace("reliability: B2", f"reliability: B2\n  sha256: {good_sha}"), encoding="utf-8")
    assert read_workspace(workspace_file).problems == []


def test_state_at_date(workspace_file):
    ws = load_workspace(workspace_file)
    at = lambda d: relation_states_at(ws, d)["gsomia"].state  # noqa: E731
    assert at(dt.date(2019, 6, 1)) == "active"
    assert at(dt.date(2019, 12, 1)) == "termination-notified"
    assert at(dt.date(2023, 6, 1)) == "restored"
    assert relation_states_at(ws, dt.date(2010, 1, 1))["gsomia"] is None


def test_remove_entity_keeps_workspace_valid(workspace_file):
    ws = edits.remove_entity(load_workspace(workspace_file), "kor")
    assert "kor" not in ws.entity_by_id
    assert ws.relations == ()  # a two-member relation cannot lose a member
    assert ws.events[0].participants == ("jpn",)


def test_save_keeps_file_mode(workspace_file):
    import os

    os.chmod(workspace_file, 0o644)
    save_workspace(load_workspace(workspace_file), workspace_file)
    assert workspace_file.stat().st_mode & 0o777 == 0o644


def test_chunked_dump_equals_single_document_dump(workspace_file):
    from briefing_app.model.io import load_workspace as load
    from briefing_app.model.serialize import dump_workspace, dump_workspace_whole

    ws = load(workspace_file)
    assert dump_workspace(ws) == dump_workspace_whole(ws)
    empty = ws.with_(events=(), relations=())
    assert dump_workspace(empty) == dump_workspace_whole(empty)


def test_chunked_dump_equals_whole_on_bundled_example():
    from briefing_app.model.io import default_workspace_path, load_workspace as load
    from briefing_app.model.serialize import dump_workspace, dump_workspace_whole

    ws = load(default_workspace_path())
    assert dump_workspace(ws) == dump_workspace_whole(ws)


def test_comment_lines_are_counted_the_same_whatever_ends_the_lines():
    from briefing_app.model.yaml_source import count_comment_lines

    text = ("# header\na: 1  # note\nb: '#not' # yes\nc: \"x#y\"\nd: [a, '#'] #\nurl: http://x/#frag\n"
            "e: '# quoted'\n#\n  # indented\nlast: x # no newline")
    assert count_comment_lines(text) == 7
    assert count_comment_lines(text.replace("\n", "\r\n")) == 7  # read line by line with str.splitlines
    assert count_comment_lines(text.replace("\n", "\u2028")) == 7
    assert count_comment_lines("a: 1\nb: 2\n") == 0


def test_an_empty_members_key_is_refused_at_its_line(tiny_workspace_path):
    # Found by the YAML fuzzer: "members:" with nothing after it loaded as no members without a word,
    # and the saved file then refused to open ("missing 'members'").
    tiny = tiny_workspace_path.read_text(encoding="utf-8")
    text = tiny.replace("  members: [prk, jpn]\n", "  members:\n", 1)
    assert text != tiny
    tiny_workspace_path.write_text(text, encoding="utf-8")
    result = read_workspace(tiny_workspace_path, check_files=False)
    problems = [p for p in result.blocking if "prk-threat" in p.message]
    assert problems and "at least two entity ids" in problems[0].message
    assert text.splitlines()[problems[0].line - 1].strip() == "members:"
