"""The one stemmer keywords, topics and stories share (text/stem.py)."""
from __future__ import annotations

from newsdigest.text.stem import stem


def test_possessives_and_plurals_fold_and_case_is_kept() -> None:
    assert [stem(w) for w in ("Russia's", "companies", "Companies", "taxes", "churches", "votes", "Smiths'")] == [
        "Russia", "company", "Company", "tax", "church", "vote", "Smith"]


def test_words_whose_s_is_no_plural_stay() -> None:
    assert [stem(w) for w in ("press", "virus", "analysis", "bus", "gas")] == ["press", "virus", "analysis", "bus",
                                                                              "gas"]


def test_verb_endings_fold_only_when_asked_so_topic_terms_keep_them() -> None:
    assert stem("killing") == "killing"
    assert {stem(w, verbs=True) for w in ("killing", "killed", "kills", "kill")} == {"kill"}
    assert {stem(w, verbs=True) for w in ("stabbed", "stabbing", "stab")} == {"stab"}
    assert {stem(w, verbs=True) for w in ("terrorist", "terrorism")} == {"terror"}
    assert stem("raised", verbs=True) == stem("raise", verbs=True)
