"""`build.py init DIR`: a new digest folder — a commented config, one example article, the theme listed.

The theme's templates are listed, not copied: a copied theme stops getting fixes, while a folder
holding only the one file you changed keeps every other file current.
"""
from __future__ import annotations

import argparse
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

CONFIG = """\
# newsdigest configuration. Every key is optional; README.md ("Config reference") documents each one.
# Build with:   python build.py --config {config}
# Preview with: python build.py serve --config {config}
site:
  title: My News Digest
  description: Key points from the news I follow.
  # The public address. Feeds and the sitemap need a full URL (https://host/path/); "/" works for a preview.
  base_url: /
  language: en
  timezone: UTC              # IANA name, e.g. Europe/London: dates and daily editions use it

# Folders of local articles: Markdown with YAML front matter, or plain text.
content: [content]

# Feeds to read. Add one entry per feed, or import a reader's export: python build.py feeds import FILE.opml
feeds: []
#  - name: Ars Technica
#    url: https://feeds.arstechnica.com/arstechnica/index
#    topics: [technology]    # optional: this feed leans to these topics

# Topics listed by name take their keywords from the built-in lexicon.
topics:
  - {{name: World, slug: world}}
  - {{name: Politics, slug: politics}}
  - {{name: Business, slug: business}}
  - {{name: Technology, slug: technology}}
  - {{name: Science, slug: science}}
  - {{name: Health, slug: health}}
  - {{name: Sport, slug: sport}}
  - {{name: Entertainment, slug: entertainment}}

# Hide what you never want to read (nothing is deleted; change a rule and rebuild to see it again).
# filters:
#   mute:
#     - horoscope                                  # a word or phrase, in title and text
#     - {{regex: '^(Sponsored|Advertisement):', in: [title]}}

# Your own templates: a file here replaces the theme's file of the same name; extra.css here is
# linked after the theme's stylesheet. templates/THEME.md lists the theme's files.
templates_dir: templates

archive: {{path: .cache/newsdigest.sqlite}}   # every article ever seen; back it up, keep it between builds
output: site
"""

ARTICLE = """\
---
title: Welcome to your news digest
date: {date}
source: My News Digest
topics: [technology]
---
This is an example article. Every Markdown file in the content folder becomes an article page,
with a generated headline, key points and a summary unless you write your own in the front matter.

Edit this file while `python build.py serve` runs and the open page reloads with the change.
Delete it once your feeds bring real news; the archive keeps what it has seen.
"""


def add_parser(sub: Any) -> None:
    p = sub.add_parser("init", help="create a new digest folder (config, example article, theme list)",
                       description="Create DIR with a commented config.yaml, content/ holding one example "
                                   "article, and templates/THEME.md listing the theme's templates. "
                                   "Nothing that exists is overwritten.")
    p.add_argument("dir", metavar="DIR", help="folder to create (may exist, but must not hold a config.yaml)")
    p.set_defaults(run=run)


def theme_files() -> list[str]:
    """The default theme's files, relative to its folder."""
    from newsdigest.site.render import DEFAULT_THEME

    return sorted(p.relative_to(DEFAULT_THEME).as_posix() for p in DEFAULT_THEME.rglob("*")
                  if p.is_file() and not p.name.startswith("."))


def theme_listing() -> str:
    """templates/THEME.md: every theme file with its path, and how to override one."""
    from newsdigest.site.render import DEFAULT_THEME

    files = theme_files()
    lines = ["# Your theme overrides", "",
             "Put a file here with the same name as a theme file to replace that one file; every other",
             "file keeps coming from the theme. Copy the original first, then edit it:", "",
             f"    cp {DEFAULT_THEME / 'article.html'} templates/article.html", "",
             "To add CSS without replacing the stylesheet, create templates/extra.css: it is published",
             "as assets/extra.css and linked after the theme's style.css on every page.", "",
             f"The theme's files (in {DEFAULT_THEME}):", ""]
    return "\n".join(lines + [f"- {name}" for name in files]) + "\n"


def create_digest(folder: Path, now: datetime | None = None) -> list[Path]:
    """Write the new digest's files; refuses (FileExistsError) when a config is already there."""
    config = folder / "config.yaml"
    if config.exists():
        raise FileExistsError(f"{config} already exists; nothing was changed")
    when = (now or datetime.now(timezone.utc)).replace(microsecond=0)
    article = folder / "content" / f"{when:%Y-%m-%d}-welcome.md"
    theme = folder / "templates" / "THEME.md"
    for path in (article, theme):
        path.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(CONFIG.format(config=config), encoding="utf-8")
    article.write_text(ARTICLE.format(date=when.isoformat()), encoding="utf-8")
    theme.write_text(theme_listing(), encoding="utf-8")
    return [config, article, theme]


def run(args: argparse.Namespace) -> int:
    folder = Path(args.dir)
    try:
        written = create_digest(folder)
    except (FileExistsError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for path in written:
        print(f"created {path}")
    print(f"The theme's templates (override one by copying it into {folder / 'templates'}/):")
    print("  " + ", ".join(theme_files()))
    print(f"Next: python build.py serve --config {folder / 'config.yaml'}")
    return 0
