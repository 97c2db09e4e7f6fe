"""Load and validate config.yaml into one frozen Settings object.

Everything is checked before any work starts and every problem is collected,
so a user fixes a broken config in one pass. Each message names the file, the
line, the key path, what was expected, and the closest known key for a typo.
"""
from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from newsdigest.settings import (
    FILTER_FIELDS,
    ArchiveSettings,
    BuildSettings,
    DigestSettings,
    EmailSettings,
    FeedSettings,
    FetchSettings,
    FilterRule,
    FilterSettings,
    LimitSettings,
    SearchSettings,
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

# The tags PyYAML's safe loader gives plain YAML; anything else (`!!python/object`, `!custom`) is
# refused outright rather than read as text, so no config can smuggle in a constructor.
PLAIN_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in
                       ("str", "int", "float", "bool", "null", "map", "seq", "timestamp"))
# Tab and newline are text; every other C0 control (NUL above all) breaks paths and pages.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_SLUG = 60
# Schemes a feed URL may use; any other `word:` prefix is refused, so `ftp:`, `javascript:` and the
# typo `htps:` are not read as relative paths. A single letter is a Windows drive (C:\feeds\a.xml).
FEED_SCHEMES = ("http", "https", "file")
# Every number has an upper bound as well: a typo like 1e30 is an error, not an overflow later.
DEFAULT_MAX = 1_000_000_000


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
    control = CONTROL_CHARS.search(str(value))
    if control:
        ctx.error(node, path, f"contains the control character U+{ord(control.group()):04X}; remove it")
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


def _number(kind: type, minimum: float, maximum: float = DEFAULT_MAX) -> Reader:
    """A finite int or float between minimum and maximum (inclusive)."""
    def read(ctx: _Ctx, node: Node, path: str) -> Any:
        wanted = f"{'a whole number' if kind is int else 'a number'} from {_shown(minimum)} to {_shown(maximum)}"
        value = _scalar(ctx, node, path, wanted)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (kind is int and isinstance(value, float)):
            if isinstance(node, ScalarNode):
                ctx.error(node, path, f"expected {wanted}, got `{node.value}`")
            return None
        if not math.isfinite(value) or not minimum <= value <= maximum:
            ctx.error(node, path, f"expected {wanted}, got `{node.value}`")
            return None
        return kind(value)

    return read


def _shown(bound: float) -> str:
    """1000000000 as 1,000,000,000 and 0.1 as 0.1 (the :g format would print 1e+09)."""
    return f"{int(bound):,}" if float(bound).is_integer() else f"{bound:g}"


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


def read_feed_url(ctx: _Ctx, node: Node, path: str) -> str | None:
    """An http(s) URL with a host, a file: URL, or a path; any other `scheme:` is an error."""
    url = read_str(ctx, node, path)
    if url is None:
        return None
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 — raises ValueError for a port that is not a number 0–65535
    except ValueError:
        ctx.error(node, path, f"`{url}` is not a well-formed URL; write it as https://host/path")
        return None
    scheme = parts.scheme.lower()
    if not scheme and url.startswith("//"):     # scheme-relative: a web address, not a path
        ctx.error(node, path, f"`{url}` has no scheme; write it as https:{url}")
        return None
    if not scheme or (len(scheme) == 1 and url[1:3] in (":\\", ":/")):
        return url
    if scheme not in FEED_SCHEMES:
        close = difflib.get_close_matches(scheme, FEED_SCHEMES, n=1, cutoff=0.75)   # htps, htp, hhtp, httsp
        hint = f" — did you mean `{close[0]}:`?" if close else ""
        as_path = "" if "://" in url else f" (write ./{url} if it is a file name with a colon)"
        ctx.error(node, path, f"unsupported URL scheme `{scheme}:` in `{url}`{hint}; a feed is an http:// or "
                              f"https:// URL, a file: URL or a path{as_path}")
        return None
    if scheme in ("http", "https") and not parts.hostname:
        ctx.error(node, path, f"`{url}` has no host name; write it as {scheme}://host/path")
        return None
    return url


