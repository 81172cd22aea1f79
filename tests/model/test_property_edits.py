"""Property edits: checked values, untouched ids, deletes that leave no dangling id."""

import pytest

from briefing_app.model.annotations import delete_annotation
from briefing_app.model.dates import PartialDate
from briefing_app.model.edits import remove_entity
from briefing_app.model.io import load_workspace
from briefing_app.model.property_edits import (
    PropertyError,
    delete_document,
    parse_optional_date,
    references_to_annotation,
    references_to_document,
    references_to_entity,
    set_briefing_properties,
    set_document_properties,
    set_entity_properties,
)
from briefing_app.model.types import Alias
from briefing_app.model.parse import SourceMap
from briefing_app.model.validate import validate_items as _validate


def validate_items(ws):
    return _validate(ws, SourceMap("t"))


@pytest.fixture
def ws(tiny_workspace_path):
    return load_workspace(tiny_workspace_path)


def test_briefing_properties(ws):
    new = set_briefing_properties(ws, title="  Sahel   watch ", author="Desk 3", classification="",
                                  as_of=PartialDate(2024, 2), bluf="Juntas align.")
    b = new.briefing
    assert (b.title, b.author, b.classification, b.as_of, b.bluf) == ("Sahel watch", "Desk 3", "UNCLASSIFIED",
                                                                      PartialDate(2024, 2), "Juntas align.")
    assert new.entities is ws.entities
    with pytest.raises(PropertyError, match="needs a title"):
        set_briefing_properties(ws, title="  ")


def test_entity_properties_checked(ws):
    new = set_entity_properties(ws, "yoon", name="Yoon Suk-yeol", type_="person",
                                aliases=(Alias("Yoon"), Alias("YSY", "exact"), Alias("Yoon"), Alias("Yoon Suk-yeol")),
                                country="kor", lat=37.5, lon=127.0, affiliation="kor", description=" President ")
    e = new.entity_by_id["yoon"]
    assert e.name == "Yoon Suk-yeol" and e.country == "KOR" and e.description == "President"
    assert [(a.text, a.case) for a in e.aliases] == [("Yoon", "auto"), ("YSY", "exact")]
    assert validate_items(new) == []
    bad = [dict(country="Korea"), dict(lat=10.0), dict(lat=95.0, lon=1.0), dict(affiliation="yoon"),
           dict(type_="unicorn"), dict(name=" ")]
    for change in bad:
        kw = dict(name="Yoon", type_="person") | change
        with pytest.raises(PropertyError):
            set_entity_properties(ws, "yoon", **kw)


def test_document_properties(ws):
    new = set_document_properties(ws, "doc-1", title="New title", publisher="Wire", url="https://x.test/a",
                                  published=parse_optional_date("2023-05", "Published"), reliability="c3")
    d = new.document_by_id["doc-1"]
    assert (d.title, d.reliability, d.published) == ("New title", "C3", PartialDate(2023, 5))
    with pytest.raises(PropertyError, match="Admiralty"):
        set_document_properties(ws, "doc-1", title="t", reliability="G7")
    with pytest.raises(PropertyError, match="YYYY"):
        parse_optional_date("May 2023", "Published")


def test_references_name_what_refers(ws):
    texts = [r.text for r in references_to_entity(ws, "jpn")]
    assert any("Fumio Kishida" in t and "affiliated" in t for t in texts)
    assert any("Japan – South Korea" in t and "deleted" in t for t in texts)
    assert any("GSOMIA restored" in t for t in texts)
    assert not any("jpn" in t for t in texts)
    ann = ws.annotations[0].id
    assert references_to_annotation(ws, ann)
    assert len(references_to_document(ws, ws.annotations[0].document)) >= 2


def test_deletes_leave_no_dangling_id(ws):
    ann = ws.annotations[0]
    for new in (delete_annotation(ws, ann.id), delete_document(ws, ann.document), remove_entity(ws, "jpn")):
        assert validate_items(new) == []
    new = delete_document(ws, ann.document)
    assert ann.document not in new.document_by_id and ann.id not in new.annotation_by_id
