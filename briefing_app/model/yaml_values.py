"""What a YAML read gives besides plain values, without the YAML parser.

Numbers kept as written, where each item stood, the limits of a read and its
error. Split from :mod:`yaml_source` (the libyaml loader) so that a workspace
taken from the parse cache, the model and its users need not import PyYAML:
about 10 ms of the window's start.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

MAX_BYTES = 64 * 1024 * 1024  # a 12 MB file holds 5k entities, 20k relations, 10k events
MAX_DEPTH = 64  # a workspace nests 5 levels deep; deeper is hostile or broken


class YamlInt(int):
    """An int written in a YAML 1.1 form other than plain decimal (``0x1F``, ``1:20``, ``017``).

    ``source`` is the scalar as written: text fields take it as the text the
    user typed, and the canonical writer writes it back unchanged.
    """

    source: str

    def __new__(cls, value: int, source: str) -> YamlInt:
        obj = super().__new__(cls, value)
        obj.source = source
        return obj

    def __reduce__(self) -> tuple[Any, ...]:  # pickled by the parse cache
        return (YamlInt, (int(self), self.source))


class YamlFloat(float):
    """A float whose text is not Python's own spelling of it (``1.50``, ``1e3``, ``.inf``)."""

    source: str

    def __new__(cls, value: float, source: str) -> YamlFloat:
        obj = super().__new__(cls, value)
        obj.source = source
        return obj

    def __reduce__(self) -> tuple[Any, ...]:
        return (YamlFloat, (float(self), self.source))


def scalar_source(value: Any) -> str | None:
    """The text a number was written as in the file, when it differs from ``str(value)``."""
    return getattr(value, "source", None) if isinstance(value, (YamlInt, YamlFloat)) else None


class YamlSourceError(Exception):
    """A YAML file that cannot be parsed; ``line``/``col`` are 1-based."""

    def __init__(self, message: str, line: int = 1, col: int = 1):
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col


@dataclass
class Positions:
    """Where constructed containers and their keys start in the file (1-based)."""

    maps: dict[int, tuple[tuple[int, int], dict[Any, tuple[int, int]]]] = field(default_factory=dict)
    seqs: dict[int, tuple[tuple[int, int], list[tuple[int, int]]]] = field(default_factory=dict)

    def of(self, container: Any, key: Any = None) -> tuple[int, int]:
        """Position of a key in a mapping, an index in a list, or the container itself."""
        if isinstance(container, dict):
            entry = self.maps.get(id(container))
            if entry:
                return entry[1].get(key, entry[0]) if key is not None else entry[0]
        elif isinstance(container, list):
            entry = self.seqs.get(id(container))
            if entry:
                if isinstance(key, int) and 0 <= key < len(entry[1]):
                    return entry[1][key]
                return entry[0]
        return (1, 1)
