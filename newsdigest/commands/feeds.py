"""`build.py feeds import|list|remove`: bring subscriptions in, see each feed's health, drop a feed."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from newsdigest.commands.config_edit import EditError, feed_list, load_round_trip, save
from newsdigest.commands.opml_in import OpmlError, Subscription, read_opml, same_feed_key
from newsdigest.config import ConfigError, load_config
from newsdigest.settings import Settings


def add_parser(sub: Any) -> None:
    p = sub.add_parser("feeds", help="import an OPML file, list feed health, remove a feed",
                       description="Manage the feeds in config.yaml. Comments and order in the file are kept.")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", default="config.yaml", metavar="PATH", help="config file (default: config.yaml)")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    imp = actions.add_parser("import", parents=[common],
                             help="add the feeds of an OPML export (duplicates are skipped)")
    imp.add_argument("opml", metavar="FILE.opml", type=Path)
    imp.add_argument("--dry-run", action="store_true", help="report what would be added; change nothing")
    imp.set_defaults(run=run_import)
    lst = actions.add_parser("list", parents=[common], help="each feed's health from the archive: last success, items, errors")
    lst.set_defaults(run=run_list)
    rem = actions.add_parser("remove", parents=[common], help="remove a feed from the config (--purge: its articles too)")
    rem.add_argument("name", metavar="NAME")
    rem.add_argument("--purge", action="store_true", help="also delete its articles and state from the archive")
    rem.set_defaults(run=run_remove)


def _settings(config: str) -> Settings | None:
    try:
        return load_config(config)
    except ConfigError as exc:
        for line in exc.errors:
            print(f"error: {line}", file=sys.stderr)
        return None


# --- import ---------------------------------------------------------------------------------------

def plan_import(subscriptions: Sequence[Subscription], existing: Sequence[tuple[str, str]]
                ) -> tuple[list[Subscription], list[str]]:
    """The subscriptions to add (names made unique) and one line per duplicate skipped."""
    known = {same_feed_key(url): f"already in the config as `{name}`" for name, url in existing}
    names = {name.casefold() for name, _ in existing}
    added: list[Subscription] = []
    notes: list[str] = []
    for sub in subscriptions:
        key = same_feed_key(sub.url)
        if key in known:
            notes.append(f"skipped `{sub.name}` ({sub.url}): {known[key]}")
            continue
        name = _unique_name(sub.name, names)
        known[key] = f"listed earlier in the file as `{name}`"
        names.add(name.casefold())
        added.append(Subscription(name, sub.url, sub.category))
    return added, notes


def _unique_name(name: str, taken: set[str]) -> str:
    """Feed names must be unique; a second "News" becomes "News (2)"."""
    candidate, number = name, 2
    while candidate.casefold() in taken:
        candidate, number = f"{name} ({number})", number + 1
    return candidate


def run_import(args: argparse.Namespace) -> int:
    from ruamel.yaml.comments import CommentedMap

    config = Path(args.config)
    try:
        subscriptions, skipped = read_opml(args.opml)
        yaml, data, exact = load_round_trip(config)
    except (OpmlError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    feeds = feed_list(data)
    existing = [(str(f.get("name", "")), str(f.get("url", ""))) for f in feeds if hasattr(f, "get")]
    added, notes = plan_import(subscriptions, existing)
    for entry in added:
        item = CommentedMap(name=entry.name, url=entry.url)
        if entry.category:
            item["category"] = entry.category
        feeds.append(item)
    for line in [*(f"skipped `{s.name}` ({s.url}): {s.reason}" for s in skipped), *notes]:
        print(line)
    if added and not exact:
        print(f"note: {config} has an indentation this tool cannot reproduce; some lines are re-indented "
              "(comments and order are kept)")
    if added and not args.dry_run:
        try:
            save(config, yaml, data)
        except EditError as exc:
            for line in exc.lines:
                print(f"error: {line}", file=sys.stderr)
            return 2
    for entry in added:
        print(f"{'would add' if args.dry_run else 'added'} `{entry.name}` {entry.url}"
              f"{f' [{entry.category}]' if entry.category else ''}")
    print(f"{len(added)} feeds {'to add' if args.dry_run else 'added'} to {config}, "
          f"{len(notes)} already there, {len(skipped)} not importable")
    return 0


# --- list -------------------------------------------------------------------------------------------

def run_list(args: argparse.Namespace) -> int:
    settings = _settings(args.config)
    if settings is None:
        return 2
    rows = health_rows(settings)
    print(f"{'feed':<28} {'status':<14} {'last success':<17} {'items':>6}  last error")
    for row in rows:
        print(f"{row['name'][:28]:<28} {row['status']:<14} {row['last_success']:<17} {row['items']:>6}  "
              f"{row['error']}")
    orphans = [r for r in rows if not r["configured"]]
    if orphans:
        print(f"{len(orphans)} feed(s) are no longer in the config but their articles are still in the archive "
              "and on the site; `feeds remove NAME --purge` deletes them.")
    return 0


def health_rows(settings: Settings) -> list[dict[str, Any]]:
    """One row per configured feed, then per feed the archive still holds articles of."""
    from newsdigest.archive import Archive

    if not settings.archive.path.exists():
        return [_row(f.name, None, 0, True) for f in settings.feeds]
    with Archive.open(settings.archive.path) as archive:
        states = {s.url: s for s in archive.feed_states()}
        counts = archive.feed_article_counts()
    rows = [_row(f.name, states.get(f.url), counts.get(f.url, 0), True) for f in settings.feeds]
    configured = {f.url for f in settings.feeds}
    rows += [_row(s.name, s, counts.get(s.url, 0), False) for s in states.values() if s.url not in configured]
    return rows


def _row(name: str, state: Any, items: int, configured: bool) -> dict[str, Any]:
    last: datetime | None = state.last_success if state else None
    error = state.last_error if state and state.status == "failed" else ""
    if state and state.consecutive_failures > 1:
        error = f"{error} ({state.consecutive_failures} failures in a row)"
    status = (state.status if state else "never fetched") if configured else "not in config"
    return {"name": name, "status": status, "last_success": f"{last:%Y-%m-%d %H:%M}" if last else "never",
            "items": items, "error": error, "configured": configured}


# --- remove -----------------------------------------------------------------------------------------

def run_remove(args: argparse.Namespace) -> int:
    config = Path(args.config)
    settings = _settings(args.config)
    if settings is None:
        return 2
    try:
        url = _remove_from_config(config, args.name)
    except EditError as exc:
        for line in exc.lines:
            print(f"error: {line}", file=sys.stderr)
        return 2
    if url is None:
        url = _archived_url(settings, args.name) if args.purge else None
        if url is None:
            print(f"error: no feed named `{args.name}` in {config}; `feeds list` shows the names", file=sys.stderr)
            return 1
    else:
        print(f"removed `{args.name}` from {config}")
        for topic in settings.topics:
            if args.name in topic.feeds:
                print(f"note: topic `{topic.name}` still names `{args.name}` under `feeds`; remove it there too")
    if args.purge:
        from newsdigest.archive import Archive

        with Archive.open(settings.archive.path) as archive:
            print(f"deleted {archive.purge_feed(_stored_url(settings, url))} articles of `{args.name}` from the archive")
    else:
        print("its articles stay in the archive and on the site; `feeds remove NAME --purge` deletes them")
    return 0


def _remove_from_config(config: Path, name: str) -> str | None:
    """Drop the feed entry named `name`; return its URL as written, or None when there is none."""
    yaml, data, _ = load_round_trip(config)
    feeds = data.get("feeds") or []
    for index, item in enumerate(feeds):
        if hasattr(item, "get") and str(item.get("name", "")) == name:
            url = str(item.get("url", ""))
            del feeds[index]
            save(config, yaml, data)
            return url
    return None


def _stored_url(settings: Settings, url: str) -> str:
    """The archive stores a local feed's resolved path: resolve as the config loader does."""
    from newsdigest.sources.http import is_local

    if is_local(url) and not url.lower().startswith("file:"):
        return str((settings.root / url).resolve())
    return url


def _archived_url(settings: Settings, name: str) -> str | None:
    """A feed removed from the config earlier is still known to the archive by name."""
    from newsdigest.archive import Archive

    if not settings.archive.path.exists():
        return None
    with Archive.open(settings.archive.path) as archive:
        return next((s.url for s in archive.feed_states() if s.name == name), None)
