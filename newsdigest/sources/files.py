"""Local article readers: Markdown with YAML front matter, and plain text in the seed format.

A file that cannot be read is reported (file and line) and skipped; it never
stops the build.
"""
from __future__ import annotations

import hashlib
import html
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, tzinfo
from pathlib import Path
from typing import Any, Protocol

import markdown
import yaml

from newsdigest.clean import html_to_text, sanitize_html
from newsdigest.model import Article, Source
from newsdigest.sources.dates import DEFAULT_YEARS, within_years
from newsdigest.urls import article_id, canonical_url

MARKDOWN_SUFFIXES = {".md", ".markdown"}
TEXT_SUFFIXES = {".txt"}
LOCAL_SOURCE = "Local"

# Credit lines are a wire agency or a short byline closing the story ("AP", "Reuters", "By Jane Doe").
_CREDIT = re.compile(r"^(?:[A-Z][A-Za-z&.\-]{0,20}(?:\s+[A-Z][A-Za-z&.\-]{0,20}){0,3}|By\s+.{2,60}|[A-Z]{2,6}(?:/[A-Z]{2,6})*)$")
_PUNCTUATION_ONLY = re.compile(r"^[\W_]+$")
_KEY_POINTS_HEADER = re.compile(r"^\s*(?:key\s*points|highlights|in\s+brief)\s*:\s*$", re.IGNORECASE)
_BULLET = re.compile(r"^\s*[-*•]\s+(.*\S)\s*$")
CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
DEFAULT_MAX_BYTES = 5_000_000
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?\n?", re.DOTALL | re.MULTILINE)
# The C loader (libyaml) builds the same Python values as the pure-Python SafeLoader, ~7× faster.
YAML_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Bump when parsing changes what a file turns into: every stored parse is then redone once.
PARSER_VERSION = "1"


class ParsedFiles(Protocol):
    """Where parsed local files are kept between builds (the archive), keyed by display path."""

    def local_files(self) -> dict[str, tuple[str, Article]]: ...
    def save_local_files(self, changed: dict[str, tuple[str, Article]], gone: Sequence[str]) -> None: ...


@dataclass(frozen=True)
class ReadResult:
    articles: tuple[Article, ...]
    warnings: tuple[str, ...]
    parsed: int = 0     # files parsed this build
    reused: int = 0     # files unchanged since the last build, taken from the store unparsed


class Converters:
    """One Markdown converter for bodies and one for headings, reset between files.

    Building a `Markdown` instance (extensions, processors) costs more than converting a short
    article; `reset()` clears the per-document state (footnotes, abbreviations), so the output is
    the same as a fresh instance's.
    """

    def __init__(self) -> None:
        self.body = markdown.Markdown(extensions=["extra", "sane_lists"])
        self.heading = markdown.Markdown()

    def convert(self, converter: markdown.Markdown, text: str) -> str:
        converter.reset()
        return converter.convert(text)


@dataclass
class _Reading:
    tz: tzinfo
    max_bytes: int
    years: tuple[int, int]
    converters: Converters = field(default_factory=Converters)
    known: dict[str, tuple[str, Article]] = field(default_factory=dict)
    changed: dict[str, tuple[str, Article]] = field(default_factory=dict)
    reused: set[str] = field(default_factory=set)


def read_content(folders: Sequence[Path], root: Path, tz: tzinfo, *, max_bytes: int = DEFAULT_MAX_BYTES,
                 years: tuple[int, int] = DEFAULT_YEARS, store: ParsedFiles | None = None) -> ReadResult:
    """Read every article file below the given folders, sorted by path for determinism.

    Each file is read on its own: any failure in one (bad YAML, an impossible date, a file over
    `max_bytes`) becomes one warning naming the file, and the others are still read. With a
    `store`, a file whose size, mtime and content hash match the last build's is not parsed again.
    """
    run = _Reading(tz, max_bytes, years, known=store.local_files() if store is not None else {})
    articles: list[Article] = []
    warnings: list[str] = []
    for path in _article_files(folders):
        shown = _display_path(path, root)
        try:
            articles.append(_read_stored_or_parse(run, path, shown))
        except ArticleFileError as exc:
            warnings.append(str(exc))
        except (OSError, UnicodeDecodeError) as exc:
            warnings.append(f"{shown}: cannot read this file ({exc}); skipped")
        except Exception as exc:  # noqa: BLE001 — a user's file must never stop the build; say which one
            warnings.append(f"{shown}: cannot be read ({type(exc).__name__}: {exc}); skipped")
    if store is not None:   # files gone or now unreadable lose their stored parse
        store.save_local_files(run.changed, sorted(set(run.known) - run.reused - set(run.changed)))
    return ReadResult(tuple(articles), tuple(warnings), parsed=len(run.changed), reused=len(run.reused))


def _read_stored_or_parse(run: _Reading, path: Path, shown: str) -> Article:
    stat = _checked_size(path, shown, run.max_bytes)
    data = path.read_bytes()
    stamp = "|".join((PARSER_VERSION, str(run.tz), f"{run.years[0]}-{run.years[1]}", str(stat.st_size),
                      str(stat.st_mtime_ns), hashlib.sha256(data).hexdigest()))
    stored = run.known.get(shown)
    if stored is not None and stored[0] == stamp:
        run.reused.add(shown)
        return stored[1]
    article = _parse_bytes(data, path, stat, shown, run)
    run.changed[shown] = (stamp, article)
    return article


