"""Fourteen daily snapshots of one feed, built one per day, accumulate into the archive and the editions.

A feed only shows its last few items; the archive keeps every one, so each
day's edition page stays on the site after its articles leave the feed.
"""
from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import datetime, timezone

import pytest

from newsdigest.cli import main


@pytest.mark.parametrize("outlet,union", [("npr", 135), ("arstechnica", 149)])
def test_daily_snapshots_build_into_one_archive_and_an_edition_per_day(tmp_path, shared_data, monkeypatch, outlet,
                                                                      union):
    snapshots = sorted((shared_data / "feeds_timeseries" / outlet).glob("*.xml"))
    assert len(snapshots) == 14
    (tmp_path / "config.yaml").write_text(
        "site: {title: Timeseries, timezone: UTC}\n"
        f"feeds:\n  - {{name: {outlet}, url: feed.xml}}\n"
        "topics:\n  - {name: World}\nsearch: false\n", encoding="utf-8")
    days = []
    for snapshot in snapshots:
        day = snapshot.stem
        days.append(day)
        shutil.copyfile(snapshot, tmp_path / "feed.xml")
        stamp = datetime.fromisoformat(day).replace(hour=23, tzinfo=timezone.utc)
        os.utime(tmp_path / "feed.xml", (stamp.timestamp(), stamp.timestamp()))
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(stamp.timestamp())))
        assert main(["--config", str(tmp_path / "config.yaml"), "--output", str(tmp_path / "site"), "--quiet"]) == 0

    with sqlite3.connect(tmp_path / ".cache" / "newsdigest.sqlite") as db:
        urls = [row[0] for row in db.execute("SELECT url FROM articles")]
    assert len(urls) == len(set(urls))                       # no duplicates across 14 builds
    assert len(urls) == union                                # the union of the 14 snapshots' items

    editions = {p.parent.name for p in (tmp_path / "site" / "editions").glob("*/index.html")}
    missing = [day for day in days if day not in editions]
    assert missing == []                                     # a permanent page for every day built
    article_pages = list((tmp_path / "site" / "articles").glob("*/index.html"))
    assert len(article_pages) == union
