"""The subcommands of build.py: serve, init, feeds, deploy. Each module adds its parser and runs it."""
from __future__ import annotations

import argparse

from newsdigest.commands import deploy, feeds, init, serve


def command_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="build.py", description="newsdigest commands; `build.py --help` for the build.")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in (serve, init, feeds, deploy):
        module.add_parser(sub)
    return p


def run_command(argv: list[str]) -> int:
    """Parse `argv` (starting with the command's name) and run that command; returns the exit status."""
    args = command_parser().parse_args(argv)
    return int(args.run(args))
