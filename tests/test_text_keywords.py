"""Keywords: characteristic names and terms for tags and related articles."""
from __future__ import annotations

from newsdigest.text.document import analyse
from newsdigest.text.keywords import MAX_KEYWORDS, MIN_KEYWORDS, keywords
from newsdigest.text.wordlists import STOPWORDS

SENTENCES = [
    "Apple unveiled a new iPhone in Cupertino on Tuesday, betting that better cameras will lift sales.",
    "Tim Cook said the iPhone cameras were the best the company had ever built.",
    "Analysts expect iPhone sales to rise in China, where Apple has lost ground to Huawei.",
    "Huawei's phones have won buyers with cheaper prices and strong cameras.",
    "Apple shares rose 2% after the launch event in Cupertino.",
]
TEXT = "\n".join(SENTENCES)


def test_between_five_and_eight_keywords() -> None:
    assert MIN_KEYWORDS <= len(keywords(analyse("", TEXT))) <= MAX_KEYWORDS


def test_repeated_names_and_terms_come_first() -> None:
    found = keywords(analyse("", TEXT))
    assert found[0] == "Apple" and {"iPhone", "cameras"} <= set(found[:5])
    assert "Huawei" in found and "Tim Cook" in found


def test_possessive_is_folded_into_the_name() -> None:
    assert "Huawei's" not in keywords(analyse("", TEXT))


def test_no_stopwords_and_no_repeats() -> None:
    found = keywords(analyse("", TEXT))
    assert not any(word.lower() in STOPWORDS for word in found)
    assert len({word.lower() for word in found}) == len(found)


def test_other_languages_give_keywords_without_crashing() -> None:
    text = "Die Regierung in Berlin plant neue Steuern. Die Regierung will die Steuern im Mai erhöhen."
    assert "Berlin" in keywords(analyse("", text))


def test_possessive_inside_a_name_is_kept() -> None:
    text = "Angie's List sold its contractors business. Angie's List said buyers paid $10m. The sale closed."
    assert "Angie's List" in keywords(analyse("", text))


def test_a_demonym_is_folded_into_its_place_because_one_place_needs_one_tag() -> None:
    text = ("Russia said the talks in Geneva were useful. Russian diplomats met officials from Ukraine. "
            "Ukrainian officials said Russia had moved troops. Russian troops stayed near the border. "
            "Ukraine asked Geneva for more talks.")
    found = keywords(analyse("", text))
    assert "Russia" in found and "Ukraine" in found
    assert "Russian" not in found and "Ukrainian" not in found


def test_plain_words_are_not_folded_like_demonyms_because_a_plane_is_no_plan() -> None:
    text = ("The airline unveiled a plan to buy a bigger plane. The plane seats 400 passengers. "
            "The plan needs approval from regulators. Regulators will inspect the plane in Toulouse.")
    found = keywords(analyse("", text))
    assert "plan" in found and "plane" in found


def test_generic_words_are_no_tags_because_every_article_repeats_them() -> None:
    text = ("People in Leeds queued for the best seats at the new arena. The arena seats 13,000 people. "
            "Fans said the best view was from the upper tier. The arena cost £60m to build.")
    found = keywords(analyse("", text))
    assert "arena" in found and "Leeds" in found
    assert "people" not in found and "best" not in found
