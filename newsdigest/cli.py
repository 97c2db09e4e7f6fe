"""`python build.py`: parse options, run the build, print one closing line, set the exit code."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsdigest.config import ConfigError, load_config
from newsdigest.progress import Reporter, human_size

EXIT_OK, EXIT_FAILED, EXIT_CONFIG = 0, 1, 2
# Subcommands live in newsdigest/commands/; a plain `build.py [options]` is the build, as it always was.
COMMANDS = ("serve", "init", "feeds", "deploy")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="build.py",
        description="Build the news digest site: read local articles and feeds, extract headlines, key points "
                    "and summaries, group stories and topics, and write a static site.",
        epilog="Commands: serve (preview with live reload), init DIR (new digest folder), "
               "feeds import|list|remove, deploy cron|systemd|github — see `build.py COMMAND --help`. "
               "Exit status: 0 built; 1 the build failed (or, with --strict, a feed failed); "
               "2 the config is invalid (nothing is changed).",
    )
    p.add_argument("--config", default="config.yaml", metavar="PATH",
                   help="config file (default: config.yaml); relative paths in it start at its folder")
    p.add_argument("--output", metavar="DIR", help="output folder (default: `output` in the config, else site/)")
    p.add_argument("--offline", action="store_true",
                   help="fetch nothing over the network: build from local files and the archive")
    p.add_argument("--strict", action="store_true", help="exit with status 1 if any feed failed")
    p.add_argument("--send-briefing", action="store_true",
                   help="after the build, e-mail each new edition's briefing once (settings under `email:`)")
    volume = p.add_mutually_exclusive_group()
    volume.add_argument("--quiet", "-q", action="store_true", help="print only warnings and errors")
    volume.add_argument("--verbose", "-v", action="store_true", help="print each stage and feed")
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in COMMANDS:
        from newsdigest.commands import run_command

        return run_command(argv)
    args = parser().parse_args(argv)
    try:
        settings = load_config(args.config)
    except ConfigError as exc:
        for line in exc.errors:
            print(f"error: {line}", file=sys.stderr)
        print("error: the config is invalid; nothing was built", file=sys.stderr)
        return EXIT_CONFIG
    from newsdigest.pipeline import run_build  # after validation: a bad config costs no imports

    reporter = Reporter(quiet=args.quiet, verbose=args.verbose)
    try:
        result = run_build(settings, output=Path(args.output) if args.output else None,
                           offline=args.offline, reporter=reporter)
    except Exception as exc:
        print(f"error: build failed: {type(exc).__name__}: {exc}; the previous site was left as it was",
              file=sys.stderr)
        if args.verbose:
            raise
        return EXIT_FAILED
    if args.send_briefing:
        from newsdigest.send import send_step  # only a build asked to send pays for smtplib

        if not send_step(settings, result.output, quiet=args.quiet):
            return EXIT_FAILED
    failed = len(result.failures)
    if not args.quiet:
        print(f"Built {result.articles} articles, {result.topics} topics, {result.pages} pages "
              f"({result.files_written} files written); site {human_size(result.site_bytes)} in "
              f"{result.site_files} files; {failed} of {result.feeds} feeds failed; {result.seconds:.1f} s → {result.output}")
    return EXIT_FAILED if args.strict and failed else EXIT_OK
