"""Pure edits behind the property editors: briefing, entity and document properties, and deletes.

Each function takes a snapshot and returns a new one (AppState wraps it in an
undo command). Values are checked here, with the same rules as validation,
so that an editor can never write a workspace that no longer opens; a bad
value raises :class:`PropertyError` with a message for the user.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from briefing_app.model.dates import DateError, PartialDate
from briefing_app.model.edits import put_item, remove_item
from briefing_app.model.types import (
    ALIAS_CASE_RULES,
    RELIABILITY_INFO,
    RELIABILITY_SOURCE,
    Alias,
    Workspace,
)

_ISO3 = re.compile(r"^[A-Z]{3}$")


class PropertyError(ValueError):
    """A value an editor cannot accept; the message says which and what to type instead."""


def parse_optional_date(text: str, what: str) -> PartialDate | None:
    """``''`` → None, ``'2023'``/``'2023-09'``/``'2023-09-16'`` → PartialDate; else PropertyError."""
    text = text.strip()
    if not text:
        return None
    try:
        return PartialDate.parse(text)
    except DateError as exc:
        raise PropertyError(f"{what}: {exc}; type YYYY, YYYY-MM or YYYY-MM-DD") from None


# -- briefing ------------------------------------------------------------------
def set_briefing_properties(ws: Workspace, *, title: str, subtitle: str = "", author: str = "",
                            classification: str = "", as_of: PartialDate | None = None, bluf: str = "") -> Workspace:
    """The briefing's cover: title (required), subtitle, author, banner, as-of date, BLUF."""
    title = " ".join(title.split())
    if not title:
        raise PropertyError("Title: a briefing needs a title")
    new = replace(ws.briefing, title=title, subtitle=subtitle.strip(), author=author.strip(),
                  classification=classification.strip() or "UNCLASSIFIED", as_of=as_of, bluf=bluf.strip())
    return ws if new == ws.briefing else ws.with_(briefing=new)


# -- entities ------------------------------------------------------------------
def set_entity_properties(ws: Workspace, entity_id: str, *, name: str, type_: str, aliases: tuple[Alias, ...] = (),
                          country: str = "", lat: float | None = None, lon: float | None = None,
                          affiliation: str | None = None, description: str = "") -> Workspace:
    """Replace an entity's editable properties (its id, links and unknown keys stay)."""
    old = ws.entity_by_id.get(entity_id)
    if old is None:
        raise PropertyError(f"no entity '{entity_id}' (it was deleted)")
    name = " ".join(name.split())
    if not name:
        raise PropertyError("Name: an entity needs a name")
    if type_ not in ws.vocabulary.all_entity_types():
        raise PropertyError(f"Type: '{type_}' is not an entity type of this workspace")
    country = country.strip().upper()
    if country and not _ISO3.match(country):
        raise PropertyError(f"Country: '{country}' must be an ISO 3166 alpha-3 code such as MLI or FRA")
    if (lat is None) != (lon is None):
        raise PropertyError("Place: give both latitude and longitude, or neither")
    if lat is not None and not -90 <= lat <= 90:
        raise PropertyError(f"Latitude {lat} is out of range -90..90")
    if lon is not None and not -180 <= lon <= 180:
        raise PropertyError(f"Longitude {lon} is out of range -180..180")
    if affiliation == entity_id:
        raise PropertyError("Affiliation: an entity cannot be affiliated with itself")
    if affiliation and affiliation not in ws.entity_by_id:
        raise PropertyError("Affiliation: that entity no longer exists")
    seen = {name}
    kept = []
    for a in aliases:
        text = " ".join(a.text.split())
        if a.case not in ALIAS_CASE_RULES:
            raise PropertyError(f"Alias '{text}': case rule must be one of {', '.join(ALIAS_CASE_RULES)}")
        if text and text not in seen:
            seen.add(text)
            kept.append(replace(a, text=text))
    new = replace(old, name=name, type=type_, aliases=tuple(kept), country=country or None, lat=lat, lon=lon,
                  affiliation=affiliation or None, description=description.strip())
    return ws if new == old else put_item(ws, "entities", new)


# -- documents -------------------------------------------------------------------
def check_reliability(code: str) -> str:
    """The Admiralty grade upper-cased ('' allowed); PropertyError when it is not one."""
    code = code.strip().upper()
    if code and not (len(code) == 2 and code[0] in RELIABILITY_SOURCE and code[1] in RELIABILITY_INFO):
        raise PropertyError(f"Reliability: '{code}' must be an Admiralty code: A–F then 1–6, e.g. B2")
    return code


