"""The Jinja2 environment and the template helpers: relative links, times in the site zone, "time ago".

No helper reads the wall clock, so two builds of the same inputs give the same bytes. "Time ago"
reads the build time from the page's own context: only pages that show "now" (the home page, the
sources page, today's edition) are given it, so every other page is the same from one build to the
next and can be reused (site/incremental.py PageReuse); a theme that asks for a relative time on
another page gets an error naming the filter, not a page that silently goes stale.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateRuntimeError, pass_context
from jinja2.runtime import Context

from newsdigest.settings import Settings
from newsdigest.site.paths import is_external
from newsdigest.site.write import write_one

DEFAULT_THEME = Path(__file__).resolve().parent.parent.parent / "templates"


def theme_dirs(settings: Settings) -> list[Path]:
    """The user's templates first, then the default theme: overridable file by file."""
    dirs = [Path(settings.templates_dir)] if settings.templates_dir else []
    return [*dirs, DEFAULT_THEME]


def site_zone(settings: Settings) -> ZoneInfo:
    try:
        return ZoneInfo(settings.site.timezone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def make_environment(settings: Settings) -> Environment:
    """An environment that escapes everything (feed text is untrusted) and fails loudly on typos."""
    env = Environment(
        loader=FileSystemLoader([str(d) for d in theme_dirs(settings)]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    zone = site_zone(settings)
    env.globals["url"] = _url_helper(settings.site.base_url)
    env.filters["timeago"] = _time_ago_filter(zone)
    env.filters["localdate"] = lambda when: local(when, zone).strftime("%-d %B %Y")
    env.filters["localdatetime"] = lambda when: local(when, zone).strftime("%-d %b %Y, %H:%M")
    env.filters["isotime"] = lambda when: local(when, zone).isoformat(timespec="seconds")
    env.filters["plural"] = plural
    return env


def _time_ago_filter(zone: ZoneInfo) -> Any:
    @pass_context
    def timeago(context: Context, when: datetime) -> str:
        """"3 hours ago" as of the page's build time; only pages that show "now" have one."""
        now = context.get("build_time")
        if not isinstance(now, datetime):
            raise TemplateRuntimeError(
                f"`timeago` on {context.get('page_path', 'this page')}: only pages that show the build time "
                "(the home page, the sources page, today's edition) have `build_time`; use `localdatetime`")
        return time_ago(local(when, zone), now)

    return timeago


def _url_helper(base_url: str) -> Any:
    base_path = urlsplit(base_url).path.rstrip("/") + "/"

    @pass_context
    def url(context: Context, target: str) -> str:
        """Link from the page being rendered to a site path.

        The 404 page is served at any missing URL, so relative links would break there: when base_url
        names a host it links root-relative under base_url's path ("/news/..."), which works on that host
        and on a local server mirroring the path. With base_url "/" the host is unknown and it links
        relative to the site root: right for missing top-level pages and from disk.
        """
        if is_external(target):   # an article beyond digest.article_pages: its original
            return target
        if context.get("absolute_links") and absolute_url(base_url, target):
            return base_path + (target if target and not target.endswith("/") else target + "index.html")
        return relative_url(context["page_path"], target)

    return url


def relative_url(from_file: str, target: str) -> str:
    """Relative link from one output file to a site path; folders get an explicit index.html (works from disk)."""
    if target == "" or target.endswith("/"):
        target = target + "index.html"
    # Both are clean site-relative paths (no "." or ".."), so dropping the shared folders is enough;
    # posixpath.relpath does the same but costs a third of the render time on a large site.
    here = from_file.split("/")[:-1]
    there = target.split("/")
    shared = 0
    while shared < len(here) and shared < len(there) - 1 and here[shared] == there[shared]:
        shared += 1
    return "../" * (len(here) - shared) + "/".join(there[shared:])


def absolute_url(base_url: str, target: str) -> str:
    """Full URL of a site path, or "" when the base URL has no host (then no canonical link is possible)."""
    parts = urlsplit(base_url or "")
    if not parts.scheme or not parts.netloc:
        return ""
    return base_url.rstrip("/") + "/" + target


def local(when: datetime, zone: ZoneInfo) -> datetime:
    return when.astimezone(zone)


def time_ago(when: datetime, now: datetime) -> str:
    """"3 hours ago" relative to the build time; older than a week reads as a date."""
    delta = now - when
    if delta < timedelta(0):
        return "just now" if delta > timedelta(minutes=-5) else when.strftime("%-d %b %Y")
    minutes = int(delta.total_seconds() // 60)
    if minutes < 2:
        return "just now"
    if minutes < 60:
        return f"{minutes} minutes ago"
    hours = minutes // 60
    if hours < 24:
        return plural(hours, "hour") + " ago"
    days = hours // 24
    if days == 1:
        return "yesterday"
    if days < 7:
        return f"{days} days ago"
    return when.strftime("%-d %b %Y")


def plural(count: int, noun: str, many: str = "") -> str:
    return f"{count} {noun if count == 1 else (many or noun + 's')}"


def render(env: Environment, template: str, context: Mapping[str, Any]) -> bytes:
    """Render one template to UTF-8 bytes with a single trailing newline."""
    text = env.get_template(template).render(context)
    return (text.rstrip() + "\n").encode("utf-8")


def render_and_write(pages: Sequence[tuple[str, str, Mapping[str, Any]]], settings: Settings,
                     folder: Path, previous: Path) -> list[bool]:
    """The work unit of a render worker: each (path, template, context) rendered and written into
    `folder` (the build's temporary folder; paths already claimed by the build), the previous site's
    file kept where the bytes are the same. True for each file written anew."""
    env = make_environment(settings)
    return [write_one(path, render(env, template, context), folder, previous) for path, template, context in pages]