def read_slug(ctx: _Ctx, node: Node, path: str) -> str | None:
    """A topic slug as given: it becomes a folder name, so it is checked, never quietly rewritten."""
    slug = read_str(ctx, node, path)
    if slug is None:
        return None
    if not SLUG.match(slug) or len(slug) > MAX_SLUG:
        suggestion = slugify(slug)
        hint = f" — did you mean `{suggestion}`?" if suggestion and suggestion != slug else ""
        ctx.error(node, path, f"expected a slug of lowercase letters, digits and single hyphens (at most {MAX_SLUG} "
                              f"characters) such as `world-news`, got `{slug}`{hint}")
        return None
    return slug


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
            weight = _number(float, 0.0, 1000)(ctx, item.value[0][1], f"{item_path}.{term}")
            if term is not None and weight is not None:
                result.append((term, weight))
        elif isinstance(item, ScalarNode):
            term = read_str(ctx, item, item_path)
            if term is not None:
                result.append((term, 1.0))
        else:
            ctx.error(item, item_path, 'expected a word, a phrase or {"phrase": weight}')
    return tuple(result)


def read_filter_rule(action: str) -> Reader:
    """A rule is a word or phrase (shorthand), or {words: [...]} or {regex: "..."}, with optional `in: [fields]`."""
    def read(ctx: _Ctx, node: Node, path: str) -> FilterRule | None:
        if isinstance(node, ScalarNode):
            word = read_str(ctx, node, path)
            return FilterRule(action, words=(word,), label=word) if word else None
        values = _read_mapping(ctx, node, path, FILTER_RULE)
        if values is None:
            return None
        if ("words" in values) == ("regex" in values):
            ctx.error(node, path, "give a rule either `words: [...]` or `regex: \"...\"`, not both or neither")
            return None
        fields_in = tuple(values.get("in", ("title", "text")))
        words, regex = tuple(values.get("words", ())), values.get("regex", "")
        label = f"regex {regex}" if regex else ", ".join(words)
        if fields_in != ("title", "text"):
            label += f" (in {', '.join(fields_in)})"
        return FilterRule(action, words=words, regex=regex, fields=fields_in, label=label)

    return read


def read_regex(ctx: _Ctx, node: Node, path: str) -> str | None:
    pattern = read_str(ctx, node, path)
    if pattern is None:
        return None
    try:
        re.compile(pattern)
    except re.error as exc:
        ctx.error(node, path, f"not a valid regular expression: {exc}; quote it in '...' and escape \\ once")
        return None
    return pattern


def read_filter_fields(ctx: _Ctx, node: Node, path: str) -> tuple[str, ...] | None:
    names = read_str_list(ctx, node, path)
    if names is None:
        return None
    known = [n.lower() for n in names if n.lower() in FILTER_FIELDS]
    for name in names:
        if name.lower() not in FILTER_FIELDS:
            close = difflib.get_close_matches(name.lower(), FILTER_FIELDS, n=1, cutoff=0.6)
            hint = f" — did you mean `{close[0]}`?" if close else f" — use {', '.join(FILTER_FIELDS)}"
            ctx.error(node, path, f"unknown field `{name}`{hint}")
    return tuple(known) or None


def read_filters(ctx: _Ctx, node: Node, path: str) -> FilterSettings | None:
    values = _read_mapping(ctx, node, path, FILTERS)
    if values is None:
        return None
    return FilterSettings(mute=tuple(rule for rule, _ in values.get("mute", [])),
                          keep=tuple(rule for rule, _ in values.get("keep", [])))


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
FILTER_RULE: dict[str, Reader] = {"words": read_str_list, "regex": read_regex, "in": read_filter_fields}
FILTERS: dict[str, Reader] = {"mute": _list_of(read_filter_rule("mute")), "keep": _list_of(read_filter_rule("keep"))}
FEED: dict[str, Reader] = {"name": read_str, "url": read_feed_url, "topics": read_str_list, "full_text": read_bool,
                           "category": read_str, "allow_private": read_bool, "filters": read_filters}
TOPIC: dict[str, Reader] = {"name": read_str, "slug": read_slug, "description": read_optional_str, "keywords": read_keywords,
         "exclude": read_str_list, "feeds": read_str_list, "feed_categories": read_str_list}
DIGEST: dict[str, Reader] = {"key_points": _number(int, 1, 50), "summary_sentences": _number(int, 1, 50),
                             "per_page": _number(int, 1, 1000), "front_page_days": _number(int, 1, 3650),
                             "drop_sponsored": read_bool, "article_pages": _number(int, 0, 100_000_000)}