class ArticleFileError(ValueError):
    """A local article file is malformed; the message names the file and line."""


def read_article_file(path: Path, shown: str, tz: tzinfo, *, max_bytes: int = DEFAULT_MAX_BYTES,
                      years: tuple[int, int] = DEFAULT_YEARS) -> Article:
    """Read one local article file according to its suffix; a file over `max_bytes` is refused unread."""
    stat = _checked_size(path, shown, max_bytes)
    return _parse_bytes(path.read_bytes(), path, stat, shown, _Reading(tz, max_bytes, years))


def _checked_size(path: Path, shown: str, max_bytes: int) -> os.stat_result:
    stat = path.stat()
    if stat.st_size > max_bytes:    # checked before reading: a 200 MB file must cost neither time nor memory
        raise ArticleFileError(f"{shown}: the file is {stat.st_size:,} bytes, over the limit of {max_bytes:,} "
                               "(limits.file_bytes); skipped — split it or raise the limit")
    return stat


def _parse_bytes(data: bytes, path: Path, stat: os.stat_result, shown: str, run: _Reading) -> Article:
    # Decoded as Path.read_text would: BOM dropped, universal newlines.
    text = data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    _refuse_control_characters(text, shown)
    years = run.years
    mtime = within_years(datetime.fromtimestamp(stat.st_mtime, run.tz), years)
    if mtime is None:
        raise ArticleFileError(f"{shown}: the file's modification time is outside the years {years[0]}–{years[1]} "
                               "and it has no usable date; skipped — add `date:` front matter")
    if path.suffix.lower() in MARKDOWN_SUFFIXES:
        return parse_markdown(text, shown, mtime, run.tz, years=years, converters=run.converters)
    return parse_plain_text(text, shown, mtime)


def _refuse_control_characters(text: str, shown: str) -> None:
    """NUL, BEL and the other C0 controls (tab and line ends aside) are never article text."""
    found = CONTROL_CHARACTER.search(text)
    if found:
        line = text.count("\n", 0, found.start()) + 1
        raise ArticleFileError(f"{shown}:{line}: the file contains the control character U+{ord(found.group()):04X}, "
                               "which no article text uses; skipped — remove it (the file may be binary)")


def _article_files(folders: Sequence[Path]) -> Iterable[Path]:
    suffixes = MARKDOWN_SUFFIXES | TEXT_SUFFIXES
    seen: set[Path] = set()
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            hidden = any(part.startswith(".") for part in path.relative_to(folder).parts)
            if path.is_file() and path.suffix.lower() in suffixes and not hidden and path not in seen:
                seen.add(path)
                yield path


def _display_path(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


# --- plain text in the seed format --------------------------------------------------------------


def parse_plain_text(text: str, shown: str, mtime: datetime) -> Article:
    """Lede line, optional `key points:` bullets, body paragraphs, optional trailing credit line."""
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line and not _PUNCTUATION_ONLY.match(line)]
    if not lines:
        raise ArticleFileError(f"{shown}:1: the file has no text; add a lede line and body paragraphs")
    lede, rest = lines[0], lines[1:]
    key_points, rest = _take_key_points(rest)
    credit = ""
    if rest and _is_credit(rest[-1]):
        credit, rest = rest[-1], rest[:-1]
    paragraphs = [lede, *rest]
    body_html = "".join(_paragraph_html(p) for p in paragraphs)
    return Article(
        id=article_id("file:" + shown),
        title="",
        text="\n\n".join(p for p in paragraphs if not _is_subheading(p)),
        html=body_html,
        published=mtime,                   # a placeholder: the pipeline dates it by the archive's first sighting
        dated=False,
        source=credit or LOCAL_SOURCE,     # the wire credit ("AP") is the best outlet name we have
        credit=credit,
        key_points=tuple(key_points),
        path=shown,
        sources=(Source(credit or LOCAL_SOURCE),),
    )


def _take_key_points(lines: list[str]) -> tuple[list[str], list[str]]:
    """Bullets right after a `key points:` header are the author's key points, not body text."""
    if not lines or not _KEY_POINTS_HEADER.match(lines[0]):
        return [], lines
    points: list[str] = []
    index = 1
    while index < len(lines) and (match := _BULLET.match(lines[index])):
        points.append(match.group(1))
        index += 1
    return points, lines[index:]


def _is_credit(line: str) -> bool:
    # A credit has no sentence punctuation and only a few words.
    return len(line.split()) <= 4 and not line.endswith((".", "!", "?", "”", '"')) and bool(_CREDIT.match(line))


def _is_subheading(paragraph: str) -> bool:
    """Short lines without closing punctuation inside a body are section titles, not sentences."""
    return len(paragraph.split()) <= 12 and not re.search(r"[.!?:;\"”’)]$", paragraph)


