"""A fast first read of a workspace with rapidyaml, giving exactly what libyaml gives.

libyaml (PyYAML's C loader) builds a Python node for every scalar before
constructing it: ~11 s for an 8 MB workspace. rapidyaml parses the same file
into a flat C++ tree in ~0.2 s; this module turns that tree into dicts, lists
and scalars in one pass over the node ids (parse order is document order).

Scalars mean what they mean to PyYAML: plain scalars are resolved with the
libyaml loader's own resolver (YAML 1.1: ``yes`` is true, ``2019-07-04`` a
date, ``1:20`` sexagesimal) and built by its own constructors, so a change
there applies here too. Quoted and block scalars are text.

Whenever this path cannot vouch for the result it returns None and the caller
parses with libyaml, which reports problems at their line and column: syntax
errors, tags, anchors and aliases, duplicate or unhashable keys, more than one
document, nesting deeper than the limit, a value its constructor refuses.

Positions are only computed for the sections named in ``positions_for`` (the
documents, whose files are checked on every open); the caller re-reads with
libyaml when a problem needs the place of anything else.
"""

from __future__ import annotations


import gc
import re
import os
from bisect import bisect_right
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import yaml

from briefing_app.model.yaml_source import MAX_DEPTH, Positions, _MarkingLoader

try:  # optional: without it every file is read by libyaml
    import ryml
    from ryml import ryml as _flags  # the node type bits
    from ryml.ryml import _ryml as _r  # the tree's accessors, called without the proxy class
except ImportError:  # pragma: no cover - rapidyaml is a declared dependency
    ryml = None


# libyaml takes a tab after ":", "?" or "-" as separation; rapidyaml reads it as part of
# a scalar ("a:\tb" becomes one string): such files are left to libyaml.
_TAB_AFTER_INDICATOR = (":\t", "?\t", "-\t")


class _Fallback(Exception):
    """The fast path cannot give libyaml's result; libyaml must read the file."""


def available() -> bool:
    """Whether rapidyaml is installed (else every read goes through libyaml)."""
    return ryml is not None


class _Scalars:
    """Plain scalars resolved and constructed by the libyaml loader's own rules, memoised."""

    def __init__(self) -> None:
        self._loader = _MarkingLoader("")
        self.first = frozenset(self._loader.yaml_implicit_resolvers)  # first characters that may not be text
        self._memo: dict[str, Any] = {}

    def plain(self, text: str) -> Any:
        if text and text[0] not in self.first:
            return text
        return self.memo_plain(text)

    def memo_plain(self, text: str) -> Any:
        try:
            return self._memo[text]
        except KeyError:
            pass
        loader = self._loader
        tag = loader.resolve(yaml.ScalarNode, text, (True, False))
        if tag == "tag:yaml.org,2002:str":
            value: Any = text
        else:
            node = yaml.ScalarNode(tag, text)
            construct = loader.yaml_constructors.get(tag)
            if construct is None:
                raise _Fallback(tag)
            try:
                value = construct(loader, node)
            except Exception as exc:  # the libyaml path reports it with its position
                raise _Fallback(str(exc)) from None
        self._memo[text] = value
        return value

    def close(self) -> None:
        self._loader.dispose()


# Characters outside YAML's printable set: libyaml refuses them with a position, rapidyaml
# reads them, so a file holding one is left to libyaml.
_NOT_YAML_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def load(text: str, positions_for: tuple[str, ...] = ("documents",)) -> tuple[Any, Positions] | None:
    """Parse ``text`` as libyaml would, or return None when only libyaml can say.

    Args:
        text: the whole YAML file.
        positions_for: top-level keys whose items get their positions recorded.

    Returns:
        ``(data, positions)`` with positions for the top-level keys and the
        items of ``positions_for``; None when the file must be read by libyaml.
    """
    if ryml is None or any(t in text for t in _TAB_AFTER_INDICATOR) or _NOT_YAML_TEXT.search(text):
        return None
    raw = text.encode("utf-8")
    buf = bytearray(raw)  # parsed in place: filtering may rewrite it, so lines are counted in ``raw``
    scalars = _Scalars()
    try:
        with _quiet_stderr():  # rapidyaml prints its own errors; libyaml's are the ones reported
            tree = ryml.parse_in_place(buf)
        with gc_paused():
            data, keep = _build(tree, buf, scalars, positions_for)
        return data, _positions(tree, buf, raw, keep)
    except (_Fallback, ryml.ExceptionBasic, RecursionError, TypeError, ValueError, UnicodeDecodeError):
        return None
    except Exception:  # noqa: BLE001 - any other surprise: libyaml decides
        return None
    finally:
        scalars.close()


