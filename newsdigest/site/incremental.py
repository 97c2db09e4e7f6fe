"""Whether the site needs building at all: one signature of everything its bytes depend on.

Every stage after ingest (analysis, stories, pages, feeds, search) is a pure function of the
articles, the feed states, the filter counts, the settings, the theme, the code and the build
time. The hash of those is stored in the archive with the build it made (table `site_builds`);
a build whose hash equals the stored one, for an output folder still exactly as that build left
it, stops after ingest: "site up to date". Nothing is analysed, rendered or written.

The clock: the pages that show "now" (the home page, the sources page, today's edition) give times
relative to the build ("3 hours ago", "Built 2 Dec, 13:00"); every other page gives absolute dates. With
SOURCE_DATE_EPOCH the exact build time is an input (the same inputs and time give the same bytes).
Without it only the build's day in the site's zone is: a build on the same day with the same inputs
leaves the site as its last build wrote it, its times as of that build (the site really was built
then), and the first build of a new day renders everything again ("today", "yesterday", the front
page's date and window). A skipped site is therefore byte-identical to a cold build of the same
archive at the time the kept site was built.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from newsdigest.archive import Archive
from newsdigest.model import Article, FeedState
from newsdigest.settings import Settings
from newsdigest.site.render import site_zone, theme_dirs
from newsdigest.site.write import MARKER

PACKAGE = Path(__file__).resolve().parent.parent     # newsdigest/: any code change can change the site
RECORD_VERSION = 1


@dataclass(frozen=True)
class SiteRecord:
    """What the last build of an output folder reported, kept so a skipped build can report the same."""

    articles: int
    topics: int
    pages: int
    site_files: int
    site_bytes: int
    tree: str              # tree_stamp() of the folder as that build left it
    page_signatures: dict[str, str] = field(default_factory=dict)    # page path → its PageReuse signature
    version: int = RECORD_VERSION


def code_and_theme(settings: Settings) -> str:
    """Hash of the package's code, the theme's files and the settings: what every page depends on."""
    return hashlib.sha256("\0".join([files_hash([PACKAGE], suffixes=(".py",)), files_hash(theme_dirs(settings)),
                                      repr(settings)]).encode("utf-8", "surrogatepass")).hexdigest()


def site_signature(articles: Sequence[Article], states: Iterable[FeedState], filter_counts: Sequence[Any],
                   settings: Settings, build_time: datetime, *, fixed_clock: bool, shared: str = "") -> str:
    """SHA-256 over every input of the site's bytes (see the module docstring for the clock).

    `shared`: code_and_theme(settings) when the caller has it already."""
    digest = hashlib.sha256()

    def part(label: str, text: str) -> None:
        data = text.encode("utf-8", "surrogatepass")
        digest.update(f"{label}:{len(data)}:".encode("ascii"))   # length-prefixed: no two inputs run together
        digest.update(data)

    clock = build_time.isoformat() if fixed_clock else build_time.astimezone(site_zone(settings)).date().isoformat()
    part("clock", clock)
    part("code, theme, settings", shared or code_and_theme(settings))
    part("filters", repr(tuple(filter_counts)))       # filters.RuleCount records (frozen dataclasses)
    for state in sorted(states, key=lambda s: (s.url, s.name)):
        part("feed", json.dumps(asdict(state), sort_keys=True, default=str))
    # Order matters to the later stages only through sorting they do themselves; sort here so a
    # different read order of the same articles is the same input.
    names = [f.name for f in fields(Article)]      # every field, as repr() of the values (3x faster than JSON)
    for article in sorted(articles, key=lambda a: a.id):
        part("article", repr([getattr(article, name) for name in names]))
    return digest.hexdigest()


def files_hash(folders: Sequence[Path], suffixes: tuple[str, ...] = ()) -> str:
    """Hash of every file's path and bytes below the folders (hidden files and caches left out)."""
    digest = hashlib.sha256()
    for index, folder in enumerate(folders):
        for path in sorted(_files(folder)):
            if suffixes and not path.endswith(suffixes):
                continue
            digest.update(f"{index}:{path}\0".encode("utf-8", "surrogateescape"))
            digest.update(hashlib.sha256((folder / path).read_bytes()).digest())
    return digest.hexdigest()


def _files(folder: Path) -> list[str]:
    found = []
    for top, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d != "__pycache__"]
        rel = os.path.relpath(top, folder)
        found += [name if rel == "." else f"{rel}/{name}" for name in names if not name.startswith(".")]
    return found


