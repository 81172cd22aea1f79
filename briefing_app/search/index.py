"""A full-text index of a workspace's sources in SQLite FTS5, kept beside the workspace.

Why SQLite FTS5: it ships inside Python's ``sqlite3`` (no server, no extra
package), answers a ranked query over 50 MB of text in milliseconds, gives
snippets, and its file can be thrown away and rebuilt from the documents at
any time. The index is a cache: the workspace and its texts stay the truth.

Layout: one FTS5 row per passage (:mod:`briefing_app.search.passages`), a
``spans`` table mapping the row to its document offsets, ``mentions``
(passage × entity, from the alias matcher) for the entity filter, and
``docs`` with each document's file stamp, text hash and metadata (title,
publisher, published date as days, grade) for the other filters.

Freshness: :meth:`SearchIndex.update` compares each file's size and mtime,
then the text's sha256, and re-indexes only documents that changed;
documents gone from the workspace are dropped; when the actors' aliases
change, only the mentions are recomputed. A corrupt or older-schema file is
rebuilt from scratch.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from briefing_app.model.io import DocumentError, read_document_text
from briefing_app.model.validate import resolve_document_path
from briefing_app.model.types import Workspace
from briefing_app.resources import cache_dir
from briefing_app.search.passages import passages
from briefing_app.search.query import parse_query

__all__ = ["Hit", "SearchError", "SearchFilters", "SearchIndex", "UpdateReport", "default_index_path"]

SCHEMA_VERSION = "1"
SNIPPET_TOKENS = 24
# BM25 costs about a microsecond per matching passage: beyond this many matches (a word in
# most passages) results come unranked, newest indexed first, and the caller says so.
RANK_MAX = 20_000
_OPEN, _CLOSE = "\u00ab", "\u00bb"  # « » mark the matched words in a snippet

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS docs(
    id TEXT PRIMARY KEY, path TEXT, size INTEGER, mtime_ns INTEGER, sha TEXT,
    title TEXT, publisher TEXT, published TEXT, day0 INTEGER, day1 INTEGER, grade TEXT);
CREATE VIRTUAL TABLE IF NOT EXISTS passages USING fts5(
    text, tokenize = 'porter unicode61 remove_diacritics 2');
CREATE TABLE IF NOT EXISTS spans(rowid INTEGER PRIMARY KEY, doc TEXT NOT NULL, start INTEGER, "end" INTEGER);
CREATE INDEX IF NOT EXISTS spans_doc ON spans(doc);
CREATE TABLE IF NOT EXISTS mentions(entity TEXT, passage INTEGER, PRIMARY KEY(entity, passage)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS mentions_passage ON mentions(passage);
"""


class SearchError(Exception):
    """The index cannot be used; the message says why and what to do."""


@dataclass(frozen=True)
class SearchFilters:
    """Which passages a search may return.

    Attributes:
        entity: Only passages that mention this entity id.
        source: Only this document id, or documents of this publisher (case-insensitive).
        since: Only documents published on or after this day (undated ones are left out).
        until: Only documents published on or before this day (undated ones are left out).
    """

    entity: str | None = None
    source: str | None = None
    since: _dt.date | None = None
    until: _dt.date | None = None


@dataclass(frozen=True)
class Hit:
    """One passage found.

    ``start``/``end`` are the passage's offsets in the document text;
    ``hit_start``/``hit_end`` the first matched words inside it (the passage
    itself when the match cannot be located, e.g. a stemmed form).
    """

    doc_id: str
    title: str
    published: str
    publisher: str
    start: int
    end: int
    hit_start: int
    hit_end: int
    snippet: str
    score: float

    def as_dict(self) -> dict:
        return {"document": self.doc_id, "title": self.title, "published": self.published,
                "publisher": self.publisher, "start": self.start, "end": self.end,
                "hit_start": self.hit_start, "hit_end": self.hit_end, "snippet": self.snippet,
                "score": round(self.score, 4)}


@dataclass
class UpdateReport:
    """What :meth:`SearchIndex.update` did."""

    indexed: int = 0
    unchanged: int = 0
    removed: int = 0
    mentions_refreshed: int = 0
    failed: dict[str, str] = field(default_factory=dict)  # document id -> why it is not searchable
    cancelled: bool = False


