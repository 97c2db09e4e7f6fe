"""SQLite archive: every article ever seen, each feed's state, and the extraction cache.

One transaction per feed (WAL mode), so a build killed half-way leaves whole feeds stored or
not at all. Articles are stored as JSON beside a few indexed columns used for lookups.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import asdict, fields, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from newsdigest.model import Article, FeedState, Source

SCHEMA_VERSION = 2
# Migration N turns a version N-1 database into version N. Append; never edit a shipped step.
MIGRATIONS: dict[int, str] = {
    1: """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            url TEXT NOT NULL DEFAULT '',
            guid TEXT NOT NULL DEFAULT '',
            feed TEXT NOT NULL DEFAULT '',
            published TEXT NOT NULL,          -- UTC ISO 8601, sortable
            first_seen TEXT NOT NULL,
            data TEXT NOT NULL                -- the Article as JSON
        );
        CREATE INDEX articles_url ON articles(url) WHERE url != '';
        CREATE INDEX articles_guid ON articles(guid) WHERE guid != '';
        CREATE INDEX articles_published ON articles(published);
        CREATE TABLE feeds (
            url TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            etag TEXT NOT NULL DEFAULT '',
            last_modified TEXT NOT NULL DEFAULT '',
            last_success TEXT,
            last_attempt TEXT,
            last_error TEXT NOT NULL DEFAULT '',
            consecutive_failures INTEGER NOT NULL DEFAULT 0,
            item_count INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL DEFAULT 'never fetched'
        );
        CREATE TABLE extracts (
            key TEXT PRIMARY KEY,
            data TEXT NOT NULL
        );
    """,
    # 2: when each local file was first seen (its date when it names none), and which editions' briefings
    # were e-mailed (each is sent once).
    2: """
        CREATE TABLE local_seen (
            id TEXT PRIMARY KEY,
            first_seen TEXT NOT NULL          -- UTC ISO 8601
        );
        CREATE TABLE sent_editions (
            day TEXT PRIMARY KEY,             -- the edition's date, YYYY-MM-DD
            sent_at TEXT NOT NULL,
            recipients INTEGER NOT NULL
        );
    """,
}
FEED_COLUMNS = ("url", "name", "etag", "last_modified", "last_success", "last_attempt", "last_error",
                "consecutive_failures", "item_count", "status")


class ArchiveError(Exception):
    """The archive cannot be used (for example, written by a newer version)."""


class Archive:
    """The SQLite store; open with `Archive.open(path)` and use as a context manager."""

    def __init__(self, conn: sqlite3.Connection, path: Path, warnings: list[str] | None = None):
        self.conn = conn
        self.path = path
        self.warnings: list[str] = warnings or []

    @classmethod
    def open(cls, path: Path) -> Archive:
        """Open or create the archive; a corrupt file is moved aside and rebuilt, with a warning."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        warnings: list[str] = []
        try:
            conn = _connect_checked(path)
        except sqlite3.DatabaseError as exc:
            moved = _move_aside(path)
            warnings.append(f"archive {path} was corrupt ({exc}); moved to {moved.name} and rebuilt empty")
            conn = _connect_checked(path)
        try:
            _migrate(conn, path)
        except BaseException:
            conn.close()
            raise
        return cls(conn, path, warnings)

    def __enter__(self) -> Archive:  # noqa: PYI034 — Self needs 3.11, project supports 3.10
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (also done by leaving the `with` block)."""
        self.conn.close()

    # --- articles -------------------------------------------------------------------------------

    def articles(self) -> list[Article]:
        """Every stored article, newest first (ties broken by id for a stable order)."""
        rows = self.conn.execute("SELECT data FROM articles ORDER BY published DESC, id")
        return [article_from_json(row[0]) for row in rows]

    def known_ids(self, ids: Sequence[str]) -> set[str]:
        """The subset of ids already stored."""
        found: set[str] = set()
        for start in range(0, len(ids), 500):  # stay under SQLite's bound-parameter limit
            batch = list(ids[start:start + 500])
            marks = ", ".join("?" for _ in batch)
            found.update(row[0] for row in self.conn.execute(f"SELECT id FROM articles WHERE id IN ({marks})", batch))
        return found

    def count(self) -> int:
        """How many articles are stored."""
        return int(self.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    def save_feed(self, state: FeedState, articles: Sequence[Article] = (), *, now: datetime) -> int:
        """Store one feed's articles and its new state in one transaction; return how many were new."""
        with self._transaction():
            new = sum(self._upsert(article, now) for article in articles)
            self._write_state(state)
        return new

    def _upsert(self, article: Article, now: datetime) -> bool:
        """Insert, or merge into the stored copy found by id, canonical URL or global guid."""
        existing = self._find(article)
        if existing is None:
            self._write_article(replace(article, first_seen=article.first_seen or now))
            return True
        merged = merge_articles(existing, article)
        if merged != existing:
            self._write_article(merged)
        return False

    def _find(self, article: Article) -> Article | None:
        queries = [("id = ?", article.id)]
        # "!= ''" repeats the partial indexes' condition: without it SQLite cannot use them and scans the table.
        if article.url:
            queries.append(("url = ? AND url != ''", article.url))
        if article.guid and is_global_guid(article.guid):
            queries.append(("guid = ? AND guid != ''", article.guid))
        for where, value in queries:
            row = self.conn.execute(f"SELECT data FROM articles WHERE {where} LIMIT 1", (value,)).fetchone()
            if row:
                return article_from_json(row[0])
        return None

    def _write_article(self, article: Article) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO articles (id, url, guid, feed, published, first_seen, data)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (article.id, article.url, article.guid if is_global_guid(article.guid) else "", article.feed,
             _utc_iso(article.published), _utc_iso(article.first_seen or article.published),
             article_to_json(article)),
        )

    def prune(self, before: datetime) -> int:
        """Delete articles published before `before`; return how many went."""
        with self._transaction():
            cursor = self.conn.execute("DELETE FROM articles WHERE published < ?", (_utc_iso(before),))
        return cursor.rowcount

    # --- feed state -----------------------------------------------------------------------------

    def feed_states(self) -> list[FeedState]:
        """Every feed's remembered state, ordered by name."""
        rows = self.conn.execute(f"SELECT {', '.join(FEED_COLUMNS)} FROM feeds ORDER BY name, url")
        return [_state_from_row(row) for row in rows]

    def feed_state(self, url: str) -> FeedState | None:
        """The remembered state of one feed, or None if it was never read."""
        row = self.conn.execute(f"SELECT {', '.join(FEED_COLUMNS)} FROM feeds WHERE url = ?", (url,)).fetchone()
        return _state_from_row(row) if row else None

    def save_state(self, state: FeedState) -> None:
        """Store a feed's state on its own (not modified, failed)."""
        with self._transaction():
            self._write_state(state)

    def _write_state(self, state: FeedState) -> None:
        values = [getattr(state, column) for column in FEED_COLUMNS]
        values = [_utc_iso(v) if isinstance(v, datetime) else v for v in values]
        placeholders = ", ".join("?" for _ in FEED_COLUMNS)
        self.conn.execute(f"INSERT OR REPLACE INTO feeds ({', '.join(FEED_COLUMNS)}) VALUES ({placeholders})", values)

    # --- extraction cache -----------------------------------------------------------------------

    # --- local files and sent briefings (additive, schema 2) ------------------------------------------

    def first_seen_local(self, ids: Sequence[str], now: datetime) -> dict[str, datetime]:
        """When each local file was first seen; ids never seen before are recorded as seen `now`."""
        stamp = _utc_iso(now)
        with self._transaction():
            self.conn.executemany("INSERT OR IGNORE INTO local_seen (id, first_seen) VALUES (?, ?)",
                                  [(i, stamp) for i in ids])
        seen: dict[str, datetime] = {}
        for start in range(0, len(ids), 500):
            batch = list(ids[start:start + 500])
            marks = ", ".join("?" for _ in batch)
            rows = self.conn.execute(f"SELECT id, first_seen FROM local_seen WHERE id IN ({marks})", batch)
            seen.update((row[0], datetime.fromisoformat(row[1])) for row in rows)
        return seen

    def sent_days(self) -> set[str]:
        """Editions (YYYY-MM-DD) whose briefing was already e-mailed."""
        return {row[0] for row in self.conn.execute("SELECT day FROM sent_editions")}

    def mark_sent(self, day: str, recipients: int, now: datetime) -> None:
        with self._transaction():
            self.conn.execute("INSERT OR REPLACE INTO sent_editions (day, sent_at, recipients) VALUES (?, ?, ?)",
                              (day, _utc_iso(now), recipients))

    def get_extracts(self, keys: list[str]) -> dict[str, dict]:
        """Cached extraction results for the keys that have one."""
        found: dict[str, dict] = {}
        for start in range(0, len(keys), 500):  # stay under SQLite's bound-parameter limit
            batch = keys[start:start + 500]
            marks = ", ".join("?" for _ in batch)
            for key, data in self.conn.execute(f"SELECT key, data FROM extracts WHERE key IN ({marks})", batch):
                found[key] = json.loads(data)
        return found

    def put_extracts(self, items: dict[str, dict]) -> None:
        """Store extraction results (JSON-serialisable dicts) by key, replacing older ones."""
        with self._transaction():
            self.conn.executemany(
                "INSERT OR REPLACE INTO extracts (key, data) VALUES (?, ?)",
                [(key, json.dumps(value, ensure_ascii=False, sort_keys=True)) for key, value in items.items()],
            )

    def _transaction(self) -> sqlite3.Connection:
        """`with` block that commits on success and rolls back on any error."""
        return self.conn