def tree_stamp(folder: Path) -> str:
    """Hash of every file's path, size and mtime below `folder`: any edit, addition or deletion shows."""
    digest = hashlib.sha256()
    entries = []
    for top, _dirs, names in os.walk(folder):
        for name in names:
            path = os.path.join(top, name)
            stat = os.stat(path)
            entries.append(f"{os.path.relpath(path, folder)}\0{stat.st_size}\0{stat.st_mtime_ns}\n")
    for entry in sorted(entries):
        digest.update(entry.encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def last_site(archive: Archive, output: Path) -> tuple[str, SiteRecord] | None:
    """The last build's signature and record when `output` is still exactly as that build left it."""
    stored = archive.site_build(output)
    if stored is None or not (output / MARKER).is_file():
        return None
    try:
        record = SiteRecord(**stored[1])
    except TypeError:       # written by another version of the record
        return None
    if record.version != RECORD_VERSION or record.tree != tree_stamp(output):
        return None
    return stored[0], record


def remember_site(archive: Archive, output: Path, signature: str, *, articles: int, topics: int, pages: int,
                  site_files: int, site_bytes: int, page_signatures: Mapping[str, str]) -> None:
    """Store what this build of `output` was made from, after the new site is in place."""
    record = SiteRecord(articles, topics, pages, site_files, site_bytes, tree_stamp(output), dict(page_signatures))
    archive.save_site_build(output, signature, asdict(record))


class PageReuse:
    """One build's page cache: a page whose signature is the one its file in the old site was rendered
    from is read back from that file instead of rendered.

    A page's signature hashes the template name, the code, theme and settings, and the page's whole
    context, so equal signatures mean the renderer would produce the same bytes. The build time is in
    the context only of the pages that show "now" (the `timeago` filter reads it from there and fails
    without it), so the other pages' signatures do not change with the clock. A context holding an
    object without a stable repr (one that prints its address) gets no signature and is always rendered.
    """

    def __init__(self, old_site: Path, previous: Mapping[str, str], shared: str) -> None:
        self.old_site = old_site
        self.previous = previous
        self.shared = shared
        self.signatures: dict[str, str] = {}
        self.reused = 0
        self._memo: dict[int, tuple[Any, str]] = {}
        self._fields: dict[type, tuple[str, ...]] = {}     # a dataclass type → its field names

    def unchanged(self, template: str, context: Mapping[str, Any]) -> bool:
        """True when this page's signature is the one its file in the old site was made from: the
        caller keeps that file as it is (linked, never read or compared).

        The signature is recorded either way, so a page rendered now (here or in a worker process)
        can be kept by the next build."""
        path = str(context["page_path"])
        signature = self.page_signature(template, context)
        if not signature:
            return False
        self.signatures[path] = signature
        if self.previous.get(path) != signature:
            return False
        try:
            if (self.old_site / path).stat().st_size == 0:
                return False
        except OSError:
            return False
        self.reused += 1
        return True

    def page_signature(self, template: str, context: Mapping[str, Any]) -> str:
        try:
            text = self._digest(dict(context))
        except _Unstable:
            return ""
        return hashlib.sha256(f"{self.shared}\0{template}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()[:32]

    def _digest(self, value: Any) -> str:
        """A stable text for a context value; each view object is hashed once per build, however many
        pages show it (a story card appears on its topic pages, its edition and the front page).

        Plain values are written inline, not through a call each: a site's contexts hold hundreds of
        thousands of them, and the calls were most of the cost of hashing the pages."""
        kind = type(value)
        if kind in _PLAIN:
            return repr(value)
        if kind is list or kind is tuple:
            if all(type(item) in _PLAIN or (type(item) is tuple and all(type(x) in _PLAIN for x in item))
                   for item in value):      # key points, keywords, sentence spans: one repr for all
                return repr(tuple(value))
            return "[" + ",".join(repr(item) if type(item) in _PLAIN else self._digest(item) for item in value) + "]"
        names = self._fields.get(kind)
        if names is None and is_dataclass(value) and not isinstance(value, type):
            names = self._fields[kind] = tuple(f.name for f in fields(value))
        if names is not None:
            known = self._memo.get(id(value))
            if known is not None and known[0] is value:
                return known[1]
            parts = [getattr(value, name) for name in names]
            text = kind.__qualname__ + "(" + ",".join(
                repr(part) if type(part) in _PLAIN else self._digest(part) for part in parts) + ")"
            digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
            self._memo[id(value)] = (value, digest)     # the object is kept, so its id is not reused
            return digest
        if isinstance(value, dict):
            return "{" + ",".join(f"{self._digest(k)}:{self._digest(v)}" for k, v in value.items()) + "}"
        if isinstance(value, (list, tuple)):
            return "[" + ",".join(self._digest(item) for item in value) + "]"
        text = repr(value)
        if " at 0x" in text:        # an object's default repr: not the same from one build to the next
            raise _Unstable(text)
        return text


# Values whose repr is the same from one build to the next (a tuple of them needs no walk, item by item).
_PLAIN = frozenset({str, int, float, bool, type(None), datetime, date})


class _Unstable(ValueError):
    """A context value without a stable text: the page is always rendered."""
