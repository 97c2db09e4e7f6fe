"""Does a small story report the bigger story's event, or another event with the same names?

Two events about one person or place share their names and much of their wording: Trump's
arraignment and his campaign's fundraising off a fake mugshot the same day share "Donald
Trump", "former president", "Manhattan", "court". What tells them apart is the words other
than the names: reports of one happening describe it with the same event words, while a
neighbouring event brings its own ("mugshot", "t-shirts", "fundraise", "email").
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

EVENT_KNOWN_SHARE = 0.35   # share of a group's shared event words (names left out) its story must use for the group to join it


def event_words_known(
    group: Sequence[int], story: Sequence[int], vectors: Sequence[dict[str, float]], concepts: Sequence[dict[str, str]]
) -> bool:
    """Are enough of the words two or more members of `group` use, names left out, used in `story`?

    Names are the words that are part of a name in a member's text (its concepts): they say who, and
    the same who is in many events; the rest say what happened.
    """
    counts = Counter(term for i in group for term in vectors[i] if " " not in term)
    shared = [term for term, count in counts.items() if count >= 2 and not any(term in concepts[i] for i in group)]
    known = {term for i in story for term in vectors[i]}
    return sum(term in known for term in shared) >= EVENT_KNOWN_SHARE * len(shared)
