"""Semantic merge through git: real repositories, the documented driver, the bundled example."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing_app.model.conflicts import recorded_conflicts, resolve_conflict
from briefing_app.model.io import default_workspace_path, read_workspace
from briefing_app.model.merge import MergeRefused, merge_workspaces
from briefing_app.model.serialize import dump_workspace

NAME = "japan-korea.briefing.yaml"
DRIVER = f"{sys.executable} -m briefing_app merge %O %A %B --path %P"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=check)


@pytest.fixture
def repo(tmp_path):
    """A repository holding the bundled example, with the driver installed as the README says."""
    root = tmp_path / "repo"
    root.mkdir()
    shutil.copy(default_workspace_path(), root / NAME)
    shutil.copytree(default_workspace_path().parent / "documents", root / "documents")
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "analyst@example.org")
    git(root, "config", "user.name", "Analyst")
    done = subprocess.run([sys.executable, "-m", "briefing_app", "merge", "--install"], cwd=root,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "*.briefing.yaml merge=briefing" in (root / ".gitattributes").read_text()
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    return root


def edit(repo: Path, branch: str, *changes: tuple[str, str], new: bool = True) -> None:
    git(repo, "checkout", "-q", *(["-b", branch] if new else [branch]))
    path = repo / NAME
    text = path.read_text(encoding="utf-8")
    for old, replacement in changes:
        assert old in text, old
        text = text.replace(old, replacement, 1)
    path.write_text(text, encoding="utf-8")
    git(repo, "commit", "-q", "-am", branch)
    git(repo, "checkout", "-q", "main")


def merged(repo: Path, *branches: str) -> subprocess.CompletedProcess:
    for b in branches[:-1]:
        assert git(repo, "merge", "-q", "--no-edit", b, check=False).returncode == 0
    return git(repo, "merge", "--no-edit", branches[-1], check=False)


ALICE_ENTITY = ("- id: asia\n", "- id: aaa-alice\n  name: Alice Land\n  type: place\n- id: asia\n")
BOB_ENTITY = ("- id: asia\n", "- id: aab-bob\n  name: Bob Land\n  type: place\n- id: asia\n")


def test_same_place_additions_and_different_fields_merge_cleanly(repo):
    # A plain textual merge conflicts here: both add an entity at the same place in the sorted list.
    edit(repo, "alice", ALICE_ENTITY, ("label: GSOMIA military intelligence sharing", "label: GSOMIA (renamed)"))
    edit(repo, "bob", BOB_ENTITY, ("    - ann-d2-gsomia-restored\n    note: 'Seoul ''formally",
                                   "    - ann-d2-gsomia-restored\n    - ann-d2-thaw\n    note: 'Seoul ''formally"))
    done = merged(repo, "alice", "bob")
    assert done.returncode == 0, done.stdout + done.stderr
    result = read_workspace(repo / NAME)
    assert not result.errors, result.errors
    ws = result.workspace
    assert {"aaa-alice", "aab-bob"} <= set(ws.entity_by_id)
    gsomia = ws.relation_by_id["jpn-kor-gsomia"]
    assert gsomia.label == "GSOMIA (renamed)"
    assert gsomia.states[-1].evidence == ("ann-d2-gsomia-restored", "ann-d2-thaw")
    text = (repo / NAME).read_text(encoding="utf-8")
    assert text == dump_workspace(ws) and "<<<<<<<" not in text  # canonical, no markers


def test_set_fields_merge_as_sets(repo):
    edit(repo, "alice", ("  - Republic of Korea\n", "  - Republic of Korea\n  - Korea (South)\n"))
    edit(repo, "bob", ("  - Republic of Korea\n", "  - Republic of Korea\n  - ROK government\n"))
    assert merged(repo, "alice", "bob").returncode == 0
    aliases = [a.text for a in read_workspace(repo / NAME).workspace.entity_by_id["kor"].aliases]
    assert "Korea (South)" in aliases and "ROK government" in aliases


def test_same_field_conflict_exits_nonzero_and_leaves_a_loadable_file(repo):
    edit(repo, "alice", ("label: GSOMIA military intelligence sharing", "label: GSOMIA (Alice)"))
    edit(repo, "bob", ("label: GSOMIA military intelligence sharing", "label: GSOMIA (Bob)"))
    done = merged(repo, "alice", "bob")
    assert done.returncode != 0
    assert f"{NAME}:" in done.stdout + done.stderr and "merge conflict in relations 'jpn-kor-gsomia'" in done.stdout + done.stderr
    result = read_workspace(repo / NAME)
    assert result.workspace is not None and not result.blocking  # loads
    conflict = [p for p in result.errors if "merge conflict" in p.message]
    assert len(conflict) == 1
    lines = (repo / NAME).read_text(encoding="utf-8").splitlines()
    assert lines[conflict[0].line - 1].strip() == "label: GSOMIA (Alice)"  # the field, ours in place
    check = subprocess.run([sys.executable, "-m", "briefing_app", "validate", str(repo / NAME)],
                           capture_output=True, text=True)
    assert check.returncode == 1 and f":{conflict[0].line}:{conflict[0].col}: merge conflict" in check.stdout
    # Choosing theirs writes the value and drops the record.
    ws = resolve_conflict(result.workspace, 0, "theirs")
    assert ws.relation_by_id["jpn-kor-gsomia"].label == "GSOMIA (Bob)" and not recorded_conflicts(ws)


def test_delete_against_edit_is_a_conflict_that_keeps_the_edit(repo):
    text = (repo / NAME).read_text(encoding="utf-8")
    start = text.index("- id: usa-phl-alliance\n")
    end = text.index("\n- id: ", start + 1)
    edit(repo, "alice", (text[start:end + 1], ""))
    edit(repo, "bob", ("label: US–Philippines alliance", "label: US–Philippines alliance (edited)"))
    done = merged(repo, "alice", "bob")
    assert done.returncode != 0
    result = read_workspace(repo / NAME)
    assert not result.blocking
    assert result.workspace.relation_by_id["usa-phl-alliance"].label == "US–Philippines alliance (edited)"
    [c] = recorded_conflicts(result.workspace)
    assert c["field"] == "*" and c["ours"] is None and c["theirs"]["id"] == "usa-phl-alliance"
    ws = resolve_conflict(result.workspace, 0, "ours")
    assert "usa-phl-alliance" not in ws.relation_by_id


def test_delete_against_untouched_deletes(repo):
    text = (repo / NAME).read_text(encoding="utf-8")
    start = text.index("- id: usa-phl-alliance\n")
    end = text.index("\n- id: ", start + 1)
    edit(repo, "alice", (text[start:end + 1], ""))
    edit(repo, "bob", BOB_ENTITY)
    assert merged(repo, "alice", "bob").returncode == 0
    ws = read_workspace(repo / NAME).workspace
    assert "usa-phl-alliance" not in ws.relation_by_id and "aab-bob" in ws.entity_by_id


def test_renamed_id_is_refused_with_a_message(repo):
    edit(repo, "alice", ("- id: usa-phl-alliance\n", "- id: usa-phl-treaty\n"))
    edit(repo, "bob", BOB_ENTITY)
    before = None
    git(repo, "checkout", "-q", "bob")
    before = (repo / NAME).read_text(encoding="utf-8")
    done = git(repo, "merge", "--no-edit", "alice", check=False)
    assert done.returncode != 0
    assert "renames relations id 'usa-phl-alliance' to 'usa-phl-treaty'" in done.stdout + done.stderr
    assert (repo / NAME).read_text(encoding="utf-8") == before  # ours left as it was
    assert read_workspace(repo / NAME).workspace is not None


def test_state_edits_merge_by_their_date():
    from dataclasses import replace

    from briefing_app.model.io import load_workspace

    base = load_workspace(default_workspace_path())
    rel = base.relation_by_id["jpn-kor-gsomia"]

    def with_states(states):
        return base.with_(relations=tuple(replace(r, states=states) if r.id == rel.id else r for r in base.relations))

    ours = with_states(tuple(replace(s, note="ours") if s.state == "suspended" else s for s in rel.states))
    theirs = with_states(tuple(replace(s, note="theirs") if s.state == "restored" else s for s in rel.states))
    result = merge_workspaces(base, ours, theirs)
    notes = {s.state: s.note for s in result.workspace.relation_by_id[rel.id].states}
    assert notes["suspended"] == "ours" and notes["restored"] == "theirs" and not result.conflicts
    both = merge_workspaces(base, ours, with_states(tuple(replace(s, note="x") if s.state == "suspended" else s
                                                          for s in rel.states)))
    [c] = both.conflicts
    assert (c.item_id, c.field) == ("jpn-kor-gsomia", "states.2019-11.note")


def test_rename_detection_in_the_pure_merge():
    from dataclasses import replace

    from briefing_app.model.io import load_workspace

    base = load_workspace(default_workspace_path())
    renamed = base.with_(entities=tuple(replace(e, id="asia-2") if e.id == "asia" else e for e in base.entities))
    with pytest.raises(MergeRefused, match="ours renames entities id 'asia' to 'asia-2'"):
        merge_workspaces(base, renamed, base)


def test_resolving_leaves_the_snapshot_untouched():
    from dataclasses import replace

    from briefing_app.model.io import load_workspace

    base = load_workspace(default_workspace_path())
    a = base.with_(briefing=replace(base.briefing, title="A"))
    b = base.with_(briefing=replace(base.briefing, title="B"))
    ws = merge_workspaces(base, a, b).workspace
    [c] = recorded_conflicts(ws)
    assert (c["section"], c["field"]) == ("briefing", "title")
    resolved = resolve_conflict(ws, 0, "theirs")
    assert resolved.briefing.title == "B" and ws.briefing.title == "A" and recorded_conflicts(ws)


def test_two_analysts_working_in_the_app_merge_with_the_documented_driver(repo):
    """Each analyst annotates a passage (both get the next 'ann-' number), cites it, and edits other items."""
    from briefing_app.analysis.anchoring import make_selector
    from briefing_app.model import edits
    from briefing_app.model.annotations import add_annotation, link_to_relation_state
    from briefing_app.model.io import load_workspace, save_workspace

    app = Path(sys.executable).parent / "briefing-app"
    command = f"{app} merge %O %A %B" if app.exists() else f"{sys.executable} -m briefing_app merge %O %A %B"
    git(repo, "config", "merge.briefing.driver", command)  # the form the README gives by hand

    def work(branch: str, quote: str, change) -> str:
        git(repo, "checkout", "-q", "-b", branch)
        ws = load_workspace(repo / NAME)
        text = (repo / ws.document_by_id["doc-trilateral"].path).read_text(encoding="utf-8")
        start = text.index(quote)
        ws = add_annotation(ws, "doc-trilateral", make_selector(text, start, start + len(quote)), note=branch)
        aid = max(a.id for a in ws.annotations if a.note == branch)
        ws = link_to_relation_state(ws, aid, "jpn-kor-gsomia", 3)
        ws = change(ws)
        save_workspace(ws, repo / NAME, backup=False)
        git(repo, "commit", "-q", "-am", branch)
        git(repo, "checkout", "-q", "main")
        return aid

    a = work("alice", "formally restore", lambda ws: edits.add_alias(ws, "kor", "Korea (South)"))
    b = work("bob", "beginning to thaw",
             lambda ws: edits.update_item(ws, "events", "ev-gsomia-restored", title="GSOMIA formally restored"))
    assert a == b  # the same generated id for two different passages
    assert merged(repo, "alice").returncode == 0
    done = merged(repo, "bob")
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"'{b}' is now" in done.stderr + done.stdout
    result = read_workspace(repo / NAME)
    assert not result.errors, result.errors
    ws = result.workspace
    notes = {x.note: x for x in ws.annotations if x.note in ("alice", "bob")}
    assert set(notes) == {"alice", "bob"} and notes["alice"].id != notes["bob"].id
    evidence = ws.relation_by_id["jpn-kor-gsomia"].states[3].evidence
    assert notes["alice"].id in evidence and notes["bob"].id in evidence
    assert "Korea (South)" in [x.text for x in ws.entity_by_id["kor"].aliases]
    assert ws.event_by_id["ev-gsomia-restored"].title == "GSOMIA formally restored"


def test_deleted_on_one_side_but_used_on_the_other_is_kept_as_a_conflict(repo):
    text = (repo / NAME).read_text(encoding="utf-8")
    start = text.index("- id: jsdf\n")
    end = text.index("\n- id: ", start + 1)
    edit(repo, "alice", (text[start:end + 1], ""))  # nothing refers to the Self-Defense Forces yet
    edit(repo, "bob", ("  participants:\n  - usa\n  - jpn\n  - kor\n", "  participants:\n  - usa\n  - jpn\n  - kor\n  - jsdf\n"))
    done = merged(repo, "alice", "bob")
    assert done.returncode != 0
    result = read_workspace(repo / NAME)
    assert not result.blocking, result.blocking  # still opens: the entity is back
    assert "jsdf" in result.workspace.entity_by_id
    [c] = recorded_conflicts(result.workspace)
    assert (c["section"], c["id"], c["field"]) == ("entities", "jsdf", "*") and c["ours"] is None
