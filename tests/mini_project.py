"""A tiny project on disk for robustness tests: a config, local feed files, a content folder.

Everything is invented here (no evaluation data); builds run in-process through `cli.main`
or as real `python build.py` processes when a test needs locks, kills or concurrency.
"""
from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import yaml

from newsdigest.cli import main

ROOT = Path(__file__).resolve().parent.parent


def entry(title: str, url: str, updated: str, summary: str = "", raw_title: bool = False) -> str:
    """One Atom entry; `raw_title` leaves the title unescaped (to carry character references)."""
    shown = title if raw_title else escape(title)
    text = summary or f"{title}. The council said the work would take a week. Residents welcomed the news."
    return (f"<entry><title>{shown}</title><id>{escape(url)}</id><link href=\"{escape(url)}\"/>"
            f"<updated>{updated}</updated><summary>{text}</summary></entry>")


def atom(entries: list[str], title: str = "Test feed") -> str:
    return ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{escape(title)}</title><id>urn:test:{escape(title)}</id>"
            f"<updated>2026-11-20T00:00:00Z</updated>{''.join(entries)}</feed>\n")


@dataclass
class Project:
    folder: Path

    @property
    def config(self) -> Path:
        return self.folder / "config.yaml"

    @property
    def site(self) -> Path:
        return self.folder / "site"

    @property
    def archive(self) -> Path:
        return self.folder / ".cache" / "newsdigest.sqlite"

    def write_feed(self, name: str, text: str) -> str:
        path = self.folder / "feeds" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return f"feeds/{name}"

    def write_article(self, name: str, data: bytes | str) -> Path:
        path = self.folder / "content" / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return path

    def configure(self, feeds: list[dict[str, Any]] | None = None, timezone: str = "UTC", **extra: Any) -> None:
        config: dict[str, Any] = {"site": {"title": "Robust", "timezone": timezone}, "content": ["content"],
                                  "feeds": feeds or [], "search": False, **extra}
        self.config.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")

    def build(self, *args: str) -> int:
        """In-process build; returns the exit status."""
        return main(["--config", str(self.config), "--quiet", *args])

    def build_process(self, env: dict[str, str] | None = None, timeout: float = 120,
                      ) -> subprocess.CompletedProcess[str]:
        """A real `python build.py` process."""
        return subprocess.run([sys.executable, str(ROOT / "build.py"), "--config", str(self.config), "--quiet"],
                              capture_output=True, text=True, timeout=timeout, check=False,
                              env={**os.environ, **(env or {})}, cwd=self.folder)

    def start_build(self, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
        return subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--config", str(self.config), "--quiet"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env={**os.environ, **(env or {})}, cwd=self.folder)

    def article_titles(self) -> list[str]:
        """Titles of the built article pages (from their <h1>), sorted."""
        titles = []
        for page in sorted((self.site / "articles").glob("*/index.html")):
            html = page.read_text(encoding="utf-8")
            start = html.index("<h1") if "<h1" in html else -1
            titles.append(html[html.index(">", start) + 1:html.index("</h1>", start)].strip() if start >= 0 else "")
        return sorted(titles)


def new_project(folder: Path) -> Project:
    (folder / "content").mkdir(parents=True, exist_ok=True)
    return Project(folder)
