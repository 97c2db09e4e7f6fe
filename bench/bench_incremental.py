"""Benchmark rebuilds against a cold build: `python bench/bench_incremental.py [N] [--code DIR] [--keep DIR]`.

Writes N Markdown files (bench_build.py's generated corpus, no real news), then runs each build as
its own process (`build.py --offline --quiet`), so CPU and peak memory are that build's alone:

- cold: empty archive, no site;
- nothing changed: the same corpus again;
- one new: one more Markdown file;
- one edited: one existing file's body changed;
- one new, an hour later: one more file, and the build time an hour on (as an hourly rebuild runs).

Prints CPU (user + system of the build process and its workers), wall, the ratio of each to the
cold build and the peak RSS (max over the process and its workers). Every build but the last runs
with the same SOURCE_DATE_EPOCH, so the cost measured is that of the changed input, not of the clock;
the last shows what the clock itself costs.
Not a test: run it by hand, compare ratios within one run (this machine is shared and noisy).
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_build import config_text  # the same corpus maker as the build benchmark

EPOCH = 1796212800    # 2026-12-02 12:00 UTC, a few days after the corpus's newest article
HOUR = 3600
NEW_ARTICLE = ("---\ntitle: \"Harbour council approves a new ferry timetable\"\ndate: 2026-11-27T17:00:00+00:00\n"
               "source: Desk 3\nurl: https://example.org/md/new-1\n---\n"
               "The harbour council in Eastport approved a new ferry timetable on Friday, officials said. "
               "Crossings will run every forty minutes from next month.\n\n"
               "The change follows a review of passenger numbers over the summer, the council said.\n")


def options() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("total", nargs="?", type=int, default=10_000)
    p.add_argument("--code", type=Path, default=Path(__file__).resolve().parent.parent,
                   help="newsdigest checkout to build with (default: this one)")
    p.add_argument("--python", default=sys.executable, help="interpreter with newsdigest's dependencies")
    p.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary one)")
    p.add_argument("--workers", type=int, default=0, help="build.workers (default: the setting's default)")
    return p.parse_args()


def run_build(args: argparse.Namespace, work: Path, epoch: int = EPOCH) -> tuple[float, float, int, str]:
    """One build as a child process: (CPU s, wall s, peak RSS KiB, its closing line)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "PYTHONPATH": str(args.code.resolve())}
    # The build's own peak (and its workers'): a child of a child is folded into its parent at exit.
    probe = ("import resource, runpy, sys; sys.argv = sys.argv[1:]\n"
             "try:\n    runpy.run_path(sys.argv[0], run_name='__main__')\n"
             "finally:\n"
             "    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,"
             " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
             "    print(f'PEAK {peak}', file=sys.stderr)\n")
    started = time.perf_counter()
    done = subprocess.run([args.python, "-c", probe, str(args.code / "build.py"), "--config", str(work / "config.yaml"),
                           "--offline"], env=env, capture_output=True, text=True, check=False,
                          cwd=work)   # not the caller's folder: `python -c` puts it first on sys.path, before --code
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"build failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    peak = max(int(line.split()[1]) for line in done.stderr.splitlines() if line.startswith("PEAK "))
    lines = done.stdout.strip().splitlines()
    return cpu, wall, peak, lines[-1] if lines else ""


def measure(args: argparse.Namespace, work: Path) -> None:
    (work / "config.yaml").write_text(config_text(work, args.total, True, args.workers), encoding="utf-8")
    content = work / "content"
    steps = [("cold", lambda: None, EPOCH),
             ("nothing changed", lambda: None, EPOCH),
             ("one new", lambda: (content / "z-new-1.md").write_text(NEW_ARTICLE, encoding="utf-8"), EPOCH),
             ("one edited", lambda: edit(content / "a000123.md"), EPOCH),
             ("one new, an hour later", lambda: (content / "z-new-2.md").write_text(
                 NEW_ARTICLE.replace("new-1", "new-2").replace("a new ferry", "a second ferry"), encoding="utf-8"),
              EPOCH + HOUR)]
    rows = []
    for label, change, epoch in steps:
        change()
        cpu, wall, peak, line = run_build(args, work, epoch)
        rows.append((label, cpu, wall, peak))
        print(f"{label}: {line}", flush=True)
    cold_cpu, cold_wall = rows[0][1], rows[0][2]
    print(f"\n{args.total} Markdown articles, SOURCE_DATE_EPOCH={EPOCH}\n")
    print("| build | CPU s | wall s | CPU ratio | wall ratio | peak RSS MiB |")
    print("|---|---|---|---|---|---|")
    for label, cpu, wall, peak in rows:
        print(f"| {label} | {cpu:.2f} | {wall:.2f} | {cpu / cold_cpu:.3f} | {wall / cold_wall:.3f} | {peak / 1024:.0f} |")


def edit(path: Path) -> None:
    """Change one article's body (a correction appended), keeping its front matter."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + "\n\nCorrection: an earlier version of this article gave the wrong day.\n",
                    encoding="utf-8")


def main() -> None:
    args = options()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=False)
        measure(args, args.keep)
        return
    with tempfile.TemporaryDirectory() as tmp:
        measure(args, Path(tmp))


if __name__ == "__main__":
    main()
