"""SQLite archive: every article ever seen, each feed's state, and the extraction cache.

One transaction per feed (WAL mode), so a build killed half-way leaves whole feeds stored or
not at all. Articles are stored as JSON beside a few indexed columns used for lookups.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, fields, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newsdigest.model import Article, FeedState, Source
from newsdigest.sources.dates import DEFAULT_YEARS, within_years
from newsdigest.urls import article_id

SCHEMA_VERSION = 4
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
    # 3: each local file's parse, reused while its size, mtime and content hash stay the same; the hash of
    # the feed body parsed last, so the same bytes answered with 200 are not parsed again.
    3: """
        CREATE TABLE local_files (
            path TEXT PRIMARY KEY,            -- as shown in warnings (relative to the config folder)
            stamp TEXT NOT NULL,              -- parser version, zone, years, size, mtime, content hash
            data TEXT NOT NULL                -- the parsed Article as JSON
        );
        ALTER TABLE feeds ADD COLUMN body_hash TEXT NOT NULL DEFAULT ''
    """,
    # 4: what the last build of each output folder was made from (site/incremental.py), so a build whose
    # inputs are all the same can leave that site as it is.
    4: """
        CREATE TABLE site_builds (
            output TEXT PRIMARY KEY,          -- the output folder's absolute path
            signature TEXT NOT NULL,          -- hash of every input of the site's bytes
            data TEXT NOT NULL                -- JSON: the build's counts and the site's file list stamp
        );
    """,
}
FEED_COLUMNS = ("url", "name", "etag", "last_modified", "last_success", "last_attempt", "last_error",
                "consecutive_failures", "item_count", "status", "body_hash")


class ArchiveError(Exception):
    """The archive cannot be used (for example, written by a newer version)."""


class ArchiveLocked(ArchiveError):
    """Another process holds the archive's write lock longer than the build may wait."""


DEFAULT_LOCK_TIMEOUT = 30.0
# SQLite's words for "the file is not (or no longer) a database"; anything else (locked, busy,
# disk I/O, read-only, permissions) is transient or the user's to fix, never a reason to move the file.
CORRUPT_MESSAGES = ("file is not a database", "database disk image is malformed", "integrity check failed")


