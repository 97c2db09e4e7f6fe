"""`build.py feeds import|list|remove` on real files: OPML exports of four readers, a real archive, real HTTP."""
from __future__ import annotations

import re
import shutil
import socket
from pathlib import Path

import pytest
from httpserver import LocalServer

from newsdigest.archive import Archive
from newsdigest.cli import main
from newsdigest.commands.init import create_digest
from newsdigest.config import load_config


@pytest.fixture()
def project(tmp_path: Path, root: Path) -> Path:
    """A copy of the shipped config with its content folders, so the import edits a real, commented file."""
    for name in ("content", "seeds"):
        shutil.copytree(root / name, tmp_path / name)
    shutil.copy(root / "config.yaml", tmp_path / "config.yaml")
    return tmp_path / "config.yaml"


def feeds_import(config: Path, opml: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    assert main(["feeds", "import", str(opml), "--config", str(config)]) == 0
    return capsys.readouterr().out.splitlines()


def test_import_keeps_every_line_and_comment_and_adds_after_the_existing_feeds(project, fixtures_dir, capsys):
    before = project.read_text(encoding="utf-8")
    out = feeds_import(project, fixtures_dir / "opml" / "netnewswire.opml", capsys)
    assert out == [
        ("skipped `Daily Crossword Blog` (https://crossword.example.com/feed.xml/): listed earlier in the file as "
         "`Daily Crossword Blog`"),
        "added `Daily Crossword Blog` https://crossword.example.com/feed.xml",
        "added `Coffee ☕ & Code` https://coffee.example.net/atom.xml",
        "added `Morning Ledger` https://ledger.example.com/feeds/other.atom.xml [Programming]",
        "added `Compiler Diary` https://compilers.example.org/index.xml [Programming]",
        f"4 feeds added to {project}, 1 already there, 0 not importable",
    ]
    after = project.read_text(encoding="utf-8")
    added = ("  - name: Daily Crossword Blog\n    url: https://crossword.example.com/feed.xml\n"
             "  - name: Coffee ☕ & Code\n    url: https://coffee.example.net/atom.xml\n"
             "  - name: Morning Ledger\n    url: https://ledger.example.com/feeds/other.atom.xml\n"
             "    category: Programming\n"
             "  - name: Compiler Diary\n    url: https://compilers.example.org/index.xml\n    category: Programming\n")
    anchor = "    topics: [technology]\n\n# Topics listed"
    assert after == before.replace(anchor, "    topics: [technology]\n" + added + "\n# Topics listed")
    names = [f.name for f in load_config(project).feeds]
    assert names[-4:] == ["Daily Crossword Blog", "Coffee ☕ & Code", "Morning Ledger", "Compiler Diary"]


def test_imports_from_four_readers_skip_duplicates_across_files(project, fixtures_dir, capsys):
    opml = fixtures_dir / "opml"
    feeds_import(project, opml / "netnewswire.opml", capsys)
    feedly = feeds_import(project, opml / "feedly.opml", capsys)
    assert feedly[0] == "skipped `Broken entry` (javascript:alert(1)): only http(s) feed URLs are imported"
    assert "added `Morning Ledger (2)` https://ledger.example.com/feeds/all.atom.xml [News]" in feedly
    miniflux = feeds_import(project, opml / "miniflux.opml", capsys)
    assert ("skipped `Chip Weekly` (https://chips.example.com/rss): already in the config as `Chip Weekly`"
            in miniflux)    # Feedly wrote https://CHIPS.example.com/rss/: host case and slash do not matter
    assert miniflux[-1] == f"3 feeds added to {project}, 1 already there, 0 not importable"
    fresh = feeds_import(project, opml / "freshrss.opml", capsys)
    assert fresh[:2] == [
        "skipped `Council Minutes` (https://council.example.org/minutes): type `html+xpath` is not an RSS/Atom/JSON feed",
        ("skipped `Harbour Town Gazette` (http://gazette.example.org/feed): already in the config as "
         "`Harbour Town Gazette`"),
    ]
    feeds = load_config(project).feeds
    assert len(feeds) == 4 + 4 + 3 + 3 + 2
    assert len({f.name for f in feeds}) == len(feeds)
    assert [f.category for f in feeds if f.name == "Évasion Cyclisme"] == ["Sport"]


def test_import_into_a_new_digest_turns_the_empty_list_into_a_block(tmp_path, fixtures_dir, capsys):
    config = create_digest(tmp_path / "digest")[0]
    feeds_import(config, fixtures_dir / "opml" / "miniflux.opml", capsys)
    text = config.read_text(encoding="utf-8")
    assert "feeds:\n  - name: Harbour Town Gazette\n    url: https://gazette.example.org/feed/\n    category: All\n" in text
    assert "# Hide what you never want to read" in text
    assert [f.name for f in load_config(config).feeds] == ["Harbour Town Gazette", "Science Notes & Queries",
                                                          "Chip Weekly", "Wire"]


def test_broken_opml_names_the_file_and_line_and_changes_nothing(project, tmp_path, capsys):
    bad = tmp_path / "bad.opml"
    bad.write_text('<?xml version="1.0"?>\n<opml version="2.0"><body>\n<outline xmlUrl="https://a.example/x">\n'
                   "</body></opml>\n", encoding="utf-8")
    before = project.read_text(encoding="utf-8")
    assert main(["feeds", "import", str(bad), "--config", str(project)]) == 1
    assert capsys.readouterr().err.startswith(f"error: {bad}:4:2: not well-formed XML")
    assert project.read_text(encoding="utf-8") == before


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_list_shows_health_and_remove_purge_drops_articles(tmp_path, fixtures_dir, capsys):
    feeds_dir = fixtures_dir / "site_content" / "feeds"
    config = tmp_path / "config.yaml"
    with LocalServer(static_dir=feeds_dir) as server:
        config.write_text(
            "# my digest\nfetch: {allow_private: true}   # the test server is on 127.0.0.1\nfeeds:\n"
            f"  - name: Wire over HTTP   # served on 127.0.0.1\n    url: {server.url('/wire.xml')}\n"
            f"  - name: Gone\n    url: http://127.0.0.1:{closed_port()}/feed.xml\n"
            f"archive: {{path: {tmp_path / 'a.sqlite'}}}\nsearch: false\n", encoding="utf-8")
        assert main(["--config", str(config), "--output", str(tmp_path / "site"), "--quiet"]) == 0
    capsys.readouterr()
    assert main(["feeds", "list", "--config", str(config)]) == 0
    rows = {line.split("  ")[0].strip(): line for line in capsys.readouterr().out.splitlines()[1:]}
    with Archive.open(tmp_path / "a.sqlite") as archive:
        stored = archive.feed_article_counts()[server.url("/wire.xml")]
    assert stored == 2
    assert re.fullmatch(r"Wire over HTTP +ok +\d{4}-\d\d-\d\d \d\d:\d\d +2 +", rows["Wire over HTTP"])
    assert re.fullmatch(r"Gone +failed +never +0  network error: connection refused .*", rows["Gone"])

    assert main(["feeds", "remove", "Wire over HTTP", "--config", str(config)]) == 0
    assert "its articles stay in the archive" in capsys.readouterr().out
    assert config.read_text(encoding="utf-8").startswith(
        "# my digest\nfetch: {allow_private: true}   # the test server is on 127.0.0.1\nfeeds:\n  - name: Gone\n")
    assert main(["feeds", "list", "--config", str(config)]) == 0
    listing = capsys.readouterr().out
    assert "not in config" in listing and "`feeds remove NAME --purge` deletes them" in listing
    assert main(["feeds", "remove", "Wire over HTTP", "--purge", "--config", str(config)]) == 0
    assert "deleted 2 articles of `Wire over HTTP` from the archive" in capsys.readouterr().out
    with Archive.open(tmp_path / "a.sqlite") as archive:
        assert server.url("/wire.xml") not in archive.feed_article_counts()
        assert all(s.name != "Wire over HTTP" for s in archive.feed_states())
    assert main(["feeds", "remove", "Nope", "--config", str(config)]) == 1


def test_an_indentation_it_cannot_reproduce_is_said_and_comments_survive(tmp_path, fixtures_dir, capsys):
    config = tmp_path / "config.yaml"
    config.write_text("site:\n     title: Odd   # five spaces\nfeeds:\n - name: One\n   url: https://one.example/rss\n",
                      encoding="utf-8")
    out = feeds_import(config, fixtures_dir / "opml" / "feedly.opml", capsys)
    assert out[1].startswith(f"note: {config} has an indentation this tool cannot reproduce")
    assert "# five spaces" in config.read_text(encoding="utf-8")
    settings = load_config(config)
    assert settings.site.title == "Odd" and [f.name for f in settings.feeds][:2] == ["One", "Morning Ledger"]
