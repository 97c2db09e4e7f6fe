"""The writer: byte-identical rebuilds, only changed files rewritten, collisions refused, failures leave the old site."""
from __future__ import annotations

import os
import stat
from dataclasses import replace
from pathlib import Path

import pytest
from site_sample import sample_data, sample_settings, sample_stories

from newsdigest.model import SiteData, Story
from newsdigest.settings import TopicSettings
from newsdigest.site import OutputCollision, UnsafeOutput, build_site
from newsdigest.site.write import MARKER, Outputs, safe_relative_path, write_site

OLD = 1_000_000_000          # 2001-09-09: an mtime no build could produce by accident


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file's bytes and mtime (ns), by relative path."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def age_all_files(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            os.utime(path, (OLD, OLD))


def leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith(".newsdigest-"))


def test_same_inputs_give_byte_identical_sites(tmp_path: Path) -> None:
    settings = sample_settings(tmp_path)
    build_site(sample_data(), settings, tmp_path / "one")
    # Reversed input order must not matter either: the stage sorts what it needs.
    data = sample_data()
    build_site(replace(data, feed_states=data.feed_states[::-1]), settings, tmp_path / "two")
    one, two = snapshot(tmp_path / "one"), snapshot(tmp_path / "two")
    assert len(one) > 40
    assert {k: v[0] for k, v in one.items()} == {k: v[0] for k, v in two.items()}


def test_rebuild_rewrites_only_changed_files(tmp_path: Path) -> None:
    out = tmp_path / "site"
    first = build_site(sample_data(), sample_settings(tmp_path), out)
    assert first.files_unchanged == 0 and first.files_written > 40
    age_all_files(out)
    again = build_site(sample_data(), sample_settings(tmp_path), out)
    assert again.files_written == 0 and again.files_unchanged == first.files_written
    assert all(mtime == OLD * 10**9 for _, mtime in snapshot(out).values())

    # A new feed state changes the sources page (and nothing that does not show feed health).
    data = sample_data()
    changed = replace(data, feed_states=(*data.feed_states, replace(data.feed_states[0], url="https://x.example/f",
                                                                     name="Extra Feed")))
    third = build_site(changed, sample_settings(tmp_path), out)
    after = snapshot(out)
    assert after["sources/index.html"][1] != OLD * 10**9
    assert b"Extra Feed" in after["sources/index.html"][0]
    assert after["index.html"][1] == OLD * 10**9
    assert third.files_written == 1 and third.files_removed == 0


