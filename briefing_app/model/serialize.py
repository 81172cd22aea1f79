"""The canonical YAML form of a workspace.

Same workspace → same bytes: sections in a fixed order, items sorted by id,
keys in a fixed order with unknown keys after them (sorted), empty values
left out, multi-line text as ``|`` blocks. One edit therefore changes a few
lines of a git diff, and two analysts' files merge cleanly.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from briefing_app.model.dates import PartialDate
from briefing_app.model.yaml_values import YamlFloat, YamlInt
from briefing_app.model.types import Alias, Annotation, Document, Entity, Event, Relation, RelationState, Workspace

CANONICAL_HEADER = "# Briefing desk workspace (schema 1), written in canonical form: comments are not kept.\n"


@lru_cache(maxsize=1)
def _dumper() -> type:
    """The YAML dumper of the canonical form, made at the first write: reading a workspace (and
    the window's start) needs the dict form only, not PyYAML."""
    import yaml

    base: type = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # PyYAML may be built without libyaml

    class Dumper(base):  # type: ignore[misc, valid-type]
        def ignore_aliases(self, data: Any) -> bool:
            return True  # never write anchors: the file must read the same to a person

    def represent_str(dumper: Any, value: str) -> Any:
        if "\n" in value:
            return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
        return dumper.represent_scalar("tag:yaml.org,2002:str", value)

    def represent_as_written(tag: str) -> Any:
        # `0x1F`, `1:20`, `1.50`: written back as the user wrote them, not as 31, 80, 1.5.
        def represent(dumper: Any, value: YamlInt | YamlFloat) -> Any:
            return dumper.represent_scalar(tag, value.source)

        return represent

    Dumper.add_representer(str, represent_str)
    Dumper.add_representer(YamlInt, represent_as_written("tag:yaml.org,2002:int"))
    Dumper.add_representer(YamlFloat, represent_as_written("tag:yaml.org,2002:float"))
    return Dumper


def _put(out: dict[str, Any], key: str, value: Any) -> None:
    """Set a key unless the value is empty (keeps hand-written files short)."""
    if value is None or value == "" or value == () or value == [] or value is False:
        return
    if isinstance(value, PartialDate):
        value = value.iso()
    elif isinstance(value, tuple):
        value = list(value)
    out[key] = value


def _put_kept_empty(out: dict[str, Any], key: str, value: str, default: str) -> None:
    """Like :func:`_put`, but an empty value is written ('') when leaving it out would read back
    as a non-empty default (an empty classification must not come back as UNCLASSIFIED)."""
    if value == "" and default:
        out[key] = ""
    elif value != default or key in ("title", "classification", "tag"):  # these are always written
        _put(out, key, value)


def _with_extra(out: dict[str, Any], extra: Any) -> dict[str, Any]:
    # Sorted by text, then by type: keys 1 and '1' are two keys and both stay.
    for k in sorted(extra, key=lambda k: (str(k), type(k).__name__)):
        if k not in out:
            out[k] = extra[k]
    return out


def _alias(a: Alias) -> Any:
    if a.case == "auto" and not a.note and not a.extra:
        return a.text
    out: dict[str, Any] = {"text": a.text}
    if a.case != "auto":
        out["case"] = a.case
    _put(out, "note", a.note)
    return _with_extra(out, a.extra)


def entity_dict(e: Entity) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in (
        ("id", e.id), ("name", e.name), ("type", e.type), ("aliases", [_alias(a) for a in e.aliases]),
        ("country", e.country), ("lat", e.lat), ("lon", e.lon), ("affiliation", e.affiliation),
        ("description", e.description), ("links", e.links),
    ):
        _put(out, key, value)
    return _with_extra(out, e.extra)


def state_dict(s: RelationState) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in (("state", s.state), ("from", s.start), ("to", s.end), ("evidence", s.evidence), ("note", s.note)):
        _put(out, key, value)
    return _with_extra(out, s.extra)


def relation_dict(r: Relation) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in (
        ("id", r.id), ("kind", r.kind), ("members", r.members), ("directed", r.directed), ("label", r.label),
        ("lane", r.lane), ("entity", r.entity), ("description", r.description),
    ):
        _put(out, key, value)
    out = _with_extra(out, r.extra)
    if r.states:
        out["states"] = [state_dict(s) for s in r.states]  # last: the long part
    return out


def event_dict(e: Event) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in (
        ("id", e.id), ("date", e.date), ("end", e.end), ("title", e.title), ("kind", e.kind),
        ("participants", e.participants), ("lane", e.lane), ("evidence", e.evidence),
        ("description", e.description), ("note", e.note),
    ):
        _put(out, key, value)
    return _with_extra(out, e.extra)


def document_dict(d: Document) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in (
        ("id", d.id), ("title", d.title), ("publisher", d.publisher), ("url", d.url), ("published", d.published),
        ("published_estimated", d.published_estimated), ("published_note", d.published_note), ("path", d.path),
        ("sha256", d.sha256), ("reliability", d.reliability),
    ):
        _put(out, key, value)
    _put_kept_empty(out, "language", d.language, "en")
    return _with_extra(out, d.extra)


def annotation_dict(a: Annotation) -> dict[str, Any]:
    out: dict[str, Any] = {}
    _put(out, "id", a.id)
    _put(out, "document", a.document)
    _put_kept_empty(out, "tag", a.tag, "evidence")
    sel: dict[str, Any] = {"exact": a.selector.exact}
    _put(sel, "prefix", a.selector.prefix)
    _put(sel, "suffix", a.selector.suffix)
    sel["start"] = a.selector.start
    sel["end"] = a.selector.end
    out["selector"] = _with_extra(sel, a.selector.extra)
    for key, value in (
        ("note", a.note), ("color", a.color), ("confidence", a.confidence), ("entities", a.entities),
        ("created", a.created), ("modified", a.modified),
    ):
        _put(out, key, value)
    return _with_extra(out, a.extra)


def workspace_dict(ws: Workspace) -> dict[str, Any]:
    """The canonical plain-data form (what is written to YAML)."""
    b = ws.briefing
    briefing: dict[str, Any] = {}
    for key, value in (
        ("title", b.title), ("subtitle", b.subtitle), ("author", b.author),
        ("classification", b.classification), ("as_of", b.as_of), ("bluf", b.bluf),
    ):
        if key in ("title", "classification"):
            _put_kept_empty(briefing, key, value, "Untitled briefing" if key == "title" else "UNCLASSIFIED")
        else:
            _put(briefing, key, value)
    out: dict[str, Any] = {"schema": ws.schema, "briefing": _with_extra(briefing, b.extra)}
    vocab: dict[str, Any] = {}
    for key in ("entity_types", "relation_kinds", "relation_states", "annotation_tags"):
        _put(vocab, key, getattr(ws.vocabulary, key))
    vocab = _with_extra(vocab, ws.vocabulary.extra)
    if vocab:
        out["vocabulary"] = vocab

    def by_id(items: tuple[Any, ...]) -> list[Any]:
        return sorted(items, key=lambda x: x.id)

    out["entities"] = [entity_dict(e) for e in by_id(ws.entities)]
    out["relations"] = [relation_dict(r) for r in by_id(ws.relations)]
    out["events"] = [event_dict(e) for e in by_id(ws.events)]
    out["documents"] = [document_dict(d) for d in by_id(ws.documents)]
    out["annotations"] = [annotation_dict(a) for a in by_id(ws.annotations)]
    return _with_extra(out, ws.extra)


def _dump(data: Any) -> str:
    import yaml  # loaded with the dumper

    text = yaml.dump(
        data,
        Dumper=_dumper(),
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=4096,  # no folding: a changed word must not rewrap neighbouring lines
        indent=2,
    )
    # A document ending in an open block scalar gets an explicit end marker;
    # inside the whole file that chunk is not at the end, so drop it.
    return text[:-4] if text.endswith("\n...\n") else text


def dump_workspace(ws: Workspace) -> str:
    """The canonical YAML text of ``ws``.

    Written item by item rather than as one document: the text is the same,
    but each call into the C emitter is short, so a save on a worker thread
    does not hold the interpreter lock for seconds and the window keeps
    answering while a big workspace is written.
    """
    data = workspace_dict(ws)
    parts = [CANONICAL_HEADER]
    for key, value in data.items():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            parts.append(_dump({key: []}).replace(" []\n", "\n"))
            parts.extend(_dump([item]) for item in value)
        else:
            parts.append(_dump({key: value}))
    return "".join(parts)


def dump_workspace_whole(ws: Workspace) -> str:
    """The same text in a single emitter call (reference for the chunked writer)."""
    return CANONICAL_HEADER + _dump(workspace_dict(ws))
