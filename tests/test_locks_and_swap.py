"""Data loss and integrity (issue #11 items 4 and 5), with real processes, real SQLite locks and SIGKILL.

- an archive locked by another process is waited for, then the build fails clearly; nothing is moved or lost;
- one build per output folder and archive at a time (flock); two at once never trip over each other;
- the swap is one atomic exchange: killed at any point, or watched by a poller, there is always a complete site/.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from mini_project import ROOT, Project, atom, entry, new_project

from newsdigest.site.write import KILL_POINT_ENV, MARKER, NO_EXCHANGE_WARNING, rename_exchange, swap_in

EPOCH = {"SOURCE_DATE_EPOCH": "1795000000"}     # reproducible builds: the same inputs give the same bytes


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith(".newsdigest-"))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture()
def project(tmp_path: Path) -> Project:
    built = new_project(tmp_path / "p")
    feed = built.write_feed("wire.xml", atom([entry(f"Story number {n}", f"https://wire.example/{n}",
                                                    f"2026-11-{10 + n}T08:00:00Z") for n in range(6)]))
    built.configure([{"name": "Wire", "url": feed}], limits={"lock_timeout": 1})
    done = built.build_process(env=EPOCH)
    assert done.returncode == 0, done.stderr
    return built


def change_feed(project: Project, marker: str) -> None:
    project.write_feed("wire.xml", atom([entry(f"Story {marker} {n}", f"https://wire.example/{marker}/{n}",
                                               f"2026-11-{10 + n}T08:00:00Z") for n in range(6)]))


HOLD_ARCHIVE = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
if sys.argv[2] == "rollback":
    conn.execute("PRAGMA journal_mode=DELETE")
conn.execute("BEGIN EXCLUSIVE")
conn.execute("UPDATE feeds SET name = name")
print("holding", flush=True)
time.sleep(60)
"""


