"""One analysis per article: the article page's text parts come from the sentence spans the analyse
stage stored with the extract, and they are exactly what analysing the text again would give."""
from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

from site_sample import sample_settings

from newsdigest import analyse as analyse_module
from newsdigest.model import Article
from newsdigest.site.article_text import article_text
from newsdigest.urls import article_id

WHEN = datetime(2026, 11, 20, tzinfo=timezone.utc)
TEXTS = [
    # A dateline analysis drops, a glued caption that gets its own full stop, a no-break space that makes
    # a sentence differ from the text, a repeated sentence, a teaser, and an empty body.
    ("LONDON (Reuters) - The council approved the plan on Monday. It costs 3 million pounds.\n\n"
     "Residents said the plan was overdue. The council approved the plan on Monday."),
    ("Photo: the new bridge at dawn\nThe bridge opened to traffic on Friday after two years of work. "
     "Engineers said it would carry 40,000 cars a day."),
    "A glued caption\nThe mayor resigned on Tuesday. Her deputy takes over",
    "The bank raised rates\xa0by half a point. Markets fell 2% on the news. Analysts expect one more rise.",
    "Short teaser about the match.",
    "",
]


def _articles() -> list[Article]:
    return [Article(id=article_id(f"https://a.example/{n}"), title=f"Story {n}", text=text, published=WHEN,
                    source="A", url=f"https://a.example/{n}") for n, text in enumerate(TEXTS)]


def test_the_page_text_from_stored_spans_equals_a_fresh_analysis(tmp_path: Path) -> None:
    settings = sample_settings(tmp_path)
    worked = analyse_module._analyse_chunk(_articles(), settings)
    for article, (extract, _) in zip(_articles(), worked):
        assert extract.sentence_spans is not None
        fresh = article_text(article, replace(extract, sentence_spans=None))   # analyses the text again
        # Through the archive: the record is stored as JSON and read back.
        stored = analyse_module._from_dict(json.loads(json.dumps(analyse_module._to_dict(extract))))
        assert stored == extract
        assert article_text(article, extract) == fresh
        assert article_text(article, stored) == fresh
