"""Benchmark a whole build on a synthetic archive: `python bench/bench_build.py [N] [--markdown] [--code DIR]`.

Writes N synthetic articles (generated text, no real news) into 20 local RSS feeds, or with
`--markdown` into N Markdown files with front matter, builds the site twice into a temporary
folder — cold (everything extracted) and warm (extracts from the archive cache, unchanged files
kept) — and prints wall and CPU seconds (this process and its worker processes) per build.
`--code DIR` builds with the newsdigest checkout in DIR (compare two versions with one script).

`--pelican PATH` (a virtualenv with pelican and markdown, or its `pelican` executable) compares
cold builds side by side instead: the same N Markdown articles are written in both front-matter
styles (`--corpus FILE.jsonl` takes title/article/category records from a file, as
../shared/bench/pelican_corpus.py does, instead of generated text), and each side builds cold in
its own process, alternating A B A B (`--rounds`), search off for both; it prints wall, CPU (the
process and its workers) and peak RSS (the largest single process) per build, and the ratios of
the medians. Not a test: run it by hand, compare ratios within one run (this machine is shared and noisy).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape


def options() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("total", nargs="?", type=int, default=10_000)
    p.add_argument("--markdown", action="store_true", help="local Markdown files instead of RSS feeds")
    p.add_argument("--workers", type=int, default=0, help="build.workers (default: the setting's default)")
    p.add_argument("--code", type=Path, default=Path(__file__).resolve().parent.parent,
                   help="newsdigest checkout to build with (default: this one)")
    p.add_argument("--pelican", type=Path, help="compare cold Markdown builds with Pelican (venv or executable)")
    p.add_argument("--corpus", type=Path, help="with --pelican: JSONL records (title, article, category) as text")
    p.add_argument("--rounds", type=int, default=2, help="with --pelican: A B pairs to run (default 2)")
    p.add_argument("--one-build", type=Path, help=argparse.SUPPRESS)    # the child process of --pelican
    return p.parse_args()

NAMES = ["Ada Brook", "Omar Vale", "Lena Ford", "Ravi Shah", "Mia Stone", "Tom Reyes", "Ivy Chen", "Sam Cole"]
PLACES = ["Northfield", "Castleford", "Westbrook", "Millbrook", "Eastport", "Harrow Bay", "Kingsmere"]
NOUNS = ["council", "factory", "hospital", "school", "bridge", "court", "market", "stadium", "museum", "bank"]
VERBS = ["approved", "rejected", "opened", "closed", "delayed", "funded", "reviewed", "expanded"]
TOPICS = ["election", "budget", "vaccine", "software", "league", "film", "climate", "rates", "chip", "trial"]


def sentence(rng: random.Random) -> str:
    return (f"The {rng.choice(NOUNS)} in {rng.choice(PLACES)} {rng.choice(VERBS)} a {rng.choice(TOPICS)} plan "
            f"worth {rng.randint(2, 900)} million pounds on {rng.choice(['Monday', 'Tuesday', 'Friday'])}, "
            f"{rng.choice(NAMES)} said.")


def write_feeds(folder: Path, total: int, feeds: int = 20) -> list[str]:
    rng = random.Random(7)
    start = datetime(2026, 11, 27, 18, tzinfo=timezone.utc)
    paths = []
    for f in range(feeds):
        items = []
        for i in range(total // feeds):
            when = start - timedelta(minutes=rng.randint(0, 60 * 24 * 30))
            body = "".join(f"<p>{escape(' '.join(sentence(rng) for _ in range(4)))}</p>" for _ in range(4))
            items.append(f"<item><title>{escape(sentence(rng)[:80])}</title>"
                         f"<link>https://example.org/f{f}/{i}</link><guid>f{f}-{i}</guid>"
                         f"<pubDate>{format_datetime(when)}</pubDate>"
                         f"<description><![CDATA[{body}]]></description></item>")
        path = folder / f"feed{f}.xml"
        path.write_text(f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Feed {f}</title>'
                        f"<link>https://example.org/f{f}/</link><description>d</description>{''.join(items)}"
                        "</channel></rss>", encoding="utf-8")
        paths.append(path.name)
    return paths


def write_markdown(folder: Path, total: int) -> None:
    rng = random.Random(7)
    start = datetime(2026, 11, 27, 18, tzinfo=timezone.utc)
    folder.mkdir()
    for i in range(total):
        when = start - timedelta(minutes=rng.randint(0, 60 * 24 * 30))
        body = "\n\n".join(" ".join(sentence(rng) for _ in range(4)) for _ in range(4))
        (folder / f"a{i:06d}.md").write_text(
            f"---\ntitle: \"{sentence(rng)[:80]}\"\ndate: {when.isoformat()}\nsource: Desk {i % 20}\n"
            f"url: https://example.org/md/{i}\n---\n{body}\n", encoding="utf-8")


def config_text(work: Path, total: int, markdown: bool, workers: int = 0) -> str:
    if markdown:
        write_markdown(work / "content", total)
        sources = "content: [content]\n"
    else:
        names = write_feeds(work, total)
        sources = "feeds:\n" + "\n".join(f"  - {{name: Feed {i}, url: {name}}}" for i, name in enumerate(names)) + "\n"
    # The caps on items per feed and new articles per build would store only part of the corpus.
    return (f"site: {{title: Bench}}\n{sources}topics:\n  - {{name: Politics}}\n  - {{name: Business}}\n"
            "  - {name: Technology}\n  - {name: Sport}\nsearch: false\n"
            "limits: {items_per_feed: 1000000, new_articles: 1000000}\n"
            + (f"build: {{workers: {workers}}}\n" if workers else ""))


def cpu_seconds() -> float:
    """User + system CPU of this process and of its (finished) worker processes."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


