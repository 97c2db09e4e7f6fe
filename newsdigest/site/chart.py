"""Articles per day as plain numbers and bar geometry; the template draws the SVG (no JavaScript)."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

WIDTH = 280
HEIGHT = 64
GAP = 4


@dataclass(frozen=True)
class Bar:
    day: date
    count: int
    x: int
    y: int
    width: int
    height: int


@dataclass(frozen=True)
class DailyChart:
    bars: tuple[Bar, ...]
    total: int
    peak: int
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def first(self) -> date:
        return self.bars[0].day

    @property
    def last(self) -> date:
        return self.bars[-1].day


def daily_chart(days_of_articles: Iterable[date], end: date, days: int = 14) -> DailyChart:
    """Counts for the `days` days ending on `end` (site time zone), scaled to the tallest day."""
    counts = Counter(days_of_articles)
    span = [end - timedelta(days=offset) for offset in range(days - 1, -1, -1)]
    peak = max((counts[d] for d in span), default=0)
    slot = WIDTH // days
    bars = []
    for index, day in enumerate(span):
        count = counts[day]
        # A one-pixel stub keeps empty days visible as "zero", not as missing data.
        height = max(1, round((HEIGHT - 2) * count / peak)) if peak else 1
        bars.append(Bar(day, count, index * slot + GAP // 2, HEIGHT - height, slot - GAP, height))
    return DailyChart(tuple(bars), sum(counts[d] for d in span), peak)
