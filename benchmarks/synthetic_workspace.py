"""Deterministic synthetic workspaces of realistic size, for benchmarks.

``make_workspace(entities=5000, relations=20000, events=10000, annotations=5000)``
gives about 12 MB of canonical YAML, the size DESIGN.md plans for. Documents
are generated news-like text so that annotations anchor on real passages.
"""

from __future__ import annotations

import random
from pathlib import Path

from briefing_app.analysis.anchoring import make_selector
from briefing_app.model.dates import PartialDate
from briefing_app.model.io import save_workspace
from briefing_app.model.types import (
    CONFIDENCE_LEVELS,
    ENTITY_TYPES,
    RELATION_KINDS,
    Alias,
    Annotation,
    Briefing,
    Document,
    Entity,
    Event,
    Relation,
    RelationState,
    Workspace,
)

_SYL = ("ka", "lo", "mi", "ra", "ten", "vo", "shi", "dan", "bel", "gor", "an", "is", "tor", "ul", "zen", "pra")
_STATES = ("active", "strained", "suspended", "restored", "terminated")


def _name(rng: random.Random, used: set[str]) -> str:
    while True:
        n = "".join(rng.choice(_SYL) for _ in range(rng.randint(2, 4))).capitalize()
        if rng.random() < 0.3:
            n += " " + "".join(rng.choice(_SYL) for _ in range(2)).capitalize()
        if n not in used:
            used.add(n)
            return n


def _date(rng: random.Random, lo: int = 1900, hi: int = 2024) -> PartialDate:
    y = rng.randint(lo, hi)
    r = rng.random()
    if r < 0.2:
        return PartialDate(y)
    if r < 0.5:
        return PartialDate(y, rng.randint(1, 12))
    return PartialDate(y, rng.randint(1, 12), rng.randint(1, 28))


def make_workspace(
    folder: Path,
    entities: int = 5000,
    relations: int = 20000,
    events: int = 10000,
    annotations: int = 5000,
    documents: int = 50,
    seed: int = 7,
) -> Path:
    """Write a synthetic workspace into ``folder``; returns the workspace file."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "documents").mkdir(exist_ok=True)
    used: set[str] = set()
    ents = []
    for i in range(entities):
        name = _name(rng, used)
        t = ENTITY_TYPES[i % len(ENTITY_TYPES)]
        aliases = tuple(Alias(a) for a in {name.upper()[:4], name + "n", name.split()[0] + " Republic"} if a != name)
        ents.append(Entity(id=f"e{i:05d}", name=name, type=t, aliases=aliases, description=f"Synthetic {t} number {i}.",
                           lat=rng.uniform(-60, 70) if t in ("country", "place") else None,
                           lon=rng.uniform(-180, 180) if t in ("country", "place") else None))
    docs, texts = [], []
    for d in range(documents):
        sentences = []
        for _ in range(400):
            a, b = rng.sample(ents, 2)
            sentences.append(f"{a.name} and {b.name} discussed {rng.choice(('trade', 'security', 'missiles', 'history'))} "
                             f"in talks that officials described as {rng.choice(('frank', 'useful', 'tense', 'warm'))}.")
        text = "\n\n".join(" ".join(sentences[i:i + 5]) for i in range(0, len(sentences), 5)) + "\n"
        path = f"documents/doc{d:03d}.txt"
        (folder / path).write_text(text, encoding="utf-8")
        texts.append(text)
        docs.append(Document(id=f"doc{d:03d}", title=f"Synthetic report {d}", path=path, publisher="Synthetic Wire",
                             published=_date(rng, 2015, 2024), reliability=f"{'ABCDEF'[d % 6]}{1 + d % 6}"))
    anns = []
    for i in range(annotations):
        d = rng.randrange(documents)
        text = texts[d]
        start = rng.randrange(0, len(text) - 200)
        start = text.find(" ", start) + 1
        end = text.find(".", start + 20) + 1
        tag = ("evidence", "key-judgment", "question", "quote", "assumption")[i % 5]
        anns.append(Annotation(id=f"a{i:05d}", document=docs[d].id, selector=make_selector(text, start, end), tag=tag,
                               note=f"Note {i}." if i % 3 == 0 else "",
                               confidence=rng.choice(CONFIDENCE_LEVELS) if tag == "key-judgment" else ""))
    rels = []
    for i in range(relations):
        a, b = rng.sample(range(entities), 2)
        states, start = [], _date(rng, 1950, 2010)
        for _ in range(rng.randint(1, 3)):
            end = PartialDate(min(2024, start.year + rng.randint(1, 8)))
            states.append(RelationState(state=rng.choice(_STATES), start=start, end=end,
                                        evidence=(f"a{rng.randrange(annotations):05d}",)))
            start = PartialDate(min(2024, end.year + 1))
        rels.append(Relation(id=f"r{i:05d}", kind=RELATION_KINDS[i % len(RELATION_KINDS)],
                             members=(f"e{a:05d}", f"e{b:05d}"), states=tuple(states)))
    evs = []
    for i in range(events):
        a, b = rng.sample(range(entities), 2)
        evs.append(Event(id=f"v{i:05d}", date=_date(rng), title=f"Synthetic event {i}",
                         participants=(f"e{a:05d}", f"e{b:05d}"), evidence=(f"a{rng.randrange(annotations):05d}",)))
    ws = Workspace(briefing=Briefing(title="Synthetic workspace", as_of=PartialDate(2024, 1, 1)),
                   entities=tuple(ents), relations=tuple(rels), events=tuple(evs), documents=tuple(docs),
                   annotations=tuple(anns), root=folder)
    path = folder / "synthetic.briefing.yaml"
    save_workspace(ws, path, backup=False)
    return path
