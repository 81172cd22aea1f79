"""The bundled example workspace: it opens cleanly and every claim points at its source passage."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import sys
from pathlib import Path

import pytest

from briefing_app.analysis.anchoring import reanchor_all
from briefing_app.analysis.matcher import AliasMatcher
from briefing_app.model.io import default_workspace_path, read_document_text, read_workspace
from briefing_app.model.serialize import dump_workspace
from briefing_app.model.types import CONFIDENCE_LEVELS

ROOT = Path(__file__).resolve().parents[2]
WORKSPACE = ROOT / "data" / "japan-korea.briefing.yaml"
SEEDS = ROOT.parent / "shared" / "seeds"
SEED_OF = {
    "doc-rapprochement": "000_40f1097e03c06320.txt",
    "doc-trilateral": "001_ea93d734c9c2d24c.txt",
}


@pytest.fixture(scope="module")
def result():
    return read_workspace(WORKSPACE)


@pytest.fixture(scope="module")
def ws(result):
    assert result.workspace is not None
    return result.workspace


@pytest.fixture(scope="module")
def texts(ws):
    return {d.id: read_document_text(ws, d)[0] for d in ws.documents}


@pytest.fixture(scope="module")
def build_script():
    spec = importlib.util.spec_from_file_location("build_example", ROOT / "scripts" / "build_example.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_example", module)
    spec.loader.exec_module(module)
    return module


def test_is_the_default_workspace():
    assert default_workspace_path().resolve() == WORKSPACE.resolve()


def test_loads_and_validates_without_any_problem(result):
    assert result.workspace is not None
    assert [str(p) for p in result.problems] == []


def test_committed_file_is_the_build_script_output(build_script, ws):
    built = build_script.build(seeds=None)  # uses the document copies already in data/
    assert dump_workspace(built) == WORKSPACE.read_text(encoding="utf-8")


def test_documents_sha256_match_their_bytes(ws):
    for d in ws.documents:
        raw = ws.document_path(d).read_bytes()
        assert hashlib.sha256(raw).hexdigest() == d.sha256, d.id


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed articles not present beside the repository")
def test_documents_are_byte_identical_to_the_seeds(ws):
    for d in ws.documents:
        assert ws.document_path(d).read_bytes() == (SEEDS / SEED_OF[d.id]).read_bytes(), d.id


def test_documents_have_estimated_dates_with_reasons(ws):
    docs = ws.document_by_id
    assert set(docs) == set(SEED_OF)
    for d in ws.documents:
        assert d.published is not None and d.published_estimated and d.published_note
        assert d.reliability and d.extra.get("reliability_note")
    assert docs["doc-rapprochement"].published.year == 2022
    assert docs["doc-trilateral"].published.iso().startswith("2023-04")


def test_every_annotation_reanchors_exactly(ws, texts):
    by_doc = {}
    for a in ws.annotations:
        by_doc.setdefault(a.document, []).append(a)
    for doc_id, anns in by_doc.items():
        text = texts[doc_id]
        anchors = reanchor_all(text, [a.selector for a in anns])
        for a, anchor in zip(anns, anchors):
            sel = a.selector
            assert text[sel.start:sel.end] == sel.exact, a.id
            assert anchor.status == "exact", (a.id, anchor.status)
            assert sel.prefix == text[max(0, sel.start - 32):sel.start], a.id
            assert sel.suffix == text[sel.end:sel.end + 32], a.id


def test_every_relation_state_and_event_has_anchored_evidence(ws):
    anns = ws.annotation_by_id
    claims = [(f"{r.id} state {i}", s.evidence) for r in ws.relations for i, s in enumerate(r.states)]
    claims += [(e.id, e.evidence) for e in ws.events]
    assert len(claims) > 50
    for name, evidence in claims:
        assert evidence, f"{name} has no evidence"
        for ann_id in evidence:
            assert ann_id in anns, f"{name}: unknown annotation {ann_id}"
            assert anns[ann_id].selector.exact.strip(), ann_id


def test_key_actors_and_aliases(ws):
    ents = ws.entity_by_id
    forms = {eid: {a.text for a in e.surface_forms()} for eid, e in ents.items()}
    assert {"ROK", "Seoul", "South Korean", "South Koreans", "한국"} <= forms["kor"]
    assert {"DPRK", "Pyongyang", "North Korean"} <= forms["prk"]
    assert {"U.S.", "US", "United States", "Washington", "American"} <= forms["usa"]
    assert {"Tokyo", "Japanese"} <= forms["jpn"]
    assert {"Beijing", "Chinese"} <= forms["chn"]
    assert {"Moscow", "Russian"} <= forms["rus"]
    assert {"Taipei", "Taiwanese"} <= forms["twn"]
    assert "윤석열" in forms["yoon"] and "岸田文雄" in forms["kishida"] and "문재인" in forms["moon"]
    assert "岸信夫" in forms["kishi"] and "박진" in forms["park-jin"]
    # Native-script names compare exactly.
    assert next(a for a in ents["yoon"].aliases if a.text == "윤석열").case == "exact"
    for eid in ("jpn", "kor", "prk", "chn", "rus", "usa", "twn", "ukr", "aus", "ind", "phl", "khm", "gbr"):
        e = ents[eid]
        assert e.type == "country" and e.country and e.lat is not None and e.lon is not None, eid
    for eid in ("wto", "nato", "quad", "ipef", "chip4", "pbp", "kor-supreme-court", "us-congress", "ifans",
                "gsomia", "treaty-1965", "declaration-1998", "aukus", "white-list", "usfj", "usfk", "jsdf", "pla",
                "ija", "sea-of-japan", "taiwan-strait", "phnom-penh", "korean-peninsula", "western-pacific",
                "indo-pacific", "biden", "blinken", "austin", "kim-han-kwon"):
        assert eid in ents, eid
    for e in ws.entities:
        if e.type == "person":
            assert e.affiliation in ents, e.id
        if e.type == "place":
            assert e.lat is not None and e.lon is not None, e.id


def test_matcher_finds_metonyms_and_names_in_the_articles(ws, texts):
    matcher = AliasMatcher.from_workspace(ws)
    assert not matcher.ambiguous
    found = {}
    for doc_id, text in texts.items():
        for m in matcher.find(text):
            found.setdefault(text[m.start:m.end], set()).add(m.entity_id)
    expected = {
        "Seoul": "kor", "Tokyo": "jpn", "Washington": "usa", "Pyongyang": "prk", "Taipei": "twn",
        "South Korean Supreme Court": "kor-supreme-court", "Moon Jae-in": "moon", "Nobuo Kishi": "kishi",
        "Park Jin": "park-jin", "Kim Han-kwon": "kim-han-kwon", "Phnom Penh": "phnom-penh",
        "Sea of Japan": "sea-of-japan", "Taiwan Strait": "taiwan-strait", "U.S.": "usa", "US": "usa",
        "Imperial Japanese Armies": "ija", "US forces stationed in Japan": "usfj", "Quad": "quad",
        "World Trade Organization": "wto", "President Yoon Suk Yeol": "yoon", "Mr. Yoon": "yoon",
    }
    for surface, eid in expected.items():
        # A longer alias may hold the name ("Foreign Minister Park Jin"): same entity.
        holders = {e for text, ids in found.items() if surface in text for e in ids}
        assert eid in holders, surface
        assert found.get(surface, {eid}) == {eid}, surface


def _state(ws, relation_id, day):
    s = ws.relation_by_id[relation_id].state_at(day)
    return s.state if s else None


def test_gsomia_states_over_time(ws):
    assert _state(ws, "jpn-kor-gsomia", dt.date(2019, 6, 15)) == "active"
    assert _state(ws, "jpn-kor-gsomia", dt.date(2019, 9, 15)) == "termination-notified"
    assert _state(ws, "jpn-kor-gsomia", dt.date(2019, 12, 15)) == "suspended"
    assert _state(ws, "jpn-kor-gsomia", dt.date(2023, 6, 15)) == "restored"
    assert _state(ws, "jpn-kor-gsomia", dt.date(2015, 1, 1)) is None


def test_trade_relations_over_time(ws):
    assert _state(ws, "jpn-kor-export-controls", dt.date(2020, 1, 1)) == "active"
    assert _state(ws, "jpn-kor-export-controls", dt.date(2023, 4, 30)) == "terminated"
    assert _state(ws, "kor-jpn-white-list", dt.date(2021, 1, 1)) == "terminated"
    assert _state(ws, "kor-jpn-white-list", dt.date(2023, 4, 30)) == "restored"
    assert _state(ws, "kor-jpn-wto-complaint", dt.date(2020, 1, 1)) == "active"
    assert _state(ws, "kor-jpn-wto-complaint", dt.date(2023, 4, 30)) == "terminated"


def test_trilateral_missile_warning_agreed_in_phnom_penh(ws, texts):
    r = ws.relation_by_id["usa-jpn-kor-missile-warning"]
    assert set(r.members) == {"usa", "jpn", "kor"}
    first = r.states[0]
    assert first.start.iso() == "2022-11"
    quote = ws.annotation_by_id[first.evidence[0]].selector.exact
    assert "Phnom Penh" in quote and "real-time North Korean missile warning data" in quote


def test_partial_dates_of_key_events(ws):
    ev = ws.event_by_id
    assert (ev["ev-colonial-rule"].date.iso(), ev["ev-colonial-rule"].end.iso()) == ("1910", "1945")
    assert ev["ev-1965-settlement"].date.iso() == "1965"
    assert ev["ev-1998-declaration"].date.iso() == "1998"
    assert ev["ev-austin-visit"].date.iso() == "2021-03"
    assert ev["ev-white-paper-2022"].date.iso() == "2022-07" and "summer" in ev["ev-white-paper-2022"].note
    assert ev["ev-phnom-penh-summit"].date.iso() == "2022-11"
    assert ev["ev-state-dinner"].date.iso() == "2023-04-26"
    assert ev["ev-congress-speech"].date.iso() == "2023-04-27"


def test_garbled_passages_are_recorded_as_the_sources_support(ws):
    anns = ws.annotation_by_id
    assert "XNUMXth" in anns["ann-d1-xnumx"].selector.exact and "20th century" in anns["ann-d1-xnumx"].note
    garble = anns["ann-d1-missiles-garble"]
    assert "nearly 2022 ballistic and cruise missiles in 88" in garble.selector.exact
    missiles = ws.event_by_id["ev-missile-launches-2022"]
    assert missiles.date.iso() == "2022" and "88" in missiles.title and "swapped" in missiles.note


def test_key_judgments_questions_and_assumptions(ws):
    by_tag = {}
    for a in ws.annotations:
        by_tag.setdefault(a.tag, []).append(a)
    kjs = by_tag["key-judgment"]
    assert 4 <= len(kjs) <= 8
    for a in kjs:
        assert a.confidence in CONFIDENCE_LEVELS and a.note, a.id
    assert by_tag.get("question") and by_tag.get("assumption")
