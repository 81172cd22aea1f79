"""Full-text search: what is found, with which filters, and how the index stays fresh."""

import dataclasses
import datetime as dt
import json
import os
import sqlite3

import pytest

from briefing_app.model.io import load_workspace
from briefing_app.search import SearchFilters, SearchIndex, default_index_path, parse_query
from briefing_app.search.passages import passages


@pytest.fixture
def index(tiny_workspace_path, tmp_path):
    ws = load_workspace(tiny_workspace_path)
    ix = SearchIndex(tmp_path / "ix.sqlite")
    ix.update(ws)
    yield ws, ix
    ix.close()


def test_words_find_the_passage_and_point_at_the_words(index):
    ws, ix = index
    hits = ix.search("restore GSOMIA")
    assert [h.doc_id for h in hits] == ["doc-1"]
    h = hits[0]
    text = (ws.root / "documents" / "doc1.txt").read_text()
    assert text[h.hit_start:h.hit_end].lower() == "restore"
    assert text[h.start:h.end].startswith("Japan and South Korea agreed")
    assert "«GSOMIA»" in h.snippet and "«restore»" in h.snippet


def test_stemming_phrases_exclusion_and_or(index):
    _, ix = index
    assert [h.doc_id for h in ix.search("restored")] == ["doc-1"]  # stem of "restore"
    assert ix.search('"missiles over Japan"')[0].doc_id == "doc-2"
    assert ix.search('"over missiles Japan"') == []  # a phrase keeps its order
    assert ix.search("Japan -missiles") and all(h.doc_id == "doc-1" for h in ix.search("Japan -missiles"))
    assert {h.doc_id for h in ix.search("GSOMIA OR Pyongyang")} == {"doc-1", "doc-2"}
    assert {h.doc_id for h in ix.search("miss*")} == {"doc-2"}


@pytest.mark.parametrize("typed", ['"', "((", "NEAR(a b", "col:val", "AND", "*", "-", "'; DROP TABLE docs; --", "\x00"])
def test_anything_typed_is_answered_without_error(index, typed):
    _, ix = index
    assert isinstance(ix.search(typed), list)


def test_cjk_names_are_found_inside_running_text(index):
    _, ix = index
    assert [h.doc_id for h in ix.search("岸田")] == ["doc-1"]  # no spaces between Japanese words
    assert [h.doc_id for h in ix.search("윤석열")] == ["doc-1"]


def test_entity_filter_uses_aliases_and_lists_mentions_without_words(index):
    _, ix = index
    # 'Pyongyang' is an alias of North Korea; doc-1 never names it.
    assert {h.doc_id for h in ix.search("", SearchFilters(entity="prk"))} == {"doc-2"}
    assert {h.doc_id for h in ix.search("Tokyo", SearchFilters(entity="yoon"))} == {"doc-1"}
    # passage level: doc-1 names Japan, but not in the paragraph that names Yoon
    assert ix.search("Japan", SearchFilters(entity="yoon")) == []
    assert ix.search("missiles", SearchFilters(entity="yoon")) == []


def test_source_and_date_filters(index):
    _, ix = index
    assert {h.doc_id for h in ix.search("Japan", SearchFilters(source="doc-2"))} == {"doc-2"}
    assert {h.doc_id for h in ix.search("Japan", SearchFilters(source="test wire"))} == {"doc-1", "doc-2"}
    assert {h.doc_id for h in ix.search("Japan", SearchFilters(since=dt.date(2023, 1, 1)))} == {"doc-1"}
    # doc-2 is dated 2022-10 (a month): a filter ending mid-October still includes it
    assert {h.doc_id for h in ix.search("Japan", SearchFilters(until=dt.date(2022, 10, 15)))} == {"doc-2"}


def test_update_reindexes_only_what_changed(tiny_workspace_path, tmp_path):
    ws = load_workspace(tiny_workspace_path)
    with SearchIndex(tmp_path / "ix.sqlite") as ix:
        assert ix.update(ws).indexed == 2
        again = ix.update(ws)
        assert (again.indexed, again.unchanged) == (0, 2)
        doc2 = ws.root / "documents" / "doc2.txt"
        doc2.write_text("Kim Jong Un inspected a submarine.\n")
        os.utime(doc2, ns=(1, 1))  # a new mtime even on a coarse clock
        report = ix.update(ws)
        assert (report.indexed, report.unchanged) == (1, 1)
        assert ix.search("missiles") == [] and ix.search("submarine")[0].doc_id == "doc-2"
        # a document dropped from the workspace leaves the index
        fewer = dataclasses.replace(ws, documents=ws.documents[:1])
        assert ix.update(fewer).removed == 1
        assert ix.search("submarine") == []
        assert ix.stats()["documents"] == 1


