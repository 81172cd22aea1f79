"""Immutable types of a briefing workspace.

Every item is a frozen dataclass; an edit builds a new :class:`Workspace`
(see :mod:`briefing_app.model.edits`), which is what makes undo a swap of
snapshots. Keys the program does not know are kept in ``extra`` and written
back on save, so hand-added fields survive.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any, Mapping

from briefing_app.model.dates import PartialDate

# -- vocabularies -----------------------------------------------------------
# Built-in words; a workspace may add its own under ``vocabulary:``.
ENTITY_TYPES = ("country", "person", "organization", "agreement", "military", "place", "event-series")
RELATION_KINDS = (
    "alliance",
    "security-cooperation",
    "intelligence-sharing",
    "trade",
    "trade-restriction",
    "diplomatic",
    "dispute",
    "threat",
    "membership",
)
RELATION_STATES = (
    "proposed",
    "active",
    "restored",
    "strained",
    "suspended",
    "termination-notified",
    "terminated",
)
ANNOTATION_TAGS = ("key-judgment", "evidence", "assumption", "question", "quote")
# US ICD 203 estimative language, weakest to strongest.
CONFIDENCE_LEVELS = (
    "almost-no-chance",
    "very-unlikely",
    "unlikely",
    "roughly-even-chance",
    "likely",
    "very-likely",
    "almost-certain",
)
CONFIDENCE_LABELS = {
    "almost-no-chance": "almost no chance (01–05%)",
    "very-unlikely": "very unlikely (05–20%)",
    "unlikely": "unlikely (20–45%)",
    "roughly-even-chance": "roughly even chance (45–55%)",
    "likely": "likely (55–80%)",
    "very-likely": "very likely (80–95%)",
    "almost-certain": "almost certain (95–99%)",
}
RELIABILITY_SOURCE = "ABCDEF"  # Admiralty code: source reliability
RELIABILITY_INFO = "123456"  # Admiralty code: information credibility
# How an alias is compared with the text: "auto" is exact for acronyms
# (no lower-case letter: "US", "ROK", "U.S.") and case-insensitive otherwise.
ALIAS_CASE_RULES = ("auto", "exact", "ignore")



@dataclass(frozen=True)
class Alias:
    """One surface form of an entity ("Seoul", "South Korean", "ROK")."""

    text: str
    case: str = "auto"
    note: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict, hash=False)  # unknown keys, kept on save


@dataclass(frozen=True)
class Briefing:
    title: str = "Untitled briefing"
    subtitle: str = ""
    author: str = ""
    classification: str = "UNCLASSIFIED"
    as_of: PartialDate | None = None
    bluf: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)  # unknown keys, kept on save


@dataclass(frozen=True)
class Vocabulary:
    """Words a workspace adds to the built-in vocabularies."""

    entity_types: tuple[str, ...] = ()
    relation_kinds: tuple[str, ...] = ()
    relation_states: tuple[str, ...] = ()
    annotation_tags: tuple[str, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict, hash=False)  # unknown keys, kept on save

    def all_entity_types(self) -> tuple[str, ...]:
        return ENTITY_TYPES + tuple(t for t in self.entity_types if t not in ENTITY_TYPES)

    def all_relation_kinds(self) -> tuple[str, ...]:
        return RELATION_KINDS + tuple(k for k in self.relation_kinds if k not in RELATION_KINDS)

    def all_relation_states(self) -> tuple[str, ...]:
        return RELATION_STATES + tuple(s for s in self.relation_states if s not in RELATION_STATES)

    def all_annotation_tags(self) -> tuple[str, ...]:
        return ANNOTATION_TAGS + tuple(t for t in self.annotation_tags if t not in ANNOTATION_TAGS)


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    type: str
    aliases: tuple[Alias, ...] = ()
    country: str | None = None  # ISO 3166-1 alpha-3, links to a map shape
    lat: float | None = None
    lon: float | None = None
    affiliation: str | None = None  # entity id (a minister's country, a force's state)
    description: str = ""
    links: tuple[str, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)  # unknown keys, kept on save

    def surface_forms(self) -> tuple[Alias, ...]:
        """The name followed by every alias, each once."""
        seen = {self.name}
        forms = [Alias(self.name)]
        for a in self.aliases:
            if a.text not in seen:
                seen.add(a.text)
                forms.append(a)
        return tuple(forms)


@dataclass(frozen=True)
class RelationState:
    """A relation's state over ``[start, end]``; an open end runs to today."""

    state: str
    start: PartialDate
    end: PartialDate | None = None
    evidence: tuple[str, ...] = ()
    note: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)  # unknown keys, kept on save

    def covers(self, day: _dt.date) -> bool:
        """Whether the state holds on ``day`` (a partial start counts from its first day)."""
        if day < self.start.start:
            return False
        return self.end is None or day <= self.end.end


