"""A second synthetic workspace, shaped unlike ``synthetic_workspace.py`` and written as YAML text
directly (not through our model or serializer), so that the load benchmark is not tuned to one
generator: multilateral relations (3-5 members: hubs and spokes on the map), people affiliated to
other actors, countries sharing 50 ISO codes (gathered on the map), dates at year, month or day
precision, 40 long documents, and 5% of annotations with stale offsets (re-anchored on open).

    python benchmarks/other_workspace.py FOLDER [entities relations events annotations]
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
from pathlib import Path

ISO = ("USA CHN RUS JPN KOR PRK GBR FRA DEU IND PAK IRN ISR SAU TUR EGY BRA ARG AUS CAN MEX NGA ZAF ETH KEN "
       "UKR POL ITA ESP SWE NOR FIN VNM PHL IDN MYS THA SGP TWN MNG KAZ UZB AFG IRQ SYR JOR LBN YEM OMN ARE").split()
SYLLABLES = "ka to ri ma ne so lu vi an de or pa zu mi ko ha ye ba".split()
KINDS = ("alliance", "security-cooperation", "dispute", "threat", "trade", "diplomatic", "membership")
TYPES = ("country", "person", "organization", "military", "agreement")
FILLER = "the talks of a and said on with officials security trade over".split()


def make_other_workspace(folder: Path, entities: int = 5000, relations: int = 20000, events: int = 10000,
                         annotations: int = 5000, documents: int = 40, seed: int = 7) -> Path:
    rnd = random.Random(seed)

    def name(k: int) -> str:
        return "".join(rnd.choice(SYLLABLES) for _ in range(k)).capitalize()

    def date() -> str:
        y, r = rnd.randint(1990, 2025), rnd.random()
        if r < 0.3:
            return f"'{y}'"
        return f"'{y}-{rnd.randint(1, 12):02d}'" if r < 0.6 else f"'{y}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}'"

    q = json.dumps  # a JSON string is a valid YAML double-quoted scalar
    (folder / "docs").mkdir(parents=True, exist_ok=True)
    names = []
    lines = ["schema: 1", "briefing:", "  title: Independent stress briefing", "  as_of: '2025-06-30'", "entities:"]
    for i in range(entities):
        kind = rnd.choice(TYPES)
        text = f"{name(2)} {name(2)}" if kind == "person" else name(3)
        names.append(text)
        lines += [f"- id: e{i:05d}", f"  name: {q(text)}", f"  type: {kind}"]
        if kind == "country":
            lines.append(f"  country: {rnd.choice(ISO)}")
        if kind == "person" and i > 10:
            lines.append(f"  affiliation: e{rnd.randrange(i):05d}")
        if rnd.random() < 0.5:
            lines += ["  aliases:", f"  - {q(text.upper()[:5] + str(i))}"]
    lines.append("relations:")
    for i in range(relations):
        members = rnd.sample(range(entities), 2 if rnd.random() < 0.85 else rnd.randint(3, 5))
        lines += [f"- id: r{i:05d}", f"  kind: {rnd.choice(KINDS)}",
                  "  members: [" + ", ".join(f"e{m:05d}" for m in members) + "]", "  states:"]
        for _ in range(rnd.randint(1, 3)):
            lines.append(f"  - {{state: {rnd.choice(['active', 'suspended', 'strained', 'terminated'])}, from: {date()}}}")
    lines.append("events:")
    for i in range(events):
        lines += [f"- id: v{i:05d}", f"  date: {date()}", f"  title: {q('Meeting of ' + name(3))}",
                  "  participants: [" + ", ".join(f"e{m:05d}" for m in rnd.sample(range(entities), rnd.randint(1, 4)))
                  + "]"]
    texts = []
    lines.append("documents:")
    for d in range(documents):
        words = [rnd.choice(names) if rnd.random() < 0.08 else rnd.choice(FILLER) for _ in range(3000)]
        text = ". ".join(" ".join(words[i:i + 15]) for i in range(0, len(words), 15)) + ".\n"
        (folder / "docs" / f"d{d:03d}.txt").write_text(text, encoding="utf-8")
        texts.append(text)
        lines += [f"- id: d{d:03d}", f"  title: Report {d}", f"  path: docs/d{d:03d}.txt", f"  published: {date()}",
                  f"  sha256: {hashlib.sha256(text.encode()).hexdigest()}"]
    lines.append("annotations:")
    for i in range(annotations):
        d = rnd.randrange(documents)
        text = texts[d]
        s = rnd.randrange(0, len(text) - 200)
        e = s + rnd.randint(20, 120)
        stale = rnd.randint(1, 5) if rnd.random() < 0.05 else 0
        lines += [f"- id: a{i:05d}", f"  document: d{d:03d}", f"  tag: {rnd.choice(['evidence', 'key-judgment', 'question'])}",
                  "  selector:", f"    exact: {q(text[s:e])}", f"    prefix: {q(text[max(0, s - 32):s])}",
                  f"    suffix: {q(text[e:e + 32])}", f"    start: {s + stale}", f"    end: {e + stale}"]
    path = folder / "other.briefing.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    sizes = [int(a) for a in sys.argv[2:6]]
    print(make_other_workspace(Path(sys.argv[1]), *sizes))
