"""Static full-text search with no server: a Pagefind index written beside the pages.

Why Pagefind rather than an index built here: it splits the index into small
content-addressed chunks, so a query downloads a few kilobytes instead of the
whole index, and it brings stemming and ranking we would otherwise write by hand.
Pages mark what to index with ``data-pagefind-body`` (headline, key points,
summary), so navigation and footers never match a query.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

from newsdigest.settings import Settings

BUNDLE_DIR = "pagefind"          # the search page loads <base>/pagefind/pagefind.js
# Pagefind's ready-made UIs: our search page drives pagefind.js directly (smaller, and its markup
# follows the theme's accessibility rules), so these ~420 KB would only be dead weight on the host.
UNUSED_BUNDLE_FILES = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
)
TIMEOUT_SECONDS = 600            # ten thousand pages index in well under a minute; this only stops a hang


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


def index_site(site_dir: Path, settings: Settings) -> str | None:
    """Index the built pages in `site_dir`; return a one-line warning instead of failing the build."""
    if not settings.search:
        return None
    executable = pagefind_executable()
    if executable is None:
        return "search: pagefind-bin is not installed (pip install pagefind-bin); site built without a search index"
    command = [
        str(executable), "--site", str(site_dir), "--output-subdir", BUNDLE_DIR,
        "--keep-index-url",          # results link to .../index.html, like every other link (works from disk)
        "--silent",
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"search: Pagefind could not run ({error}); site built without a search index"
    if done.returncode != 0:
        return f"search: Pagefind failed ({_last_line(done.stderr or done.stdout)}); site built without a search index"
    if not (site_dir / BUNDLE_DIR / "pagefind.js").is_file():
        return "search: Pagefind wrote no index (no page has data-pagefind-body?); search will find nothing"
    for name in UNUSED_BUNDLE_FILES:
        (site_dir / BUNDLE_DIR / name).unlink(missing_ok=True)
    return None


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1][:200] if lines else "no output"
