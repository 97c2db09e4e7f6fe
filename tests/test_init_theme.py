"""`build.py init DIR`, overriding one theme file, the extra.css hook, and the base_url warning — each through a real build."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from newsdigest.cli import main
from newsdigest.commands.init import create_digest, theme_files
from newsdigest.config import load_config
from newsdigest.site.render import DEFAULT_THEME


def build(config: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["--config", str(config), "--offline"]) == 0
    return capsys.readouterr().err


def test_init_writes_a_commented_config_one_article_and_the_theme_list(tmp_path, capsys):
    folder = tmp_path / "digest"
    assert main(["init", str(folder)]) == 0
    out = capsys.readouterr().out
    config = folder / "config.yaml"
    assert out.splitlines()[0] == f"created {config}"
    assert "article.html, assets/search.js, assets/style.css, base.html" in out
    text = config.read_text(encoding="utf-8")
    assert text.count("\n#") >= 10 and "feeds import FILE.opml" in text
    settings = load_config(config)
    assert settings.templates_dir == (folder / "templates").resolve() and settings.feeds == ()
    assert len(list((folder / "content").glob("*.md"))) == 1
    listing = (folder / "templates" / "THEME.md").read_text(encoding="utf-8")
    assert all(f"- {name}\n" in listing for name in theme_files())
    assert not (folder / "templates" / "article.html").exists()       # listed, not copied
    build(config, capsys)
    assert "Welcome to your news digest" in (folder / "site" / "index.html").read_text(encoding="utf-8")


def test_init_never_overwrites_a_config(tmp_path, capsys):
    folder = tmp_path / "digest"
    create_digest(folder)
    (folder / "config.yaml").write_text("site: {title: Mine}\n", encoding="utf-8")
    assert main(["init", str(folder)]) == 1
    assert "already exists; nothing was changed" in capsys.readouterr().err
    assert (folder / "config.yaml").read_text(encoding="utf-8") == "site: {title: Mine}\n"


def test_one_overridden_template_and_extra_css(tmp_path, capsys):
    folder = tmp_path / "digest"
    create_digest(folder)
    original = (DEFAULT_THEME / "article.html").read_text(encoding="utf-8")
    assert "{% block content %}" in original
    (folder / "templates" / "article.html").write_text(
        original.replace("{% block content %}", '{% block content %}<p class="house-note">Read with care.</p>', 1),
        encoding="utf-8")
    (folder / "templates" / "extra.css").write_text(".house-note { color: teal; }\n", encoding="utf-8")
    build(folder / "config.yaml", capsys)
    site = folder / "site"
    article = next(site.glob("articles/*/index.html")).read_text(encoding="utf-8")
    assert '<p class="house-note">Read with care.</p>' in article
    links = re.findall(r'<link rel="stylesheet" href="([^"]+)">', article)
    assert links == ["../../assets/style.css", "../../assets/extra.css"]     # after the theme: its rules win
    assert (site / "assets" / "extra.css").read_text(encoding="utf-8") == ".house-note { color: teal; }\n"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "house-note</p>" not in home and 'href="assets/extra.css"' in home


def test_without_extra_css_nothing_extra_is_linked(tmp_path, capsys):
    folder = tmp_path / "digest"
    create_digest(folder)
    build(folder / "config.yaml", capsys)
    assert "extra.css" not in (folder / "site" / "index.html").read_text(encoding="utf-8")
    assert not (folder / "site" / "assets" / "extra.css").exists()


def test_base_url_without_host_warns_and_a_full_one_makes_sitemap_and_feeds_absolute(tmp_path, capsys):
    folder = tmp_path / "digest"
    config = create_digest(folder)[0]
    err = build(config, capsys)
    assert ("warning: site.base_url is `/`: sitemap.xml and the Atom/RSS/JSON feeds need absolute URLs; set it to "
            "the public address (e.g. https://example.org/news/) before you publish") in err.splitlines()
    config.write_text(config.read_text(encoding="utf-8").replace("base_url: /", "base_url: https://example.org/news/"),
                      encoding="utf-8")
    assert "base_url" not in build(config, capsys)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "a": "http://www.w3.org/2005/Atom"}
    locs = [e.text or "" for e in ET.parse(folder / "site" / "sitemap.xml").getroot().iterfind("s:url/s:loc", ns)]
    assert locs and all(loc.startswith("https://example.org/news/") for loc in locs)
    atom = ET.parse(folder / "site" / "feed.xml").getroot()
    hrefs = [e.get("href", "") for e in atom.iter(f"{{{ns['a']}}}link")]
    assert hrefs and all(h.startswith("https://example.org/news/") for h in hrefs)
