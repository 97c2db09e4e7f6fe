"""Static full-text search with no server: a Pagefind index written beside the pages.

Why Pagefind rather than an index built here: it splits the index into small
content-addressed chunks, so a query downloads a few kilobytes instead of the
whole index, and it brings stemming and ranking we would otherwise write by hand.

Why records rather than a crawl: the site already holds, as data, exactly the text
the pages mark with ``data-pagefind-body`` (headline, key points, summary, the
article's text). Handing Pagefind that text through its Python API
(``add_custom_record``) skips parsing every HTML file again and keeps the
indexer's memory to the index itself (a crawl of 10,000 pages peaked at ~1.8 GB).
"""
from __future__ import annotations

import asyncio
import base64
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from newsdigest.settings import SearchSettings, Settings

BUNDLE_DIR = "pagefind"          # the search page loads <base>/pagefind/pagefind.js
# Pagefind's ready-made UIs: our search page drives pagefind.js directly (smaller, and its markup
# follows the theme's accessibility rules), so these ~420 KB would only be dead weight on the host.
UNUSED_BUNDLE_FILES = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
)
TIMEOUT_SECONDS = 600            # ten thousand records index in well under a minute; this only stops a hang
_CLOSING = frozenset(".!?…:;\"'”’)")
_LANGUAGE = re.compile(r"^[a-z]{2,3}")   # Pagefind stems by ISO 639 code: "en-GB" indexes as "en"


@dataclass(frozen=True)
class SearchRecord:
    """One searchable page: its site path and the text its data-pagefind-body region shows."""

    path: str                    # "articles/x/index.html", relative to the site root
    title: str
    content: str
    published: datetime
    topics: tuple[str, ...] = ()
    kind: str = "article"        # article or story (meta, so a result could say which)
    meta: dict[str, str] = field(default_factory=dict)


def pagefind_executable() -> Path | None:
    """The Pagefind binary shipped by the `pagefind-bin` wheel, or None when it is not installed."""
    try:
        import pagefind_bin
    except ImportError:
        return None
    try:
        return pagefind_bin.get_executable()
    except (FileNotFoundError, OSError):
        return None


def records_from_pages(pages: Iterable[Any]) -> Iterator[SearchRecord]:
    """The search records of the article and story pages, from the data their templates render."""
    for page in pages:
        if page.kind == "article":
            yield article_record(page.path, page.context["article"])
        elif page.kind == "story":
            yield story_record(page.path, page.context["story"], page.context.get("story_topics", ()))


def article_record(path: str, article: Any) -> SearchRecord:
    """What article.html marks for indexing: headline, key points, summary, outlet links, the text, credit."""
    body = article.page_text
    parts = [article.headline]
    if body is not None:
        parts += [point.text for point in body.points]
        parts.append(body.summary)
        parts += [source.name for source in article.sources]
        parts += ["".join(segment.text for segment in paragraph if not segment.back) for paragraph in body.paragraphs]
    else:   # a view without its record (not an article page's own): what the view itself holds
        parts += [*article.key_points, article.summary, *(s.name for s in article.sources)]
    parts.append(article.credit)
    return SearchRecord(path, article.headline, _joined(parts), article.published,
                        tuple(t.name for t in article.topics), "article")


def story_record(path: str, story: Any, topics: Sequence[Any]) -> SearchRecord:
    """What story.html marks for indexing: headline, key points, summary, and every outlet's take."""
    parts = [story.headline, *story.points_beside_summary]
    if story.summary and story.summary_adds:
        parts.append(story.summary)
    for member in story.members:
        parts += [member.headline, *member.key_points]
        if member.url:
            parts.append(f"Read it at {member.source}")
    return SearchRecord(path, story.headline, _joined(parts), story.updated, tuple(t.name for t in topics), "story")


def _joined(parts: Iterable[str]) -> str:
    # Blocks end like Pagefind ends a crawled block element (a full stop unless punctuated), so excerpts
    # read as before and the words of two blocks never run together.
    blocks = (part.strip() for part in parts if part and part.strip())
    return " ".join(block if block[-1] in _CLOSING else block + "." for block in blocks)


def in_window(pages: Iterable[Any], window: SearchSettings, build_time: datetime) -> list[Any]:
    """The newest `max_pages` article and story pages published within `days` of the build (0 = no limit),
    newest first. Chosen before any record is made: a record needs the page's text, and at a large
    archive most pages fall outside the window."""
    kept = [(_published(page), page.path, page) for page in pages if page.kind in ("article", "story")]
    if window.days:
        since = build_time - timedelta(days=window.days)
        kept = [entry for entry in kept if entry[0] >= since]
    kept.sort(key=lambda entry: entry[:2], reverse=True)
    if window.max_pages:
        kept = kept[:window.max_pages]
    return [page for _, _, page in kept]


def _published(page: Any) -> datetime:
    # The date its record carries: an article's publication, a story's newest report.
    return page.context["article"].published if page.kind == "article" else page.context["story"].updated


