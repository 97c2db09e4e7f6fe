"""Bounded memory: the build writes each page into the temporary folder as it is rendered (SiteWriter),
with the writer's checks kept (unsafe paths, duplicates, case-insensitive clashes) and the previous site
untouched by any failure on the way."""
from __future__ import annotations

from pathlib import Path

import pytest

from newsdigest.site import OutputCollision, UnsafeOutput
from newsdigest.site.write import MARKER, open_site


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith(".newsdigest-"))


def test_each_output_is_on_disk_as_soon_as_it_is_added(tmp_path: Path) -> None:
    out = tmp_path / "site"
    with open_site(out) as site:
        site.add("topics/a/index.html", b"<p>a</p>\n", "page topic")
        assert (site.tmp / "topics/a/index.html").read_bytes() == b"<p>a</p>\n"     # not held in memory
        assert not out.exists()                                                     # nothing swapped in yet
        site.update({"feed.xml": b"<feed/>\n"}, "feeds")
        report = site.finish(pages=1)
    assert _files(out) == {"topics/a/index.html": b"<p>a</p>\n", "feed.xml": b"<feed/>\n",
                           MARKER: (out / MARKER).read_bytes()}
    assert (report.pages, report.files_written, report.files_unchanged) == (1, 2, 0)
    assert _leftovers(tmp_path) == []


def test_an_unchanged_page_keeps_the_old_file(tmp_path: Path) -> None:
    out = tmp_path / "site"
    for version in (b"1", b"2"):
        with open_site(out) as site:
            site.add("index.html", b"same\n")
            site.add("changing.html", version)
            kept = (out / "index.html").stat().st_ino if out.exists() else None
            report = site.finish()
    assert (out / "index.html").stat().st_ino == kept          # hard-linked from the previous site
    assert (report.files_written, report.files_unchanged) == (1, 1)


@pytest.mark.parametrize(("second", "error"), [
    ("index.html", OutputCollision),
    ("INDEX.html", OutputCollision),          # one file on a case-insensitive file system
    ("../escape.html", UnsafeOutput),
    ("/etc/passwd", UnsafeOutput),
])
def test_a_refused_output_midway_leaves_the_previous_site_and_no_temporary_folder(
        tmp_path: Path, second: str, error: type[Exception]) -> None:
    out = tmp_path / "site"
    with open_site(out) as site:
        site.add("index.html", b"old\n")
        site.finish()
    before = _files(out)
    with pytest.raises(error), open_site(out) as site:
        site.add("index.html", b"new\n", "first")
        site.add(second, b"other\n", "second")
    assert _files(out) == before
    assert _leftovers(tmp_path) == []
    assert not (tmp_path / "escape.html").exists()


def test_leaving_without_finish_swaps_nothing_in(tmp_path: Path) -> None:
    out = tmp_path / "site"
    with open_site(out) as site:
        site.add("index.html", b"never published\n")
    assert not out.exists()
    assert _leftovers(tmp_path) == []
