#!/usr/bin/env python3
"""Build the digest site: `python build.py --help` for the options."""
import sys

from newsdigest.cli import main

if __name__ == "__main__":
    sys.exit(main())