FETCH: dict[str, Reader] = {"timeout": _number(float, 0.1, 3600), "deadline": _number(float, 0.1, 3600),
                            "max_bytes": _number(int, 1024, 1_000_000_000), "max_redirects": _number(int, 0, 30),
                            "retries": _number(int, 0, 10), "concurrency": _number(int, 1, 256),
                            "per_host": _number(int, 1, 64), "allow_private": read_bool}
ARCHIVE: dict[str, Reader] = {"path": read_str, "retention_days": _number(int, 0, 36_500)}
# 0 means "no bound" for both; the upper bounds only catch typos (a century of days, a billion pages).
SEARCH: dict[str, Reader] = {"enabled": read_bool, "days": _number(int, 0, 36_500),
                             "max_pages": _number(int, 0, 100_000_000)}


def read_search(ctx: _Ctx, node: Node, path: str) -> dict[str, Any] | None:
    """`search: true/false`, or `search: {enabled, days, max_pages}` to bound what the index holds."""
    if isinstance(node, MappingNode):
        return _read_mapping(ctx, node, path, SEARCH)
    if isinstance(node, ScalarNode):    # the original form: a plain switch
        value = read_bool(ctx, node, path)
        return None if value is None else {"enabled": value}
    ctx.error(node, path, "expected true, false or a mapping such as {enabled: true, days: 90, max_pages: 10000}, "
                          "got a list")
    return None


STORIES: dict[str, Reader] = {"window_hours": _number(float, 1, 8760), "threshold": _number(float, 0.0, 1.0)}


def read_years(ctx: _Ctx, node: Node, path: str) -> tuple[int, int] | None:
    """`[first, last]`: two whole years, first before last, inside 1..9999 (what a date can hold)."""
    values = [_scalar(ctx, item, path, "a year") for item in node.value] if isinstance(node, SequenceNode) else []
    if (len(values) != 2 or any(isinstance(v, bool) or not isinstance(v, int) for v in values)
            or not 1 <= values[0] < values[1] <= 9999):
        ctx.error(node, path, "expected two years [first, last] such as [1970, 2100], first before last, "
                              "both between 1 and 9999")
        return None
    return values[0], values[1]


LIMITS: dict[str, Reader] = {"items_per_feed": _number(int, 1, 1_000_000), "new_articles": _number(int, 1, 10_000_000),
                             "file_bytes": _number(int, 1024, 1_000_000_000), "years": read_years,
                             "lock_timeout": _number(float, 0.1, 3600)}
TOPIC_RULES: dict[str, Reader] = {"fallback": read_str, "threshold": _number(float, 0.0, 1_000_000),
                                  "max_topics": _number(int, 1, 100)}


def read_address(ctx: _Ctx, node: Node, path: str) -> str | None:
    """One e-mail address (`name@host`); no display names, no commas: it goes into SMTP envelopes."""
    address = read_str(ctx, node, path)
    if address is None:
        return None
    if not _ADDRESS.match(address):
        ctx.error(node, path, f"expected an e-mail address such as digest@example.org, got `{address}`")
        return None
    return address


def read_env_name(ctx: _Ctx, node: Node, path: str) -> str | None:
    """The NAME of an environment variable: the password itself never belongs in a config file."""
    name = read_str(ctx, node, path)
    if name is None:
        return None
    if not _ENV_NAME.match(name):
        ctx.error(node, path, f"expected the name of an environment variable such as DIGEST_SMTP_PASSWORD, "
                              f"got `{name}` (put the password in that variable, not in the config)")
        return None
    return name


def _address_list(ctx: _Ctx, node: Node, path: str) -> tuple[str, ...] | None:
    if isinstance(node, ScalarNode) and node.value:
        single = read_address(ctx, node, path)
        return (single,) if single else None
    if not isinstance(node, SequenceNode) or not node.value:
        ctx.error(node, path, "expected a list of e-mail addresses, e.g. [you@example.org]")
        return None
    items = [read_address(ctx, item, f"{path}[{i}]") for i, item in enumerate(node.value)]
    return tuple(item for item in items if item is not None)