def index_site(site_dir: Path, settings: Settings, records: Sequence[SearchRecord] = ()) -> str | None:
    """Write the Pagefind bundle for `records` into `site_dir`; a one-line warning instead of failing the build."""
    if not settings.search:
        return None
    executable = pagefind_executable()
    if executable is None:
        return "search: pagefind-bin is not installed (pip install pagefind-bin); site built without a search index"
    try:
        from pagefind.service import PagefindService
    except ImportError:
        return "search: the pagefind package is not installed (pip install pagefind); site built without a search index"
    language = _language(settings.site.language)
    try:
        # A thread of its own with its own event loop: the API is async, and the caller may already run a loop
        # (a notebook, a test driving a browser), where asyncio.run() would refuse to start.
        with ThreadPoolExecutor(max_workers=1) as pool:
            pool.submit(lambda: asyncio.run(asyncio.wait_for(
                _write(PagefindService, site_dir, records, language), TIMEOUT_SECONDS))).result()
    except Exception as error:   # noqa: BLE001 - any failure of the optional indexer is one warning, not a failed build
        text = " ".join(str(error).split())[:200] or type(error).__name__
        return f"search: Pagefind failed ({text}); site built without a search index"
    if not (site_dir / BUNDLE_DIR / "pagefind.js").is_file():
        return "search: Pagefind wrote no index; search will find nothing"
    for name in UNUSED_BUNDLE_FILES:
        (site_dir / BUNDLE_DIR / name).unlink(missing_ok=True)
    return None


async def _write(service_class: Any, site_dir: Path, records: Sequence[SearchRecord], language: str) -> None:
    service = await _prompt_service(service_class)().launch()
    try:
        # keep_index_url: results link to .../index.html like every other link, so they work from disk too.
        index = await service.create_index({"keep_index_url": True, "force_language": language})
        # One record at a time, in order: with several in flight the binary adds them in whatever order its
        # tasks finish, and pagefind-entry.json differed between two builds of the same archive under load.
        for record in records:
            await _add(index, record, language)
        # The bundle comes back through the pipe and is written here, not by the binary: files the binary
        # wrote itself were sometimes cut short on a loaded machine (an empty pagefind-entry.json), as its
        # writes could still be running when it exits.
        files = await index.get_files()
    finally:
        await service.close()
    bundle = (site_dir / BUNDLE_DIR).resolve()
    for file in files:
        target = (bundle / str(file["path"])).resolve()
        if not target.is_relative_to(bundle):
            raise RuntimeError(f"Pagefind named a file outside its folder: {file['path']!r}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(file["content"])


async def _add(index: Any, record: SearchRecord, language: str) -> None:
    # Topics go in meta, not filters: Pagefind 1.5 writes filter files in a varying order (a hash map),
    # and the bundle would differ between identical builds; our search page offers no filters anyway.
    meta = {"title": record.title, "date": record.published.date().isoformat(), "kind": record.kind,
            **({"topics": ", ".join(record.topics)} if record.topics else {}), **record.meta}
    await index.add_custom_record(url="/" + record.path, content=record.content, language=language, meta=meta)


ANSWER_LIMIT = 1 << 30   # bytes one answer may take (the whole bundle, base64): about 1.4 MB per 1,000 pages
CLOSE_SECONDS = 60   # for the binary to finish its writes and exit once its input ends


def _prompt_service(base: Any) -> Any:
    """PagefindService, reading each answer as soon as it arrives.

    Why: pagefind 1.5.2's reader sleeps 0.1 s before every answer it reads, so one record costs at least
    0.1 s and 10,000 records over 17 minutes. The loop below is the same protocol (base64 JSON answers,
    each ended by a comma) without the sleep; an answer that fails every waiting request when the
    binary dies instead of leaving them hanging.
    """
    class PromptService(base):  # type: ignore[misc, valid-type]
        async def launch(self) -> Any:
            # As the package launches it, but with room for one answer holding the whole bundle (get_files):
            # the package's 2 MiB line limit would stop the reader at about 1,500 pages.
            self._backend = await asyncio.create_subprocess_exec(
                self._bin, "--service", stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.STDOUT, limit=ANSWER_LIMIT)
            self._poll_task = self._loop.create_task(self._wait_for_responses())
            return self

        async def _wait_for_responses(self) -> None:
            stdout = self._backend.stdout
            if stdout is None:   # launched with stdout=PIPE above, so never; this tells the type checker
                return
            try:
                while True:
                    output = await stdout.readuntil(b",")
                    answer = json.loads(base64.b64decode(output[:-1]))
                    if answer is None:
                        continue
                    message_id = answer.get("message_id")
                    payload = answer.get("payload") or {}
                    if message_id is None and payload.get("original_message"):
                        message_id = json.loads(payload["original_message"]).get("message_id")
                    future = self._responses.get(message_id)
                    if future is None or future.done():
                        continue
                    if payload.get("type") == "Error":
                        future.set_exception(RuntimeError(payload.get("message", "error")))
                    else:
                        future.set_result(payload)
            except (asyncio.IncompleteReadError, ValueError) as error:
                for future in self._responses.values():
                    if not future.done():
                        future.set_exception(RuntimeError(f"the Pagefind service stopped ({error})"))

        async def close(self) -> None:
            # The package's close() sends SIGTERM at once; a bundle file still being written would be left
            # cut short (seen under load: an empty pagefind-entry.json). End its input instead, so the
            # binary finishes and exits by itself; only a binary that hangs is terminated.
            try:
                await asyncio.wait_for(asyncio.gather(*self._responses.values(), return_exceptions=True),
                                       timeout=CLOSE_SECONDS)
            except asyncio.TimeoutError:
                pass
            self._poll_task.cancel()
            if self._backend.stdin is not None:
                self._backend.stdin.close()
            try:
                await asyncio.wait_for(self._backend.wait(), timeout=CLOSE_SECONDS)
            except asyncio.TimeoutError:
                self._backend.terminate()
                await self._backend.wait()

    return PromptService


def _language(code: str) -> str:
    found = _LANGUAGE.match((code or "en").lower())
    return found.group() if found else "en"
