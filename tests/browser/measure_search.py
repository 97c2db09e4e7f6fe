"""Measure the search choice: Pagefind's index size and per-query download against a whole-index JSON
alternative built in Python, and known-item result quality of both, on a site built from evaluation data.

    python tests/browser/measure_search.py --data ../shared/data/bbc_dev.jsonl --queries 200

Not a test (evaluation data never enters the project); it prints one table.
"""
from __future__ import annotations

import argparse
import gzip
import json
import math
import random
import re
import sys
import tempfile
from collections import Counter, defaultdict
from datetime import datetime, timedelta, timezone
from html.parser import HTMLParser
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from browser.sitebuild import CHROMIUM_ARGS, serve

BUILD = datetime(2026, 11, 22, 18, tzinfo=timezone.utc)
# Generic English function words, so a query is made of words a reader would actually type.
_FUNCTION_WORDS = (
    "a an the and or but of to in on at for from by with as is are was were be been it its this that these those "
    "over after before into up down out new says say said will would can could not no has have had"
)
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split())
TOKEN = re.compile(r"[a-z0-9]+")


def write_articles(data: Path, folder: Path, limit: int) -> list[dict]:
    """Evaluation articles as Markdown files (written to a temporary folder only)."""
    rows = [json.loads(line) for line in data.read_text(encoding="utf-8").splitlines()[:limit]]
    for n, row in enumerate(rows):
        published = BUILD - timedelta(hours=1 + n % (14 * 24))
        meta = {"title": row["title"], "date": published.isoformat(), "source": "BBC",
                "url": f"https://bbc.example.com/{row['id']}"}
        text = f"---\n{yaml.safe_dump(meta, allow_unicode=True)}---\n{row['article']}\n"
        (folder / f"{row['id']}.md").write_text(text, encoding="utf-8")
    return rows


def build(workdir: Path, content: Path) -> Path:
    from newsdigest.cli import main

    config = workdir / "config.yaml"
    topics = "\n".join(f"  - {{name: {t.title()}, slug: {t}}}" for t in
                       ("business", "entertainment", "politics", "sport", "technology"))
    config.write_text(f"site: {{title: Measure, base_url: /}}\ncontent: [{content}]\ntopics:\n{topics}\n"
                      f"archive: {{path: {workdir / 'a.sqlite'}}}\n", encoding="utf-8")
    import os
    os.environ["SOURCE_DATE_EPOCH"] = str(int(BUILD.timestamp()))
    assert main(["--config", str(config), "--output", str(workdir / "site"), "--offline", "--quiet"]) == 0
    return workdir / "site"