def _connect_checked(path: Path) -> sqlite3.Connection:
    """Connect in WAL mode and prove the file is a healthy SQLite database (raises DatabaseError if not)."""
    conn = sqlite3.connect(path, timeout=10.0)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: a killed process never corrupts the file
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise sqlite3.DatabaseError(f"integrity check failed: {result}")
        conn.execute("SELECT name FROM sqlite_master LIMIT 1").fetchall()
    except sqlite3.DatabaseError:
        conn.close()
        raise
    return conn


def _move_aside(path: Path) -> Path:
    """Rename a corrupt database (and its WAL/SHM files) to <name>.corrupt-<timestamp>."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    path.replace(target)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.replace(target.with_name(target.name + suffix))
    return target


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    """Bring the schema to SCHEMA_VERSION, one recorded step at a time."""
    conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
    current = row[0] or 0
    if current > SCHEMA_VERSION:
        raise ArchiveError(f"{path} has schema version {current}; this newsdigest reads up to {SCHEMA_VERSION}")
    for version in range(current + 1, SCHEMA_VERSION + 1):
        conn.execute("BEGIN IMMEDIATE")  # DDL is not implicitly transactional in sqlite3: make each step atomic
        try:
            for statement in _statements(MIGRATIONS[version]):
                conn.execute(statement)
            conn.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def _statements(script: str) -> list[str]:
    """Split a migration script on semicolons (no semicolons appear inside our statements)."""
    lines = [line.split("--", 1)[0] for line in script.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def is_global_guid(guid: str) -> bool:
    """URLs, URNs and tag: URIs name one thing everywhere; "1234" only names it within its feed."""
    return bool(guid) and (":" in guid or len(guid) >= 24)


def merge_articles(stored: Article, incoming: Article) -> Article:
    """One article from two sightings: sources united, earliest date kept, content refreshed by its own feed."""
    sources = _merge_sources(stored.sources, incoming.sources)
    published = min(stored.published, incoming.published)  # a date first seen stays first seen
    if incoming.feed and incoming.feed == stored.feed:
        return replace(incoming, id=stored.id, published=published, sources=sources, first_seen=stored.first_seen)
    filled = {f.name: getattr(incoming, f.name) for f in fields(Article)
              if f.name in FILLABLE and not getattr(stored, f.name) and getattr(incoming, f.name)}
    return replace(stored, published=published, sources=sources, **filled)


FILLABLE = frozenset({"title", "text", "html", "guid", "author", "image", "language", "categories", "url"})


def _merge_sources(first: Iterable[Source], second: Iterable[Source]) -> tuple[Source, ...]:
    merged: dict[tuple[str, str], Source] = {}
    for source in (*first, *second):
        merged.setdefault((source.name, source.feed_url or source.url), source)
    return tuple(merged.values())


# --- (de)serialisation ------------------------------------------------------------------------------

def article_to_json(article: Article) -> str:
    data = asdict(article)
    data["published"] = article.published.isoformat()
    data["first_seen"] = article.first_seen.isoformat() if article.first_seen else None
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def article_from_json(text: str) -> Article:
    data: dict[str, Any] = json.loads(text)
    known = {f.name for f in fields(Article)}
    data = {k: v for k, v in data.items() if k in known}  # tolerate fields dropped in a later version
    data["published"] = datetime.fromisoformat(data["published"])
    data["first_seen"] = datetime.fromisoformat(data["first_seen"]) if data.get("first_seen") else None
    data["sources"] = tuple(Source(**s) for s in data.get("sources", []))
    for name in ("key_points", "topics", "categories"):
        data[name] = tuple(data.get(name, ()))
    return Article(**data)


def _state_from_row(row: Sequence[Any]) -> FeedState:
    values = dict(zip(FEED_COLUMNS, row))
    for name in ("last_success", "last_attempt"):
        values[name] = datetime.fromisoformat(values[name]) if values[name] else None
    return FeedState(**values)


def _utc_iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).isoformat()