@dataclass(frozen=True)
class Relation:
    id: str
    kind: str
    members: tuple[str, ...]  # entity ids; for a directed relation, source then target
    states: tuple[RelationState, ...] = ()
    directed: bool = False
    label: str = ""
    lane: str = ""
    entity: str | None = None  # the agreement or body that embodies it, if any
    description: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)  # unknown keys, kept on save

    def state_at(self, day: _dt.date) -> RelationState | None:
        """The state holding on ``day``; the latest-starting one wins an overlap."""
        best = None
        for s in self.states:
            if s.covers(day) and (best is None or s.start >= best.start):
                best = s
        return best


@dataclass(frozen=True)
class Event:
    id: str
    date: PartialDate | None
    title: str
    end: PartialDate | None = None
    kind: str = ""
    participants: tuple[str, ...] = ()
    lane: str = ""
    evidence: tuple[str, ...] = ()
    description: str = ""
    note: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)  # unknown keys, kept on save


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    path: str  # relative to the workspace folder
    publisher: str = ""
    url: str = ""
    published: PartialDate | None = None
    published_estimated: bool = False
    published_note: str = ""
    sha256: str = ""
    reliability: str = ""  # Admiralty code, e.g. "B2"
    language: str = "en"
    extra: Mapping[str, Any] = field(default_factory=dict)  # unknown keys, kept on save


@dataclass(frozen=True)
class Selector:
    """Where an annotation sits, after the W3C Web Annotation selectors.

    ``exact``/``prefix``/``suffix`` form a TextQuoteSelector and ``start``/
    ``end`` a TextPositionSelector (character offsets into the document text).
    """

    exact: str
    start: int
    end: int
    prefix: str = ""
    suffix: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict, hash=False)  # unknown keys, kept on save


@dataclass(frozen=True)
class Annotation:
    id: str
    document: str
    selector: Selector
    tag: str = "evidence"
    note: str = ""
    color: str = ""
    confidence: str = ""
    entities: tuple[str, ...] = ()
    created: str = ""
    modified: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)  # unknown keys, kept on save


@dataclass(frozen=True)
class Workspace:
    """One immutable snapshot of a workspace.

    ``root`` is the folder that document paths are relative to. Lookups by id
    are built once per snapshot on first use.
    """

    briefing: Briefing = field(default_factory=Briefing)
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()
    events: tuple[Event, ...] = ()
    documents: tuple[Document, ...] = ()
    annotations: tuple[Annotation, ...] = ()
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    schema: int = 1
    root: Path | None = field(default=None, compare=False)
    extra: Mapping[str, Any] = field(default_factory=dict)  # unknown keys, kept on save

    @cached_property
    def entity_by_id(self) -> Mapping[str, Entity]:
        return {e.id: e for e in self.entities}

    @cached_property
    def relation_by_id(self) -> Mapping[str, Relation]:
        return {r.id: r for r in self.relations}

    @cached_property
    def event_by_id(self) -> Mapping[str, Event]:
        return {e.id: e for e in self.events}

    @cached_property
    def document_by_id(self) -> Mapping[str, Document]:
        return {d.id: d for d in self.documents}

    @cached_property
    def annotation_by_id(self) -> Mapping[str, Annotation]:
        return {a.id: a for a in self.annotations}

    def document_path(self, doc: Document) -> Path:
        """Absolute path of a document's text file."""
        base = self.root if self.root is not None else Path.cwd()
        return base / doc.path

    def with_(self, **changes: Any) -> Workspace:
        """A new snapshot with some sections replaced (caches are not copied)."""
        return replace(self, **changes)
