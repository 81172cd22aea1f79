"""Safe YAML parsing that remembers where every mapping and key came from.

Validation messages must name file, line and column; PyYAML's constructed
dicts forget their nodes, so the loader records the marks on the side,
keyed by ``id()`` of each constructed dict or list (alive as long as the tree).
The C parser is used when present (3× faster). Anchors and aliases are
refused: a workspace never needs them, and that stops alias bombs before any
expansion happens.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

import yaml

from briefing_app.model.yaml_values import (  # noqa: F401 - re-exported: the light half of a read
    MAX_BYTES, MAX_DEPTH, Positions, YamlFloat, YamlInt, YamlSourceError, scalar_source,
)

try:  # the C parser is 3× faster; PyYAML may be built without libyaml
    _BaseLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _BaseLoader = yaml.SafeLoader


# Tags a workspace may use. Others (!!omap, !!pairs, !!set, !!binary, !!python/...) would
# build values the canonical writer cannot give back as written, so they are refused.
_ALLOWED_TAGS = frozenset(
    f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
)
MAX_INT_DIGITS = 4000  # Python refuses to convert longer digit strings; say so at the place


def _pos(mark: yaml.Mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


class _MarkingLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    def __init__(self, stream: Any):
        super().__init__(stream)
        self.positions = Positions()
        self._depth = 0

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # A node constructed before is an alias (*name) pointing at an anchor.
        if node in self.constructed_objects or node in self.recursive_objects:
            raise yaml.constructor.ConstructorError(
                None, None, "YAML aliases (*name) are not allowed in a workspace: write the value out", node.start_mark
            )
        if node.tag not in _ALLOWED_TAGS:
            short = node.tag.replace("tag:yaml.org,2002:", "!!")
            raise yaml.constructor.ConstructorError(
                None, None, f"the tag {short} is not allowed in a workspace: remove it (plain values only)",
                node.start_mark,
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise yaml.constructor.ConstructorError(
                    None, None, f"nesting deeper than {MAX_DEPTH} levels", node.start_mark
                )
            return super().construct_object(node, deep=deep)
        except yaml.YAMLError:
            raise
        except Exception as exc:  # noqa: BLE001
            # PyYAML's scalar constructors raise these on values such as `!!float abc`.
            raise yaml.constructor.ConstructorError(
                None, None, f"{_scalar_tag(node)} value {_clip(node)} cannot be read ({exc}); "
                "fix the value or remove the tag", node.start_mark
            ) from None
        finally:
            self._depth -= 1


def _construct_map(loader: _MarkingLoader, node: yaml.MappingNode) -> Any:
    data: dict[Any, Any] = {}
    yield data
    for key_node, _ in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            raise yaml.constructor.ConstructorError(
                None, None, "merge keys (<<) are not allowed in a workspace: write the keys out", key_node.start_mark
            )
    loader.flatten_mapping(node)
    keys: dict[Any, tuple[int, int]] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping", node.start_mark, "found an unhashable key", key_node.start_mark
            ) from None
        if key in data:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r} (the first is on line {keys[key][0]})", key_node.start_mark
            )
        data[key] = loader.construct_object(value_node, deep=True)
        keys[key] = _pos(key_node.start_mark)
    loader.positions.maps[id(data)] = (_pos(node.start_mark), keys)


def _construct_seq(loader: _MarkingLoader, node: yaml.SequenceNode) -> Any:
    data: list[Any] = []
    yield data
    data.extend(loader.construct_object(child, deep=True) for child in node.value)
    loader.positions.seqs[id(data)] = (_pos(node.start_mark), [_pos(c.start_mark) for c in node.value])


def _scalar_tag(node: yaml.Node) -> str:
    return node.tag.replace("tag:yaml.org,2002:", "!!")


def _clip(node: yaml.Node) -> str:
    value = str(node.value) if isinstance(node, yaml.ScalarNode) else ""
    return repr(value if len(value) <= 40 else value[:37] + "...")


def _construct_int(loader: _MarkingLoader, node: yaml.ScalarNode) -> int:
    text = node.value
    if sum(ch.isdigit() for ch in text) > MAX_INT_DIGITS:
        raise yaml.constructor.ConstructorError(
            None, None, f"a number with {len(text)} digits is too long; quote it to keep it as text", node.start_mark
        )
    value = yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)
    # 0x1F, 1:20 (base 60), 017, 1_000, +5: keep what was written (YAML 1.1 reads them as numbers).
    return value if str(value) == text else YamlInt(value, text)


def _construct_float(loader: _MarkingLoader, node: yaml.ScalarNode) -> float:
    if len(node.value) > MAX_INT_DIGITS:
        raise yaml.constructor.ConstructorError(
            None, None, f"a number of {len(node.value)} characters is too long; quote it to keep it as text",
            node.start_mark,
        )
    value = yaml.constructor.SafeConstructor.construct_yaml_float(loader, node)
    return value if repr(value) == node.value else YamlFloat(value, node.value)


def _construct_timestamp(loader: _MarkingLoader, node: yaml.ScalarNode) -> str:
    # Dates stay text: the model reads YYYY[-MM[-DD]] itself and can say where an
    # impossible date (2023-02-30) is, quoted or not; times are kept as written.
    return str(node.value)


def _construct_null(loader: _MarkingLoader, node: yaml.ScalarNode) -> None:
    if node.value not in ("", "~", "null", "Null", "NULL"):  # `!!null text` would drop the text
        raise yaml.constructor.ConstructorError(
            None, None, f"!!null with a value {_clip(node)}: remove the tag or the value", node.start_mark
        )
    return None


_MarkingLoader.add_constructor("tag:yaml.org,2002:null", _construct_null)
_MarkingLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_MarkingLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)
_MarkingLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_MarkingLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_MarkingLoader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)


_LONG_INDENT = re.compile(r"^[ \t]{512,}\S", re.M)
_INDICATOR_RUN = re.compile(r"(?:[-?:][ \t]+){32,}")


def _flow_depth_bound(text: str) -> int:
    """An upper bound of bracket nesting (quotes ignored, so it can only overestimate)."""
    import numpy as np  # only needed here; keeps the model's import light

    b = np.frombuffer(text.encode("utf-8", "surrogatepass"), dtype=np.uint8)
    if not b.size:
        return 0
    step = ((b == 91) | (b == 123)).astype(np.int32) - ((b == 93) | (b == 125)).astype(np.int32)
    c = np.cumsum(step)
    return int((c - np.minimum(np.minimum.accumulate(c), 0)).max())  # depth clamped at 0, like a parser


def nesting_too_deep(text: str) -> tuple[int, int] | None:
    """Where nesting first exceeds MAX_DEPTH (1-based line, col), or None.

    libyaml composes nodes recursively in C: ~25k levels ("[[[[...", "- - - ...")
    overflow the C stack and kill the process before the constructor's own
    depth check runs. Parser events are flat, so counting them is safe; cheap
    gates keep normal files from paying for the event pass.
    """
    if (_flow_depth_bound(text) <= MAX_DEPTH and not _LONG_INDENT.search(text)
            and not _INDICATOR_RUN.search(text)):
        return None
    depth = 0
    try:
        for ev in yaml.parse(text, Loader=_BaseLoader):
            if isinstance(ev, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return ev.start_mark.line + 1, ev.start_mark.column + 1
            elif isinstance(ev, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return None  # a syntax error: the real parse reports it at its place
    return None


def parse_yaml(text: str) -> tuple[Any, Positions]:
    """Parse one YAML document safely, returning the data and its positions.

    Raises:
        YamlSourceError: syntax errors, aliases, excessive nesting, or more
            than one document, with the position of the fault.
    """
    if len(text) > MAX_BYTES:
        raise YamlSourceError(f"file is larger than {MAX_BYTES // (1024 * 1024)} MB")
    deep = nesting_too_deep(text)
    if deep:
        raise YamlSourceError(f"YAML: nesting deeper than {MAX_DEPTH} levels", *deep)
    loader = _MarkingLoader(text)
    try:
        data = loader.get_single_data()
        return data, loader.positions
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = _pos(mark) if mark else (1, 1)
        what = exc.problem or exc.context or "invalid YAML"
        raise YamlSourceError(f"YAML: {what}", line, col) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow: say where
        line, col = _offset_position(text, exc.position)
        what = f"character #x{exc.character:04x} is not allowed" if isinstance(exc.character, int) else exc.reason
        raise YamlSourceError(f"YAML: {what} ({exc.reason}); remove it", line, col) from None
    except yaml.YAMLError as exc:
        raise YamlSourceError(f"YAML: {' '.join(str(exc).split())}") from None
    except RecursionError:
        raise YamlSourceError(f"YAML: nesting too deep (more than {MAX_DEPTH} levels)") from None
    except (ValueError, TypeError, OverflowError, AttributeError) as exc:  # a constructor fault not caught above
        raise YamlSourceError(f"YAML: a value cannot be read ({exc})") from None
    finally:
        loader.dispose()


def _offset_position(text: str, offset: int) -> tuple[int, int]:
    offset = max(0, min(int(offset or 0), len(text)))
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def count_comment_lines(text: str) -> int:
    """Count lines holding a YAML comment (which a save cannot keep).

    A cheap scan, not a YAML parse: a ``#`` starts a comment at the start of a
    line or after white space, outside quotes.
    """
    if "#" not in text:
        return 0
    if any(brk in text for brk in _OTHER_LINE_BREAKS):
        lines: Iterable[str] = (line for line in text.splitlines() if "#" in line)
    else:  # only "\n" ends a line: visit just the lines with a "#" (an 8 MB file has ~10^5 lines)
        lines = _lines_with_hash(text)
    return sum(1 for line in lines if _has_comment(line))


_OTHER_LINE_BREAKS = ("\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")  # str.splitlines'


def _lines_with_hash(text: str) -> Iterator[str]:
    pos = text.find("#")
    while pos != -1:
        end = text.find("\n", pos)
        end = len(text) if end == -1 else end
        yield text[text.rfind("\n", 0, pos) + 1:end]
        pos = text.find("#", end)


def _has_comment(line: str) -> bool:
    quote = ""
    prev = " "
    for ch in line:
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"" and prev in " [{,:-":
            quote = ch
        elif ch == "#" and prev in " \t":
            return True
        prev = ch
    return False
