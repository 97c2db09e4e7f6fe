"""A held-out topic set read at run time from raw feed captures, labelled by the section in each item's URL.

`python -m newsdigest.evaluate topics ENTRIES.jsonl.gz --url-sections --months 4-6 --exclude-outlets-of DEV.jsonl`
turns capture records (`source`, `link`, `title`, `description`, `date_published`, `language`) into labelled
items the way the dev file was made: title + the feed's teaser with its HTML stripped, the label being the
section the outlet's URL names (`newsdigest.topics.url_section`). Nothing is copied into the project: the
capture file is read each time. Outlets of the dev file and months one looked at are left out, so a rule
fitted to those shows up as a gap between the two numbers.
"""
from __future__ import annotations

import gzip
import hashlib
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from newsdigest.clean import strip_tags
from newsdigest.topics import url_section

PER_CELL = 40   # at most this many items per (outlet, section): no single outlet's style decides the score
# A site whose URLs name at least this many sections (each on a few items) has a section scheme; on other
# sites a path word such as /space/ or /companies/ is a blog folder or a listing, not an editor's section.
MIN_SECTIONS, MIN_SECTION_ITEMS = 3, 5
# Host labels that say nothing about which outlet it is.
_GENERIC_LABELS = frozenset(("www", "com", "co", "uk", "org", "net", "go", "edition", "news"))


def outlet(url: str) -> str:
    """The outlet's registered-looking name: "www.bbc.co.uk" and "bbc.co.uk" are one outlet."""
    return urlsplit(url).netloc.lower().removeprefix("www.")


def outlet_names(host: str) -> set[str]:
    """The labels that name the outlet: "www.bbc.co.uk" and "bbc.com" both give {"bbc"}."""
    return {label for label in host.split(".") if label and label not in _GENERIC_LABELS}


def dev_outlets(path: Path) -> set[str]:
    """The outlet names of a labelled JSONL file's `outlet` field (the outlets to leave out)."""
    with path.open(encoding="utf-8") as handle:
        return set().union(*(outlet_names(json.loads(line)["outlet"]) for line in handle if line.strip()))


def parse_months(text: str) -> set[int]:
    """ "4-6" -> {4, 5, 6}; "1,3" -> {1, 3}."""
    months: set[int] = set()
    for part in text.split(","):
        low, _, high = part.partition("-")
        months.update(range(int(low), int(high or low) + 1))
    if not months or not months <= set(range(1, 13)):
        raise ValueError(f"--months {text!r}: give month numbers 1-12 such as 4-6 or 1,3")
    return months


def _records(path: Path) -> Iterator[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def _item(record: dict) -> dict | None:
    """A labelled item from one capture record, or None when its URL names no section or it has no teaser."""
    if (record.get("language") or "en").lower()[:2] != "en":
        return None
    label = url_section(record.get("link") or "")
    title = strip_tags(record.get("title") or "")
    teaser = strip_tags(record.get("description") or "")
    if not label or not title or not teaser or teaser == title:
        return None
    return {"id": record["link"], "title": title, "article": teaser, "category": label,
            "outlet": outlet(record["link"])}


def heldout_items(path: Path, months: set[int], exclude: set[str], per_cell: int = PER_CELL) -> list[dict]:
    """Items from the chosen months and other outlets, at most `per_cell` per (outlet, section), in a fixed
    pseudo-random order (by a hash of the link) so the sample spreads over the months."""
    chosen: dict[str, dict] = {}
    for record in _records(path):
        month = str(record.get("date_published") or record.get("capture_day") or "")[5:7]
        if not month.isdigit() or int(month) not in months:
            continue
        item = _item(record)
        if item and not outlet_names(item["outlet"]) & exclude:
            chosen.setdefault(hashlib.sha1(item["id"].encode()).hexdigest(), item)
    sectioned = _sectioned(Counter((item["outlet"], item["category"]) for item in chosen.values()))
    cells: Counter[tuple[str, str]] = Counter()
    items = []
    for key in sorted(chosen):
        item = chosen[key]
        cell = (item["outlet"], item["category"])
        if item["outlet"] in sectioned and cells[cell] < per_cell:
            cells[cell] += 1
            items.append(item)
    return items


def _sectioned(cells: Counter[tuple[str, str]]) -> set[str]:
    """Outlets whose URLs name at least MIN_SECTIONS sections with MIN_SECTION_ITEMS items each."""
    sections = Counter(site for (site, _), n in cells.items() if n >= MIN_SECTION_ITEMS)
    return {site for site, n in sections.items() if n >= MIN_SECTIONS}