def test_removed_pages_disappear_and_are_counted(tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(sample_data(), sample_settings(tmp_path), out)
    data = sample_data()
    fewer = replace(data, analysed=tuple(a for a in data.analysed if a.id != "a8a8"))
    report = build_site(fewer, sample_settings(tmp_path), out)
    assert not list((out / "articles").glob("old-story-from-last-month-*"))
    assert not (out / "editions" / "2026-10-28").exists()
    assert report.files_removed == 5          # its article page, its edition and its 2 e-mail files, technology's page 2


def test_two_outputs_on_one_path_is_an_error(tmp_path: Path) -> None:
    data = sample_data()
    # Two stories whose ids slugify to the same folder: the writer must refuse, not keep the last one.
    clash = (*sample_stories(), Story("Chip Plant A1!", "a6a6", ("a6a6", "a7a7"), "Gazette"))
    with pytest.raises(OutputCollision, match="stories/chip-plant-a1/index.html"):
        build_site(replace(data, stories=clash), sample_settings(tmp_path), tmp_path / "site")
    assert not (tmp_path / "site").exists()
    assert leftovers(tmp_path) == []


def test_two_topics_with_one_slug_are_refused(tmp_path: Path) -> None:
    settings = sample_settings(tmp_path)
    twins = replace(settings, topics=(*settings.topics, TopicSettings("Tech (again)", "Technology")))
    with pytest.raises(OutputCollision, match="topics/technology/index.html"):
        build_site(sample_data(), twins, tmp_path / "site")


def test_outputs_refuse_duplicates_case_clashes_and_escaping_paths() -> None:
    outputs = Outputs()
    outputs.add("a/index.html", b"1", "first")
    with pytest.raises(OutputCollision, match="'first'"):
        outputs.add("a/index.html", b"2", "second")
    with pytest.raises(OutputCollision):
        outputs.add("A/index.html", b"2", "case-insensitive file systems merge these")
    for bad in ("../x.html", "/etc/passwd", "a//b.html", "a/./b.html", "folder/", ""):
        with pytest.raises(UnsafeOutput):
            safe_relative_path(bad)


def test_failed_build_leaves_the_previous_site_untouched(tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(sample_data(), sample_settings(tmp_path), out)
    before = snapshot(out)
    theme = tmp_path / "broken-theme"
    theme.mkdir()
    # A user template with a typo: StrictUndefined fails the render midway.
    (theme / "article.html").write_text("{{ artcle.headline }}", encoding="utf-8")
    with pytest.raises(Exception, match="artcle"):
        build_site(sample_data(), sample_settings(tmp_path, templates_dir=theme), out)
    assert snapshot(out) == before
    assert leftovers(tmp_path) == []


def test_interrupted_write_leaves_the_previous_site_untouched(tmp_path: Path) -> None:
    out = tmp_path / "site"
    outputs = Outputs()
    outputs.add("index.html", b"old")
    write_site(outputs, out)
    before = snapshot(out)
    newer = Outputs()
    newer.add("index.html", b"new")

    def interrupt(_folder: Path) -> list[str]:
        raise KeyboardInterrupt        # Ctrl-C after every file was written, before the swap

    with pytest.raises(KeyboardInterrupt):
        write_site(newer, out, before_swap=interrupt)
    assert snapshot(out) == before
    assert leftovers(tmp_path) == []


def test_leftovers_of_killed_builds_are_cleared_at_the_next_start_whatever_their_age(tmp_path: Path) -> None:
    """A build writing this output would hold its lock, so under the lock every leftover is a killed build's."""
    old_killed = tmp_path / ".newsdigest-tmp-site-abc123"
    new_killed = tmp_path / ".newsdigest-old-site-def456"
    other_output = tmp_path / ".newsdigest-tmp-elsewhere-0a1b2c"
    for folder in (old_killed, new_killed, other_output):
        (folder / "articles").mkdir(parents=True)
    os.utime(old_killed, (OLD, OLD))
    build_site(sample_data(), sample_settings(tmp_path), tmp_path / "site")
    assert leftovers(tmp_path) == [other_output.name]     # another output folder's are not ours to clear


def test_refuses_to_replace_a_folder_it_did_not_make(tmp_path: Path) -> None:
    out = tmp_path / "documents"
    out.mkdir()
    (out / "thesis.txt").write_text("years of work", encoding="utf-8")
    with pytest.raises(UnsafeOutput, match="not made by newsdigest"):
        build_site(sample_data(), sample_settings(tmp_path), out)
    assert (out / "thesis.txt").read_text(encoding="utf-8") == "years of work"
    empty = tmp_path / "empty"
    empty.mkdir()
    build_site(sample_data(), sample_settings(tmp_path), empty)        # an empty folder is fine
    assert (empty / MARKER).is_file()


def test_built_site_is_readable_by_a_web_server(tmp_path: Path) -> None:
    build_site(sample_data(), sample_settings(tmp_path), tmp_path / "site")
    mode = stat.S_IMODE((tmp_path / "site").stat().st_mode)
    assert mode & 0o055 == 0o055, oct(mode)          # not mkdtemp's private 0700


def test_files_made_after_rendering_keep_their_mtime_when_unchanged(tmp_path: Path) -> None:
    """The search index is written into the temporary folder by a later step; unchanged files keep their age."""
    out = tmp_path / "site"
    outputs = Outputs()
    outputs.add("index.html", b"page")

    def add_index(folder: Path) -> list[str]:
        (folder / "idx").mkdir()
        (folder / "idx" / "a.bin").write_bytes(b"same")
        (folder / "idx" / "b.bin").write_bytes(os.urandom(8))
        return ["a warning"]

    write_site(outputs, out, before_swap=add_index)
    age_all_files(out)
    report = write_site(outputs, out, before_swap=add_index)
    assert report.warnings == ("a warning",)
    assert (out / "idx" / "a.bin").stat().st_mtime_ns == OLD * 10**9
    assert (out / "idx" / "b.bin").stat().st_mtime_ns != OLD * 10**9


def test_empty_site_still_builds(tmp_path: Path) -> None:
    report = build_site(SiteData((), (), (), sample_data().build_time), sample_settings(tmp_path), tmp_path / "s")
    assert report.pages >= 5
    assert "No articles yet" in (tmp_path / "s" / "index.html").read_text(encoding="utf-8")