class Archive:
    """The SQLite store; open with `Archive.open(path)` and use as a context manager."""

    def __init__(self, conn: sqlite3.Connection, path: Path, warnings: list[str] | None = None, *,
                 years: tuple[int, int] = DEFAULT_YEARS, lock_timeout: float = DEFAULT_LOCK_TIMEOUT):
        self.conn = conn
        self.path = path
        self.warnings: list[str] = warnings or []
        self.years = years
        self.lock_timeout = lock_timeout

    @classmethod
    def open(cls, path: Path, *, years: tuple[int, int] = DEFAULT_YEARS,
             lock_timeout: float = DEFAULT_LOCK_TIMEOUT, check: bool = True) -> Archive:
        """Open or create the archive.

        Only a file SQLite says is no database, or one failing `PRAGMA integrity_check`, is moved
        aside and rebuilt (with a warning). A lock held by another process is waited for up to
        `lock_timeout` seconds, then ArchiveLocked: the archive is left exactly as it was.
        `check=False` skips the integrity check (for a second open in a build that just made it).
        """
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        warnings: list[str] = []
        try:
            conn = _connect_checked(path, lock_timeout, check=check)
        except sqlite3.DatabaseError as exc:
            if not is_corruption(exc):
                raise _archive_error(exc, path, lock_timeout) from exc
            moved = _move_aside(path)
            warnings.append(f"archive {path} was corrupt ({exc}); moved to {moved.name} and rebuilt empty")
            conn = _connect_checked(path, lock_timeout)
        try:
            _migrate(conn, path)
        except sqlite3.OperationalError as exc:
            conn.close()
            raise _archive_error(exc, path, lock_timeout) from exc
        except BaseException:
            conn.close()
            raise
        return cls(conn, path, warnings, years=years, lock_timeout=lock_timeout)

    def __enter__(self) -> Archive:  # noqa: PYI034 — Self needs 3.11, project supports 3.10
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (also done by leaving the `with` block)."""
        self.conn.close()

    # --- articles -------------------------------------------------------------------------------

    def articles(self) -> list[Article]:
        """Every stored article, newest first (ties broken by id for a stable order).

        Defensive on the way out: a record that cannot be read back, or whose date is unusable
        (stored by an older version), is repaired or skipped with a warning, never raised, so one
        bad record cannot break every later build.
        """
        rows = self.conn.execute("SELECT id, feed, data FROM articles ORDER BY published DESC, id")
        result = []
        for article_key, feed, data in rows:
            article = self._readable(article_key, feed, data)
            if article is not None:
                result.append(article)
        return result

    def articles_seen_since(self, since: datetime) -> list[Article]:
        """The stored articles first seen at or after `since`, newest first (what one build added)."""
        rows = self.conn.execute("SELECT id, feed, data FROM articles WHERE first_seen >= ? ORDER BY published DESC, id",
                                 (_utc_iso(since),))
        return [a for a in (self._readable(*row) for row in rows) if a is not None]

    def _readable(self, key: str, feed: str, data: str) -> Article | None:
        try:
            article = article_from_json(data)
        except Exception as exc:  # noqa: BLE001 — any broken record is skipped, never fatal
            self.warnings.append(f"archive: article {key} (feed {feed or 'local'}) cannot be read "
                                 f"({type(exc).__name__}: {str(exc)[:120]}); skipped")
            return None
        if within_years(article.published, self.years) is not None:
            return article
        repaired = within_years(article.first_seen, self.years)
        if repaired is None:
            self.warnings.append(f"archive: article {key} (feed {feed or 'local'}) has no usable date; skipped")
            return None
        return replace(article, published=repaired)

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
            new = sum(self._upsert_isolated(state, article, now) for article in articles)
            self._write_state(state)
        return new

    def _upsert_isolated(self, state: FeedState, article: Article, now: datetime) -> bool:
        """One item's failure to store (a value SQLite cannot hold) skips that item, not its feed."""
        self.conn.execute("SAVEPOINT item")
        try:
            new = self._upsert(self._dated(article, now), now)
        except sqlite3.OperationalError:
            raise                       # locks and I/O errors concern the whole archive
        except Exception as exc:  # noqa: BLE001 — reported with the feed and the item, then skipped
            self.conn.execute("ROLLBACK TO item")
            self.warnings.append(f"feed `{state.name}`: item {_item_name(article)} not stored "
                                 f"({type(exc).__name__}: {str(exc)[:120]}); skipped")
            new = False
        self.conn.execute("RELEASE item")
        return new

    def _dated(self, article: Article, now: datetime) -> Article:
        """Sanitise on the way in: a date outside the accepted years is unknown, i.e. first seen now."""
        if within_years(article.published, self.years) is not None:
            return article
        return replace(article, published=now, first_seen=article.first_seen or now)

    def _upsert(self, article: Article, now: datetime) -> bool:
        """Insert, or merge with the copies found by id, canonical URL or global guid (see `claim`)."""
        found = self._find_all(article)
        own = next((a for a in found if a.feed == article.feed), None)
        if own is not None:             # a feed refreshes its own copy, and only its own
            merged = merge_articles(own, article)
            if merged != own:
                self._write_article(merged)
            return False
        if not found:
            self._write_article(replace(article, first_seen=article.first_seen or now))
            return True
        return self._claim(found[0], article, now)

    def _claim(self, stored: Article, incoming: Article, now: datetime) -> bool:
        """Another feed already holds this URL: apply the ownership rule (README, "Who owns an article")."""
        decision = claim(stored, incoming)
        if decision == "share":
            self._write_article(add_source(stored, incoming))
            return False
        fresh = replace(incoming, first_seen=incoming.first_seen or now)
        if decision == "take":          # the URL's own outlet replaces a stranger's copy; that copy stays its own
            self.conn.execute("DELETE FROM articles WHERE id = ?", (stored.id,))
            self._write_article(replace(stored, id=scoped_id(stored)))
            self._write_article(replace(fresh, id=stored.id))
        else:
            self._write_article(replace(fresh, id=scoped_id(incoming)))
        return True

    def _find_all(self, article: Article) -> list[Article]:
        """Stored copies sharing the id, the canonical URL or a global guid; the id's holder first."""
        clauses, values = ["id = ?"], [article.id]
        # "!= ''" repeats the partial indexes' condition: without it SQLite cannot use them and scans the table.
        if article.url:
            clauses.append("(url = ? AND url != '')")
            values.append(article.url)
        if article.guid and is_global_guid(article.guid):
            clauses.append("(guid = ? AND guid != '')")
            values.append(article.guid)
        rows = self.conn.execute(
            f"SELECT data FROM articles WHERE {' OR '.join(clauses)} ORDER BY id != ?, id", (*values, article.id))
        found = []
        for (data,) in rows:
            try:
                found.append(article_from_json(data))
            except Exception:  # noqa: BLE001, S112 — an unreadable record is replaced, not merged into
                continue
        return found

    def _write_article(self, article: Article) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO articles (id, url, guid, feed, published, first_seen, data)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (article.id, article.url, article.guid if is_global_guid(article.guid) else "", article.feed,
             _utc_iso(article.published), _utc_iso(article.first_seen or article.published),
             article_to_json(article)),
        )

    def feed_article_counts(self) -> dict[str, int]:
        """Stored articles per feed URL (local files, which have no feed, are left out)."""
        rows = self.conn.execute("SELECT feed, COUNT(*) FROM articles WHERE feed != '' GROUP BY feed")
        return {str(feed): int(count) for feed, count in rows}

    def purge_feed(self, url: str) -> int:
        """Delete one feed's articles and its state (`feeds remove --purge`); return how many articles went."""
        with self._transaction():
            cursor = self.conn.execute("DELETE FROM articles WHERE feed = ?", (url,))
            self.conn.execute("DELETE FROM feeds WHERE url = ?", (url,))
        return cursor.rowcount

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

    # --- parsed local files -----------------------------------------------------------------------

    def local_files(self) -> dict[str, tuple[str, Article]]:
        """Each local file's stamp and parsed article from the last build; unreadable records are left out
        (their file is simply parsed again)."""
        found: dict[str, tuple[str, Article]] = {}
        for path, stamp, data in self.conn.execute("SELECT path, stamp, data FROM local_files"):
            try:
                found[path] = (stamp, article_from_json(data))
            except Exception:  # noqa: BLE001, S112 — a broken record only costs one parse
                continue
        return found

    def save_local_files(self, changed: dict[str, tuple[str, Article]], gone: Sequence[str]) -> None:
        """Store the files parsed this build and forget the ones gone (deleted, or now unreadable)."""
        if not changed and not gone:
            return
        with self._transaction():
            self.conn.executemany("DELETE FROM local_files WHERE path = ?", [(path,) for path in gone])
            self.conn.executemany(
                "INSERT OR REPLACE INTO local_files (path, stamp, data) VALUES (?, ?, ?)",
                [(path, stamp, article_to_json(article)) for path, (stamp, article) in changed.items()])

    # --- the last build of each output folder (schema 4) ------------------------------------------

    def site_build(self, output: Path) -> tuple[str, dict[str, Any]] | None:
        """The signature and record of the last build written to `output`, if any (unreadable: none)."""
        row = self.conn.execute("SELECT signature, data FROM site_builds WHERE output = ?",
                                (str(output),)).fetchone()
        if row is None:
            return None
        try:
            data = json.loads(row[1])
        except ValueError:
            return None
        return (row[0], data) if isinstance(data, dict) else None

    def save_site_build(self, output: Path, signature: str, data: dict[str, Any]) -> None:
        with self._transaction():
            self.conn.execute("INSERT OR REPLACE INTO site_builds (output, signature, data) VALUES (?, ?, ?)",
                              (str(output), signature, json.dumps(data, sort_keys=True)))

    def forget_site_build(self, output: Path) -> None:
        """Called before a build replaces `output`: until it has finished, the stored record is not true."""
        with self._transaction():
            self.conn.execute("DELETE FROM site_builds WHERE output = ?", (str(output),))

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

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """Commit on success, roll back on any error; the write lock is taken at the start.

        BEGIN IMMEDIATE waits up to the busy timeout for another writer; a lock still held then
        is ArchiveLocked (the build stops, nothing is lost), never taken for corruption.
        """
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise _archive_error(exc, self.path, self.lock_timeout) from exc
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            self._rollback()
            raise _archive_error(exc, self.path, self.lock_timeout) from exc
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")