@pytest.mark.parametrize("journal", ["wal", "rollback"])
def test_a_locked_archive_fails_the_build_clearly_and_is_never_moved_aside(project: Project, journal: str) -> None:
    site_before = snapshot(project.site)
    change_feed(project, "new")                   # the build would write if it could
    holder = subprocess.Popen([sys.executable, "-c", HOLD_ARCHIVE, str(project.archive), journal],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        archive_before = digest(project.archive)
        started = time.monotonic()
        done = project.build_process(env=EPOCH)
        waited = time.monotonic() - started
    finally:
        holder.kill()
        holder.wait()
    assert done.returncode == 1, done.stderr
    assert "is locked by another process (waited 1 s)" in done.stderr and "nothing was changed" in done.stderr
    assert waited >= 1.0                           # it did wait for the lock, bounded by limits.lock_timeout
    assert not list(project.archive.parent.glob("*.corrupt-*"))
    assert digest(project.archive) == archive_before
    assert snapshot(project.site) == site_before
    # Once the other process is gone, the same archive builds with everything it had.
    done = project.build_process(env=EPOCH)
    assert done.returncode == 0, done.stderr
    assert len(list((project.site / "articles").glob("*/index.html"))) == 12


HOLD_FLOCK = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)
fcntl.flock(fd, fcntl.LOCK_EX)
os.ftruncate(fd, 0); os.write(fd, f"{os.getpid()}\\n".encode())
print("holding", flush=True)
time.sleep(60)
"""


@pytest.mark.parametrize("lock", ["archive", "output"])
def test_a_second_build_waits_for_the_build_lock_then_says_so(project: Project, lock: str) -> None:
    path = (project.archive.with_name(project.archive.name + ".lock") if lock == "archive"
            else project.folder / ".site.newsdigest-lock")
    site_before = snapshot(project.site)
    holder = subprocess.Popen([sys.executable, "-c", HOLD_FLOCK, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        done = project.build_process(env=EPOCH)
    finally:
        holder.kill()
        holder.wait()
    assert done.returncode == 1
    assert f"another build (process {holder.pid}) is using" in done.stderr and "waited 1 s" in done.stderr
    assert snapshot(project.site) == site_before
    assert project.build_process(env=EPOCH).returncode == 0     # the kernel dropped the dead holder's lock


def test_two_builds_at_once_both_succeed_or_one_reports_the_lock(project: Project) -> None:
    for round_number, timeout in enumerate((30, 30, 30, 0.1)):
        change_feed(project, f"r{round_number}")
        project.configure([{"name": "Wire", "url": "feeds/wire.xml"}], limits={"lock_timeout": timeout})
        builds = [project.start_build(env=EPOCH) for _ in range(2)]
        results = [(b.wait(timeout=120), b.communicate()[1]) for b in builds]
        for code, err in results:
            assert "FileNotFoundError" not in err and "Traceback" not in err, err
            assert code == 0 or (code == 1 and "another build" in err), (code, err)
        if timeout == 30:
            assert [code for code, _ in results] == [0, 0]
        assert (project.site / "index.html").is_file() and leftovers(project.folder) == []


@pytest.mark.parametrize("point", ["filled", "before-swap", "after-swap"])
def test_killed_at_any_point_of_the_swap_a_complete_site_remains(project: Project, point: str) -> None:
    old_site = snapshot(project.site)
    change_feed(project, "next")
    killed = project.build_process(env={**EPOCH, KILL_POINT_ENV: point})
    assert killed.returncode == -9                  # SIGKILL: no cleanup code ran
    after_kill = snapshot(project.site)
    assert leftovers(project.folder)                # the killed build's temporary folder is still there
    done = project.build_process(env=EPOCH)         # the next start clears it
    assert done.returncode == 0, done.stderr
    new_site = snapshot(project.site)
    assert leftovers(project.folder) == []
    if point == "after-swap":       # whole new: the next build differs only in the feed's "not modified" status
        assert {k: v for k, v in after_kill.items() if k != "sources/index.html"} == {
            k: v for k, v in new_site.items() if k != "sources/index.html"}
        assert after_kill.keys() == new_site.keys()
    else:                           # whole old, byte for byte
        assert after_kill == old_site
    assert new_site != old_site and MARKER in new_site and "index.html" in new_site


FALLBACK_BUILD = """
import sys
from newsdigest.site import write
write.rename_exchange = lambda first, second: False     # a platform without renameat2
from newsdigest.cli import main
sys.exit(main(["--config", sys.argv[1], "--quiet"]))
"""


def test_where_renameat2_is_missing_two_renames_are_used_and_a_kill_between_them_is_repaired(
        project: Project) -> None:
    old_site = snapshot(project.site)
    env = {**EPOCH, "PYTHONPATH": str(ROOT)}
    fallback = subprocess.run([sys.executable, "-c", FALLBACK_BUILD, str(project.config)], capture_output=True,
                              text=True, env={**os.environ, **env}, timeout=120, check=False)
    assert fallback.returncode == 0 and NO_EXCHANGE_WARNING in fallback.stderr
    # Another build time, so this build has work to do (with the same inputs it would leave the site as it is).
    later = {"SOURCE_DATE_EPOCH": str(int(EPOCH["SOURCE_DATE_EPOCH"]) + 60)}
    killed = subprocess.run([sys.executable, "-c", FALLBACK_BUILD, str(project.config)], capture_output=True,
                            text=True, env={**os.environ, **env, **later, KILL_POINT_ENV: "between-renames"},
                            timeout=120, check=False)
    assert killed.returncode == -9
    assert not project.site.exists()                # the window the exchange closes: the old site is a backup
    done = project.build_process(env=EPOCH)
    assert done.returncode == 0, done.stderr
    assert "put back" in done.stderr and leftovers(project.folder) == []
    rebuilt = snapshot(project.site)                # same inputs: the site before (feed status aside)
    assert rebuilt.keys() == old_site.keys()
    assert {k: v for k, v in rebuilt.items() if k != "sources/index.html"} == {
        k: v for k, v in old_site.items() if k != "sources/index.html"}


def test_a_poller_never_sees_the_site_missing_during_builds(project: Project) -> None:
    misses: list[float] = []
    polls = 0
    stop = threading.Event()

    def poll() -> None:
        nonlocal polls
        while not stop.is_set():
            polls += 1
            if not (project.site / "index.html").is_file():
                misses.append(time.monotonic())

    watcher = threading.Thread(target=poll, daemon=True)
    watcher.start()
    try:
        for number in range(3):
            change_feed(project, f"poll{number}")
            assert project.build_process(env=EPOCH).returncode == 0
    finally:
        stop.set()
        watcher.join()
    assert polls > 1000 and misses == []


def test_rename_exchange_swaps_two_folders_atomically(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    (first / "a.txt").write_text("first", encoding="utf-8")
    (second / "b.txt").write_text("second", encoding="utf-8")
    assert rename_exchange(first, second) is True
    assert [p.name for p in first.iterdir()] == ["b.txt"] and [p.name for p in second.iterdir()] == ["a.txt"]
    with pytest.raises(FileNotFoundError):
        rename_exchange(tmp_path / "missing", first)


def test_swap_in_falls_back_to_two_renames_and_says_so(tmp_path: Path) -> None:
    out, tmp = tmp_path / "site", tmp_path / ".newsdigest-tmp-site-x"
    for folder, text in ((out, "old"), (tmp, "new")):
        folder.mkdir()
        (folder / "index.html").write_text(text, encoding="utf-8")
    assert swap_in(tmp, out, exchange=lambda first, second: False) == [NO_EXCHANGE_WARNING]
    assert (out / "index.html").read_text(encoding="utf-8") == "new" and leftovers(tmp_path) == []


def test_killed_build_leftovers_do_not_block_the_next(tmp_path: Path) -> None:
    """The kernel drops a killed build's flock: the next build neither waits nor fails."""
    project = new_project(tmp_path / "k")
    project.write_article("a.md", "---\ntitle: Local one\ndate: 2026-11-19\n---\nBody here. More body.\n")
    project.configure(limits={"lock_timeout": 0.5})
    process = project.start_build(env={**EPOCH, KILL_POINT_ENV: "filled"})
    assert process.wait(timeout=120) == -9
    started = time.monotonic()
    done = project.build_process(env=EPOCH)
    assert done.returncode == 0, done.stderr
    assert time.monotonic() - started < 60 and project.article_titles() == ["Local one"]