# rapidyaml keeps its nodes in one C++ array of 18 machine words each (checked
# against the accessors on every read, and the version is pinned):
# type, key (tag, scalar, anchor as pointer+length), value (the same),
# parent, first child, last child, next sibling, previous sibling.
_WORDS = 18
_TYPE, _KEY_PTR, _KEY_LEN, _VAL_PTR, _VAL_LEN, _PARENT = 0, 3, 4, 9, 10, 13


def _node_table(tree: Any) -> Any:
    """The tree's node array as an (n, 18) uint64 numpy copy, checked against the accessors."""
    import ctypes

    import numpy as np

    n = _r.Tree_size(tree)
    header = (ctypes.c_uint64 * 3).from_address(int(tree.this))  # m_buf, m_cap, m_size
    if header[2] != n or header[1] < n or not header[0]:
        raise _Fallback("unknown rapidyaml layout")
    words = np.frombuffer((ctypes.c_char * (n * _WORDS * 8)).from_address(header[0]), dtype=np.uint64)
    words = words.reshape(n, _WORDS)
    table = words[:, :_PARENT + 1].copy()
    for i in {0, 1, n // 2, n - 1} if n > 1 else {0}:
        kv = _r.Tree_val(tree, i) if _r.Tree_has_val(tree, i) else None
        if (int(table[i, _TYPE]) & 0xFFFFFFFF != _r.Tree_type(tree, i)
                or (i and int(table[i, _PARENT]) != _r.Tree_parent(tree, i))
                or (kv is not None and len(kv) != int(table[i, _VAL_LEN]))):
            raise _Fallback("unknown rapidyaml layout")
    return table


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic collector while ~10^6 acyclic objects are built (it would rescan them)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def _quiet_stderr() -> Iterator[None]:
    try:
        saved = os.dup(2)
    except OSError:  # no stderr to silence
        yield
        return
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _build(tree: Any, buf: bytearray, scalars: _Scalars,
           positions_for: tuple[str, ...]) -> tuple[Any, dict[int, tuple[int, Any]]]:
    """The Python value of the tree, and (node id, container) of each container to place."""
    import ctypes

    import numpy as np

    table = _node_table(tree)
    n = len(table)
    types = (table[:, _TYPE] & 0xFFFFFFFF).tolist()
    parents = table[:, _PARENT].tolist()
    base = np.frombuffer(buf, dtype=np.uint8).ctypes.data
    key_off = (table[:, _KEY_PTR].astype(np.int64) - base).tolist()
    key_len = table[:, _KEY_LEN].tolist()
    key_null = (table[:, _KEY_PTR] == 0).tolist()
    val_off = (table[:, _VAL_PTR].astype(np.int64) - base).tolist()
    val_len = table[:, _VAL_LEN].tolist()
    val_null = (table[:, _VAL_PTR] == 0).tolist()
    mem = bytes(buf)  # the scalars as filtered in place
    size = len(mem)

    MAP, SEQ, KEY = _flags.MAP, _flags.SEQ, _flags.KEY
    STREAM = _flags.STREAM
    KEYQUO, VALQUO = _flags.KEYQUO, _flags.VALQUO
    KEY_PLAIN, VAL_PLAIN = _flags.KEY_PLAIN, _flags.VAL_PLAIN
    REFUSED = _flags.KEYANCH | _flags.VALANCH | _flags.KEYREF | _flags.VALREF | _flags.KEYTAG | _flags.VALTAG
    KEYNIL, VALNIL = _flags.KEYNIL, _flags.VALNIL
    plain = scalars.plain
    memo = scalars.memo_plain

    def text(off: int, length: int, null: bool) -> str | None:
        if null:
            return None
        if 0 <= off and off + length <= size:
            return mem[off:off + length].decode("utf-8")
        return ctypes.string_at(off + base, length).decode("utf-8")  # a scalar rapidyaml put in its arena

    def scalar(flags: int, s: str | None, quoted: int, nil: int, plain_bit: int) -> Any:
        if flags & quoted:
            return s or ""
        if flags & nil or s is None:
            return plain("")
        if not flags & plain_bit:  # literal or folded block
            return s
        return plain(s)

    root = _r.Tree_root_id(tree)
    rtype = types[root]
    if rtype & STREAM:
        if _r.Tree_num_children(tree, root) != 1:
            raise _Fallback("not one document")
        root = _r.Tree_first_child(tree, root)
        rtype = types[root]
    if root not in (0, 1):
        raise _Fallback("unexpected tree shape")
    if rtype & REFUSED:
        raise _Fallback("tag or anchor")

    keep: dict[int, tuple[int, Any]] = {}
    if rtype & MAP:
        top: Any = {}
    elif rtype & SEQ:
        top = []
    else:  # a workspace is a mapping; anything else is left to libyaml (and its message)
        raise _Fallback("unexpected root")
    keep[id(top)] = (root, top)
    objs: dict[int, Any] = {root: top}  # node id -> its container (only containers are kept)
    depth: dict[int, int] = {root: 1}
    placed: set[int] = set()  # node ids of the sections named in positions_for
    first = scalars.first

    for i in range(root + 1, n):
        flags = types[i]
        if flags & REFUSED:
            raise _Fallback("tag, anchor or alias")
        p = parents[i]
        container = objs[p]
        if flags & (MAP | SEQ):
            d = depth[p] + 1
            if d > MAX_DEPTH:
                raise _Fallback("too deep")
            value = {} if flags & MAP else []
            objs[i] = value
            depth[i] = d
            if p in placed:
                keep[id(value)] = (i, value)
            elif p == root and flags & KEY and text(key_off[i], key_len[i], key_null[i]) in positions_for:
                placed.add(i)
                keep[id(value)] = (i, value)
        elif flags & VAL_PLAIN and not flags & VALNIL and not val_null[i]:
            s = mem[val_off[i]:val_off[i] + val_len[i]].decode("utf-8") if 0 <= val_off[i] < size else \
                text(val_off[i], val_len[i], False)
            value = s if s and s[0] not in first else memo(s)
        else:
            value = scalar(flags, text(val_off[i], val_len[i], val_null[i]), VALQUO, VALNIL, VAL_PLAIN)
        if flags & KEY:
            ks = text(key_off[i], key_len[i], key_null[i])
            if flags & KEY_PLAIN and ks and ks[0] not in first:
                k: Any = ks
            else:
                k = scalar(flags, ks, KEYQUO, KEYNIL, KEY_PLAIN)
            if k in container:  # also raises TypeError for an unhashable key
                raise _Fallback("duplicate key")
            container[k] = value
        else:
            container.append(value)
    return top, keep


def _positions(tree: Any, buf: bytearray, raw: bytes, keep: dict[int, tuple[int, Any]]) -> Positions:
    """Line and column of the kept containers, their keys and items, as libyaml marks them."""
    pos = Positions()
    if not keep:
        return pos
    import numpy as np  # only for the addresses and the line table

    base = np.frombuffer(buf, dtype=np.uint8).ctypes.data
    newlines = np.flatnonzero(np.frombuffer(raw, dtype=np.uint8) == 10).tolist()

    def at(offset: int) -> tuple[int, int]:
        line = bisect_right(newlines, offset - 1)
        start = newlines[line - 1] + 1 if line else 0
        return line + 1, len(raw[start:offset].decode("utf-8", "replace")) + 1

    def key_offset(node: int) -> int:
        mv = _r.Tree_key(tree, node)
        off = np.frombuffer(mv, dtype=np.uint8).ctypes.data - base
        return off - 1 if _r.Tree_type(tree, node) & _flags.KEYQUO else off

    def node_offset(node: int) -> int:
        """Where a value starts: the first key of a mapping, else the scalar or the seq's first dash."""
        t = _r.Tree_type(tree, node)
        if t & _flags.MAP:
            first = _r.Tree_first_child(tree, node)
            return key_offset(first) if first != _flags.NONE else -1
        if t & _flags.SEQ:
            first = _r.Tree_first_child(tree, node)
            off = node_offset(first) if first != _flags.NONE else -1
            dash = raw.rfind(b"-", 0, off) if off > 0 else -1
            return dash
        mv = _r.Tree_val(tree, node)
        if mv is None:
            return -1
        off = np.frombuffer(mv, dtype=np.uint8).ctypes.data - base
        return off - 1 if t & _flags.VALQUO else off

    def place(node: int) -> tuple[int, int]:
        off = node_offset(node)
        return at(off) if 0 <= off <= len(raw) else (1, 1)

    for cid, (node, container) in keep.items():
        if isinstance(container, dict):
            keys = {}
            child = _r.Tree_first_child(tree, node)
            for k in container:
                keys[k] = at(key_offset(child))
                child = _r.Tree_next_sibling(tree, child)
            pos.maps[cid] = (place(node), keys)
        elif isinstance(container, list):
            items = []
            child = _r.Tree_first_child(tree, node)
            for _ in container:
                items.append(place(child))
                child = _r.Tree_next_sibling(tree, child)
            pos.seqs[cid] = (place(node), items)
    return pos

