"""A whole site built from the 33 real feeds: each article page shows every sentence once, and every
generated key point links to the article sentence it came from and holds no word that sentence lacks."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from newsdigest.cli import main
from newsdigest.text.sentences import split_sentences

pytestmark = pytest.mark.shared_data
_WORDS = re.compile(r"\w+")


class _Page(HTMLParser):
    """The visible text of an article page's parts: headline, key points, summary, text sentences and links back."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headline = ""
        self.points: list[dict[str, str]] = []
        self.summary = ""
        self.sentences: dict[str, str] = {}     # id -> text of a sentence span in "From the article"
        self.backlinks: dict[str, str] = {}     # id -> href of a "shown above" link
        self.text_parts: list[str] = []         # every visible text run of the text section
        self._stack: list[tuple[str, dict[str, str]]] = []
        self._in_text = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {key: value or "" for key, value in attrs}
        if tag == "section" and "body-text" in attributes.get("class", ""):
            self._in_text = True
        if tag == "li" and attributes.get("id", "").startswith("kp"):
            self.points.append({"id": attributes["id"], "text": "", "href": ""})
        if tag == "a" and "source-link" in attributes.get("class", "") and self.points:
            self.points[-1]["href"] = attributes.get("href", "")
        if tag == "a" and "shown-above" in attributes.get("class", ""):
            self.backlinks[attributes["id"]] = attributes.get("href", "")
        if tag == "span" and "sentence" in attributes.get("class", ""):
            self.sentences[attributes["id"]] = ""
        self._stack.append((tag, attributes))

    def handle_endtag(self, tag: str) -> None:
        while self._stack:
            if self._stack.pop()[0] == tag:
                break
        if tag == "section":
            self._in_text = False

    def handle_data(self, data: str) -> None:
        if not self._stack:
            return
        tag, attributes = self._stack[-1]
        classes = attributes.get("class", "")
        if tag == "h1":
            self.headline += data
        elif tag == "li" and attributes.get("id", "").startswith("kp"):
            self.points[-1]["text"] += data
        elif tag == "p" and "summary" in classes:
            self.summary += data
        elif tag == "span" and "sentence" in classes:
            self.sentences[attributes["id"]] += data
        if self._in_text and tag in ("p", "span") and "credit" not in classes:
            self.text_parts.append(data)


def _normal(text: str) -> str:
    return " ".join(_WORDS.findall(text.lower()))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> Path:
    root = tmp_path_factory.mktemp("realfeeds")
    feeds = sorted((shared_data / "feeds").glob("*.xml"))
    assert len(feeds) == 33
    config = {"site": {"title": "Real feeds"}, "feeds": [{"name": p.stem, "url": str(p)} for p in feeds],
              "search": False}
    (root / "config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    assert main(["--config", str(root / "config.yaml"), "--output", str(root / "out")]) == 0
    return root / "out"


def _pages(site: Path) -> list[tuple[Path, _Page]]:
    pages = []
    for path in sorted((site / "articles").glob("*/index.html")):
        page = _Page()
        page.feed(path.read_text(encoding="utf-8"))
        pages.append((path, page))
    assert len(pages) > 900
    return pages


def test_no_article_page_shows_a_sentence_twice(site: Path) -> None:
    repeats = {}
    for path, page in _pages(site):
        shown = [point["text"] for point in page.points] + split_sentences(page.summary)
        shown += split_sentences(" ".join(" ".join(page.text_parts).split()))
        normals = [_normal(sentence) for sentence in shown if len(_normal(sentence).split()) >= 4]
        twice = {sentence for sentence in normals if normals.count(sentence) > 1}
        if twice:
            repeats[path.parent.name] = sorted(twice)
    assert repeats == {}


def test_generated_key_points_link_to_their_source_and_only_delete_words(site: Path) -> None:
    linked = added = 0
    broken: list[str] = []
    for path, page in _pages(site):
        for point in page.points:
            href = point["href"]
            if not href:
                continue
            linked += 1
            target = href.removeprefix("#")
            if target in page.backlinks:
                # The sentence is the key point word for word, so the text links back instead of repeating it.
                assert page.backlinks[target] == f"#{point['id']}", (path, point)
                continue
            assert target in page.sentences, (path, point)
            source = set(_WORDS.findall(page.sentences[target].lower()))
            extra = set(_WORDS.findall(point["text"].lower())) - source
            if extra:
                added += 1
                broken.append(f"{path.parent.name}: {sorted(extra)} in {point['text']!r}")
    assert broken == []
    assert added == 0
    assert linked > 500  # most real items carry generated key points with a source on the page
