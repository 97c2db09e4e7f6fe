"""Console output of a build: a progress bar on a terminal, warnings always, one closing line."""
from __future__ import annotations

import sys
from typing import TextIO


class Reporter:
    """Prints to stderr; `quiet` keeps only warnings, `verbose` adds one line per step."""

    def __init__(self, quiet: bool = False, verbose: bool = False, stream: TextIO | None = None):
        self.quiet = quiet
        self.verbose = verbose
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self._label = ""
        self._total = 0
        self._done = 0
        self._bar_open = False

    def stage(self, label: str, total: int = 0) -> None:
        self._end_bar()
        self._label, self._total, self._done = label, total, 0
        if self.verbose:
            self._print(f"{label}{f' ({total})' if total else ''}…")

    def step(self, done: int, every: int = 25) -> None:
        """Advance the bar of the current stage (drawn only on a terminal)."""
        if self.quiet or not self.tty or not self._total:
            return
        if done != self._total and done % every:
            return      # redrawing every article would cost more than the work
        width = 30
        filled = width * done // self._total
        self.stream.write(f"\r{self._label:<12} [{'#' * filled}{'.' * (width - filled)}] {done}/{self._total}")
        self.stream.flush()
        self._bar_open = True

    def feed_done(self, message: str) -> None:
        """One feed finished (read, not modified or failed): advance the bar, or print it with --verbose."""
        self._done += 1
        if self.verbose:
            self._print(f"  feed: {message}")
        else:
            self.step(self._done, every=1)

    def warn(self, message: str) -> None:
        self._end_bar()
        print(f"warning: {message}", file=self.stream)

    def info(self, message: str) -> None:
        if not self.quiet:
            self._print(message)

    def _print(self, message: str) -> None:
        self._end_bar()
        print(message, file=self.stream)

    def _end_bar(self) -> None:
        if self._bar_open:
            self.stream.write("\n")
            self._bar_open = False


def human_size(size: int) -> str:
    """Bytes as the closing line shows them: 950 B, 12.3 KB, 4.5 MB, 1.2 GB (powers of 1000, as hosts count)."""
    value = float(size)
    for unit in ("B", "KB", "MB"):
        if value < 1000:
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{value:.1f} GB"