def test_new_alias_refreshes_mentions_without_reindexing_text(tiny_workspace_path, tmp_path):
    from briefing_app.model.edits import add_alias

    ws = load_workspace(tiny_workspace_path)
    with SearchIndex(tmp_path / "ix.sqlite") as ix:
        ix.update(ws)
        assert ix.search("condemned", SearchFilters(entity="gsomia")) == []
        ws2 = add_alias(ws, "gsomia", "condemned")
        report = ix.update(ws2)
        assert report.indexed == 0 and report.mentions_refreshed == 2
        assert [h.doc_id for h in ix.search("condemned", SearchFilters(entity="gsomia"))] == ["doc-2"]


def test_unreadable_document_is_reported_not_fatal(tiny_workspace_path, tmp_path):
    ws = load_workspace(tiny_workspace_path)
    (ws.root / "documents" / "doc2.txt").unlink()
    with SearchIndex(tmp_path / "ix.sqlite") as ix:
        report = ix.update(ws)
        assert list(report.failed) == ["doc-2"] and "not found" in report.failed["doc-2"]
        assert ix.search("GSOMIA")[0].doc_id == "doc-1"


def test_corrupt_or_foreign_index_file_is_rebuilt(tiny_workspace_path, tmp_path):
    ws = load_workspace(tiny_workspace_path)
    bad = tmp_path / "ix.sqlite"
    bad.write_bytes(b"this is not a database" * 100)
    with SearchIndex(bad) as ix:
        ix.update(ws)
        assert ix.search("GSOMIA")
    other = tmp_path / "other.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT)")
    con.execute("INSERT INTO meta VALUES ('schema', '0')")
    con.commit()
    con.close()
    with SearchIndex(other) as ix:
        ix.update(ws)
        assert ix.search("GSOMIA")


def test_index_lives_beside_the_workspace_or_in_the_cache_when_read_only(tmp_path, monkeypatch):
    ws = tmp_path / "topic.briefing.yaml"
    assert default_index_path(ws) == tmp_path / ".topic.search.sqlite"
    monkeypatch.setattr(os, "access", lambda *a, **k: False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    cached = default_index_path(ws)
    assert cached.is_relative_to(tmp_path / "cache") and cached.name.startswith("topic-")


def test_passages_are_paragraphs_and_long_ones_are_cut():
    text = "First para\nwrapped here.\n\nSecond para.\n\n\n" + ("Word " * 400).strip() + "."
    spans = list(passages(text))
    assert text[spans[0][0]:spans[0][1]] == "First para\nwrapped here."
    assert text[spans[1][0]:spans[1][1]] == "Second para."
    assert len(spans) > 3 and all(e - s <= 1500 for s, e in spans)
    assert "".join(text[s:e] for s, e in spans[2:]).replace(" ", "") == text[spans[2][0]:].replace(" ", "")
    one_per_line = "\n".join("Sentence number %d is long enough to be a paragraph of its own in a wire story, "
                             "as many sources are laid out when copied from a web page into a file, with no blank line "
                             "between one paragraph and the next." % i for i in range(3))
    assert len(list(passages(one_per_line))) == 3


def test_parse_query_never_passes_syntax_through():
    assert parse_query('a "b c" -d e*').match == '"a" AND "b c" AND "e"* NOT "d"'
    assert parse_query('x") OR ("y').match.count('"') % 2 == 0
    assert parse_query("").match == "" and parse_query("-only").match == ""


def test_cli_search_text_and_json(tiny_workspace_path, capsys):
    from briefing_app.cli import main

    assert main(["search", str(tiny_workspace_path), "GSOMIA", "--format", "json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows and rows[0]["document"] == "doc-1" and "«GSOMIA»" in rows[0]["snippet"]
    assert main(["search", str(tiny_workspace_path), "--entity", "prk"]) == 0
    assert "doc-2:" in capsys.readouterr().out
    assert main(["search", str(tiny_workspace_path), "x", "--since", "2023-13"]) == 2
    assert "--since '2023-13'" in capsys.readouterr().err
    assert main(["search", str(tiny_workspace_path), "x", "--entity", "nobody"]) == 2
    assert main(["search", str(tiny_workspace_path)]) == 2


def test_words_in_most_passages_come_unranked_and_say_so(index, monkeypatch):
    from briefing_app.search import index as index_module

    _, ix = index
    assert ix.search("Japan") and ix.last_ranked and ix.last_matches >= 2
    monkeypatch.setattr(index_module, "RANK_MAX", 1)
    hits = ix.search("Japan")
    assert not ix.last_ranked and ix.last_matches >= 2
    assert {h.doc_id for h in hits} == {"doc-1", "doc-2"} and all(h.score == 0.0 for h in hits)
