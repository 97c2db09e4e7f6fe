"""`build.py serve`: the command line of the live preview (the server itself is newsdigest/serve.py)."""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from newsdigest.progress import Reporter


def add_parser(sub: Any) -> None:
    p = sub.add_parser("serve", help="build, serve on 127.0.0.1, rebuild on every change, reload open pages",
                       description="Build the site, serve it on 127.0.0.1 and rebuild when the config, a content "
                                   "file, a local feed file or a template changes; open pages reload. Rebuilds are "
                                   "offline: --refresh (or typing r + Enter) fetches the feeds.")
    p.add_argument("--config", default="config.yaml", metavar="PATH", help="config file (default: config.yaml)")
    p.add_argument("--output", metavar="DIR", help="output folder (default: `output` in the config, else site/)")
    p.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default 8000; 0 picks a free one)")
    p.add_argument("--refresh", action="store_true", help="fetch the feeds for the first build")
    p.add_argument("--verbose", "-v", action="store_true", help="print each stage and feed of every build")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from newsdigest.serve import Server

    server = Server(config=args.config, output=Path(args.output) if args.output else None, port=args.port,
                    refresh=args.refresh, reporter=Reporter(quiet=not args.verbose, verbose=args.verbose))
    return server.run()