def _connect_checked(path: Path, lock_timeout: float = DEFAULT_LOCK_TIMEOUT, *, check: bool = True) -> sqlite3.Connection:
    """Connect in WAL mode and prove the file is a healthy SQLite database (raises DatabaseError if not)."""
    conn = sqlite3.connect(path, timeout=lock_timeout)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: a killed process never corrupts the file
        result = conn.execute("PRAGMA integrity_check").fetchone()[0] if check else "ok"
        if result != "ok":
            raise sqlite3.DatabaseError(f"integrity check failed: {result}")
        conn.execute("SELECT name FROM sqlite_master LIMIT 1").fetchall()
    except sqlite3.DatabaseError:
        conn.close()
        raise
    return conn


def _item_name(article: Article) -> str:
    """How a warning names one item: its title, else its link, else its id (shortened, quoted)."""
    name = article.title or article.url or article.id
    return repr(name[:80] + ("…" if len(name) > 80 else ""))


def is_corruption(exc: sqlite3.DatabaseError) -> bool:
    """True only for SQLite's own verdict that the file is not a healthy database."""
    return any(words in str(exc).lower() for words in CORRUPT_MESSAGES)


def _archive_error(exc: sqlite3.DatabaseError, path: Path, lock_timeout: float) -> ArchiveError:
    """A lock becomes ArchiveLocked with what to do; any other failure names the file and SQLite's words."""
    words = str(exc).lower()
    if "locked" in words or "busy" in words:
        return ArchiveLocked(
            f"archive {path} is locked by another process (waited {lock_timeout:g} s); nothing was changed — "
            "let that process finish, or raise limits.lock_timeout")
    return ArchiveError(f"archive {path} cannot be used ({exc}); it was left as it was")


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
    """One article from two sightings of one feed: sources united, earliest date kept, content refreshed.

    Only for copies from the same feed; across feeds `claim` decides (a feed owns only its own items).
    """
    sources = _merge_sources(stored.sources, incoming.sources)
    published = min(stored.published, incoming.published)  # a date first seen stays first seen
    if incoming.feed == stored.feed:
        return replace(incoming, id=stored.id, published=published, sources=sources, first_seen=stored.first_seen)
    return add_source(stored, incoming)