class BodyText(HTMLParser):
    """Text inside data-pagefind-body, minus data-pagefind-ignore, plus the h1: what Pagefind indexes."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.ignore = 0
        self.parts: list[str] = []
        self.title = ""
        self._in_h1 = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        names = {k for k, _ in attrs}
        if self.depth or "data-pagefind-body" in names:
            self.depth += 1
            if self.ignore or "data-pagefind-ignore" in names:
                self.ignore += 1
        self._in_h1 = self._in_h1 or tag == "h1"

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1
            self.ignore = max(0, self.ignore - 1) if self.ignore else 0
        if tag == "h1":
            self._in_h1 = False

    def handle_data(self, data: str) -> None:
        if self._in_h1 and not self.title:
            self.title = data.strip()
        if self.depth and not self.ignore:
            self.parts.append(data)


def indexed_pages(site: Path) -> dict[str, tuple[str, str]]:
    pages = {}
    for page in sorted(site.rglob("index.html")):
        parser = BodyText()
        parser.feed(page.read_text(encoding="utf-8"))
        if parser.parts:
            pages["/" + page.relative_to(site).as_posix()] = (parser.title, " ".join(parser.parts))
    return pages


def json_index(pages: dict[str, tuple[str, str]]) -> tuple[bytes, dict]:
    """The alternative: one JSON inverted index (term -> [[doc, tf]]) a search page would download whole."""
    docs, postings = list(pages), defaultdict(list)
    for n, url in enumerate(docs):
        for term, tf in sorted(Counter(TOKEN.findall(" ".join(pages[url]).lower())).items()):
            postings[term].append([n, tf])
    lengths = [len(TOKEN.findall(" ".join(pages[u]).lower())) for u in docs]
    body = {"docs": [[u, pages[u][0]] for u in docs], "len": lengths, "terms": postings}
    return json.dumps(body, separators=(",", ":")).encode(), body


def bm25(index: dict, query: str, k1: float = 1.2, b: float = 0.75) -> list[str]:
    n, avg = len(index["docs"]), sum(index["len"]) / len(index["len"])
    scores: Counter = Counter()
    for term in TOKEN.findall(query.lower()):
        posting = index["terms"].get(term, [])
        idf = math.log(1 + (n - len(posting) + 0.5) / (len(posting) + 0.5))
        for doc, tf in posting:
            scores[doc] += idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * index["len"][doc] / avg))
    return [index["docs"][d][0] for d, _ in scores.most_common(10)]


def queries_for(rows: list[dict], count: int) -> list[tuple[str, str]]:
    """(title, query): the two longest content words of a headline, as a reader half-remembers it."""
    chosen = random.Random(7).sample(rows, min(count, len(rows)))
    out = []
    for row in chosen:
        words = sorted({w for w in TOKEN.findall(row["title"].lower()) if w not in FUNCTION_WORDS},
                       key=lambda w: (-len(w), w))
        if len(words) >= 2:
            out.append((row["title"], " ".join(words[:2])))
    return out


PAGEFIND_JS = """async (queries) => {
  const pf = await import('/pagefind/pagefind.js');
  await pf.init();
  const out = [];
  for (const q of queries) {
    const r = await pf.search(q);
    const top = await Promise.all(r.results.slice(0, 10).map(x => x.data()));
    out.push(top.map(d => [d.url, d.meta.title]));
  }
  return out;
}"""


def run_pagefind(site: Path, queries: list[str]) -> tuple[list[list[list[str]]], list[int]]:
    from playwright.sync_api import sync_playwright

    with serve(site) as root, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        tab = browser.new_page()
        tab.goto(root + "search/index.html")
        results = tab.evaluate(PAGEFIND_JS, queries)
        transfer = []
        for q in queries[:20]:                       # cold cost of one query: fresh page, empty cache
            context = browser.new_context()
            fresh = context.new_page()
            responses: list = []
            fresh.on("response", lambda r, seen=responses: seen.append(r) if "/pagefind/" in r.url else None)
            fresh.goto(root + "search/index.html")
            fresh.evaluate(PAGEFIND_JS, [q])
            transfer.append(sum(len(r.body()) for r in responses))
            context.close()
        browser.close()
    return results, transfer


def rank_of(titles: list[str], wanted: str) -> int | None:
    return next((i for i, t in enumerate(titles) if t == wanted), None)


def quality(ranks: list[int | None]) -> str:
    at1 = sum(r == 0 for r in ranks) / len(ranks)
    at5 = sum(r is not None and r < 5 for r in ranks) / len(ranks)
    mrr = sum(1 / (r + 1) for r in ranks if r is not None) / len(ranks)
    return f"success@1 {at1:.3f}  success@5 {at5:.3f}  MRR {mrr:.3f}"


def folder_bytes(folder: Path, pattern: str = "*") -> tuple[int, int]:
    files = [p for p in folder.rglob(pattern) if p.is_file()]
    return sum(p.stat().st_size for p in files), sum(len(gzip.compress(p.read_bytes())) for p in files)


def pagefind_line(site: Path, asked: list[tuple[str, str]], label: str) -> str:
    """Index size, cold-query download and known-item quality of the Pagefind index now in `site`."""
    results, transfer = run_pagefind(site, [q for _, q in asked])
    ranks = [rank_of([t for _, t in top], title) for (title, _), top in zip(asked, results)]
    shards, _ = folder_bytes(site / "pagefind", "*.pf_*")
    bundle, _ = folder_bytes(site / "pagefind")
    median = sorted(transfer)[len(transfer) // 2]
    return (f"{label}: bundle {bundle / 1e6:.2f} MB, index shards {shards / 1e6:.2f} MB; one cold query fetches "
            f"median {median / 1e3:.0f} KB, max {max(transfer) / 1e3:.0f} KB (js + wasm + shards)\n"
            f"{label}: {quality(ranks)}")


def json_line(pages: dict[str, tuple[str, str]], asked: list[tuple[str, str]]) -> str:
    raw, index = json_index(pages)
    titles = {u: t for u, (t, _) in pages.items()}
    ranks = [rank_of([titles[u] for u in bm25(index, q)], title) for title, q in asked]
    return (f"JSON index + BM25: {len(raw) / 1e6:.2f} MB ({len(gzip.compress(raw)) / 1e6:.2f} MB gzip), "
            f"downloaded whole before the first result\nJSON index + BM25: {quality(ranks)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--limit", type=int, default=1485)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--exclude", default="", help="also measure an index without these CSS selectors")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "content").mkdir()
        rows = write_articles(args.data, work / "content", args.limit)
        site = build(work, work / "content")
        pages = indexed_pages(site)
        asked = queries_for(rows, args.queries)
        print(f"articles {len(rows)}, indexed pages {len(pages)}, known-item queries {len(asked)}")
        print(pagefind_line(site, asked, "Pagefind"))
        print(json_line(pages, asked))
        if args.exclude:
            reindex(site, args.exclude)
            print(pagefind_line(site, asked, f"Pagefind without {args.exclude}"))


def reindex(site: Path, exclude: str) -> None:
    """Index again leaving out `exclude` (e.g. the article body), to see what it costs and buys."""
    import shutil
    import subprocess

    from newsdigest.site.search import pagefind_executable

    shutil.rmtree(site / "pagefind")
    subprocess.run([str(pagefind_executable()), "--site", str(site), "--keep-index-url", "--silent",
                    "--exclude-selectors", exclude], check=True)


if __name__ == "__main__":
    main()