_ADDRESS = re.compile(r"^[^@\s,;<>\"]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$")
_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
EMAIL: dict[str, Reader] = {"host": read_str, "port": _number(int, 1, 65535), "starttls": read_bool, "user": read_str,
                            "password_env": read_env_name, "from": read_address, "to": _address_list,
                            "timeout": _number(float, 0.1, 3600)}
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
    "email": _section(EMAIL, required=("host", "from", "to")),
    "limits": _section(LIMITS),
    "build": _section({"workers": _number(int, 1)}),
    "output": read_str,
    "templates_dir": read_str,
    "search": read_search,
    "filters": read_filters,
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
    control = CONTROL_CHARS.search(text)
    if control:  # YAML refuses these too, but with a character offset instead of a line
        line_no = text.count("\n", 0, control.start()) + 1
        raise ConfigError([(f"{shown}:{line_no}: the file contains the control character U+{ord(control.group()):04X} "
                           "(not allowed in YAML); remove it — is this really the config file?")])
    try:
        root_node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = f":{mark.line + 1}" if mark is not None else ""
        raise ConfigError([f"{shown}{line}: not valid YAML: {exc.problem}; check indentation and quoting"]) from None
    except yaml.YAMLError as exc:  # a reader error: a character YAML does not allow
        raise ConfigError([f"{shown}: not valid YAML: {' '.join(str(exc).split())}"]) from None
    if root_node is None:
        raise ConfigError([f"{shown}: the config file is empty; see the README for a starting config"])
    _check_tags(ctx, root_node)
    if ctx.errors:
        raise ConfigError(ctx.errors)
    raw = _read_mapping(ctx, root_node, "", TOP) or {}
    settings = _assemble(ctx, raw, config_path)
    if ctx.errors:
        raise ConfigError(ctx.errors)
    return settings


def _check_tags(ctx: _Ctx, root: Node) -> None:
    """Report every node carrying a tag other than plain YAML's (`!!python/object:…`, `!include`, …)."""
    pending, seen = [root], set()
    while pending:
        node = pending.pop()
        if id(node) in seen:    # an alias is the same node: visit it once (`&a [*a]` loops, `*a` × 9⁷ explodes)
            continue
        seen.add(id(node))
        if node.tag not in PLAIN_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            ctx.error(node, "", f"unsupported YAML tag `{tag}`; the config is plain YAML (text, numbers, true/false, "
                                "lists and mappings) — remove the tag")
        if isinstance(node, MappingNode):
            pending.extend(item for pair in node.value for item in pair)
        elif isinstance(node, SequenceNode):
            pending.extend(node.value)


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
        email=_email(raw.get("email", {})),
        limits=_build(LimitSettings, raw.get("limits", {})),
        build=_build(BuildSettings, raw.get("build", {})),
        output=(root / raw.get("output", "site")).resolve(),
        templates_dir=(root / templates_dir).resolve() if templates_dir else None,
        search=raw.get("search", {}).get("enabled", True),
        search_window=_build(SearchSettings, raw.get("search", {})),
        filters=raw.get("filters", FilterSettings()),
    )


def _email(values: dict[str, Any]) -> EmailSettings:
    """`from` is a Python keyword, so the field is `sender`."""
    return _build(EmailSettings, {**{k: v for k, v in values.items() if k != "from"}, "sender": values.get("from", "")})


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
        slug = values.get("slug") or slugify(values["name"])
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
                  "topics": tuple(slugify(s) for s in values.get("topics", ())),
                  "filters": _owned_by(values.get("filters", FilterSettings()), values["name"])}
        feeds.append(_build(FeedSettings, values))
    return tuple(feeds)


def _owned_by(filters: FilterSettings, feed: str) -> FilterSettings:
    """Per-feed rules carry their feed's name, so the build applies them to that feed only."""
    return FilterSettings(mute=tuple(replace(r, feed=feed) for r in filters.mute),
                          keep=tuple(replace(r, feed=feed) for r in filters.keep))


def _feed_location(url: str, root: Path) -> str:
    """URLs stay as they are; a local path becomes absolute, relative to the config folder."""
    scheme = urlsplit(url).scheme.lower()
    if scheme in ("http", "https", "file"):
        return url
    return str((root / url).resolve())
