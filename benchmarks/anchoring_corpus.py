"""Real-ish text for the anchoring benchmark: the two articles bundled with the
example workspace (``data/documents/``, in the repository) plus text generated
from them by a word-level Markov chain (deterministic per seed), with a
sprinkling of accented names so that Unicode edits have work to do.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "data" / "documents"
_EXTRA_WORDS = ["détente", "Pyeongtaek", "Zürich", "São Paulo", "naïve", "Yoon Suk-yeol’s", "“kneel”", "co‑operation"]


def seed_texts() -> list[str]:
    """The bundled articles; a clean clone has them, so their absence is an error, not a fallback."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    if len(texts) < 2:
        raise SystemExit(f"{SEEDS}: the bundled articles are missing; the benchmark needs them")
    return texts


class Generator:
    """Order-1 word Markov chain over the seed articles.

    Order 1 on a small corpus still repeats short phrases (as real articles
    do) but rarely whole sentences, which order 2 would copy verbatim.
    """

    def __init__(self, texts: list[str]) -> None:
        self.chain: dict[str, list[str]] = defaultdict(list)
        self.starts: list[str] = []
        for t in texts:
            for sent in re.split(r"(?<=[.!?])\s+", t):
                words = sent.split()
                if len(words) < 4:
                    continue
                self.starts.append(words[0])
                for a, b in zip(words, words[1:]):
                    self.chain[a].append(b)

    def sentence(self, rng: random.Random) -> str:
        a = rng.choice(self.starts)
        out = [a]
        while len(out) < 40:
            nxt = self.chain.get(a)
            if not nxt:
                break
            a = rng.choice(nxt)
            out.append(a)
            if a.endswith((".", "?", "!")) and len(out) > 8:
                break
        if rng.random() < 0.15:
            out.insert(rng.randrange(1, len(out)), rng.choice(_EXTRA_WORDS))
        s = " ".join(out)
        return s if s.endswith((".", "?", "!")) else s + "."

    def paragraph(self, rng: random.Random) -> str:
        return " ".join(self.sentence(rng) for _ in range(rng.randint(2, 6)))

    def document(self, rng: random.Random, size: int) -> str:
        paras: list[str] = []
        n = 0
        while n < size:
            p = self.paragraph(rng)
            paras.append(p)
            n += len(p) + 2
        return "\n\n".join(paras)