PELICAN_CONF = ("SITENAME = 'bench'\nSITEURL = ''\nPATH = 'content'\nTIMEZONE = 'UTC'\nDEFAULT_LANG = 'en'\n"
                 "FEED_ALL_ATOM = 'feeds/all.atom.xml'\nCATEGORY_FEED_ATOM = 'feeds/{slug}.atom.xml'\n"
                 "DEFAULT_PAGINATION = 20\nLOAD_CONTENT_CACHE = False\n")


def write_both(work: Path, total: int, corpus: Path | None) -> tuple[Path, Path]:
    """The same articles as Pelican metadata files and as our YAML front matter (what pelican_corpus.py
    writes); the text is generated, or taken from `corpus` at run time (nothing is copied into the project)."""
    ours, theirs = work / "newsdigest" / "content", work / "pelican" / "content"
    ours.mkdir(parents=True)
    theirs.mkdir(parents=True)
    records = [json.loads(line) for line in corpus.open(encoding="utf-8")] if corpus else []
    rng = random.Random(7)
    for k in range(total):
        if records:
            item = records[k % len(records)]
            title, category = f"{item['title']} ({k})", item["category"]
            body = "\n\n".join(p for p in item["article"].split("\n") if p.strip())
        else:
            title, category = f"{sentence(rng)[:80]} ({k})", rng.choice(["politics", "business", "tech", "sport"])
            body = "\n\n".join(" ".join(sentence(rng) for _ in range(4)) for _ in range(4))
        date = f"2024-{(k % 12) + 1:02d}-{(k % 28) + 1:02d} 10:{k % 60:02d}"
        (theirs / f"a{k:06d}.md").write_text(f"Title: {title}\nDate: {date}\nCategory: {category}\n"
                                             f"Slug: a{k:06d}\n\n{body}\n", encoding="utf-8")
        (ours / f"a{k:06d}.md").write_text(f"---\ntitle: {json.dumps(title)}\ndate: {date}\n"
                                           f"topics: [{category}]\n---\n\n{body}\n", encoding="utf-8")
    (work / "pelican" / "pelicanconf.py").write_text(PELICAN_CONF, encoding="utf-8")
    return ours, theirs


