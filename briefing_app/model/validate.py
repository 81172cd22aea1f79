"""Cross-item checks of a workspace: ids, references, vocabularies, files.

Runs after :mod:`briefing_app.model.parse` (which checks each field's type)
and reports every problem at once, each at its place in the file.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from briefing_app.model.conflicts import conflict_problems
from briefing_app.model.parse import ItemPlace, SourceMap
from briefing_app.model.problems import Problem
from briefing_app.model.safe_files import is_regular_file, path_problem, read_regular_file, UnreadableFile
from briefing_app.model.types import ALIAS_CASE_RULES, CONFIDENCE_LEVELS, RELIABILITY_INFO, RELIABILITY_SOURCE, Workspace

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]*$")
_ISO3 = re.compile(r"^[A-Z]{3}$")
_NOWHERE = ItemPlace((1, 1))  # an item the read did not place; the checks only read places
_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")


def resolve_document_path(root: Path, rel: str) -> Path | None:
    """The document file inside ``root``, or None when ``rel`` escapes it.

    Absolute paths, ``..`` and symlinks that lead outside the workspace are
    refused: a workspace from elsewhere must not make the app read any file.
    """
    if not rel or path_problem(rel) or Path(rel).is_absolute() or rel.startswith(("/", "\\")):
        return None
    try:
        root_real = root.resolve()
        candidate = (root_real / rel).resolve()
        candidate.relative_to(root_real)
    except (ValueError, OSError, RuntimeError):  # outside, a NUL, a symlink loop
        return None
    return candidate


class _Checker:
    def __init__(self, ws: Workspace, smap: SourceMap):
        self.ws = ws
        self.smap = smap
        self.problems: list[Problem] = []

    def place(self, section: str, index: int) -> ItemPlace:
        return self.smap.items.get((section, index), _NOWHERE)

    def add(self, pos: tuple[int, int], message: str, severity: str = "error", blocking: bool = True) -> None:
        self.problems.append(Problem(self.smap.file, pos[0], pos[1], message, severity, blocking))


def validate(ws: Workspace, smap: SourceMap, check_files: bool = True) -> list[Problem]:
    """Every cross-item problem of ``ws``, in file order."""
    problems = validate_items(ws, smap) + (validate_files(ws, smap) if check_files else [])
    problems.sort(key=lambda pr: (pr.line, pr.col))
    return problems


def validate_files(ws: Workspace, smap: SourceMap) -> list[Problem]:
    """Problems of the document files: missing, outside the workspace, changed."""
    c = _Checker(ws, smap)
    if ws.root is None:
        return []
    for i, d in enumerate(ws.documents):
        if d.path:
            _check_document_file(c, ws.root, d, c.place("documents", i), f"document '{d.id}'")
    return c.problems


def validate_items(ws: Workspace, smap: SourceMap) -> list[Problem]:
    """Problems within the file itself: ids, references, vocabularies, values."""
    c = _Checker(ws, smap)
    voc = ws.vocabulary
    entity_types = set(voc.all_entity_types())
    kinds = set(voc.all_relation_kinds())
    states = set(voc.all_relation_states())
    tags = set(voc.all_annotation_tags())

    # Ids: well-formed and unique per section.
    for section in ("entities", "relations", "events", "documents", "annotations"):
        seen: dict[str, ItemPlace] = {}
        for i, item in enumerate(getattr(ws, section)):
            place = c.place(section, i)
            if not item.id:
                continue  # already reported as missing
            if not _ID.match(item.id):
                c.add(place.at("id"), f"{section}: id '{item.id}' may hold only letters, digits and . _ : -")
            if item.id in seen:
                c.add(place.at("id"), f"{section}: duplicate id '{item.id}' (first on line {seen[item.id].at('id')[0]})")
            else:
                seen[item.id] = place

    entities = ws.entity_by_id
    annotations = ws.annotation_by_id
    documents = ws.document_by_id

    def refs(place: ItemPlace, key: str, ids: tuple[str, ...], pool: dict, what: str, owner: str) -> None:
        for x in ids:
            if x not in pool:
                c.add(place.at(key), f"{owner}: '{key}' names unknown {what} '{x}'")

    for i, e in enumerate(ws.entities):
        p = c.place("entities", i)
        owner = f"entity '{e.id}'"
        if e.type and e.type not in entity_types:
            c.add(p.at("type"), f"{owner}: unknown type '{e.type}' (one of: {', '.join(sorted(entity_types))}; "
                  "or add it under vocabulary: entity_types)")
        if e.country and not _ISO3.match(e.country):
            c.add(p.at("country"), f"{owner}: country '{e.country}' must be an ISO 3166 alpha-3 code such as JPN")
        if e.affiliation and e.affiliation not in entities:
            c.add(p.at("affiliation"), f"{owner}: 'affiliation' names unknown entity '{e.affiliation}'")
        if e.affiliation == e.id and e.id:
            c.add(p.at("affiliation"), f"{owner}: an entity cannot be affiliated with itself")
        if (e.lat is None) != (e.lon is None):
            c.add(p.at("lat" if e.lat is not None else "lon"), f"{owner}: give both 'lat' and 'lon', or neither")
        if e.lat is not None and not -90 <= e.lat <= 90:
            c.add(p.at("lat"), f"{owner}: lat {e.lat} out of range -90..90")
        if e.lon is not None and not -180 <= e.lon <= 180:
            c.add(p.at("lon"), f"{owner}: lon {e.lon} out of range -180..180")
        for a in e.aliases:
            if a.case not in ALIAS_CASE_RULES:
                c.add(p.at("aliases"), f"{owner}: alias '{a.text}' has case '{a.case}' (one of: auto, exact, ignore)")
            if not a.text.strip():
                c.add(p.at("aliases"), f"{owner}: an alias is empty")

    for i, r in enumerate(ws.relations):
        p = c.place("relations", i)
        owner = f"relation '{r.id}'"
        if r.kind and r.kind not in kinds:
            c.add(p.at("kind"), f"{owner}: unknown kind '{r.kind}' (one of: {', '.join(sorted(kinds))}; "
                  "or add it under vocabulary: relation_kinds)")
        # With positions, a missing key was reported by the parser; without (the fast read, an edited
        # snapshot) an empty "members:" must still be caught here, or it loads and then fails to reload.
        if len(r.members) < 2 and ("members" in p.keys or not p.keys):
            c.add(p.at("members"), f"{owner}: 'members' needs at least two entity ids")
        if len(set(r.members)) != len(r.members):
            c.add(p.at("members"), f"{owner}: a member is listed twice")
        refs(p, "members", r.members, entities, "entity", owner)
        if r.entity and r.entity not in entities:
            c.add(p.at("entity"), f"{owner}: 'entity' names unknown entity '{r.entity}'")
        for j, s in enumerate(r.states):
            sp = p.children.get(("states", j), p)
            sowner = f"{owner} state {j + 1}"
            if s.state and s.state not in states:
                c.add(sp.at("state"), f"{sowner}: unknown state '{s.state}' (one of: {', '.join(sorted(states))})")
            if s.end is not None and s.end.ends_before(s.start):
                c.add(sp.at("to"), f"{sowner}: 'to' {s.end} is before 'from' {s.start}")
            refs(sp, "evidence", s.evidence, annotations, "annotation", sowner)

    for i, ev in enumerate(ws.events):
        p = c.place("events", i)
        owner = f"event '{ev.id}'"
        if ev.date is not None and ev.end is not None and ev.end.ends_before(ev.date):
            c.add(p.at("end"), f"{owner}: 'end' {ev.end} is before 'date' {ev.date}")
        if ev.date is None and ev.end is not None:
            c.add(p.at("end"), f"{owner}: an 'end' needs a 'date'")
        refs(p, "participants", ev.participants, entities, "entity", owner)
        refs(p, "evidence", ev.evidence, annotations, "annotation", owner)

    for i, a in enumerate(ws.annotations):
        p = c.place("annotations", i)
        owner = f"annotation '{a.id}'"
        if a.document and a.document not in documents:
            c.add(p.at("document"), f"{owner}: 'document' names unknown document '{a.document}'")
        if a.tag and a.tag not in tags:
            c.add(p.at("tag"), f"{owner}: unknown tag '{a.tag}' (one of: {', '.join(sorted(tags))}; "
                  "or add it under vocabulary: annotation_tags)")
        if a.confidence and a.confidence not in CONFIDENCE_LEVELS:
            c.add(p.at("confidence"), f"{owner}: confidence '{a.confidence}' is not an ICD 203 term "
                  f"({', '.join(CONFIDENCE_LEVELS)})")
        if a.color and not _COLOR.match(a.color):
            c.add(p.at("color"), f"{owner}: color '{a.color}' must be #rgb or #rrggbb")
        if a.selector.start < 0 or a.selector.end < a.selector.start:
            c.add(p.at("selector"), f"{owner}: selector start/end {a.selector.start}..{a.selector.end} is not a range")
        refs(p, "entities", a.entities, entities, "entity", owner)

    for i, d in enumerate(ws.documents):
        p = c.place("documents", i)
        owner = f"document '{d.id}'"
        bad = path_problem(d.path) if d.path else None
        if bad:
            c.add(p.at("path"), f"{owner}: path {d.path[:60]!r}: {bad}")
        rel = d.reliability
        if rel and not (len(rel) == 2 and rel[0] in RELIABILITY_SOURCE and rel[1] in RELIABILITY_INFO):
            c.add(p.at("reliability"), f"{owner}: reliability '{rel}' must be an Admiralty code: A–F then 1–6, e.g. B2")
    c.problems += conflict_problems(ws, smap)  # left by `briefing-app merge`
    return c.problems


def _check_document_file(c: _Checker, root: Path, d, p: ItemPlace, owner: str) -> None:
    if path_problem(d.path):
        return  # reported by validate_items
    path = resolve_document_path(root, d.path)
    if path is None:
        c.add(p.at("path"), f"{owner}: path '{d.path}' leads outside the workspace folder; "
              "keep documents in the folder beside the workspace file")
        return
    if path.exists() and not is_regular_file(path):
        c.add(p.at("path"), f"{owner}: '{d.path}' is not a regular file (a folder, FIFO or device); "
              "point 'path' at a text file", blocking=False)
        return
    if not path.is_file():
        c.add(p.at("path"), f"{owner}: file '{d.path}' not found (looked in {path.parent})", blocking=False)
        return
    if d.sha256:
        try:
            digest = hashlib.sha256(read_regular_file(path)).hexdigest()
        except UnreadableFile as exc:
            c.add(p.at("path"), f"{owner}: '{d.path}' {exc}", blocking=False)
            return
        if digest != d.sha256.lower():
            c.add(p.at("sha256"), f"{owner}: '{d.path}' changed since it was recorded (sha256 differs); "
                  "annotations will be re-anchored", severity="warning", blocking=False)


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
