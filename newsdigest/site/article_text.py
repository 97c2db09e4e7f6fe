"""The article page's text parts: key points that link to their source sentence, each sentence shown once.

Provenance: the article text is rendered sentence by sentence, each in a span with an in-page id
("s12", the sentence's position in text.document.analyse), and every generated key point links to the
sentence it was made from, so a reader can check it (the stylesheet marks the followed sentence).

Each piece of text once: the page shows key points, then the summary, then the article text. A
summary sentence already shown as a key point is left out of the summary; a sentence of the article
text already shown above (a key point or summary sentence word for word) is replaced by a short
link back to where it is shown, and keeps its anchor. When nothing but such links would remain,
the text section is left out (a teaser is all key point).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsdigest.model import Article, Extract
from newsdigest.text.document import analyse
from newsdigest.text.sentences import split_sentences
from newsdigest.text.spans import from_spans, locate

_NORMAL = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class PointView:
    """One key point as the article page shows it: its text, its own id and the sentence it links to."""

    text: str
    id: str            # "kp1", … (the text section links back here)
    href: str = ""     # "#s12" for a generated key point whose source sentence is on the page


@dataclass(frozen=True)
class Segment:
    """A run of article text: a sentence with its anchor, plain text between sentences, or a link back."""

    text: str
    anchor: str = ""   # "s12" for a sentence of the analysed text
    back: str = ""     # "#kp1" / "#summary-heading" when the sentence is shown above instead


@dataclass(frozen=True)
class ArticleText:
    """Everything the key-point, summary and text sections of an article page render."""

    points: tuple[PointView, ...]
    summary: str
    paragraphs: tuple[tuple[Segment, ...], ...]


def normal(text: str) -> str:
    """A sentence compared as a reader sees it: case, spacing and punctuation ignored."""
    return _NORMAL.sub(" ", text.lower()).strip()


def article_text(article: Article, extract: Extract) -> ArticleText:
    """The key points, summary and text of one article page, with anchors and without repeats.

    The sentences come from the spans the analyse stage stored with the extract (`sentence_spans`);
    only an extract made without them (a test's, or an older record's) analyses the text again.
    """
    if extract.sentence_spans is None:
        sentences = [sentence.text for sentence in analyse(article.title, article.text).sentences]
        spans = locate(article.text, sentences)
    else:
        sentences, spans = from_spans(article.text, extract.sentence_spans)
    sources = extract.key_point_sources if extract.key_points_generated else ()
    shown: dict[str, str] = {}
    points = []
    for number, text in enumerate(extract.key_points, start=1):
        point_id = f"kp{number}"
        shown.setdefault(normal(text), f"#{point_id}")
        source = sources[number - 1] if number - 1 < len(sources) else -1
        points.append(PointView(text, point_id, f"#s{source}" if source in spans else ""))
    summary = _summary(extract, sentences, shown)
    for sentence in summary:
        shown.setdefault(normal(sentence), "#summary-heading")
    paragraphs = _paragraphs(article.text, sentences, spans, shown)
    if not paragraphs:
        points = [PointView(point.text, point.id) for point in points]  # the text section they pointed into is gone
    return ArticleText(tuple(points), " ".join(summary), paragraphs)


def _summary(extract: Extract, sentences: Sequence[str], shown: dict[str, str]) -> list[str]:
    """The summary's sentences less those a key point already shows (word for word, or shortened from it)."""
    if extract.summary_generated and extract.summary_sources:
        used = set(extract.key_point_sources) if extract.key_points_generated else set()
        picked = [sentences[p] for p in extract.summary_sources if p < len(sentences) and p not in used]
    else:
        picked = split_sentences(extract.summary)
    return [sentence for sentence in picked if normal(sentence) not in shown]


def _paragraphs(text: str, sentences: Sequence[str], spans: dict[int, tuple[int, int]],
                shown: dict[str, str]) -> tuple[tuple[Segment, ...], ...]:
    """The text's paragraphs (blank-line separated) as segments; () when nothing new would be shown."""
    result: list[tuple[Segment, ...]] = []
    ordered = sorted(spans.items(), key=lambda item: item[1])
    start = 0
    fresh = False
    for block in text.split("\n\n"):
        end = start + len(block)
        segments: list[Segment] = []
        cursor = start
        for position, (begin, stop) in ordered:
            if begin < start or stop > end:
                continue
            segments.extend(_plain(text[cursor:begin], shown))
            back = shown.get(normal(sentences[position]), "")
            segments.append(Segment("" if back else text[begin:stop], f"s{position}", back))
            fresh = fresh or not back
            cursor = stop
        segments.extend(_plain(text[cursor:end], shown))
        fresh = fresh or any(segment.text.strip() for segment in segments if not segment.anchor)
        if any(segment.text.strip() or segment.back for segment in segments):
            result.append(tuple(segments))
        start = end + 2
    return tuple(result) if fresh else ()


def _plain(text: str, shown: dict[str, str]) -> list[Segment]:
    """Text between analysed sentences (a dateline, a line analysis skipped), less what is shown above."""
    if not normal(text):
        return [Segment(" ")] if text else []
    kept = [sentence for sentence in split_sentences(text) if normal(sentence) not in shown]
    return [Segment(" " + " ".join(kept) + " ")] if kept else [Segment(" ")]
