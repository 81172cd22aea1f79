import json

from briefing_app.cli import main


def test_validate_ok_and_problems(tiny_workspace_path, capsys):
    assert main(["validate", str(tiny_workspace_path)]) == 0
    text = tiny_workspace_path.read_text(encoding="utf-8").replace("kind: threat", "kind: menace")
    tiny_workspace_path.write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert main(["validate", str(tiny_workspace_path)]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1
    path, line, col, message = lines[0].split(":", 3)
    assert path == str(tiny_workspace_path) and "menace" in text.splitlines()[int(line) - 1]
    assert "unknown kind 'menace'" in message


def test_fmt_is_idempotent_and_keeps_unknown_keys(tiny_workspace_path):
    text = tiny_workspace_path.read_text(encoding="utf-8").replace("as_of: 2023-04-30", "as_of: 2023-04-30\n  owner: desk 3")
    tiny_workspace_path.write_text(text, encoding="utf-8")
    assert main(["fmt", str(tiny_workspace_path)]) == 0
    first = tiny_workspace_path.read_bytes()
    assert b"owner: desk 3" in first
    assert main(["fmt", "--check", str(tiny_workspace_path)]) == 0
    assert main(["fmt", str(tiny_workspace_path)]) == 0
    assert tiny_workspace_path.read_bytes() == first


def test_fmt_refuses_invalid_file_and_leaves_it(tiny_workspace_path, capsys):
    tiny_workspace_path.write_text("entities: [", encoding="utf-8")
    assert main(["fmt", str(tiny_workspace_path)]) == 1
    assert tiny_workspace_path.read_text(encoding="utf-8") == "entities: ["
    assert "not rewritten" in capsys.readouterr().err


def test_tag_json_lines(tiny_workspace_path, tmp_path, capsys):
    doc = tmp_path / "article.txt"
    doc.write_text("Seoul told us that the U.S. and Japan's envoy met 윤석열.", encoding="utf-8")
    assert main(["tag", str(doc), "--workspace", str(tiny_workspace_path), "--format", "json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["text"], r["entity"], r["type"]) for r in rows] == [
        ("Seoul", "kor", "country"), ("U.S.", "usa", "country"), ("Japan", "jpn", "country"), ("윤석열", "yoon", "person"),
    ]
    text = doc.read_text(encoding="utf-8")
    assert all(text[r["start"]:r["end"]] == r["text"] for r in rows)


def test_tag_linked_adds_other_spellings_of_known_actors(tmp_path, capsys):
    doc = tmp_path / "article.txt"
    doc.write_text("President Yoon Suk Yeol met Li Qiang. Yoon said N Korea fired a missile.", encoding="utf-8")
    assert main(["tag", str(doc), "--format", "json"]) == 0
    plain = [json.loads(line)["text"] for line in capsys.readouterr().out.splitlines()]
    assert main(["tag", str(doc), "--format", "json", "--linked"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["text"] for r in rows if not r.get("linked")] == plain  # the listed aliases, unchanged
    assert [(r["text"], r["entity"]) for r in rows if r.get("linked")] == [("Yoon", "yoon"), ("N Korea", "prk")]


def test_validate_missing_file(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nope.briefing.yaml")]) == 1
    assert "file not found" in capsys.readouterr().out