def measured(command: list[str], cwd: Path) -> tuple[float, float, float]:
    """Wall s, CPU s (the process and the children it waited for) and peak RSS MiB of one command."""
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"{command[0]} failed ({child.returncode}): {child.stderr.read().decode()[-2000:]}"
                         if child.stderr else f"{command[0]} failed")
    if child.stderr:
        child.stderr.close()
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def compare_with_pelican(args: argparse.Namespace) -> None:
    pelican = args.pelican / "bin" / "pelican" if args.pelican.is_dir() else args.pelican
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        ours, theirs = write_both(work, args.total, args.corpus)
        results: dict[str, list[tuple[float, float, float]]] = {"newsdigest": [], "pelican": []}
        for round_number in range(args.rounds):
            run = work / f"run{round_number}"           # a fresh archive and output folder: a cold build
            run.mkdir()
            (run / "config.yaml").write_text(
                f"site: {{title: Bench}}\ncontent: [{ours}]\ntopics:\n  - {{name: Politics}}\n"
                "  - {name: Business}\n  - {name: Technology}\n  - {name: Sport}\nsearch: false\n"
                "limits: {items_per_feed: 1000000, new_articles: 1000000}\n"
                + (f"build: {{workers: {args.workers}}}\n" if args.workers else ""), encoding="utf-8")
            sides = {
                "newsdigest": [sys.executable, str(Path(__file__).resolve()), "--one-build", str(run / "config.yaml"),
                               "--code", str(args.code.resolve())],
                "pelican": [str(pelican), str(theirs), "-o", str(run / "pelican-output"),
                            "-s", str(work / "pelican" / "pelicanconf.py"), "-q"],
            }
            for name, command in sides.items():
                wall, cpu, peak = measured(command, work / "pelican" if name == "pelican" else run)
                results[name].append((wall, cpu, peak))
                print(f"round {round_number + 1} {name:10}: {wall:6.1f} s wall {cpu:6.1f} s CPU {peak:7.0f} MiB peak",
                      flush=True)
        medians = {name: [statistics.median(r[i] for r in rows) for i in range(3)] for name, rows in results.items()}
        print(f"\n| {args.total} articles, median of {args.rounds} | wall s | CPU s | peak MiB |\n|---|---|---|---|")
        for name, (wall, cpu, peak) in medians.items():
            print(f"| {name} | {wall:.1f} | {cpu:.1f} | {peak:.0f} |")
        ours_m, theirs_m = medians["newsdigest"], medians["pelican"]
        print(f"| ratio | {ours_m[0] / theirs_m[0]:.2f}x | {ours_m[1] / theirs_m[1]:.2f}x | {ours_m[2] / theirs_m[2]:.2f}x |")
        print("target (issue 13): wall <= 0.8x, peak <= 2x")


def one_build(config: Path) -> None:
    """The child process of --pelican: one cold build with the checkout already on sys.path."""
    from newsdigest.config import load_config
    from newsdigest.pipeline import run_build
    from newsdigest.progress import Reporter

    run_build(load_config(config), reporter=Reporter(quiet=True))


def main() -> None:
    args = options()
    sys.path.insert(0, str(args.code.resolve()))
    if args.one_build:
        one_build(args.one_build)
        return
    if args.pelican:
        compare_with_pelican(args)
        return
    from newsdigest.config import load_config
    from newsdigest.pipeline import run_build
    from newsdigest.progress import Reporter

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "config.yaml").write_text(config_text(work, args.total, args.markdown, args.workers), encoding="utf-8")
        settings = load_config(work / "config.yaml")
        for label in ("cold", "warm"):
            started, cpu = time.perf_counter(), cpu_seconds()
            result = run_build(settings, reporter=Reporter(quiet=True))
            seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
            print(f"{label}: {result.articles} articles, {result.pages} pages in {seconds:.1f} s wall, "
                  f"{cpu:.1f} s CPU ({result.articles / seconds:.0f} articles/s)", flush=True)


if __name__ == "__main__":
    main()
