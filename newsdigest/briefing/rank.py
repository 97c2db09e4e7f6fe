"""How important a story is, as a rule a reader can check, and its "developing" / "new" marks.

Order, most important first:

1. outlets     distinct outlets covering the story (outlets.py): one outlet's many feeds and reports count once;
2. day         the day of its latest report, newest first;
3. dated       a story with a dated report beats one whose reports carry no date (shown with the day
               they were first seen): an undated item cannot prove it is today's news;
4. latest      the time of its latest report, newest first;
5. topic       the strongest topic score among its reports, squashed to 0..1 as s / (1 + s);
6. id          so the order is the same on every build.

Marks: *developing* when DEVELOPING_REPORTS or more reports came in during the DEVELOPING_HOURS
before the edition's time (a story still growing); *new* when every report came in since the
previous edition (the start of the edition's day): the reader has not seen it before.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from newsdigest.model import Analysed, Story

DEVELOPING_REPORTS = 3
DEVELOPING_HOURS = 6.0


@dataclass(frozen=True)
class Importance:
    """What the ranking rule reads from one story."""

    story_id: str
    outlets: int
    reports: int
    latest: datetime           # newest report
    dated: bool                # at least one report carried its own date
    topic_weight: float
    developing: bool
    new: bool

    def sort_key(self, zone: tzinfo) -> tuple[int, int, bool, float, float, str]:
        """Most important first when sorted ascending (the rule in the module docstring)."""
        day = self.latest.astimezone(zone).date().toordinal()
        return (-self.outlets, -day, not self.dated, -self.latest.timestamp(), -self.topic_weight, self.story_id)


def importance(story: Story, items: Mapping[str, Analysed], outlets_by_id: Mapping[str, frozenset[str]],
               edition_time: datetime, zone: tzinfo) -> Importance:
    """The ranking facts of one story as of `edition_time` (the build time, or the end of an edition's day)."""
    members = [items[m] for m in story.members if m in items]
    outlets: set[str] = set()
    for member in members:
        outlets |= outlets_by_id.get(member.id, frozenset())
    times = [m.article.published for m in members]
    strongest = max((t.score for m in members for t in m.topics), default=0.0)
    recent_from = edition_time - timedelta(hours=DEVELOPING_HOURS)
    day_start = edition_time.astimezone(zone).replace(hour=0, minute=0, second=0, microsecond=0)
    return Importance(
        story_id=story.id,
        outlets=len(outlets),
        reports=len(members),
        latest=max(times),
        dated=any(m.article.dated for m in members),
        topic_weight=strongest / (1.0 + strongest) if strongest > 0 else 0.0,
        developing=sum(recent_from < t <= edition_time for t in times) >= DEVELOPING_REPORTS,
        new=all(_arrived(m) >= day_start for m in members),
    )


def _arrived(item: Analysed) -> datetime:
    """When the reader could first have seen a report: its first sighting, else its date."""
    return item.article.first_seen or item.article.published


def rank_stories(
    stories: Sequence[Story], items: Mapping[str, Analysed], outlets_by_id: Mapping[str, frozenset[str]],
    edition_time: datetime, zone: tzinfo,
) -> list[tuple[Story, Importance]]:
    """Stories with their importance, most important first (`outlets_by_id` from outlets.outlet_map)."""
    scored = [(story, importance(story, items, outlets_by_id, edition_time, zone)) for story in stories]
    return sorted(scored, key=lambda pair: pair[1].sort_key(zone))