def default_index_path(workspace_path: Path) -> Path:
    """Where the index of a workspace lives: a hidden file beside it, or the user cache when
    the workspace folder cannot be written (a read-only install of the bundled example)."""
    workspace_path = Path(workspace_path).resolve()
    name = workspace_path.name
    for suffix in (".briefing.yaml", ".yaml", ".yml"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    folder = workspace_path.parent
    if os.access(folder, os.W_OK):
        return folder / f".{name}.search.sqlite"
    cache = cache_dir("search")
    key = hashlib.sha1(str(workspace_path).encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return cache / f"{name}-{key}.sqlite"


def entities_fingerprint(ws: Workspace) -> str:
    """A hash of every actor's surface forms: when it changes, mentions are recomputed."""
    h = hashlib.sha256()
    for e in sorted(ws.entities, key=lambda e: e.id):
        h.update(e.id.encode("utf-8", "surrogatepass") + b"\0")
        for a in e.surface_forms():
            h.update(f"{a.text}\x01{a.case}\0".encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _days(doc) -> tuple[int | None, int | None]:  # noqa: ANN001 - model Document
    if doc.published is None:
        return None, None
    return doc.published.start.toordinal(), doc.published.end.toordinal()


class SearchIndex:
    """One connection to a workspace's index. Use one instance per thread.

    Args:
        path: The SQLite file (created when missing; rebuilt when corrupt or of another schema).
    """

    def __init__(self, path: Path):
        self.path = Path(path)
        self.last_matches = 0  # passages matching the words of the last query (before filters)
        self.last_ranked = True  # whether the last results were ranked by BM25
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = self._open()
        except (sqlite3.Error, OSError) as exc:
            raise SearchError(f"{self.path}: the search index cannot be opened ({exc}); "
                              "delete the file to rebuild it") from None

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=10.0)
        try:
            db.execute("PRAGMA journal_mode=WAL")  # the window reads while a worker writes
            if self._schema(db) not in (None, SCHEMA_VERSION):
                raise sqlite3.DatabaseError("schema version")
            db.executescript(_SCHEMA)
            db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
            db.commit()
            return db
        except sqlite3.OperationalError as exc:
            if "fts5" in str(exc).lower():
                db.close()
                raise SearchError("this Python's SQLite has no FTS5; full-text search is unavailable") from None
            db.close()
            return self._rebuild()
        except sqlite3.DatabaseError:  # not a database, or an older layout: it is only a cache
            db.close()
            return self._rebuild()

    @staticmethod
    def _schema(db: sqlite3.Connection) -> str | None:
        if not db.execute("SELECT 1 FROM sqlite_master WHERE name='meta'").fetchone():
            return None
        row = db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        return row[0] if row else None

    def _rebuild(self) -> sqlite3.Connection:
        for suffix in ("", "-wal", "-shm"):
            Path(str(self.path) + suffix).unlink(missing_ok=True)
        db = sqlite3.connect(self.path, timeout=10.0)
        db.execute("PRAGMA journal_mode=WAL")
        db.executescript(_SCHEMA)
        db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
        db.commit()
        return db

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- building ---------------------------------------------------------------------
    def update(self, ws: Workspace, progress: Callable[[int, int], None] | None = None,
               cancelled: Callable[[], bool] | None = None) -> UpdateReport:
        """Bring the index up to date with ``ws`` and its document files.

        Commits every few documents, so a cancelled or interrupted update
        keeps what it did and the next one goes on from there.
        """
        from briefing_app.analysis.matcher import AliasMatcher  # only needed when building

        report = UpdateReport()
        db = self._db
        fingerprint = entities_fingerprint(ws)
        row = db.execute("SELECT value FROM meta WHERE key='entities'").fetchone()
        entities_stale = row is None or row[0] != fingerprint
        matcher: AliasMatcher | None = None
        known = {r[0]: r[1:] for r in db.execute("SELECT id, path, size, mtime_ns, sha FROM docs")}
        wanted = {d.id for d in ws.documents}
        for gone in sorted(set(known) - wanted):
            self._drop_document(gone)
            report.removed += 1
        root = ws.root if ws.root is not None else Path.cwd()
        total = len(ws.documents)
        for i, doc in enumerate(ws.documents):
            if cancelled is not None and cancelled():
                report.cancelled = True
                break
            if progress is not None:
                progress(i, total)
            path = resolve_document_path(root, doc.path) if doc.path else None
            try:
                st = path.stat() if path is not None else None
            except OSError:
                st = None
            old = known.get(doc.id)
            meta = (doc.title, doc.publisher, doc.published.label() if doc.published else "", *_days(doc), doc.reliability)
            same_file = old is not None and st is not None and old[0] == doc.path and old[1] == st.st_size and old[2] == st.st_mtime_ns
            if same_file and not entities_stale:
                db.execute("UPDATE docs SET title=?, publisher=?, published=?, day0=?, day1=?, grade=? WHERE id=?", (*meta, doc.id))
                report.unchanged += 1
                continue
            try:
                text, _warnings = read_document_text(ws, doc)
            except DocumentError as exc:
                report.failed[doc.id] = str(exc)
                self._drop_document(doc.id)
                continue
            sha = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
            if matcher is None:
                matcher = AliasMatcher.from_workspace(ws)
            stamp = (doc.path, st.st_size if st else None, st.st_mtime_ns if st else None, sha)
            if old is not None and old[3] == sha:
                self._refresh_mentions(doc.id, text, matcher)
                report.mentions_refreshed += 1
            else:
                self._index_document(doc.id, text, matcher)
                report.indexed += 1
            db.execute("INSERT OR REPLACE INTO docs VALUES (?,?,?,?,?,?,?,?,?,?,?)", (doc.id, *stamp, *meta))
            if i % 50 == 49:
                db.commit()
        if not report.cancelled:
            db.execute("INSERT OR REPLACE INTO meta VALUES ('entities', ?)", (fingerprint,))
        db.commit()
        if progress is not None:
            progress(total, total)
        return report

    def _drop_document(self, doc_id: str) -> None:
        db = self._db
        rows = [r[0] for r in db.execute("SELECT rowid FROM spans WHERE doc=?", (doc_id,))]
        db.executemany("DELETE FROM passages WHERE rowid=?", ((r,) for r in rows))
        db.executemany("DELETE FROM mentions WHERE passage=?", ((r,) for r in rows))
        db.execute("DELETE FROM spans WHERE doc=?", (doc_id,))
        db.execute("DELETE FROM docs WHERE id=?", (doc_id,))

    def _index_document(self, doc_id: str, text: str, matcher) -> None:  # noqa: ANN001 - AliasMatcher
        self._drop_document(doc_id)
        db = self._db
        cur = db.cursor()
        spans: list[tuple[int, int, int]] = []
        for start, end in passages(text):
            cur.execute("INSERT INTO passages(text) VALUES (?)", (text[start:end],))
            rowid = cur.lastrowid
            cur.execute('INSERT INTO spans(rowid, doc, start, "end") VALUES (?,?,?,?)', (rowid, doc_id, start, end))
            spans.append((start, end, rowid))
        self._write_mentions(text, spans, matcher)

    def _refresh_mentions(self, doc_id: str, text: str, matcher) -> None:  # noqa: ANN001 - AliasMatcher
        db = self._db
        spans = [(s, e, r) for r, s, e in db.execute('SELECT rowid, start, "end" FROM spans WHERE doc=? ORDER BY start', (doc_id,))]
        db.executemany("DELETE FROM mentions WHERE passage=?", ((r,) for _, _, r in spans))
        self._write_mentions(text, spans, matcher)

    def _write_mentions(self, text: str, spans: list[tuple[int, int, int]], matcher) -> None:  # noqa: ANN001
        pairs: set[tuple[str, int]] = set()
        i = 0
        for m in matcher.find(text):  # mentions come in text order, like the spans
            while i < len(spans) and spans[i][1] <= m.start:
                i += 1
            if i == len(spans):
                break
            if spans[i][0] <= m.start:
                pairs.add((m.entity_id, spans[i][2]))
        self._db.executemany("INSERT OR IGNORE INTO mentions VALUES (?,?)", sorted(pairs))

    # -- searching --------------------------------------------------------------------
    def search(self, query: str, filters: SearchFilters | None = None, limit: int = 50) -> list[Hit]:
        """Passages matching ``query`` (plain words, "phrases", -excluded, prefix*), best first.

        With no searchable words but an entity filter, lists the passages that
        mention the entity, newest document first. Never raises on what was typed.
        """
        f = filters or SearchFilters()
        q = parse_query(query)
        where: list[str] = []
        args: list[object] = []
        if q.match:
            where.append("passages MATCH ?")
            args.append(q.match)
        for sub in q.substrings:
            where.append("instr(passages.text, ?) > 0")
            args.append(sub)
        if not where and f.entity is None:
            return []
        if f.entity is not None:
            where.append("s.rowid IN (SELECT passage FROM mentions WHERE entity = ?)")
            args.append(f.entity)
        if f.source:
            where.append("(d.id = ? OR lower(d.publisher) = lower(?))")
            args += [f.source, f.source]
        if f.since is not None:
            where.append("d.day1 >= ?")
            args.append(f.since.toordinal())
        if f.until is not None:
            where.append("d.day0 <= ?")
            args.append(f.until.toordinal())
        self.last_matches, self.last_ranked = 0, True
        if q.match:
            self.last_matches = self._db.execute("SELECT count(*) FROM passages WHERE passages MATCH ?",
                                                 (q.match,)).fetchone()[0]
            self.last_ranked = self.last_matches <= RANK_MAX
            select = f"snippet(passages, 0, '{_OPEN}', '{_CLOSE}', '…', {SNIPPET_TOKENS}), "
            select += "bm25(passages)" if self.last_ranked else "0.0"
            order = "bm25(passages)" if self.last_ranked else "passages.rowid DESC"
        else:
            select = "substr(passages.text, 1, 240), 0.0"
            order = "d.day0 IS NULL, d.day0 DESC, s.doc, s.start"
        sql = (f'SELECT s.doc, d.title, d.published, d.publisher, s.start, s."end", passages.text, {select} '
               "FROM passages JOIN spans s ON s.rowid = passages.rowid JOIN docs d ON d.id = s.doc "
               f"WHERE {' AND '.join(where)} ORDER BY {order} LIMIT ?")
        args.append(max(1, int(limit)))
        try:
            rows = self._db.execute(sql, args).fetchall()
        except sqlite3.OperationalError as exc:  # defensive: parse_query should make this unreachable
            raise SearchError(f"the query could not be run ({exc})") from None
        terms = [t for t in q.terms] + [s for s in q.substrings]
        hits = []
        for doc, title, published, publisher, start, end, text, snippet, score in rows:
            hs, he = _locate(text, terms)
            hits.append(Hit(doc, title or doc, published or "", publisher or "", start, end,
                            start + hs, start + he, _clean_snippet(snippet, q.match != ""), float(score)))
        return hits

    def stats(self) -> dict[str, int]:
        """How much is indexed: documents and passages."""
        docs = self._db.execute("SELECT count(*) FROM docs").fetchone()[0]
        rows = self._db.execute("SELECT count(*) FROM spans").fetchone()[0]
        return {"documents": docs, "passages": rows}


def _locate(text: str, terms: Iterable[str]) -> tuple[int, int]:
    """Where the first term stands in a passage (case-insensitive); its stem when the
    exact form is not there (the index stems: 'sanctions' finds 'sanctioned')."""
    low = text.lower()
    best: tuple[int, int] | None = None
    for t in terms:
        t = t.lower()
        at = low.find(t)
        n = len(t)
        if at < 0 and len(t) > 4:
            stem = t[: max(4, len(t) - 3)]
            at = low.find(stem)
            n = len(stem)
            while at >= 0 and at + n < len(low) and low[at + n].isalpha():
                n += 1
        if at >= 0 and (best is None or at < best[0]):
            best = (at, at + n)
    return best if best is not None else (0, len(text))


def _clean_snippet(snippet: str, marked: bool) -> str:
    text = " ".join(snippet.split())
    if not marked and len(snippet) >= 240:
        text += "…"
    return text
