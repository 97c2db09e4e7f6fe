"""Cheap reading: a reused Markdown converter and the C YAML loader give the same articles as
fresh ones, and a second build does not parse a local file that has not changed."""
from __future__ import annotations

import hashlib
import os
from datetime import datetime, timezone
from pathlib import Path

import pytest
import yaml
from mini_project import new_project

from newsdigest.config import load_config
from newsdigest.pipeline import run_build
from newsdigest.sources import files
from newsdigest.sources.files import Converters, parse_markdown, read_content

UTC = timezone.utc
MTIME = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
ROOT = Path(__file__).resolve().parent.parent
BUILD_TIME = datetime(2026, 11, 28, 12, tzinfo=UTC)

# Invented documents that exercise the per-document state a converter keeps: footnotes,
# abbreviations, reference links, tables, definition lists, attribute lists, fenced code.
DOCUMENTS = [
    ("---\ntitle: First\ndate: 2026-11-20\n---\nThe plan[^1] was set by the WHO.\n\n"
     "*[WHO]: World Health Organization\n\n[^1]: A note on the plan.\n"),
    ("# Heading title\n\nA [reference link][ref] and another footnote[^a].\n\n[ref]: https://example.org/x\n"
     "[^a]: Second note.\n"),
    ("---\ntitle: Table\nkey_points: [One point, Two points]\ntopics: a, b\n---\n"
     "| a | b |\n|---|---|\n| 1 | 2 |\n\nTerm\n:   Definition here.\n"),
    "Plain body that mentions WHO again, with no abbreviation defined here.\n\n[ref] is not a link now.\n",
    ("---\ntitle: Code\nsource: Desk\ndate: 2026-11-21T09:30:00+01:00\n---\n"
     "```\ncode block\n```\n\nParagraph {: .lead }\n\n1. one\n2. two\n"),
]


def _shipped_markdown() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "content").glob("*.md"))]


def test_one_reused_converter_gives_what_a_fresh_one_gives_for_every_file():
    documents = DOCUMENTS + _shipped_markdown()
    shared = Converters()
    reused = [parse_markdown(text, f"{i}.md", MTIME, UTC, converters=shared) for i, text in enumerate(documents * 2)]
    fresh = [parse_markdown(text, f"{i}.md", MTIME, UTC, converters=Converters())
             for i, text in enumerate(documents * 2)]
    assert len(reused) == 2 * len(documents) >= 20
    assert reused == fresh
    assert "World Health Organization" in fresh[0].html      # the abbreviation was expanded in its own file…
    assert "World Health Organization" not in fresh[3].html  # …and does not leak into a later one


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML built without libyaml")
def test_front_matter_loader_is_libyaml_and_reads_the_same_values():
    assert files.YAML_LOADER is yaml.CSafeLoader
    samples = ["title: A\ndate: 2026-11-20\n", "date: 2026-11-21T09:30:00+01:00\ntopics: [a, b]\n",
               "key_points:\n  - One\n  - 'Two: quoted'\nsummary: >\n  folded\n  text\n", "n: 12\nf: 1.5\nb: yes\n"]
    for text in samples:
        assert yaml.load(text, Loader=yaml.CSafeLoader) == yaml.load(text, Loader=yaml.SafeLoader)


def _project(tmp_path: Path, count: int):
    project = new_project(tmp_path / "p")
    for i in range(count):
        project.write_article(f"a{i}.md", f"---\ntitle: Story {i}\ndate: 2026-11-2{i % 8}\n---\n"
                              f"The council in town {i} approved a plan on Monday. Residents welcomed it.\n")
    project.configure()
    return project, load_config(project.config)


def _digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_second_build_reuses_unchanged_files_and_reparses_only_the_changed_one(tmp_path):
    project, settings = _project(tmp_path, 6)
    first = run_build(settings, offline=True, build_time=BUILD_TIME)
    cold = _digest(project.site)
    second = run_build(settings, offline=True, build_time=BUILD_TIME)
    assert (first.files_parsed, first.files_reused) == (6, 0)
    assert (second.files_parsed, second.files_reused) == (0, 6)
    assert _digest(project.site) == cold            # articles read back from the archive build the same site

    changed = project.folder / "content" / "a2.md"
    changed.write_text(changed.read_text(encoding="utf-8").replace("Story 2", "Story two"), encoding="utf-8")
    (project.folder / "content" / "a5.md").unlink()
    third = run_build(settings, offline=True, build_time=BUILD_TIME)
    assert (third.files_parsed, third.files_reused) == (1, 4)
    assert "Story two" in project.article_titles() and "Story 5" not in project.article_titles()


def test_same_size_new_mtime_or_same_mtime_new_bytes_is_parsed_again(tmp_path):
    project, _ = _project(tmp_path, 2)
    store = _Store()
    folder = project.folder / "content"
    assert read_content([folder], project.folder, UTC, store=store).parsed == 2
    path = folder / "a0.md"
    stat = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("town 0", "town 9"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))     # same size, same mtime: only the hash differs
    again = read_content([folder], project.folder, UTC, store=store)
    assert (again.parsed, again.reused) == (1, 1)
    assert any("town 9" in a.text for a in again.articles)
    os.utime(folder / "a1.md", ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    assert read_content([folder], project.folder, UTC, store=store).parsed == 1


def test_a_file_that_turns_bad_warns_every_build_and_loses_its_stored_parse(tmp_path):
    project, _ = _project(tmp_path, 2)
    store = _Store()
    folder = project.folder / "content"
    read_content([folder], project.folder, UTC, store=store)
    (folder / "a1.md").write_text("---\ntitle: [unclosed\n---\nBody.\n", encoding="utf-8")
    for _ in range(2):
        result = read_content([folder], project.folder, UTC, store=store)
        assert len(result.articles) == 1 and len(result.warnings) == 1 and "a1.md" in result.warnings[0]
    assert sorted(store.rows) == ["content/a0.md"]


class _Store:
    """The archive's two methods over a dict (the archive itself is exercised by the build test above)."""

    def __init__(self) -> None:
        self.rows: dict = {}

    def local_files(self) -> dict:
        return dict(self.rows)

    def save_local_files(self, changed: dict, gone: list[str]) -> None:
        for path in gone:
            del self.rows[path]
        self.rows.update(changed)


def test_closing_line_reports_pages_written_and_the_sites_size(tmp_path, capsys, monkeypatch):
    from newsdigest.cli import main
    from newsdigest.progress import human_size

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    project, _ = _project(tmp_path, 3)
    lines = []
    for _ in range(2):
        assert main(["--config", str(project.config), "--offline"]) == 0
        lines.append(capsys.readouterr().out.strip().splitlines()[-1])
    files = [p for p in project.site.rglob("*") if p.is_file()]
    size = human_size(sum(p.stat().st_size for p in files))
    outputs = [p for p in files if p.name != ".newsdigest"]    # the folder's marker is no output
    assert f" pages ({len(outputs)} files written); site {size} in {len(files)} files;" in lines[0]
    assert f" pages (0 files written); site {size} in {len(files)} files;" in lines[1]   # nothing changed
    assert (human_size(999), human_size(12_345), human_size(4_500_000), human_size(1_200_000_000)) == (
        "999 B", "12.3 KB", "4.5 MB", "1.2 GB")
