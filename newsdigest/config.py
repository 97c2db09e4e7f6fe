"""Load and validate config.yaml into one frozen Settings object.

Everything is checked before any work starts and every problem is collected,
so a user fixes a broken config in one pass. Each message names the file, the
line, the key path, what was expected, and the closest known key for a typo.
"""
from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from newsdigest.settings import (
    ArchiveSettings,
    BuildSettings,
    DigestSettings,
    FeedSettings,
    FetchSettings,
    LimitSettings,
    Settings,
    SiteSettings,
    StorySettings,
    TopicRules,
    TopicSettings,
)
from newsdigest.urls import slugify


class ConfigError(Exception):
    """The config cannot be used; `errors` holds one readable line per problem."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class _Ctx:
    """Where we are while walking the YAML tree: the file name and the collected errors."""

    file: str
    found: list[tuple[int, str]]

    def error(self, node: Node | None, path: str, message: str) -> None:
        line = node.start_mark.line + 1 if node is not None else 0
        where = f" {path}:" if path else ""
        self.found.append((line, f"{self.file}{f':{line}' if line else ''}:{where} {message}"))

    @property
    def errors(self) -> list[str]:
        """Messages in file order, so they read top to bottom like the config."""
        return [message for _, message in sorted(self.found, key=lambda item: item[0])]


# --- scalar readers: each returns the converted value or None after reporting ---------------

Reader = Callable[[_Ctx, Node, str], Any]


def _scalar(ctx: _Ctx, node: Node, path: str, what: str) -> Any:
    if not isinstance(node, ScalarNode):
        kind = "a list" if isinstance(node, SequenceNode) else "a mapping"
        ctx.error(node, path, f"expected {what}, got {kind}")
        return None
    if node.tag == "tag:yaml.org,2002:str":
        return node.value
    try:
        return yaml.constructor.SafeConstructor().construct_object(node)
    except (yaml.constructor.ConstructorError, ValueError):
        return node.value


def read_str(ctx: _Ctx, node: Node, path: str) -> str | None:
    value = _scalar(ctx, node, path, "text")
    if value is None or isinstance(value, (dict, list)):
        if value is None and isinstance(node, ScalarNode):
            ctx.error(node, path, "expected text, got nothing")
        return None
    if isinstance(value, bool):
        ctx.error(node, path, f"expected text, got {str(value).lower()} (quote it if you mean the word)")
        return None
    text = str(value).strip()
    if not text:
        ctx.error(node, path, "expected text, got an empty value")
        return None
    return text


def read_optional_str(ctx: _Ctx, node: Node, path: str) -> str | None:
    if isinstance(node, ScalarNode) and node.value == "":
        return ""
    return read_str(ctx, node, path)


def read_bool(ctx: _Ctx, node: Node, path: str) -> bool | None:
    value = _scalar(ctx, node, path, "true or false")
    if not isinstance(value, bool):
        if isinstance(node, ScalarNode):
            ctx.error(node, path, f"expected true or false, got `{node.value}`")
        return None
    return value


def _number(kind: type, minimum: float) -> Reader:
    def read(ctx: _Ctx, node: Node, path: str) -> Any:
        value = _scalar(ctx, node, path, f"a number ≥ {minimum:g}")
        wanted = "a whole number" if kind is int else "a number"
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (kind is int and isinstance(value, float)):
            if isinstance(node, ScalarNode):
                ctx.error(node, path, f"expected {wanted} ≥ {minimum:g}, got `{node.value}`")
            return None
        if value < minimum:
            ctx.error(node, path, f"expected {wanted} ≥ {minimum:g}, got {value}")
            return None
        return kind(value)

    return read


def read_timezone(ctx: _Ctx, node: Node, path: str) -> str | None:
    name = read_str(ctx, node, path)
    if name is None:
        return None
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        ctx.error(node, path, f"unknown time zone `{name}`; use an IANA name such as Europe/London or UTC")
        return None
    return name


def read_base_url(ctx: _Ctx, node: Node, path: str) -> str | None:
    url = read_str(ctx, node, path)
    if url is None:
        return None
    parts = urlsplit(url)
    if url.startswith("/") and not url.startswith("//"):
        return url if url.endswith("/") else url + "/"
    if parts.scheme not in ("http", "https") or not parts.netloc:
        ctx.error(node, path, f"expected an absolute http(s) URL such as https://example.org/news/ or a path "
                              f"such as /news/, got `{url}`")
        return None
    return url if url.endswith("/") else url + "/"


def read_str_list(ctx: _Ctx, node: Node, path: str) -> tuple[str, ...] | None:
    if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:str" and node.value:
        return (node.value.strip(),)        # a single word where a list was expected is a fine shorthand
    if not isinstance(node, SequenceNode):
        ctx.error(node, path, "expected a list, e.g. [a, b]")
        return None
    items = [read_str(ctx, item, f"{path}[{i}]") for i, item in enumerate(node.value)]
    return tuple(item for item in items if item is not None)


def read_keywords(ctx: _Ctx, node: Node, path: str) -> tuple[tuple[str, float], ...] | None:
    """Keywords are words or phrases, each optionally weighted: `[chip, {"Apple": 2}]`."""
    if not isinstance(node, SequenceNode):
        ctx.error(node, path, 'expected a list of words or {"phrase": weight} pairs')
        return None
    result: list[tuple[str, float]] = []
    for i, item in enumerate(node.value):
        item_path = f"{path}[{i}]"
        if isinstance(item, MappingNode) and len(item.value) == 1:
            term = read_str(ctx, item.value[0][0], item_path)
            weight = _number(float, 0.0)(ctx, item.value[0][1], f"{item_path}.{term}")
            if term is not None and weight is not None:
                result.append((term, weight))
        elif isinstance(item, ScalarNode):
            term = read_str(ctx, item, item_path)
            if term is not None:
                result.append((term, 1.0))
        else:
            ctx.error(item, item_path, 'expected a word, a phrase or {"phrase": weight}')
    return tuple(result)


# --- mappings -------------------------------------------------------------------------------


def _read_mapping(ctx: _Ctx, node: Node, path: str, schema: Mapping[str, Reader],
                  required: tuple[str, ...] = ()) -> dict[str, Any] | None:
    """Read a mapping whose keys must come from `schema`; unknown keys get a did-you-mean."""
    if not isinstance(node, MappingNode):
        ctx.error(node, path, f"expected a mapping with keys {', '.join(schema)}")
        return None
    values: dict[str, Any] = {}
    seen: set[str] = set()
    for key_node, value_node in node.value:
        key = str(key_node.value)
        key_path = f"{path}.{key}" if path else key
        if key in seen:
            ctx.error(key_node, key_path, "this key is given twice; keep one")
            continue
        seen.add(key)
        if key not in schema:
            ctx.error(key_node, key_path, _unknown_key(key, schema))
            continue
        value = schema[key](ctx, value_node, key_path)
        if value is not None:
            values[key] = value
    for key in required:
        if key not in seen:
            ctx.error(node, f"{path}.{key}" if path else key, "is required but missing")
    return values


def _unknown_key(key: str, schema: Mapping[str, Reader]) -> str:
    close = difflib.get_close_matches(key, list(schema), n=1, cutoff=0.6)
    hint = f" — did you mean `{close[0]}`?" if close else f" — known keys: {', '.join(schema)}"
    return f"unknown key `{key}`{hint}"


def _section(schema: Mapping[str, Reader], required: tuple[str, ...] = ()) -> Reader:
    def read(ctx: _Ctx, node: Node, path: str) -> dict[str, Any] | None:
        return _read_mapping(ctx, node, path, schema, required)

    return read


def _list_of(item_reader: Reader) -> Reader:
    def read(ctx: _Ctx, node: Node, path: str) -> list[Any] | None:
        if isinstance(node, ScalarNode) and node.value in ("", "~", "null"):
            return []
        if not isinstance(node, SequenceNode):
            ctx.error(node, path, "expected a list (each item starting with `- `)")
            return None
        items = [item_reader(ctx, item, f"{path}[{i}]") for i, item in enumerate(node.value)]
        return [(item, node.value[i]) for i, item in enumerate(items) if item is not None]

    return read


SITE: dict[str, Reader] = {"title": read_str, "description": read_optional_str, "base_url": read_base_url,
        "language": read_str, "timezone": read_timezone}
FEED: dict[str, Reader] = {"name": read_str, "url": read_str, "topics": read_str_list, "full_text": read_bool, "category": read_str}
TOPIC: dict[str, Reader] = {"name": read_str, "slug": read_str, "description": read_optional_str, "keywords": read_keywords,
         "exclude": read_str_list, "feeds": read_str_list, "feed_categories": read_str_list}
DIGEST: dict[str, Reader] = {"key_points": _number(int, 1), "summary_sentences": _number(int, 1), "per_page": _number(int, 1),
          "front_page_days": _number(int, 1)}
FETCH: dict[str, Reader] = {"timeout": _number(float, 0.1), "deadline": _number(float, 0.1), "max_bytes": _number(int, 1024),
         "max_redirects": _number(int, 0), "retries": _number(int, 0), "concurrency": _number(int, 1),
         "per_host": _number(int, 1)}
ARCHIVE: dict[str, Reader] = {"path": read_str, "retention_days": _number(int, 0)}
STORIES: dict[str, Reader] = {"window_hours": _number(float, 1), "threshold": _number(float, 0.0)}
def read_years(ctx: _Ctx, node: Node, path: str) -> tuple[int, int] | None:
    """`[first, last]`: two whole years, first before last, inside 1..9999 (what a date can hold)."""
    values = [_scalar(ctx, item, path, "a year") for item in node.value] if isinstance(node, SequenceNode) else []
    if (len(values) != 2 or any(isinstance(v, bool) or not isinstance(v, int) for v in values)
            or not 1 <= values[0] < values[1] <= 9999):
        ctx.error(node, path, "expected two years [first, last] such as [1970, 2100], first before last, "
                              "both between 1 and 9999")
        return None
    return values[0], values[1]


LIMITS: dict[str, Reader] = {"items_per_feed": _number(int, 1), "new_articles": _number(int, 1),
                             "file_bytes": _number(int, 1024), "years": read_years,
                             "lock_timeout": _number(float, 0.1)}
TOPIC_RULES: dict[str, Reader] = {"fallback": read_str, "threshold": _number(float, 0.0), "max_topics": _number(int, 1)}
TOP: dict[str, Reader] = {
    "site": _section(SITE),
    "content": _list_of(read_str),
    "feeds": _list_of(_section(FEED, required=("name", "url"))),
    "topics": _list_of(_section(TOPIC, required=("name",))),
    "topic_rules": _section(TOPIC_RULES),
    "digest": _section(DIGEST),
    "fetch": _section(FETCH),
    "archive": _section(ARCHIVE),
    "stories": _section(STORIES),
    "limits": _section(LIMITS),
    "build": _section({"workers": _number(int, 1)}),
    "output": read_str,
    "templates_dir": read_str,
    "search": read_bool,
}


# --- assembling Settings ---------------------------------------------------------------------


def load_config(path: str | Path) -> Settings:
    """Read and validate the config file; raise ConfigError listing every problem."""
    config_path = Path(path).resolve()
    shown = str(path)
    try:
        text = config_path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError([f"{shown}: config file not found; create it or pass --config PATH"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError([f"{shown}: cannot read the config file: {exc}"]) from None
    return parse_config(text, config_path, shown)


def parse_config(text: str, config_path: Path, shown: str) -> Settings:
    """Validate YAML text (already read from `config_path`) into Settings."""
    ctx = _Ctx(shown, [])
    try:
        root_node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = f":{mark.line + 1}" if mark is not None else ""
        raise ConfigError([f"{shown}{line}: not valid YAML: {exc.problem}; check indentation and quoting"]) from None
    if root_node is None:
        raise ConfigError([f"{shown}: the config file is empty; see the README for a starting config"])
    raw = _read_mapping(ctx, root_node, "", TOP) or {}
    settings = _assemble(ctx, raw, config_path)
    if ctx.errors:
        raise ConfigError(ctx.errors)
    return settings


def _build(cls: type, values: dict[str, Any]) -> Any:
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in values.items() if k in names})


def _assemble(ctx: _Ctx, raw: dict[str, Any], config_path: Path) -> Settings:
    root = config_path.parent
    topics = _topics(ctx, raw.get("topics", []))
    feeds = _feeds(ctx, raw.get("feeds", []), root, {t.slug for t in topics})
    content = _content(ctx, raw.get("content", []), root)
    archive_raw = dict(raw.get("archive", {}))
    archive_raw["path"] = (root / archive_raw.get("path", ".cache/newsdigest.sqlite")).resolve()
    templates_dir = raw.get("templates_dir")
    return Settings(
        config_path=config_path,
        root=root,
        site=_build(SiteSettings, raw.get("site", {})),
        content=content,
        feeds=feeds,
        topics=topics,
        topic_rules=_build(TopicRules, raw.get("topic_rules", {})),
        digest=_build(DigestSettings, raw.get("digest", {})),
        fetch=_build(FetchSettings, raw.get("fetch", {})),
        archive=_build(ArchiveSettings, archive_raw),
        stories=_build(StorySettings, raw.get("stories", {})),
        limits=_build(LimitSettings, raw.get("limits", {})),
        build=_build(BuildSettings, raw.get("build", {})),
        output=(root / raw.get("output", "site")).resolve(),
        templates_dir=(root / templates_dir).resolve() if templates_dir else None,
        search=raw.get("search", True),
    )


def _content(ctx: _Ctx, folders: list[tuple[str, Node]], root: Path) -> tuple[Path, ...]:
    result = []
    for i, (folder, node) in enumerate(folders):
        path = (root / folder).resolve()
        if not path.is_dir():
            ctx.error(node, f"content[{i}]", f"folder `{folder}` not found (looked in {path}); "
                                             "create it or remove it from `content`")
        result.append(path)
    return tuple(result)


def _topics(ctx: _Ctx, items: list[tuple[dict[str, Any], Node]]) -> tuple[TopicSettings, ...]:
    topics: list[TopicSettings] = []
    seen: dict[str, int] = {}
    for i, (values, node) in enumerate(items):
        if "name" not in values:
            continue
        slug = slugify(values.get("slug") or values["name"])
        if not slug:
            ctx.error(node, f"topics[{i}].slug", "expected letters or digits to build a URL slug from")
            continue
        if slug in seen:
            ctx.error(node, f"topics[{i}].slug", f"`{slug}` is already used by topics[{seen[slug]}]; "
                                                 "give each topic its own slug")
            continue
        seen[slug] = i
        topics.append(_build(TopicSettings, {**values, "slug": slug}))
    return tuple(topics)


def _feeds(ctx: _Ctx, items: list[tuple[dict[str, Any], Node]], root: Path,
           topic_slugs: set[str]) -> tuple[FeedSettings, ...]:
    feeds: list[FeedSettings] = []
    names: dict[str, int] = {}
    for i, (values, node) in enumerate(items):
        if "name" not in values or "url" not in values:
            continue
        if values["name"] in names:
            ctx.error(node, f"feeds[{i}].name", f"`{values['name']}` is already the name of feeds[{names[values['name']]}]; "
                                                "feed names must be unique")
            continue
        names[values["name"]] = i
        for slug in values.get("topics", ()):
            if slugify(slug) not in topic_slugs:
                close = difflib.get_close_matches(slugify(slug), sorted(topic_slugs), n=1, cutoff=0.6)
                hint = f" — did you mean `{close[0]}`?" if close else " — add it under `topics`"
                ctx.error(node, f"feeds[{i}].topics", f"unknown topic `{slug}`{hint}")
        values = {**values, "url": _feed_location(values["url"], root),
                  "topics": tuple(slugify(s) for s in values.get("topics", ()))}
        feeds.append(_build(FeedSettings, values))
    return tuple(feeds)


def _feed_location(url: str, root: Path) -> str:
    """URLs stay as they are; a local path becomes absolute, relative to the config folder."""
    scheme = urlsplit(url).scheme.lower()
    if scheme in ("http", "https", "file"):
        return url
    return str((root / url).resolve())