def _paragraph_html(paragraph: str) -> str:
    tag = "h2" if _is_subheading(paragraph) else "p"
    return f"<{tag}>{html.escape(paragraph, quote=False)}</{tag}>\n"


# --- Markdown with front matter -----------------------------------------------------------------

FRONT_MATTER_KEYS = {"title", "date", "source", "url", "topics", "summary", "key_points", "author",
                     "image", "language", "credit", "categories"}


def parse_markdown(text: str, shown: str, mtime: datetime, tz: tzinfo,
                   years: tuple[int, int] = DEFAULT_YEARS, converters: Converters | None = None) -> Article:
    """Markdown body with optional YAML front matter (title, date, source, url, topics, summary, key_points)."""
    converters = converters or Converters()
    meta, body = _split_front_matter(text, shown)
    title = _text_field(meta, "title", shown)
    if not title:
        title, body = _lift_heading(body, converters)
    body_html = sanitize_html(converters.convert(converters.body, body))
    url = canonical_url(_text_field(meta, "url", shown))
    dated = _parse_date(meta.get("date"), shown, tz, years)
    published = dated or mtime             # undated: a placeholder until the archive's first sighting
    source = _text_field(meta, "source", shown) or LOCAL_SOURCE
    return Article(
        id=article_id(url or "file:" + shown),
        title=title,
        text=html_to_text(body_html),
        html=body_html,
        published=published,
        source=source,
        url=url,
        author=_text_field(meta, "author", shown),
        credit=_text_field(meta, "credit", shown),
        summary=_text_field(meta, "summary", shown),
        key_points=_list_field(meta, "key_points", shown),
        topics=_list_field(meta, "topics", shown),
        categories=_list_field(meta, "categories", shown),
        image=_text_field(meta, "image", shown),
        language=_text_field(meta, "language", shown),
        path=shown,
        sources=(Source(source, url),),
        dated=dated is not None,
    )


def _split_front_matter(text: str, shown: str) -> tuple[dict[str, Any], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.load(match.group(1), Loader=YAML_LOADER) or {}  # a safe loader (C or Python)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 2 if exc.problem_mark else 1
        raise ArticleFileError(f"{shown}:{line}: front matter is not valid YAML ({exc.problem}); "
                               "fix it or remove the --- block") from None
    except (yaml.YAMLError, ValueError, OverflowError) as exc:
        # `date: 2023-02-30` is a YAML timestamp that no calendar has: the loader raises ValueError.
        raise ArticleFileError(f"{shown}: front matter cannot be read ({exc}); "
                               "skipped — fix the value (dates as 2026-11-27 or 2026-11-27T09:30:00+00:00)") from None
    if not isinstance(meta, dict):
        raise ArticleFileError(f"{shown}:2: front matter must be `key: value` lines between --- markers")
    unknown = sorted(set(map(str, meta)) - FRONT_MATTER_KEYS)
    if unknown:
        raise ArticleFileError(f"{shown}: unknown front matter key `{unknown[0]}`; known keys: "
                               f"{', '.join(sorted(FRONT_MATTER_KEYS))}")
    return meta, text[match.end():]


def _text_field(meta: dict[str, Any], key: str, shown: str) -> str:
    value = meta.get(key)
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        raise ArticleFileError(f"{shown}: front matter `{key}` must be text, not a list or mapping")
    return str(value).strip()


def _list_field(meta: dict[str, Any], key: str, shown: str) -> tuple[str, ...]:
    value = meta.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip()) if key != "key_points" else (value,)
    if not isinstance(value, list) or any(isinstance(item, (dict, list)) for item in value):
        raise ArticleFileError(f"{shown}: front matter `{key}` must be a list of text items")
    return tuple(str(item).strip() for item in value if str(item).strip())


def _parse_date(value: Any, shown: str, tz: tzinfo, years: tuple[int, int] = DEFAULT_YEARS) -> datetime | None:
    """Front matter dates: YAML timestamps, dates, or ISO strings; naive ones are in the site time zone.

    A date the author wrote but that cannot be right (2023-02-30, offset +99:00, year 9999)
    skips the file with a warning rather than silently dating it by its mtime.
    """
    if value is None or value == "":
        return None
    hint = "use ISO form such as 2026-11-27 or 2026-11-27T09:30:00+00:00"
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        parsed = datetime.combine(value, time(0, 0))
    else:
        try:
            parsed = datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
        except (ValueError, OverflowError):
            raise ArticleFileError(f"{shown}: front matter `date: {value}` is not a date; skipped — {hint}") from None
    aware = within_years(parsed if parsed.tzinfo else parsed.replace(tzinfo=tz), years)
    if aware is None:
        raise ArticleFileError(f"{shown}: front matter `date: {value}` is outside the years {years[0]}–{years[1]} "
                               f"(limits.years); skipped — {hint}")
    return aware


def _lift_heading(body: str, converters: Converters) -> tuple[str, str]:
    """A Markdown file without a title in front matter may start with `# Title`."""
    match = re.match(r"\s*#[ \t]+(.+?)[ \t#]*(?:\n|$)", body)
    if not match:
        return "", body
    return html_to_text(converters.convert(converters.heading, match.group(1))), body[match.end():]
