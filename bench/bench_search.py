"""Benchmark the search indexer inside a real build: `python bench/bench_search.py [N] [--code DIR] [--config-extra YAML]`.

Writes the same synthetic archive as bench_build.py (N generated articles, no real news), builds once
with search on and one worker (so the only child process is Pagefind), and prints the indexer's wall
time (the before-swap step: records and Pagefind) and peak RSS (ru_maxrss of the reaped children),
beside the build's own wall time and peak. `--code DIR` runs another checkout (e.g. the crawling
indexer of an older commit) with the same script. Not a test: compare runs side by side.
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path


class PagefindPeak(threading.Thread):
    """Samples VmHWM (the kernel's own peak RSS, per process image) of every `pagefind` child process.

    ru_maxrss of the children would also count the Python process as forked before exec, which hides
    the indexer's own peak when the build process is larger.
    """

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_kib = 0
        self.stop = threading.Event()

    def run(self) -> None:
        me = str(os.getpid())
        while not self.stop.wait(0.05):
            for status in Path("/proc").glob("[0-9]*/status"):
                try:
                    fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
                except OSError:
                    continue
                if fields.get("PPid", "").strip() == me and fields.get("Name", "").strip().startswith("pagefind"):
                    self.peak_kib = max(self.peak_kib, int(fields.get("VmHWM", "0 kB").split()[0]))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("total", nargs="?", type=int, default=10_000)
    p.add_argument("--code", type=Path, default=Path(__file__).resolve().parent.parent)
    p.add_argument("--config-extra", default="", help="YAML lines appended to the config (e.g. a search window)")
    args = p.parse_args()
    sys.path.insert(0, str(args.code.resolve()))
    sys.path.insert(1, str(Path(__file__).resolve().parent))
    from bench_build import config_text

    import newsdigest.site as site_module
    from newsdigest.config import load_config
    from newsdigest.pipeline import run_build
    from newsdigest.progress import Reporter

    timing: dict[str, float] = {}
    original = site_module.search_indexer

    def timed_indexer(*a: object, **k: object) -> object:
        inner = original(*a, **k)
        if inner is None:
            return None

        def run(folder: Path) -> object:
            started = time.perf_counter()
            try:
                return inner(folder)
            finally:
                timing["index"] = time.perf_counter() - started
        return run

    site_module.search_indexer = timed_indexer     # the build looks it up in the module at call time
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        text = config_text(work, args.total, False, 1).replace("search: false\n", "search: true\n")
        if args.config_extra:
            text = text.replace("search: true\n", "") + args.config_extra + "\n"
        (work / "config.yaml").write_text(text, encoding="utf-8")
        settings = load_config(work / "config.yaml")
        sampler = PagefindPeak()
        sampler.start()
        started = time.perf_counter()
        result = run_build(settings, reporter=Reporter(quiet=True))
        wall = time.perf_counter() - started
        sampler.stop.set()
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        own = resource.getrusage(resource.RUSAGE_SELF)
        bundle = work / "site" / "pagefind"
        size = sum(f.stat().st_size for f in bundle.rglob("*") if f.is_file()) if bundle.is_dir() else 0
        files = sum(1 for f in bundle.rglob("*") if f.is_file()) if bundle.is_dir() else 0
        print(f"{args.code.name}: {result.articles} articles, {result.pages} pages; build {wall:.1f} s wall, "
              f"build process peak {own.ru_maxrss / 1024:.0f} MiB; indexer {timing.get('index', 0):.1f} s wall, "
              f"indexer peak {sampler.peak_kib / 1024:.0f} MiB (pagefind VmHWM; children ru_maxrss "
              f"{children.ru_maxrss / 1024:.0f} MiB), "
              f"{children.ru_utime + children.ru_stime:.1f} s CPU; bundle {files} files, {size / 1e6:.1f} MB; "
              f"warnings: {[w for w in result.warnings if 'search' in w] if hasattr(result, 'warnings') else '?'}",
              flush=True)


if __name__ == "__main__":
    main()
