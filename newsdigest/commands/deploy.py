"""`build.py deploy cron|systemd|github`: print a tested deploy recipe filled in for this folder.

The recipes are files (newsdigest/deploy/, .github/workflows/digest.yml.example) so the test suite
checks exactly what a user installs: systemd-analyze verifies the units, actionlint the workflow.
"""
from __future__ import annotations

import argparse
import shutil
from pathlib import Path
from typing import Any

RECIPES = Path(__file__).resolve().parent.parent / "deploy"
WORKFLOW = Path(__file__).resolve().parent.parent.parent / ".github" / "workflows" / "digest.yml.example"
FILES = {"cron": ("crontab.txt",), "systemd": ("newsdigest.service", "newsdigest.timer")}


def add_parser(sub: Any) -> None:
    p = sub.add_parser("deploy", help="print a cron line, systemd units or a GitHub Actions workflow",
                       description="Print a deploy recipe for this digest: build with the project's .venv, "
                                   "then publish site/ with rsync (cron, systemd) or to GitHub Pages (github).")
    p.add_argument("kind", choices=["cron", "systemd", "github"])
    p.add_argument("--dir", type=Path, default=Path.cwd(), help="the digest's folder (default: this folder)")
    p.add_argument("--target", default="HOST:/var/www/news/", help="rsync destination of site/")
    p.add_argument("--write", type=Path, metavar="FOLDER", help="write the files into FOLDER instead of printing")
    p.set_defaults(run=run)


def render_recipe(kind: str, folder: Path, target: str) -> dict[str, str]:
    """File name → text, with the folder, rsync path and target filled in."""
    if kind == "github":
        return {"digest.yml": WORKFLOW.read_text(encoding="utf-8")}
    rsync = shutil.which("rsync") or "/usr/bin/rsync"
    values = {"@DIR@": str(folder.resolve()), "@RSYNC@": rsync, "@TARGET@": target}
    rendered = {}
    for name in FILES[kind]:
        text = (RECIPES / name).read_text(encoding="utf-8")
        for placeholder, value in values.items():
            text = text.replace(placeholder, value)
        rendered[name] = text
    return rendered


def run(args: argparse.Namespace) -> int:
    files = render_recipe(args.kind, args.dir, args.target)
    for name, text in files.items():
        if args.write:
            args.write.mkdir(parents=True, exist_ok=True)
            (args.write / name).write_text(text, encoding="utf-8")
            print(f"wrote {args.write / name}")
        else:
            print(f"# --- {name}\n{text}")
    return 0