def set_document_properties(ws: Workspace, doc_id: str, *, title: str, publisher: str = "", url: str = "",
                            published: PartialDate | None = None, reliability: str = "",
                            estimated: bool | None = None) -> Workspace:
    """A document's metadata. A changed date is no longer an estimate unless ``estimated`` says so;
    ``estimated=False`` confirms an estimated date as it is."""
    old = ws.document_by_id.get(doc_id)
    if old is None:
        raise PropertyError(f"no document '{doc_id}' (it was deleted)")
    title = " ".join(title.split())
    if not title:
        raise PropertyError("Title: a document needs a title")
    new = replace(old, title=title, publisher=publisher.strip(), url=url.strip(), published=published,
                  reliability=check_reliability(reliability))
    if estimated is None:
        estimated = old.published_estimated and new.published == old.published
    if published is None:
        estimated = False
    if not estimated:
        new = replace(new, published_estimated=False, published_note="")
    else:
        new = replace(new, published_estimated=True)
    return ws if new == old else put_item(ws, "documents", new)


# -- what refers to what, and deletes that leave no dangling id -----------------------
@dataclass(frozen=True)
class Reference:
    """Something that names the item about to be deleted, in words for the user."""

    section: str  # entities / relations / events / annotations
    item_id: str
    text: str  # e.g. "relation “Mali – Niger” (alliance): member"


def _entity_name(ws: Workspace, eid: str) -> str:
    e = ws.entity_by_id.get(eid)
    return e.name if e else eid


def _relation_name(ws: Workspace, rid: str) -> str:
    r = ws.relation_by_id[rid]
    return r.label or " – ".join(_entity_name(ws, m) for m in r.members)


def _quote(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return f"“{flat[:limit]}…”" if len(flat) > limit else f"“{flat}”"


def references_to_entity(ws: Workspace, entity_id: str) -> list[Reference]:
    """Relations, events, annotations and entities that name ``entity_id``."""
    out = []
    for e in ws.entities:
        if e.affiliation == entity_id:
            out.append(Reference("entities", e.id, f"entity “{e.name}”: affiliated with it"))
    for r in ws.relations:
        if entity_id in r.members:
            gone = " (the relation is deleted: fewer than two members would remain)" if len(r.members) <= 2 else ""
            out.append(Reference("relations", r.id, f"relation “{_relation_name(ws, r.id)}” ({r.kind}): member{gone}"))
        if r.entity == entity_id:
            out.append(Reference("relations", r.id, f"relation “{_relation_name(ws, r.id)}”: embodied by it"))
    for ev in ws.events:
        if entity_id in ev.participants:
            out.append(Reference("events", ev.id, f"event “{ev.title}”: participant"))
    for a in ws.annotations:
        if entity_id in a.entities:
            out.append(Reference("annotations", a.id, f"annotation {_quote(a.selector.exact)}: linked entity"))
    return out


def references_to_annotation(ws: Workspace, annotation_id: str) -> list[Reference]:
    """Relation states and events that cite the annotation as evidence."""
    out = []
    for r in ws.relations:
        for s in r.states:
            if annotation_id in s.evidence:
                out.append(Reference("relations", r.id, f"relation “{_relation_name(ws, r.id)}”, state {s.state} "
                                                        f"from {s.start.label()}: evidence"))
    for ev in ws.events:
        if annotation_id in ev.evidence:
            out.append(Reference("events", ev.id, f"event “{ev.title}”: evidence"))
    return out


def references_to_document(ws: Workspace, doc_id: str) -> list[Reference]:
    """The document's annotations, and everything citing those annotations."""
    out = []
    for a in ws.annotations:
        if a.document == doc_id:
            out.append(Reference("annotations", a.id, f"annotation {_quote(a.selector.exact)}: in this document"))
            out.extend(references_to_annotation(ws, a.id))
    return out


def _drop_evidence(ws: Workspace, gone: set[str]) -> Workspace:
    if not gone:
        return ws
    relations = tuple(
        replace(r, states=tuple(replace(s, evidence=tuple(x for x in s.evidence if x not in gone))
                                if gone & set(s.evidence) else s for s in r.states))
        if any(gone & set(s.evidence) for s in r.states) else r
        for r in ws.relations
    )
    events = tuple(replace(e, evidence=tuple(x for x in e.evidence if x not in gone)) if gone & set(e.evidence) else e
                   for e in ws.events)
    return ws.with_(relations=relations, events=events)


def delete_document(ws: Workspace, doc_id: str) -> Workspace:
    """Remove a document from the workspace (its file stays on disk), its annotations, and
    their evidence pointers."""
    gone = {a.id for a in ws.annotations if a.document == doc_id}
    ws = remove_item(ws, "documents", doc_id)
    ws = ws.with_(annotations=tuple(a for a in ws.annotations if a.id not in gone))
    return _drop_evidence(ws, gone)