def add_source(stored: Article, incoming: Article) -> Article:
    """Another outlet carries the stored article: list it, fill empty fields, change nothing written."""
    filled = {f.name: getattr(incoming, f.name) for f in fields(Article)
              if f.name in FILLABLE and not getattr(stored, f.name) and getattr(incoming, f.name)}
    return replace(stored, sources=_merge_sources(stored.sources, incoming.sources), **filled)


Claim = str   # "share" | "take" | "keep-apart"


def claim(stored: Article, incoming: Article) -> Claim:
    """What a second feed's copy of a stored URL does (the rule is in the README).

    - "take": the incoming feed is the URL's owner (its configured host is the URL's host) and the
      stored copy's feed is not: the owner's title, text and date win; the stranger keeps its own copy.
    - "share": both feeds own the URL (two feeds of one outlet), or the two copies are identical in
      title, text and date (plain syndication): one record, both outlets listed, nothing rewritten.
    - "keep-apart": otherwise each feed keeps its own copy, so no feed can change another's headline,
      text or date; the stories stage groups the copies. Which copy holds the URL's own id does not
      depend on which feed happened to be fetched first (feeds are fetched concurrently): the feed
      whose URL sorts first does ("take" when that is the incoming one).
    """
    stored_owns, incoming_owns = owns(stored.feed, stored.url), owns(incoming.feed, incoming.url)
    if incoming_owns and not stored_owns:
        return "take"
    if stored_owns and incoming_owns:
        return "share"
    same = (stored.title, stored.text, stored.published) == (incoming.title, incoming.text, incoming.published)
    if same and not stored_owns:
        return "share"
    return "take" if not stored_owns and incoming.feed < stored.feed else "keep-apart"


def owns(feed_url: str, article_url: str) -> bool:
    """A feed owns an article URL when the host the user configured for the feed is the URL's site.

    The configured feed URL is the only host the user vouched for (a feed's own <link> is feed data,
    which a hostile feed writes). feeds.npr.org owns www.npr.org/…; a local feed file owns nothing.
    """
    feed_host, url_host = _site_host(feed_url), _site_host(article_url)
    if not feed_host or not url_host or "." not in feed_host or "." not in url_host:
        return False
    return feed_host == url_host or feed_host.endswith("." + url_host) or url_host.endswith("." + feed_host)


def _site_host(url: str) -> str:
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower() if parts.scheme.lower() in ("http", "https") else ""
    except ValueError:
        return ""
    for prefix in ("www.", "feeds.", "rss.", "feed."):
        if host.startswith(prefix) and host.count(".") >= 2:
            return host[len(prefix):]
    return host


def scoped_id(article: Article) -> str:
    """The id of one feed's own copy of a URL another feed also claims (stable across builds)."""
    return article_id(f"{article.feed}#{article.url or article.guid or article.id}")


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
    return _checked(Article(**data))


def _checked(article: Article) -> Article:
    """Raise TypeError for a record whose fields do not have their declared types (hand-edited, or
    written by a buggy version): every later stage may then rely on text being text."""
    for item in fields(Article):
        value = getattr(article, item.name)
        if item.type == "str" and not isinstance(value, str):
            raise TypeError(f"field `{item.name}` is {type(value).__name__}, not text")
        if item.type == "tuple[str, ...]" and not all(isinstance(part, str) for part in value):
            raise TypeError(f"field `{item.name}` holds something other than text")
    if not all(isinstance(getattr(source, part.name), str) for source in article.sources for part in fields(Source)):
        raise TypeError("field `sources` holds something other than text")
    if not isinstance(article.published, datetime) or article.published.tzinfo is None:
        raise TypeError("field `published` is not a date with a time zone")
    return article


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
