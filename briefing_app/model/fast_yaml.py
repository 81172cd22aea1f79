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


import re
import os
from bisect import bisect_right
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import yaml

from briefing_app.model.gc_pause import AGE_AFTER_OBJECTS, age_young_objects, gc_paused  # noqa: F401 - re-exported
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
_NOT_YAML_ASCII = bytes([*range(0x09), 0x0b, 0x0c, *range(0x0e, 0x20), 0x7f])  # the same, of ASCII text


def _not_yaml_text(text: str, raw: bytes) -> bool:
    """Whether ``text`` (``raw`` in UTF-8) holds a character outside YAML's printable set."""
    if text.isascii():  # (known without a scan) one pass in C deleting the bad bytes, 5x the regex's speed
        return len(raw.translate(None, _NOT_YAML_ASCII)) != len(raw)
    return _NOT_YAML_TEXT.search(text) is not None


def load(text: str, positions_for: tuple[str, ...] = ("documents",)) -> tuple[Any, Positions] | None:
    """Parse ``text`` as libyaml would, or return None when only libyaml can say.

    Args:
        text: the whole YAML file.
        positions_for: top-level keys whose items get their positions recorded.

    Returns:
        ``(data, positions)`` with positions for the top-level keys and the
        items of ``positions_for``; None when the file must be read by libyaml.
    """
    if ryml is None or ("\t" in text and any(t in text for t in _TAB_AFTER_INDICATOR)):
        return None
    raw = text.encode("utf-8")
    if _not_yaml_text(text, raw):
        return None
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
    """The tree's node array as an (n, 14) uint64 numpy view (type .. parent), checked against the accessors.

    A view, not a copy (64 MB for 8 MB of YAML, ~15 ms): valid while ``tree`` lives, which
    its one caller holds until it has read all it needs.
    """
    import ctypes

    import numpy as np

    n = _r.Tree_size(tree)
    header = (ctypes.c_uint64 * 3).from_address(int(tree.this))  # m_buf, m_cap, m_size
    if header[2] != n or header[1] < n or not header[0]:
        raise _Fallback("unknown rapidyaml layout")
    words = np.frombuffer((ctypes.c_char * (n * _WORDS * 8)).from_address(header[0]), dtype=np.uint64)
    words = words.reshape(n, _WORDS)
    table = words[:, :_PARENT + 1]
    for i in {0, 1, n // 2, n - 1} if n > 1 else {0}:
        kv = _r.Tree_val(tree, i) if _r.Tree_has_val(tree, i) else None
        if (int(table[i, _TYPE]) & 0xFFFFFFFF != _r.Tree_type(tree, i)
                or (i and int(table[i, _PARENT]) != _r.Tree_parent(tree, i))
                or (kv is not None and len(kv) != int(table[i, _VAL_LEN]))):
            raise _Fallback("unknown rapidyaml layout")
    return table


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
    """The Python value of the tree, and (node id, container) of each container to place.

    Per-node work in Python is what costs here (~6×10^5 nodes for 8 MB), so the nodes are
    sorted into kinds with numpy first, by the same rules a node-by-node reading would
    apply: scalars that are text (most of them) are sliced from the buffer in one
    comprehension, plain scalars that may be typed (dates, numbers, booleans) go through
    the memo, and each container is made in one call from its children, grouped by
    parent in document order. Only the rare rest (nulls, scalars rapidyaml put outside
    the buffer) is resolved one by one.
    """
    import ctypes

    import numpy as np

    table = _node_table(tree)
    n = len(table)
    types = table[:, _TYPE] & 0xFFFFFFFF
    parents = table[:, _PARENT]
    base = np.frombuffer(buf, dtype=np.uint8).ctypes.data
    mem = bytes(buf)  # the scalars as filtered in place
    size = len(mem)
    # One byte is one character in latin-1: a slice of this string is the scalar's bytes, and
    # a slice that is ASCII is already its UTF-8 text (the rest are decoded as UTF-8, strictly).
    lat = mem.decode("latin-1")
    all_ascii = mem.isascii()

    MAP, SEQ, KEY = _flags.MAP, _flags.SEQ, _flags.KEY
    STREAM = _flags.STREAM
    KEYQUO, VALQUO = _flags.KEYQUO, _flags.VALQUO
    KEY_PLAIN, VAL_PLAIN = _flags.KEY_PLAIN, _flags.VAL_PLAIN
    REFUSED = _flags.KEYANCH | _flags.VALANCH | _flags.KEYREF | _flags.VALREF | _flags.KEYTAG | _flags.VALTAG
    KEYNIL, VALNIL = _flags.KEYNIL, _flags.VALNIL
    plain = scalars.plain
    memo = scalars.memo_plain
    first = scalars.first

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

    def utf8(s: str) -> str:
        return s if s.isascii() else s.encode("latin-1").decode("utf-8")

    root = _r.Tree_root_id(tree)
    rtype = int(types[root])
    if rtype & STREAM:
        if _r.Tree_num_children(tree, root) != 1:
            raise _Fallback("not one document")
        root = _r.Tree_first_child(tree, root)
        rtype = int(types[root])
    if root not in (0, 1):
        raise _Fallback("unexpected tree shape")
    if rtype & REFUSED:
        raise _Fallback("tag or anchor")
    if not rtype & (MAP | SEQ):  # a workspace is a mapping; anything else is left to libyaml (and its message)
        raise _Fallback("unexpected root")

    # -- sort the nodes into kinds (everything below the root) -----------------------------
    lo = root + 1
    t = types[lo:]
    par = parents[lo:].astype(np.int64)
    if (t & REFUSED).any():
        raise _Fallback("tag, anchor or alias")
    is_cont = (types & (MAP | SEQ)) != 0
    # every node hangs from a container before it: else the tree is not what this reads
    if len(par) and (par.min() < root or (par >= np.arange(lo, n)).any() or not is_cont[par].all()
                     or ((t & KEY != 0) != (types[par] & MAP != 0)).any()):  # keys in maps, none in seqs
        raise _Fallback("unexpected tree shape")
    # a byte that may start a YAML 1.1 plain scalar that is not text ("1", "t", "~", ...)
    maybe_typed = np.zeros(256, dtype=bool)
    for c in first:
        if c and c.isascii():
            maybe_typed[ord(c)] = True
        elif c:
            maybe_typed[128:] = True
    arr = np.frombuffer(mem, dtype=np.uint8)

    def spans(ptr_col: int, len_col: int) -> tuple[Any, Any, Any, Any]:
        """Start, end, whether in the buffer, and whether it may be typed, of one scalar per node."""
        ptr = table[lo:, ptr_col]
        start = ptr.astype(np.int64) - base
        length = table[lo:, len_col].astype(np.int64)
        inbuf = (ptr != 0) & (start >= 0) & (start + length <= size)
        head = np.where(inbuf & (length > 0), start, 0)
        typed = ((length == 0) | maybe_typed[arr[head]]) if size else np.ones(len(start), dtype=bool)
        return start, start + length, inbuf, typed

    v_start, v_end, v_inbuf, v_typed = spans(_VAL_PTR, _VAL_LEN)
    k_start, k_end, k_inbuf, k_typed = spans(_KEY_PTR, _KEY_LEN)
    leaf = ~is_cont[lo:]
    has = lambda bits: (t & bits) != 0  # noqa: E731
    # The value rules of the node-by-node path below, for the scalars they make text:
    plain_val = has(VAL_PLAIN) & ~has(VALNIL) & (table[lo:, _VAL_PTR] != 0)
    val_text = leaf & v_inbuf & ((plain_val & ~v_typed) | (~plain_val & has(VALQUO)))
    val_memo = leaf & v_inbuf & plain_val & v_typed
    val_other = leaf & ~val_text & ~val_memo
    is_key = has(KEY)
    key_text = is_key & k_inbuf & ((has(KEY_PLAIN) & ~k_typed) | has(KEYQUO) | (~has(KEYNIL) & ~has(KEY_PLAIN)))
    key_memo = is_key & k_inbuf & has(KEY_PLAIN) & k_typed & ~has(KEYQUO) & ~has(KEYNIL)
    key_other = is_key & ~key_text & ~key_memo

    values = np.empty(n, dtype=object)
    keys = np.empty(n, dtype=object)

    def slices(mask: Any, start: Any, end: Any) -> tuple[Any, list[str]]:
        idx = np.flatnonzero(mask) + lo
        got = [lat[a:b] for a, b in zip(start[idx - lo].tolist(), end[idx - lo].tolist())]
        return idx, got if all_ascii else [utf8(s) for s in got]

    idx, got = slices(val_text, v_start, v_end)
    values[idx] = got
    idx, got = slices(val_memo, v_start, v_end)
    known = scalars._memo  # looked up inline: most typed scalars (dates, numbers) repeat
    values[idx] = [v if (v := known.get(s, known)) is not known else memo(s) for s in got]
    idx, got = slices(key_memo, k_start, k_end)
    keys[idx] = [v if (v := known.get(s, known)) is not known else memo(s) for s in got]
    for j in np.flatnonzero(val_other).tolist():  # nulls, scalars outside the buffer: rare
        flags = int(t[j])
        s = text(int(v_start[j]), int(v_end[j] - v_start[j]), bool(table[lo + j, _VAL_PTR] == 0))
        values[j + lo] = scalar(flags, s, VALQUO, VALNIL, VAL_PLAIN)
    # Keys repeat (a few dozen names, ~3×10^5 keys): a plain key of up to 8 bytes is its bytes
    # packed in an integer (a plain one holds no NUL: the text has none), so each distinct key
    # is sliced once and shared, which also spares hashing each copy when mappings are made.
    short = key_text & has(KEY_PLAIN) & ~has(KEYQUO) & (k_end - k_start <= 8)
    idx = np.flatnonzero(short)
    if len(idx):
        padded = np.concatenate((arr, np.zeros(8, dtype=np.uint8)))
        words = np.ndarray((size,), dtype="<u8", buffer=padded, strides=(1,))  # the 8 bytes from each offset
        start, length = k_start[idx], (k_end - k_start)[idx]
        low = np.where(length >= 8, np.uint64(0xFFFFFFFFFFFFFFFF),
                       (np.uint64(1) << (np.minimum(length, 7) * 8).astype(np.uint64)) - np.uint64(1))
        distinct, first_at, which = np.unique(words[start] & low, return_index=True, return_inverse=True)
        names = np.empty(len(distinct), dtype=object)
        names[:] = [utf8(lat[a:a + n]) for a, n in zip(start[first_at].tolist(), length[first_at].tolist())]
        keys[idx + lo] = names[which]
    idx, got = slices(key_text & ~short, k_start, k_end)
    keys[idx] = got
    for j in np.flatnonzero(key_other).tolist():
        flags = int(t[j])
        ks = text(int(k_start[j]), int(k_end[j] - k_start[j]), bool(table[lo + j, _KEY_PTR] == 0))
        if flags & KEY_PLAIN and ks and ks[0] not in first:
            keys[j + lo] = ks
        else:
            keys[j + lo] = scalar(flags, ks, KEYQUO, KEYNIL, KEY_PLAIN)

    # -- containers ---------------------------------------------------------------------------
    conts = np.flatnonzero(is_cont[lo:]) + lo
    # Depth, a level per pass (a workspace nests ~5 deep): a container is one deeper than its parent.
    depth = np.zeros(n, dtype=np.int64)
    depth[root] = 1
    cont_par = parents[conts].astype(np.int64)
    for _ in range(MAX_DEPTH):
        deeper = depth[cont_par] + 1
        if (deeper == depth[conts]).all():
            break
        depth[conts] = deeper
    else:
        raise _Fallback("too deep")

    # Children grouped by parent, each group in document order (a stable sort of the parent ids);
    # containers are made from their children last to first, so a child exists before its parent.
    order = np.argsort(par, kind="stable") + lo
    by_parent = par[order - lo]
    owners = np.concatenate(([root], conts))
    starts = np.searchsorted(by_parent, owners, side="left").tolist()
    ends = np.searchsorted(by_parent, owners, side="right").tolist()
    slot = np.empty(n, dtype=np.int64)  # where each node sits among its parent's children
    slot[order] = np.arange(n - lo)
    slots = slot[conts].tolist()
    child_values = values[order].tolist()
    child_keys = keys[order].tolist()
    made: list[Any] = [None] * len(owners)
    for k, a, b, is_map in zip(range(len(owners) - 1, -1, -1), reversed(starts), reversed(ends),
                               reversed([bool(rtype & MAP), *((types[conts] & MAP) != 0).tolist()])):
        if is_map:
            obj: Any = dict(zip(child_keys[a:b], child_values[a:b]))  # raises TypeError for an unhashable key
            if len(obj) != b - a:
                raise _Fallback("duplicate key")
        else:
            obj = child_values[a:b]
        made[k] = obj
        if k:
            child_values[slots[k - 1]] = obj
    top = made[0]

    # What to place: the sections named in positions_for, and the containers right in them (the items).
    cont_ids = conts.tolist()
    sections = [i for i in conts[cont_par == root].tolist() if keys[i] in positions_for]
    placed = np.isin(conts, sections) | np.isin(cont_par, sections)
    keep: dict[int, tuple[int, Any]] = {id(top): (root, top)}
    for k in np.flatnonzero(placed).tolist():
        keep[id(made[k + 1])] = (cont_ids[k], made[k + 1])
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

